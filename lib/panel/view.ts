import type { AutofillResult, isPanelSeen } from '../autofill';
import type { PanelPrefs } from '../settings';
import { buildPanelDom, pinHost, renderPass, showMessage, type PanelDom, type Say } from './dom';
import { chooseCorner, nearestCorner, saveControlRects, type Corner } from './placement';
import { summarise } from './summary';
import { format, type PanelText } from './text';

/** What the worker chose for the panel, remembered across pages (stored by the background in the settings). */
export type { PanelPrefs };

const DEFAULT_PANEL_PREFS: PanelPrefs = { corner: 'br', collapsed: false };

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
  /**
   * lib/autofill's isPanelSeen, handed in by the content script that already holds the engine:
   * imported here, the panel's own script (/task-panel.js) would carry the engine's tables again.
   */
  isSeen: typeof isPanelSeen;
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

const PANEL_SIZE = { width: 280, height: 190 };
const PILL_SIZE = { width: 64, height: 36 };
const DRAG_MIN_PX = 24;

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
  const say: Say = (key, params) => format(opts.text, key, params);
  const isTrusted = opts.isTrusted ?? ((e: Event) => e.isTrusted);
  const elementsFromPoint = opts.elementsFromPoint ?? ((x: number, y: number) => doc.elementsFromPoint?.(x, y) ?? []);
  const dom = buildPanelDom(doc, say, opts);
  const placement = createPlacement(dom, win, { ...DEFAULT_PANEL_PREFS, ...opts.prefs }, actions.savePrefs);
  let isEnded = false;

  // Actions: trusted clicks on the panel itself only (a page cannot click it through or from under it).
  // …and never while the page hides or covers the panel (a mask, zoom or overlay on the page: lib/autofill isPanelSeen).
  const seen = (e: MouseEvent) => {
    const r = dom.host.getBoundingClientRect();
    return e.detail === 0 ? opts.isSeen(dom.host, (r.left + r.right) / 2, (r.top + r.bottom) / 2, opts.elementsFromPoint) : opts.isSeen(dom.host, e.clientX, e.clientY, opts.elementsFromPoint);
  };
  const allowed = (e: MouseEvent) => isTrusted(e) && (e.detail === 0 || elementsFromPoint(e.clientX, e.clientY)[0] === dom.host) && seen(e);
  const on = (node: HTMLElement, fn: () => void) =>
    node.addEventListener('click', (e) => {
      e.stopPropagation();
      if (allowed(e)) fn();
    });
  on(dom.collapse, () => placement.remember({ collapsed: true }));
  on(dom.pill, () => placement.expand());
  on(dom.move, () => placement.remember({ corner: nextCorner(placement.corner()) }));
  on(dom.fillBtn, () => {
    if (!isEnded) void actions.fillAgain();
  });
  on(dom.undoBtn, () => showMessage(dom, say('panel.undone', { count: actions.undo() })));
  on(dom.popupBtn, () => void actions.openPopup());
  // Keys typed in the panel are the worker's, not the page's shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) dom.root.addEventListener(type, (e) => e.stopPropagation());
  const stopDrag = dragToCorner(dom.head, win, isTrusted, (corner) => placement.remember({ corner }));
  const stopGuard = keepInPage(dom.host, doc, win);
  placement.place();

  let passes = 0;
  return {
    host: dom.host,
    root: dom.root,
    update(result) {
      renderPass(dom, say, summarise(result), ++passes);
      placement.placeSoon();
    },
    message: (text, kind) => showMessage(dom, text, kind),
    ended() {
      isEnded = true;
      dom.fillBtn.hidden = true;
      showMessage(dom, say('panel.ended'));
    },
    corner: () => placement.openCorner(),
    destroy() {
      stopGuard();
      stopDrag();
      placement.destroy();
      dom.host.remove();
    },
  };
}

/**
 * Where the panel is: the worker's corner unless it covers the site's Save,
 * then another corner, else folded to its button. Re-checked (once a frame at
 * most) when the page scrolls or resizes and after every fill pass.
 */
function createPlacement(dom: PanelDom, win: Window, initial: PanelPrefs, save: (prefs: PanelPrefs) => unknown) {
  const doc = dom.host.ownerDocument;
  let prefs = initial;
  let placedAt: Corner | null = prefs.corner;
  let autoFolded = false;
  let frame = 0;
  const folded = () => prefs.collapsed || autoFolded;

  const place = () => {
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    const avoid = saveControlRects(doc, dom.host);
    const open = chooseCorner(prefs.corner, PANEL_SIZE, viewport, avoid);
    autoFolded = !prefs.collapsed && open === null;
    placedAt = folded() ? (chooseCorner(prefs.corner, PILL_SIZE, viewport, avoid) ?? prefs.corner) : open;
    pinHost(dom.host, placedAt ?? prefs.corner);
    dom.panel.hidden = folded();
    dom.pill.hidden = !folded();
  };
  const placeSoon = () => {
    if (frame) return;
    frame =
      win.requestAnimationFrame?.(() => {
        frame = 0;
        place();
      }) ?? 0;
    if (!frame) place();
  };
  const remember = (next: Partial<PanelPrefs>) => {
    prefs = { ...prefs, ...next };
    void save(prefs);
    place();
  };
  win.addEventListener('resize', placeSoon);
  win.addEventListener('scroll', placeSoon, true);

  return {
    place,
    placeSoon,
    remember,
    /** Unfolds, also when it was folded because every corner covered a Save (the worker asked). */
    expand() {
      autoFolded = false;
      remember({ collapsed: false });
    },
    corner: (): Corner => placedAt ?? prefs.corner,
    /** The corner of the open panel; null while folded. */
    openCorner: (): Corner | null => (folded() ? null : placedAt),
    destroy() {
      win.removeEventListener('resize', placeSoon);
      win.removeEventListener('scroll', placeSoon, true);
    },
  };
}

/** Dragging the header drops the panel in the corner nearest to where it was let go. Returns the clean-up. */
function dragToCorner(handle: HTMLElement, win: Window, isTrusted: (e: Event) => boolean, drop: (corner: Corner) => void): () => void {
  let from: { x: number; y: number } | null = null;
  handle.addEventListener('pointerdown', (e) => {
    if (!isTrusted(e) || (e.target as Element).closest?.('button')) return;
    from = { x: e.clientX, y: e.clientY };
  });
  const onPointerUp = (e: PointerEvent) => {
    if (!from || !isTrusted(e)) return;
    const moved = Math.abs(e.clientX - from.x) + Math.abs(e.clientY - from.y) > DRAG_MIN_PX;
    from = null;
    if (moved) drop(nearestCorner(e.clientX, e.clientY, { width: win.innerWidth, height: win.innerHeight }));
  };
  win.addEventListener('pointerup', onPointerUp, true);
  return () => win.removeEventListener('pointerup', onPointerUp, true);
}

/** Puts the host on <html> and back there whenever the page removes it. Returns the clean-up. */
function keepInPage(host: HTMLElement, doc: Document, win: Window & typeof globalThis): () => void {
  const observer = new win.MutationObserver(() => {
    if (!host.isConnected) doc.documentElement.append(host);
  });
  observer.observe(doc.documentElement, { childList: true });
  doc.documentElement.append(host);
  return () => observer.disconnect();
}

const nextCorner = (c: Corner): Corner => ({ br: 'bl', bl: 'tl', tl: 'tr', tr: 'br' } as const)[c];
