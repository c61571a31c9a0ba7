// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AutofillResult } from '../../../lib/autofill';
import { panelText } from '../../../lib/i18n';
import type { FillData, FillReport } from '../../../lib/messaging';
import { startTaskPage as start, type TaskPage, type TaskPageDeps } from '../../../lib/page';
import { createPanel } from '../../../lib/panel';
import { fillData } from './fill-data';

const pages: TaskPage[] = [];
async function startTaskPage(d: TaskPageDeps) {
  const page = await start(d);
  if (page) pages.push(page);
  return page;
}
afterEach(() => {
  for (const p of pages.splice(0)) p.stop();
});

const result: AutofillResult = { page: 'login', filled: [{ role: 'identifier', label: 'User', value: 'u' }], notFilled: [{ value: 'x', reason: 'no_field' }], submitted: false };

let current: FillData | null;
let fillNow: (() => Promise<FillReport | null>) | null;
let taskChanged: (() => void) | null;
let deps: TaskPageDeps;
let observed: ((r: AutofillResult) => void) | null;
/** The data getter the observer was given (what its passes fill with). */
let observedGet: (() => Promise<unknown>) | null;

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
  current = fillData();
  fillNow = null;
  taskChanged = null;
  observed = null;
  observedGet = null;
  deps = {
    doc: document,
    isTop: true,
    getFillData: vi.fn(async () => current),
    getPanelSetup: vi.fn(async () => ({ text: panelText('en'), prefs: { corner: 'br' as const, collapsed: false } })),
    createPanel,
    savePanelPrefs: vi.fn(async () => undefined),
    openPopup: vi.fn(async () => undefined),
    onFillNow: (h) => {
      fillNow = h;
      return () => (fillNow = null);
    },
    onTaskChange: (l) => {
      taskChanged = l;
      return () => (taskChanged = null);
    },
    autofill: {
      autofillDocument: vi.fn(() => result),
      observeAutofill: vi.fn((_doc, get, onResult) => {
        observedGet = get;
        observed = onResult;
        return vi.fn();
      }),
      undoAutofill: vi.fn(() => 1),
    },
  };
});

const host = () => document.querySelector('entity-connect-panel');

/** The panel's setup answers only when the returned function is called (its code arrives late). */
function placePanelLater(): () => void {
  let place!: () => void;
  const placed = new Promise<void>((r) => (place = r));
  deps.getPanelSetup = vi.fn(async () => {
    await placed;
    return { text: panelText('en'), prefs: { corner: 'br' as const, collapsed: false } };
  });
  return place;
}

describe('task page controller', () => {
  it('no password, code or submit before the panel is placed (it may cover a field); the pass after its placement brings them', async () => {
    const place = placePanelLater();
    current = fillData({ autoSubmitLogin: true });
    await startTaskPage(deps);
    expect(await observedGet!()).toMatchObject({ password: '', hasOneTimeCode: false, autoSubmitLogin: false, username: 'u' });
    observed!(result); // the observer's pass found the login
    expect(deps.autofill.autofillDocument).not.toHaveBeenCalled();
    place();
    await vi.waitFor(() => expect(deps.autofill.autofillDocument).toHaveBeenCalledWith(document, expect.objectContaining({ password: 'p', autoSubmitLogin: true }), { force: false }));
    expect(await observedGet!()).toMatchObject({ password: 'p', hasOneTimeCode: true });
  });

  it('a profile page passed over before the panel: nothing was held back, its pass stands (no second pass)', async () => {
    const place = placePanelLater();
    const page = await startTaskPage(deps);
    observed!({ ...result, page: 'profile' });
    place();
    await page!.panel;
    await new Promise((r) => setTimeout(r, 20));
    expect(deps.autofill.autofillDocument).not.toHaveBeenCalled();
  });

  it('a frame has no panel: its passes get the password at once', async () => {
    await startTaskPage({ ...deps, isTop: false });
    expect(await observedGet!()).toMatchObject({ password: 'p' });
  });

  it('no data for this page → nothing at all: no panel, no fill, no listeners', async () => {
    current = null;
    expect(await startTaskPage(deps)).toBeNull();
    expect(host()).toBeNull();
    expect(deps.autofill.observeAutofill).not.toHaveBeenCalled();
    expect(fillNow).toBeNull();
  });

  it('auto mode observes and fills; results reach the panel (and no message goes to the background)', async () => {
    const page = await startTaskPage(deps);
    // The observer gets the page's data through the one-time-code wrapper (lib/page/one-time-code): the same fill data.
    expect(deps.autofill.observeAutofill).toHaveBeenCalledWith(document, expect.any(Function), expect.any(Function));
    const getData = vi.mocked(deps.autofill.observeAutofill).mock.calls[0]![1];
    expect(await getData()).toEqual(current);
    vi.mocked(deps.getFillData).mockClear();
    // The first pass does not wait for the panel's sentences: a result before the panel exists is shown when it comes.
    observed!(result);
    expect((await page!.panel)!.root.textContent).toContain('Fields filled: 1');
    expect(host()).not.toBeNull();
    expect(deps.getPanelSetup).toHaveBeenCalledTimes(1);
    // No further getFillData went out: a pass reports to nobody who would not read it.
    expect(deps.getFillData).toHaveBeenCalledTimes(0);
  });

  it('manual mode fills only on fillNow (forced pass)', async () => {
    current = fillData({ autofillMode: 'manual' });
    await startTaskPage(deps);
    expect(deps.autofill.observeAutofill).not.toHaveBeenCalled();
    expect(await fillNow!()).toEqual({ url: document.location.href, filled: 1, skipped: ['no_field'] });
    expect(deps.autofill.autofillDocument).toHaveBeenCalledWith(document, current, { force: true });
  });

  it('frames other than the top one fill but show no panel', async () => {
    const page = await startTaskPage({ ...deps, isTop: false });
    expect(await page!.panel).toBeNull();
    expect(host()).toBeNull();
    expect(deps.autofill.observeAutofill).toHaveBeenCalled();
  });

  it('a frame too small to be seen (a 2×2 px trap) does nothing at all', async () => {
    const win = document.defaultView!;
    const size = { w: win.innerWidth, h: win.innerHeight };
    try {
      Object.defineProperty(win, 'innerWidth', { value: 2, configurable: true });
      Object.defineProperty(win, 'innerHeight', { value: 2, configurable: true });
      expect(await startTaskPage({ ...deps, isTop: false })).toBeNull();
      expect(deps.getFillData).not.toHaveBeenCalled();
      expect(deps.autofill.observeAutofill).not.toHaveBeenCalled();
      // the top page is judged by the visibility of its fields, not by the window size
      expect(await startTaskPage({ ...deps, isTop: true })).not.toBeNull();
    } finally {
      Object.defineProperty(win, 'innerWidth', { value: size.w, configurable: true });
      Object.defineProperty(win, 'innerHeight', { value: size.h, configurable: true });
    }
  });

  it('the task ending elsewhere stops filling and tells the worker', async () => {
    const stopObserver = vi.fn();
    deps.autofill.observeAutofill = vi.fn(() => stopObserver);
    const page = await startTaskPage(deps);
    current = null;
    taskChanged!();
    await vi.waitFor(() => expect(stopObserver).toHaveBeenCalled());
    expect((await page!.panel)!.root.textContent).toContain('The task has ended.');
    expect(await fillNow?.()).toBeUndefined(); // the fillNow listener was removed
  });

  it('the background refusing this frame after the task ended counts as the end too', async () => {
    const stopObserver = vi.fn();
    deps.autofill.observeAutofill = vi.fn(() => stopObserver);
    const page = await startTaskPage(deps);
    deps.getFillData = vi.fn(async () => {
      throw new Error('forbidden sender');
    });
    taskChanged!();
    await vi.waitFor(() => expect(stopObserver).toHaveBeenCalled());
    expect((await page!.panel)!.root.textContent).toContain('The task has ended.');
  });

  it('the panel saves the worker choices and opens the popup through the background', async () => {
    const page = await startTaskPage({ ...deps, panelOptions: { isTrusted: () => true, elementsFromPoint: () => [host()!] } });
    const panel = (await page!.panel)!;
    panel.root.querySelector<HTMLElement>('[data-testid="panel-collapse"]')!.click();
    expect(deps.savePanelPrefs).toHaveBeenCalledWith({ corner: 'br', collapsed: true });
    panel.root.querySelector<HTMLElement>('[data-testid="panel-open-popup"]')!.click();
    expect(deps.openPopup).toHaveBeenCalledTimes(1);
  });

  it('no panel sentences (the background refused): the page is still filled, without a panel', async () => {
    deps.getPanelSetup = vi.fn(async () => {
      throw new Error('forbidden sender');
    });
    const page = await startTaskPage(deps);
    expect(await page!.panel).toBeNull();
    expect(deps.autofill.observeAutofill).toHaveBeenCalled();
  });

  it('http pages get the warning', async () => {
    // happy-dom's default location is about:blank; the panel option decides.
    const page = await startTaskPage({ ...deps, panelOptions: { insecure: true } });
    const warn = (await page!.panel)!.root.querySelector<HTMLElement>('.warn')!;
    expect(warn.hidden).toBe(false);
  });
});
