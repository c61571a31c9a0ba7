export { createPanel, DEFAULT_PANEL_PREFS } from './view';
export type { Panel, PanelActions, PanelOptions, PanelPrefs } from './view';
export { chooseCorner, nearestCorner, rectAt, overlaps, CORNERS, type Corner, type Rect } from './placement';
export { summarise, type PassSummary } from './summary';
export { format, type PanelKey, type PanelText } from './text';
