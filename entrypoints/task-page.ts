import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runTaskPage } from '../lib/page';

/**
 * The task page's content script, registered at run time by the background
 * for the active task's domain only, at document_start (lib/background
 * `syncContentScripts`). A plain script rather than a WXT content script:
 * WXT's wrapper (its context object and the browser polyfill, 12.7 kB of the
 * 90 kB parsed into every task page) is not needed, the messaging uses
 * `chrome.*` directly, and its "script started" postMessage told every page
 * that the extension was there.
 */
export default defineUnlistedScript(() => {
  // Registration and injection into open tabs can both reach one page: run once.
  const flag = Symbol.for('entity-connect.task-page');
  const scope: Record<symbol, boolean | undefined> = globalThis;
  if (scope[flag]) return;
  scope[flag] = true;
  void runTaskPage(document, window.top === window).then((page) => {
    if (!page) scope[flag] = false;
  });
});
