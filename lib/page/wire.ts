import { autofillDocument, isOurDispatch, MARK_ATTR, observeAutofill, undoAutofill } from '../autofill';
import { hostMatchesDomain } from '../domain';
import { discoverFromLinks, startJourneyPage } from '../journey';
import { contentMessenger, tabMessenger, type FillData } from '../messaging';
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
  await parsed(doc);
  return startTaskPage({
    doc,
    isTop,
    getFillData: data.get,
    getPanelSetup: () => contentMessenger.sendMessage('getPanelSetup'),
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
