/**
 * DESIGN "Fill policy": a field that is hidden again within a second of
 * being filled is emptied again. A page that shows a password field for a
 * moment (long enough for a fill) and hides it at once gets the field back
 * empty, and that field never gets a secret again on this page — not on the
 * next pass, not by *fill again*.
 *
 * The watch ends early when the worker acts on the page (a trusted key or
 * pointer press, or a trusted submit): a form that hides because the worker
 * submitted it is not a trick. The extension's own panel appearing over the
 * field (the first fill may come before the panel does) empties it too, but
 * does not bar it: *fill again* fills it once the worker moved the panel.
 */
import { createVisibilityChecker, type FieldEl } from '../detect';
import { MARK_ATTR, setNativeValue, unmarkFilled, writeText } from '../fill';

export const REFILL_WINDOW_MS = 1000;
const POLL_MS = 100;

/** Fields a page hid right after a secret went in: never a secret again. */
const burned = new WeakSet<Element>();

export function isBurned(el: Element): boolean {
  return burned.has(el);
}

/** Watches a field we just wrote a secret into for the next second. */
export function watchSecret(el: FieldEl, written: string): void {
  const doc = el.ownerDocument;
  const win = doc?.defaultView;
  if (!doc || !win) return;
  const started = Date.now();
  let done = false;
  let queued = false;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const MO = (win as unknown as { MutationObserver?: typeof MutationObserver }).MutationObserver;
  const observer = MO ? new MO(() => queue()) : null;
  const onWorker = (e: Event) => {
    if (e.isTrusted) stop();
  };
  const events = ['pointerdown', 'mousedown', 'keydown', 'submit'] as const;

  function stop() {
    if (done) return;
    done = true;
    observer?.disconnect();
    for (const t of timers) clearTimeout(t);
    for (const t of events) doc.removeEventListener(t, onWorker, true);
  }

  function check() {
    queued = false;
    if (done) return;
    // Gone from the page, or changed by someone: nothing of ours to take back.
    if (!el.isConnected || el.value !== written) return stop();
    const byPage = !createVisibilityChecker(doc, { panelCovers: false }).isVisible(el);
    if (byPage || !createVisibilityChecker(doc).isVisible(el)) {
      stop();
      // Hidden by the page: never again here. Under our own panel: emptied, and *fill again* may try once it moved.
      if (byPage) burned.add(el);
      if (writeText(el as HTMLInputElement, '') !== 'ok') setNativeValue(el, '');
      if (el.hasAttribute(MARK_ATTR)) unmarkFilled(el);
      return;
    }
    if (Date.now() - started >= REFILL_WINDOW_MS) stop();
  }

  function queue() {
    if (queued || done) return;
    queued = true;
    timers.push(setTimeout(check, 0));
  }

  for (const t of events) doc.addEventListener(t, onWorker, true);
  observer?.observe(doc.documentElement, { attributes: true, childList: true, subtree: true, characterData: false });
  // CSS changes no mutation announces (hover, animations, media queries): looked at every 100 ms too.
  for (let t = POLL_MS; t <= REFILL_WINDOW_MS; t += POLL_MS) timers.push(setTimeout(check, t));
}
