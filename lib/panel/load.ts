/**
 * Named entry of lib/panel: the panel as its own script (/task-panel.js,
 * entrypoints/task-panel.ts). The task page's content script fills first and
 * asks for the panel's setup; the background runs this script in that frame
 * before it answers, and it leaves `createPanel` in the content scripts'
 * world under PANEL_KEY (lib/page reads it there).
 */
import { createPanel } from './view';

/** Symbol.for: the same key in both scripts without the content script importing this file. */
export const PANEL_KEY = Symbol.for('entity-connect.panel');

export function installPanel(): void {
  (globalThis as Record<symbol, typeof createPanel | undefined>)[PANEL_KEY] = createPanel;
}
