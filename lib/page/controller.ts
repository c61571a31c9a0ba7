import { isPanelSeen, type AutofillResult } from '../autofill';
import type { JourneyPage } from '../journey';
import type { FillData, FillReport, PageFillData, TotpNow } from '../messaging';
import type { createPanel, Panel, PanelOptions, PanelText } from '../panel';
import type { PanelPrefs } from '../settings';
import { oneTimeCodeOnDemand } from './one-time-code';

/** What the content script wires in (messaging, the autofill engine). */
export interface TaskPageDeps {
  doc: Document;
  /** Only the top frame shows the panel. */
  isTop: boolean;
  getFillData(): Promise<FillData | null>;
  /** The current one-time code, asked only while the page shows a code field (./one-time-code). */
  getOneTimeCode?(): Promise<TotpNow | null>;
  getPanelSetup(): Promise<{ text: PanelText; prefs: PanelPrefs }>;
  /** lib/panel's `createPanel`, here once the panel's setup is (the content script loads it after the first fill). */
  createPanel: typeof createPanel;
  savePanelPrefs(prefs: PanelPrefs): Promise<unknown>;
  openPopup(): Promise<unknown>;
  /** Registers the answer to the background's `fillNow`. */
  onFillNow(handler: () => Promise<FillReport | null>): () => void;
  /** Called when the active task may have changed (the background's `taskChanged`). */
  onTaskChange(listener: () => void): () => void;
  /** The journey's part in this page (top frame of the task's site); null where it has none. */
  startJourney?: (first: FillData) => JourneyPage | null;
  /** Registers the answer to the background's `navigate` (the popup's go-profile-editor). */
  onNavigate?: (handler: (url: string) => { done: boolean; reason?: 'unsaved' }) => () => void;
  autofill: {
    autofillDocument(doc: Document, data: PageFillData, opts?: { force?: boolean }): AutofillResult;
    observeAutofill(doc: Document, getData: () => Promise<PageFillData | null>, onResult: (r: AutofillResult) => void): () => void;
    undoAutofill(doc: Document): number;
  };
  panelOptions?: Partial<PanelOptions>;
}

export interface TaskPage {
  /** Resolves once the panel is shown (null in frames, or when the setup could not be had). */
  panel: Promise<Panel | null>;
  stop(): void;
}

/** An embedded frame smaller than this is no place for a login a person could see (DESIGN "Frames"). */
export const MIN_FRAME_WIDTH = 100;
export const MIN_FRAME_HEIGHT = 50;

function frameUsable(doc: Document): boolean {
  const win = doc.defaultView;
  return !!win && win.innerWidth >= MIN_FRAME_WIDTH && win.innerHeight >= MIN_FRAME_HEIGHT;
}

function toReport(doc: Document, r: AutofillResult): FillReport {
  return { url: doc.location?.href ?? '', filled: r.filled.length, skipped: r.notFilled.map((n) => n.reason) };
}

/**
 * One page of the task's site (or Google's sign-in): asks the background for
 * its data and does nothing at all when there is none; fills automatically or
 * on request; shows the panel in the top frame; stops when the task ends.
 * The first fill never waits for the panel (its code and sentences arrive in parallel); only the
 * password, the code and the submit wait until the panel is placed.
 */
export async function startTaskPage(deps: TaskPageDeps): Promise<TaskPage | null> {
  const { doc, autofill } = deps;
  // A frame (already checked by the background against the tab's top page) must also be visible at a usable size.
  if (!deps.isTop && !frameUsable(doc)) return null;
  const first = await deps.getFillData().catch(() => null);
  if (!first) return null;

  let stopped = false;
  let ended = false;
  let stopObserver: (() => void) | null = null;
  let panel: Panel | null = null;
  let lastResult: AutofillResult | null = null;
  const cleanups: (() => void)[] = [];

  const journey = deps.isTop ? (deps.startJourney?.(first) ?? null) : null;
  const code = oneTimeCodeOnDemand(deps.getFillData, deps.getOneTimeCode);
  // DESIGN "Fill policy", visibility: the panel counts as covering. Until it is placed (its code
  // comes after the first pass) nobody knows what it will cover, so a pass writes no password and
  // no code and submits nothing; the pass after its placement does (the hit test then sees it).
  let panelPlaced = !deps.isTop;
  let heldBack = false;
  const show = (r: AutofillResult) => {
    // A login or a code page passed over before the panel was placed: its secrets were held back.
    if (!panelPlaced && (r.page === 'login' || r.page === 'otp' || r.codeField)) heldBack = true;
    code.seen(r);
    lastResult = r;
    panel?.update(r);
    journey?.onFill(r.page, { bioWaits: !!r.bioWaits });
  };

  const getData = async (): Promise<PageFillData | null> => {
    const data = await code.getData();
    return data && !panelPlaced ? withoutSecrets(data) : data;
  };

  const pass = async (force: boolean): Promise<AutofillResult | null> => {
    const data = await getData().catch(() => null);
    if (!data || stopped) return null;
    let r = autofill.autofillDocument(doc, data, { force });
    code.seen(r);
    if (code.wantsCode(r, data)) {
      const withCode = await getData().catch(() => null);
      if (withCode && !stopped) r = autofill.autofillDocument(doc, withCode, { force });
    }
    show(r);
    return r;
  };

  const fillNow = async (): Promise<FillReport | null> => {
    if (stopped) return null;
    // The worker's own request: with the panel in place, so a field under it is not filled.
    await panelReady;
    const r = await pass(true);
    return r && toReport(doc, r);
  };

  const panelReady: Promise<Panel | null> = deps.isTop
    ? deps.getPanelSetup().then(
        ({ text, prefs }) => {
          if (stopped && !ended) return null;
          panel = deps.createPanel(
            { doc, text, prefs, domain: first.domain, scope: first.scope, insecure: doc.location?.protocol === 'http:', isSeen: isPanelSeen, ...deps.panelOptions },
            {
              fillAgain: fillNow,
              undo: () => autofill.undoAutofill(doc),
              openPopup: () => deps.openPopup().catch(() => undefined),
              savePrefs: (p) => deps.savePanelPrefs(p).catch(() => undefined),
            },
          );
          if (lastResult) panel.update(lastResult);
          if (ended) panel.ended();
          return panel;
        },
        () => null,
      )
    : Promise.resolve(null);

  function stop(removePanel = true) {
    if (stopped) return;
    stopped = true;
    stopObserver?.();
    journey?.stop();
    for (const c of cleanups) c();
    if (removePanel) {
      panel?.destroy();
      panel = null;
    }
  }

  cleanups.push(deps.onFillNow(fillNow));
  if (journey && deps.onNavigate) cleanups.push(deps.onNavigate((url) => journey.navigate(url)));
  cleanups.push(
    deps.onTaskChange(() => {
      // A refusal means this frame has no task any more, like an empty answer.
      void deps
        .getFillData()
        .catch(() => null)
        .then((data) => {
          // The task ended (reported from the popup, by shortcut, or dropped): stop filling, say so.
          if (!data || data.taskId !== first.taskId) {
            ended = true;
            stop(false);
            panel?.ended();
          }
        });
    }),
  );

  if (first.autofillMode === 'auto') stopObserver = autofill.observeAutofill(doc, getData, show);
  if (deps.isTop) {
    void panelReady.then(() => {
      panelPlaced = true;
      // The pass that brings what the earlier ones held back (a profile page's first pass stands).
      if (heldBack && !stopped && first.autofillMode === 'auto') void pass(false);
    });
  }

  return { panel: panelReady, stop: () => stop(true) };
}

/** The fill data with nothing secret in it and nothing to submit (a pass before the panel is placed). */
function withoutSecrets(data: PageFillData): PageFillData {
  const { totp: _code, ...rest } = data;
  return { ...rest, password: '', hasOneTimeCode: false, autoSubmitLogin: false };
}
