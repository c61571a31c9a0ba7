export { createPanel } from './view';
export type { Panel, PanelActions, PanelOptions, PanelPrefs } from './view';
export { chooseCorner, nearestCorner, rectAt, type Corner } from './placement';
export type { PanelText } from './text';
