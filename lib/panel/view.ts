import { isPanelSeen, type AutofillResult } from '../autofill';
import type { PanelPrefs } from '../settings';
import { chooseCorner, nearestCorner, saveControlRects, type Corner } from './placement';
import { HOST_STYLE, PANEL_CSS } from './styles';
import { summarise, type PassSummary } from './summary';
import { format, type PanelKey, type PanelText } from './text';

/** What the worker chose for the panel, remembered across pages (stored by the background in the settings). */
export type { PanelPrefs };

export const DEFAULT_PANEL_PREFS: PanelPrefs = { corner: 'br', collapsed: false };

export interface PanelActions {
  fillAgain(): unknown;
  /** Returns how many fields were restored. */
  undo(): number;
  /** Opens the extension's popup, where reports are made. */
  openPopup(): unknown;
  savePrefs(prefs: PanelPrefs): unknown;
}

export interface PanelOptions {
  doc?: Document;
  text: PanelText;
  /** The task's host as the background gave it (not the page's words). */
  domain: string;
  scope: 'task' | 'gmail';
  /** Plain http page: say so. */
  insecure?: boolean;
  prefs?: PanelPrefs;
  /** Injected in tests (happy-dom has neither trusted events nor layout). */
  isTrusted?: (e: Event) => boolean;
  elementsFromPoint?: (x: number, y: number) => Element[];
}

export interface Panel {
  readonly host: HTMLElement;
  /** The closed shadow root (the page cannot get it; tests and the controller can). */
  readonly root: ShadowRoot;
  update(result: AutofillResult): void;
  message(text: string, kind?: 'info' | 'error'): void;
  /** The task ended (reported elsewhere, or dropped): the fill actions go away. */
  ended(): void;
  /** Where the panel is now (after avoiding the page's Save). */
  corner(): Corner | null;
  destroy(): void;
}

const LIST_MAX = 30;
const PANEL_SIZE = { width: 280, height: 190 };
const PILL_SIZE = { width: 64, height: 36 };

/**
 * The in-page panel: framework-free DOM in a closed shadow root on <html>. It
 * states facts (what was filled, what found no place) in the worker's
 * language, with no text taken from the page, and offers *fill again*, *undo*
 * and the way to the popup; reports are made only on extension surfaces. It is
 * small, folds to a button, moves to any corner (remembered), and steps aside
 * from the site's own Save.
 */
export function createPanel(opts: PanelOptions, actions: PanelActions): Panel {
  const doc = opts.doc ?? document;
  const win = doc.defaultView ?? window;
  const say = (key: PanelKey, params?: Record<string, string | number>) => format(opts.text, key, params);
  const isTrusted = opts.isTrusted ?? ((e: Event) => e.isTrusted);
  const elementsFromPoint = opts.elementsFromPoint ?? ((x: number, y: number) => doc.elementsFromPoint?.(x, y) ?? []);
  let prefs: PanelPrefs = { ...DEFAULT_PANEL_PREFS, ...opts.prefs };
  let placedAt: Corner | null = prefs.corner;
  let autoFolded = false;
  let isEnded = false;

  const host = doc.createElement('entity-connect-panel');
  const root = host.attachShadow({ mode: 'closed' });
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
    const node = doc.createElement(tag);
    Object.assign(node, props);
    node.append(...children);
    return node;
  };
  const button = (key: PanelKey, testid: string, cls = 'act') => {
    const b = el('button', { type: 'button', className: cls, textContent: say(key) });
    b.dataset.testid = testid;
    return b;
  };
  const withId = <T extends HTMLElement>(node: T, testid: string): T => {
    node.dataset.testid = testid;
    return node;
  };

  // --- structure ---
  const pill = withId(el('button', { className: 'pill', type: 'button', textContent: 'EC' }), 'panel-expand');
  pill.setAttribute('aria-label', say('panel.expand'));
  const move = withId(el('button', { type: 'button', className: 'icon', textContent: '⤢' }), 'panel-move');
  move.setAttribute('aria-label', say('panel.move'));
  move.title = say('panel.move');
  const collapse = withId(el('button', { type: 'button', className: 'icon', textContent: '–' }), 'panel-collapse');
  collapse.setAttribute('aria-label', say('panel.collapse'));
  collapse.title = say('panel.collapse');
  const title = el('span', { className: 'title', textContent: opts.scope === 'gmail' ? say('panel.gmail') : say('panel.domain', { domain: opts.domain }) });
  const head = el('div', { className: 'head' }, title, move, collapse);

  const warn = el('div', { className: 'warn', textContent: say('panel.httpWarning'), hidden: !opts.insecure });
  const page = withId(el('div', { className: 'page', textContent: say('panel.nothingFilled') }), 'panel-page');
  const filledCount = withId(el('div', { hidden: true }), 'panel-filled-count');
  const filledList = withId(el('ul'), 'panel-filled');
  const notCount = withId(el('div', { className: 'bad', hidden: true }), 'panel-not-filled-count');
  const notList = withId(el('ul'), 'panel-not-filled');
  const presentCount = withId(el('div', { className: 'muted', hidden: true }), 'panel-present-count');
  const presentList = withId(el('ul'), 'panel-present');
  const details = el('details', {}, el('summary', { textContent: say('panel.details') }), filledList, presentList);
  details.hidden = true;

  const fillBtn = button('panel.fillAgain', 'panel-fill-again');
  const undoBtn = button('panel.undo', 'panel-undo');
  const popupBtn = button('panel.toPopup', 'panel-open-popup', 'act primary');
  popupBtn.title = say('panel.popupHint');
  const msg = withId(el('div', { className: 'msg' }), 'panel-message');
  msg.setAttribute('role', 'status');

  const body = el('div', { className: 'body' }, warn, page, filledCount, notCount, notList, presentCount, details, el('div', { className: 'row' }, fillBtn, undoBtn, popupBtn), msg);
  const panel = el('div', { className: 'panel' }, head, body);
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', say('panel.title'));
  root.append(el('style', { textContent: PANEL_CSS }), pill, panel);

  // --- placement ---
  const applyHostStyle = (corner: Corner) => {
    const style: Record<string, string> = { ...HOST_STYLE, top: 'auto', bottom: 'auto', left: 'auto', right: 'auto' };
    style[corner.startsWith('t') ? 'top' : 'bottom'] = '16px';
    style[corner.endsWith('l') ? 'left' : 'right'] = '16px';
    for (const [k, v] of Object.entries(style)) host.style.setProperty(k, v, 'important');
  };
  const folded = () => prefs.collapsed || autoFolded;
  const show = () => {
    panel.hidden = folded();
    pill.hidden = !folded();
  };
  /** The remembered corner unless it covers the site's Save; then another corner, else folded. */
  const place = () => {
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    const avoid = saveControlRects(doc, host);
    const open = chooseCorner(prefs.corner, PANEL_SIZE, viewport, avoid);
    autoFolded = !prefs.collapsed && open === null;
    placedAt = folded() ? chooseCorner(prefs.corner, PILL_SIZE, viewport, avoid) ?? prefs.corner : open;
    applyHostStyle(placedAt ?? prefs.corner);
    show();
  };
  let placing = 0;
  const placeSoon = () => {
    if (placing) return;
    placing = win.requestAnimationFrame?.(() => {
      placing = 0;
      place();
    }) ?? 0;
    if (!placing) place();
  };
  const remember = (next: Partial<PanelPrefs>) => {
    prefs = { ...prefs, ...next };
    void actions.savePrefs(prefs);
    place();
  };

  // --- actions (trusted clicks on the panel itself only) ---
  // …and never while the page hides or covers the panel (a mask, zoom or overlay on the page: lib/autofill isPanelSeen).
  const seen = (e: MouseEvent) => {
    const r = host.getBoundingClientRect();
    return e.detail === 0 ? isPanelSeen(host, (r.left + r.right) / 2, (r.top + r.bottom) / 2, opts.elementsFromPoint) : isPanelSeen(host, e.clientX, e.clientY, opts.elementsFromPoint);
  };
  const allowed = (e: MouseEvent) => isTrusted(e) && (e.detail === 0 || elementsFromPoint(e.clientX, e.clientY)[0] === host) && seen(e);
  const on = (node: HTMLElement, fn: (e: MouseEvent) => void) =>
    node.addEventListener('click', (e) => {
      e.stopPropagation();
      if (allowed(e)) fn(e);
    });
  on(collapse, () => remember({ collapsed: true }));
  on(pill, () => {
    autoFolded = false;
    remember({ collapsed: false });
  });
  on(move, () => remember({ corner: nextCorner(placedAt ?? prefs.corner) }));
  on(fillBtn, () => {
    if (!isEnded) void actions.fillAgain();
  });
  on(undoBtn, () => message(say('panel.undone', { count: actions.undo() })));
  on(popupBtn, () => void actions.openPopup());

  // Dragging the header drops the panel in the nearest corner.
  let dragFrom: { x: number; y: number } | null = null;
  head.addEventListener('pointerdown', (e) => {
    if (!isTrusted(e) || (e.target as Element).closest?.('button')) return;
    dragFrom = { x: e.clientX, y: e.clientY };
  });
  const onPointerUp = (e: PointerEvent) => {
    if (!dragFrom || !isTrusted(e)) return;
    const moved = Math.abs(e.clientX - dragFrom.x) + Math.abs(e.clientY - dragFrom.y) > 24;
    dragFrom = null;
    if (moved) remember({ corner: nearestCorner(e.clientX, e.clientY, { width: win.innerWidth, height: win.innerHeight }) });
  };
  win.addEventListener('pointerup', onPointerUp, true);
  // Keys typed in the panel are the worker's, not the page's shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) root.addEventListener(type, (e) => e.stopPropagation());
  win.addEventListener('resize', placeSoon);
  win.addEventListener('scroll', placeSoon, true);

  // The page removed the host: put it back.
  const observer = new win.MutationObserver(() => {
    if (!host.isConnected) doc.documentElement.append(host);
  });
  observer.observe(doc.documentElement, { childList: true });
  doc.documentElement.append(host);
  place();

  function message(text: string, kind: 'info' | 'error' = 'info') {
    msg.textContent = text;
    msg.className = kind === 'error' ? 'msg error' : 'msg';
  }

  let passes = 0;
  function render(s: PassSummary) {
    // Machine-readable facts for tests and DevTools (the worker reads the sentences).
    page.dataset.passes = String(++passes);
    page.dataset.page = s.page;
    const nothing = s.filled.length === 0 && s.notPlaced.length === 0 && s.present.length === 0;
    page.textContent = s.page === 'other' && nothing ? say('panel.noForm') : say(`panel.page.${s.page}`);
    filledCount.hidden = nothing;
    filledCount.textContent = say('panel.filled', { count: s.filled.length });
    filledList.replaceChildren(...s.filled.slice(0, LIST_MAX).map((f) => el('li', { textContent: `${say(`panel.role.${f.role}`)}: ${f.value}` })));
    notCount.hidden = s.notPlaced.length === 0;
    notCount.textContent = say('panel.notFilled', { count: s.notPlaced.length });
    notList.replaceChildren(...s.notPlaced.slice(0, LIST_MAX).map((n) => el('li', { textContent: `${n.value} — ${say(`panel.reason.${n.reason}`)}` })));
    presentCount.hidden = s.present.length === 0;
    presentCount.textContent = say('panel.present', { count: s.present.length });
    presentList.replaceChildren(...s.present.slice(0, LIST_MAX).map((v) => el('li', { textContent: `${v} — ${say('panel.reason.already_present')}` })));
    details.hidden = s.filled.length === 0 && s.present.length === 0;
    if (s.submitted) message(say('panel.submitted'));
    placeSoon();
  }

  return {
    host,
    root,
    update: (result) => render(summarise(result)),
    message,
    ended() {
      isEnded = true;
      fillBtn.hidden = true;
      message(say('panel.ended'));
    },
    corner: () => (folded() ? null : placedAt),
    destroy() {
      observer.disconnect();
      win.removeEventListener('pointerup', onPointerUp, true);
      win.removeEventListener('resize', placeSoon);
      win.removeEventListener('scroll', placeSoon, true);
      host.remove();
    },
  };
}

const nextCorner = (c: Corner): Corner => ({ br: 'bl', bl: 'tl', tl: 'tr', tr: 'br' } as const)[c];
