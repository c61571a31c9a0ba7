import type { AutofillResult } from '../autofill';
import { describeError, FAIL_PRESETS, t, type Language } from '../i18n';
import type { ActionResult } from '../messaging';
import { FAIL_REASON_MAX } from './limits';
import { HOST_STYLE, PANEL_CSS } from './styles';

export interface PanelActions {
  fillAgain(): unknown;
  /** Returns how many fields were restored. */
  undo(): number;
  complete(): Promise<ActionResult>;
  fail(reason: string): Promise<ActionResult>;
}

export interface PanelOptions {
  doc?: Document;
  lang: Language;
  domain: string;
  scope: 'task' | 'gmail';
  /** Plain http page: say so. */
  insecure?: boolean;
  now?: () => number;
  /** Injected in tests (happy-dom has neither trusted events nor layout). */
  isTrusted?: (e: MouseEvent) => boolean;
  elementsFromPoint?: (x: number, y: number) => Element[];
}

export interface Panel {
  readonly host: HTMLElement;
  /** The closed shadow root (the page cannot get it; tests and the controller can). */
  readonly root: ShadowRoot;
  update(result: AutofillResult): void;
  message(text: string, kind?: 'info' | 'error'): void;
  /** The task ended (reported here, elsewhere, or dropped): actions go away. */
  ended(text?: string): void;
  destroy(): void;
}

/** A click on something the worker has seen for less than this is ignored (clickjacking). */
export const MIN_VISIBLE_MS = 500;
/** The confirming second click must come within this time of the first. */
export const CONFIRM_WINDOW_MS = 5000;
const LIST_MAX = 30;

const isNone = (v: string) => v === '' || v === 'none';
const isOne = (v: string) => v === '' || v === '1';

/**
 * The in-page panel: framework-free DOM in a closed shadow root on <html>.
 *
 * A page must not be able to make the worker act without knowing it (the 2025
 * DOM-based extension clickjacking attacks): every action needs a trusted
 * click, on a panel that is on top at that point, not made transparent or
 * transformed by the page, visible for at least MIN_VISIBLE_MS, and
 * complete/fail need a second confirming click.
 */
export function createPanel(opts: PanelOptions, actions: PanelActions): Panel {
  const doc = opts.doc ?? document;
  const win = doc.defaultView ?? window;
  const now = opts.now ?? (() => performance.now() + performance.timeOrigin);
  const isTrusted = opts.isTrusted ?? ((e: MouseEvent) => e.isTrusted);
  const elementsFromPoint = opts.elementsFromPoint ?? ((x: number, y: number) => (doc.elementsFromPoint ? doc.elementsFromPoint(x, y) : []));
  const lang = opts.lang;

  const host = doc.createElement('entity-connect-panel');
  const applyHostStyle = () => {
    for (const [k, v] of Object.entries(HOST_STYLE)) host.style.setProperty(k, v, 'important');
  };
  applyHostStyle();
  const root = host.attachShadow({ mode: 'closed' });

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
    const node = doc.createElement(tag);
    Object.assign(node, props);
    node.append(...children);
    return node;
  };

  const style = el('style', { textContent: PANEL_CSS });
  const pill = el('button', { className: 'pill', type: 'button', textContent: 'EC', title: t(lang, 'panel.expand'), hidden: true });
  pill.setAttribute('aria-label', t(lang, 'panel.expand'));
  pill.dataset.testid = 'panel-expand';

  const collapse = el('button', { type: 'button', textContent: '–', title: t(lang, 'panel.collapse') });
  collapse.setAttribute('aria-label', t(lang, 'panel.collapse'));
  collapse.dataset.testid = 'panel-collapse';
  const head = el(
    'div',
    { className: 'head' },
    el('span', { className: 'title', textContent: opts.scope === 'gmail' ? t(lang, 'panel.gmail') : t(lang, 'panel.domain', { domain: opts.domain }) }),
    collapse,
  );

  const warn = el('div', { className: 'warn', textContent: t(lang, 'panel.httpWarning'), hidden: !opts.insecure });
  const page = el('div', { className: 'page', textContent: t(lang, 'panel.nothingFilled') });
  page.dataset.testid = 'panel-page';
  const filledTitle = el('div', { hidden: true });
  filledTitle.dataset.testid = 'panel-filled-count';
  const filledList = el('ul');
  filledList.dataset.testid = 'panel-filled';
  const notTitle = el('div', { hidden: true });
  notTitle.dataset.testid = 'panel-not-filled-count';
  const notList = el('ul');
  notList.dataset.testid = 'panel-not-filled';

  const button = (key: Parameters<typeof t>[1], testid: string, cls = '') => {
    const b = el('button', { type: 'button', className: `act ${cls}`.trim(), textContent: t(lang, key as 'panel.undo') });
    b.dataset.testid = testid;
    return b;
  };
  const fillBtn = button('panel.fillAgain', 'panel-fill-again');
  const undoBtn = button('panel.undo', 'panel-undo');
  const completeBtn = button('panel.complete', 'panel-complete', 'primary');
  const failBtn = button('panel.fail', 'panel-fail', 'danger');
  const actionsRow = el('div', { className: 'row' }, fillBtn, undoBtn, completeBtn, failBtn);
  if (opts.scope !== 'task') {
    // Google's sign-in page fills the Gmail account only; reports belong to the task's site.
    completeBtn.hidden = true;
    failBtn.hidden = true;
  }

  const preset = el('select');
  preset.dataset.testid = 'panel-fail-preset';
  preset.append(el('option', { value: '', textContent: t(lang, 'panel.failPreset') }));
  for (const key of FAIL_PRESETS) preset.append(el('option', { value: t(lang, key), textContent: t(lang, key) }));
  const reason = el('textarea', { maxLength: FAIL_REASON_MAX, placeholder: t(lang, 'panel.failReason') });
  reason.setAttribute('aria-label', t(lang, 'panel.failReason'));
  reason.dataset.testid = 'panel-fail-reason';
  const sendFail = button('panel.fail', 'panel-fail-send', 'danger');
  const cancelFail = button('panel.cancel', 'panel-fail-cancel');
  const failForm = el('div', { hidden: true }, preset, reason, el('div', { className: 'row' }, sendFail, cancelFail));
  failForm.style.display = 'grid';
  failForm.style.gap = '6px';

  const msg = el('div', { className: 'msg' });
  msg.setAttribute('role', 'status');
  msg.dataset.testid = 'panel-message';

  const body = el('div', { className: 'body' }, warn, page, filledTitle, filledList, notTitle, notList, actionsRow, failForm, msg);
  const panel = el('div', { className: 'panel' }, head, body);
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', t(lang, 'panel.title'));
  root.append(style, pill, panel);

  let visibleSince = now();
  let armed: { what: 'complete' | 'fail'; at: number } | null = null;
  let busy = false;
  let isEnded = false;

  const resetVisibility = () => {
    visibleSince = now();
  };

  const message: Panel['message'] = (text, kind = 'info') => {
    msg.textContent = text;
    msg.className = kind === 'error' ? 'msg error' : 'msg';
  };

  /** The page has not hidden, moved or disguised the panel. */
  function hostIntact(): boolean {
    if (!host.isConnected || host.parentNode !== doc.documentElement) return false;
    const cs = win.getComputedStyle(host);
    if (cs.position !== 'fixed' || !isOne(cs.opacity) || cs.visibility === 'hidden' || cs.display === 'none') return false;
    if (!isNone(cs.filter) || !isNone(cs.transform) || !isNone(cs.getPropertyValue('clip-path'))) return false;
    const html = win.getComputedStyle(doc.documentElement);
    if (!isOne(html.opacity) || !isNone(html.filter) || !isNone(html.transform) || !isNone(html.getPropertyValue('clip-path'))) return false;
    return true;
  }

  /**
   * Where the browser can tell (IntersectionObserver v2, Chromium), any
   * occlusion counts too, including overlays with `pointer-events: none`
   * that hit testing (elementsFromPoint) cannot see.
   */
  let occluded = false;
  let visibilityObserver: IntersectionObserver | null = null;
  const IO = (win as unknown as { IntersectionObserver?: typeof IntersectionObserver }).IntersectionObserver;
  const Entry = (win as unknown as { IntersectionObserverEntry?: { prototype: object } }).IntersectionObserverEntry;
  if (IO && Entry && 'isVisible' in Entry.prototype) {
    visibilityObserver = new IO(
      (entries) => {
        const last = entries[entries.length - 1] as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
        if (!last) return;
        const visible = last.isVisible !== false;
        if (visible && occluded) resetVisibility();
        occluded = !visible;
      },
      { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    visibilityObserver.observe(panel);
  }

  /** Every checked click goes through here; false means "ignored". */
  function allowed(e: MouseEvent): boolean {
    if (!isTrusted(e)) return false;
    const seenLongEnough = now() - visibleSince >= MIN_VISIBLE_MS;
    const onTop = elementsFromPoint(e.clientX, e.clientY)[0] === host;
    if (!seenLongEnough || !onTop || occluded || !hostIntact()) {
      message(t(lang, 'panel.blocked'), 'error');
      resetVisibility();
      return false;
    }
    return true;
  }

  const disarm = () => {
    armed = null;
    completeBtn.textContent = t(lang, 'panel.complete');
    completeBtn.classList.remove('confirm');
    sendFail.textContent = t(lang, 'panel.fail');
    sendFail.classList.remove('confirm');
  };

  /** First click arms, a second one within the window confirms. */
  function confirmed(what: 'complete' | 'fail', btn: HTMLButtonElement): boolean {
    const t0 = now();
    if (armed?.what === what && t0 - armed.at <= CONFIRM_WINDOW_MS) {
      disarm();
      return true;
    }
    disarm();
    armed = { what, at: t0 };
    btn.textContent = t(lang, what === 'complete' ? 'panel.confirmComplete' : 'panel.confirmFail');
    btn.classList.add('confirm');
    // The confirm button is new to the worker: it too must be seen before it counts.
    resetVisibility();
    return false;
  }

  async function run(p: Promise<ActionResult>) {
    busy = true;
    try {
      const r = await p;
      if (r.ok) ended(t(lang, 'panel.reported'));
      else message(r.error.kind === 'invalid_input' ? t(lang, 'panel.reasonRequired') : describeError(lang, r.error), 'error');
    } catch {
      message(t(lang, 'panel.ended'), 'error');
    } finally {
      busy = false;
    }
  }

  const on = (node: HTMLElement, fn: (e: MouseEvent) => void) =>
    node.addEventListener('click', (e) => {
      e.stopPropagation();
      fn(e);
    });

  on(collapse, (e) => {
    if (!isTrusted(e)) return;
    panel.hidden = true;
    pill.hidden = false;
    disarm();
  });
  on(pill, (e) => {
    if (!isTrusted(e)) return;
    panel.hidden = false;
    pill.hidden = true;
    resetVisibility();
  });
  on(fillBtn, (e) => {
    if (isEnded || !allowed(e)) return;
    disarm();
    void actions.fillAgain();
  });
  on(undoBtn, (e) => {
    if (!allowed(e)) return;
    disarm();
    message(t(lang, 'panel.undone', { count: actions.undo() }));
  });
  on(completeBtn, (e) => {
    if (isEnded || busy || !allowed(e)) return;
    if (confirmed('complete', completeBtn)) void run(actions.complete());
  });
  on(failBtn, (e) => {
    if (isEnded || !allowed(e)) return;
    disarm();
    failForm.hidden = false;
    resetVisibility();
  });
  on(cancelFail, (e) => {
    if (!isTrusted(e)) return;
    disarm();
    failForm.hidden = true;
  });
  on(sendFail, (e) => {
    if (isEnded || busy || !allowed(e)) return;
    const text = reason.value.trim();
    if (!text || text.length > FAIL_REASON_MAX) {
      disarm();
      message(t(lang, 'panel.reasonRequired'), 'error');
      return;
    }
    if (confirmed('fail', sendFail)) void run(actions.fail(text));
  });
  preset.addEventListener('change', () => {
    if (preset.value) reason.value = preset.value;
    disarm();
  });
  reason.addEventListener('input', disarm);
  // Keys typed in the panel are the worker's, not the page's shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress', 'input']) root.addEventListener(type, (e) => e.stopPropagation());

  // The page removed or restyled the host: put it back, and make the worker look again.
  const observer = new win.MutationObserver(() => {
    if (!host.isConnected) {
      doc.documentElement.append(host);
      resetVisibility();
    }
  });
  observer.observe(doc.documentElement, { childList: true });
  const styleObserver = new win.MutationObserver(() => {
    styleObserver.disconnect();
    applyHostStyle();
    resetVisibility();
    styleObserver.observe(host, { attributes: true });
  });
  styleObserver.observe(host, { attributes: true });
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') resetVisibility();
  };
  doc.addEventListener('visibilitychange', onVisibility);

  doc.documentElement.append(host);

  function ended(text?: string) {
    isEnded = true;
    disarm();
    for (const b of [fillBtn, completeBtn, failBtn]) b.hidden = true;
    failForm.hidden = true;
    message(text ?? t(lang, 'panel.ended'));
  }

  return {
    host,
    root,
    update(result) {
      page.textContent = t(lang, `panel.page.${result.page}` as 'panel.page.login');
      filledTitle.hidden = false;
      filledTitle.textContent = t(lang, 'panel.filled', { count: result.filled.length });
      filledList.replaceChildren(
        ...result.filled.slice(0, LIST_MAX).map((f) => el('li', { textContent: `${f.label || f.role}: ${f.value}` })),
      );
      notTitle.hidden = result.notFilled.length === 0;
      notTitle.textContent = t(lang, 'panel.notFilled', { count: result.notFilled.length });
      notList.replaceChildren(
        ...result.notFilled
          .slice(0, LIST_MAX)
          .map((n) => el('li', { textContent: `${n.value} — ${t(lang, `panel.reason.${n.reason}` as 'panel.reason.no_field')}` })),
      );
      if (result.submitted) message(t(lang, 'panel.submitted'));
    },
    message,
    ended,
    destroy() {
      visibilityObserver?.disconnect();
      observer.disconnect();
      styleObserver.disconnect();
      doc.removeEventListener('visibilitychange', onVisibility);
      host.remove();
    },
  };
}
