import { autofillDocument, isOurDispatch, MARK_ATTR, observeAutofill, undoAutofill } from '../autofill';
import { hostMatchesDomain } from '../domain';
import { discoverFromLinks, startJourneyPage } from '../journey';
import { contentMessenger, tabMessenger, type FillData } from '../messaging';
import { startTaskPage, type TaskPage } from './controller';

/** The task page with the real messengers (the content script's whole job). */
export function runTaskPage(doc: Document, isTop: boolean): Promise<TaskPage | null> {
  return startTaskPage({
    doc,
    isTop,
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
  const onTaskHost = (url: string) => {
    try {
      return hostMatchesDomain(new URL(url).hostname, first.domain, first.hostReach);
    } catch {
      return false;
    }
  };
  return {
    doc,
    send: (event) => contentMessenger.sendMessage('journeyEvent', event),
    discover: (d) => discoverFromLinks(d, { onTaskHost, userName: first.username }),
    links: first.links,
    journey: first.journey,
    isOurDispatch,
    markAttr: MARK_ATTR,
  };
}
