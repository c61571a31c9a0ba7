import { defineContentScript } from 'wxt/utils/define-content-script';
import { runTaskPage } from '../../lib/page';

// Registered at run time by the background, for the active task's domain only.
export default defineContentScript({
  registration: 'runtime',
  allFrames: true,
  // From the start of the document: the data request leaves at once and the first pass runs
  // when the document is parsed (lib/page/wire), well before document_idle.
  runAt: 'document_start',
  main(ctx) {
    // Registration and injection into open tabs can both reach one page: run once.
    const flag = Symbol.for('entity-connect.task-page');
    const scope: Record<symbol, boolean | undefined> = globalThis;
    if (scope[flag]) return;
    scope[flag] = true;
    void runTaskPage(document, window.top === window).then((page) => {
      if (page) ctx.onInvalidated(() => page.stop());
      else scope[flag] = false;
    });
  },
});
