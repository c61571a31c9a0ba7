export { createPanel } from './view';
export type { Panel, PanelActions, PanelOptions } from './view';
export { chooseCorner, nearestCorner, rectAt } from './placement';
export type { PanelText } from './text';
