import { defineContentScript } from 'wxt/utils/define-content-script';
import { autofillDocument, observeAutofill, undoAutofill } from '../../lib/autofill';
import { contentMessenger, tabMessenger } from '../../lib/messaging';
import { startTaskPage } from '../../lib/panel';

// Registered at run time by the background, for the active task's domain only.
export default defineContentScript({
  registration: 'runtime',
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    // Registration and injection into open tabs can both reach one page: run once.
    const flag = Symbol.for('entity-connect.task-page');
    const scope: Record<symbol, boolean | undefined> = globalThis;
    if (scope[flag]) return;
    scope[flag] = true;

    void startTaskPage({
      doc: document,
      isTop: window.top === window,
      getFillData: () => contentMessenger.sendMessage('getFillData'),
      getPanelSetup: () => contentMessenger.sendMessage('getPanelSetup'),
      savePanelPrefs: (prefs) => contentMessenger.sendMessage('savePanelPrefs', prefs),
      openPopup: () => contentMessenger.sendMessage('openPopup'),
      onFillNow: (handler) => tabMessenger.onMessage('fillNow', handler),
      // Not the storage change events: they would hand every change of the extension's
      // local storage (the API key, the task's passwords) to this content script, and the
      // background denies content scripts that storage anyway. It tells us by message instead.
      onTaskChange: (listener) => tabMessenger.onMessage('taskChanged', () => listener()),
      autofill: { autofillDocument, observeAutofill, undoAutofill },
    }).then((page) => {
      if (page) ctx.onInvalidated(() => page.stop());
      else scope[flag] = false;
    });
  },
});
