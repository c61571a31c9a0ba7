import { autofillDocument, isOurDispatch, MARK_ATTR, observeAutofill, undoAutofill } from '../autofill';
import { showsSignedIn, startJourneyPage } from '../journey';
import { contentMessenger, tabMessenger, type FillData } from '../messaging';
import { readSignals, type SignalRequest } from '../platforms/signals';
import { startTaskPage, type TaskPage } from './controller';

/** The task page with the real messengers (the content script's whole job). */
export function runTaskPage(doc: Document, isTop: boolean, isCurrent?: () => boolean): Promise<TaskPage | null> {
  return startTaskPage({
    doc,
    isTop,
    ...(isCurrent && { isCurrent }),
    getFillData: () => contentMessenger.sendMessage('getFillData'),
    getOneTimeCode: () => contentMessenger.sendMessage('getOneTimeCode'),
    getPanelSetup: () => contentMessenger.sendMessage('getPanelSetup'),
    savePanelPrefs: (prefs) => contentMessenger.sendMessage('savePanelPrefs', prefs),
    openPopup: () => contentMessenger.sendMessage('openPopup'),
    onFillNow: (handler) => tabMessenger.onMessage('fillNow', handler),
    // Not the storage change events: they would hand every change of the extension's
    // local storage (the API key, the task's passwords) to this content script, and the
    // background denies content scripts that storage anyway. It tells us by message instead.
    onTaskChange: (listener) => tabMessenger.onMessage('taskChanged', () => listener()),
    onNavigate: (handler) => tabMessenger.onMessage('navigate', ({ data }) => handler(data.url)),
    startJourney: (first) => (first.scope === 'task' ? startJourneyPage(journeyDeps(doc, first)) : null),
    autofill: { autofillDocument, observeAutofill, undoAutofill },
  });
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
      return req ? readSignals(d, req) : null;
    },
    // The site's URLs are found in the background, from the signals (platform registry, then the page's links).
    discover: (d) => ({ signedIn: showsSignedIn(d) }),
    links: first.links,
    journey: first.journey,
    isOurDispatch,
    markAttr: MARK_ATTR,
  };
}
