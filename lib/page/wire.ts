import { autofillDocument, isOurDispatch, MARK_ATTR, observeAutofill, undoAutofill } from '../autofill';
import { showsSignedIn, startJourneyPage } from '../journey';
import { contentMessenger, tabMessenger, type FillData } from '../messaging';
import type { createPanel } from '../panel';
import { readApiProbes, readSignals, type SignalRequest } from '../platforms/signals';
import { startTaskPage, type TaskPage } from './controller';
import { fillDataCache } from './data';

/** Resolves once the document is parsed (at once when it already is). */
function parsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/**
 * The task page with the real messengers (the content script's whole job).
 * Runs from document_start: the data is asked for at once (top frame; a frame
 * asks once its size is known to be usable), so it is here by the time the
 * document is parsed, and the first pass runs then, not at document_idle.
 */
export async function runTaskPage(doc: Document, isTop: boolean): Promise<TaskPage | null> {
  const data = fillDataCache(() => contentMessenger.sendMessage('getFillData'));
  if (isTop) void data.get().catch(() => null);
  // An instance left behind by an update or reload of the extension can no longer reach the
  // background: it stops at its next pass, before filling from its cache. (No event tells the
  // page's other instances: page scripts would see it, and learn the extension is there.)
  let page: TaskPage | null = null;
  const orphaned = () => !(globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id;
  await parsed(doc);
  page = await startTaskPage({
    doc,
    isTop,
    getFillData: () => {
      if (!orphaned()) return data.get();
      page?.stop();
      return Promise.resolve(null);
    },
    getOneTimeCode: () => contentMessenger.sendMessage('getOneTimeCode'),
    // The background answers once it ran the panel's code (/task-panel.js) in this frame.
    getPanelSetup: () =>
      contentMessenger.sendMessage('getPanelSetup').then((setup) => {
        if (!loadedPanel()) throw new Error('panel code not loaded');
        return setup;
      }),
    createPanel: (...args) => loadedPanel()!(...args),
    savePanelPrefs: (prefs) => contentMessenger.sendMessage('savePanelPrefs', prefs),
    openPopup: () => contentMessenger.sendMessage('openPopup'),
    onFillNow: (handler) => tabMessenger.onMessage('fillNow', handler),
    // Not the storage change events: they would hand every change of the extension's
    // local storage (the API key, the task's passwords) to this content script, and the
    // background denies content scripts that storage anyway. It tells us by message instead.
    onTaskChange: (listener) =>
      tabMessenger.onMessage('taskChanged', () => {
        data.invalidate();
        listener();
      }),
    onNavigate: (handler) => tabMessenger.onMessage('navigate', ({ data }) => handler(data.url)),
    startJourney: (first) => (first.scope === 'task' ? startJourneyPage(journeyDeps(doc, first)) : null),
    autofill: { autofillDocument, observeAutofill, undoAutofill },
  });
  return page;
}

/** lib/panel/load's `createPanel`, once /task-panel.js ran in this world (the key is lib/panel/load `PANEL_KEY`). */
function loadedPanel(): typeof createPanel | undefined {
  return (globalThis as Record<symbol, typeof createPanel | undefined>)[Symbol.for('entity-connect.panel')];
}

function journeyDeps(doc: Document, first: FillData): Parameters<typeof startJourneyPage>[0] {
  // What to read for recognition, asked once per page (the platform registry stays in the background).
  let request: Promise<SignalRequest | null> | null = null;
  return {
    doc,
    send: (event) => contentMessenger.sendMessage('journeyEvent', event),
    signals: async (d) => {
      request ??= contentMessenger.sendMessage('journeySignals').catch(() => null);
      const req = await request;
      return req ? readApiProbes(d, req, readSignals(d, req)) : null;
    },
    // The site's URLs are found in the background, from the signals (platform registry, then the page's links).
    discover: (d) => ({ signedIn: showsSignedIn(d) }),
    links: first.links,
    journey: first.journey,
    isOurDispatch,
    markAttr: MARK_ATTR,
  };
}
