/**
 * Where the panel sits: one of the four corners of the viewport, the worker's
 * choice remembered, but never over the site's own Save (DESIGN "The worker's
 * cockpit"). Geometry is pure and tested on its own; the DOM part only
 * collects the rectangles of the page's save controls.
 */
import { SAVE_WORDS } from '../rules';

export type Corner = 'br' | 'bl' | 'tr' | 'tl';
const CORNERS: readonly Corner[] = ['br', 'bl', 'tr', 'tl'];
const MARGIN = 16;

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function rectAt(corner: Corner, size: { width: number; height: number }, viewport: { width: number; height: number }): Rect {
  const left = corner.endsWith('l') ? MARGIN : viewport.width - MARGIN - size.width;
  const top = corner.startsWith('t') ? MARGIN : viewport.height - MARGIN - size.height;
  return { left, top, width: size.width, height: size.height };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

/**
 * The first corner, starting from the preferred one, where the panel covers
 * none of `avoid`; null when every corner covers something (the caller then
 * folds the panel to its small button).
 */
export function chooseCorner(preferred: Corner, size: { width: number; height: number }, viewport: { width: number; height: number }, avoid: readonly Rect[]): Corner | null {
  const order = [preferred, ...CORNERS.filter((c) => c !== preferred)];
  return order.find((c) => !avoid.some((r) => overlaps(rectAt(c, size, viewport), r))) ?? null;
}

/** The corner nearest to a point (where a drag was dropped). */
export function nearestCorner(x: number, y: number, viewport: { width: number; height: number }): Corner {
  return `${y < viewport.height / 2 ? 't' : 'b'}${x < viewport.width / 2 ? 'l' : 'r'}` as Corner;
}

/**
 * Rectangles (viewport coordinates) of the page's own save controls that are
 * on screen: submit buttons of forms and buttons that say save. Bounded so a
 * huge page costs little.
 */
export function saveControlRects(doc: Document, exclude: Element, limit = 200): Rect[] {
  const win = doc.defaultView;
  if (!win) return [];
  const out: Rect[] = [];
  const nodes = doc.querySelectorAll('button, input[type=submit], input[type=button], [role=button]');
  for (let i = 0; i < nodes.length && out.length < limit; i++) {
    const el = nodes[i]!;
    if (el === exclude || exclude.contains(el)) continue;
    const isSubmit = (el as HTMLButtonElement).type === 'submit' && !!(el as HTMLButtonElement).form;
    const text = (el as HTMLInputElement).value || el.textContent || el.getAttribute('aria-label') || '';
    if (!isSubmit && !SAVE_WORDS.test(text.slice(0, 80))) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.right < 0 || r.top > win.innerHeight || r.left > win.innerWidth) continue;
    out.push({ left: r.left, top: r.top, width: r.width, height: r.height });
  }
  return out;
}
