export { createPanel, DEFAULT_PANEL_PREFS } from './view';
export type { Panel, PanelActions, PanelOptions, PanelPrefs } from './view';
export { startTaskPage, MIN_FRAME_WIDTH, MIN_FRAME_HEIGHT } from './controller';
export type { TaskPage, TaskPageDeps } from './controller';
export { chooseCorner, nearestCorner, rectAt, overlaps, CORNERS, type Corner, type Rect } from './placement';
export { summarise, type PassSummary } from './summary';
export { format, type PanelKey, type PanelText } from './text';
