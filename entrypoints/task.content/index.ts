import { defineContentScript } from 'wxt/utils/define-content-script';
import { runTaskPage } from '../../lib/page';

// Registered at run time by the background, for the active task's domain only.
export default defineContentScript({
  registration: 'runtime',
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    // Registration and injection into open tabs (a restarted background does it) can both reach
    // one page. WXT invalidates the older instance when a newer one starts: the newest runs alone.
    // (A "first one wins" flag would leave none running: the first is invalidated all the same.)
    void runTaskPage(document, window.top === window, () => ctx.isValid).then((page) => {
      if (!page) return;
      if (ctx.isValid) ctx.onInvalidated(() => page.stop());
      else page.stop();
    });
  },
});
