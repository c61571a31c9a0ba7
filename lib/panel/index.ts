export { createPanel, MIN_VISIBLE_MS, CONFIRM_WINDOW_MS } from './panel';
export type { Panel, PanelActions, PanelOptions } from './panel';
export { startTaskPage } from './controller';
export type { TaskPage, TaskPageDeps } from './controller';
