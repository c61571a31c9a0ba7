/**
 * "Can the worker see this field?" — honeypots and traps are never filled.
 *
 * Attribute and CSS checks run everywhere (hidden, aria-hidden, inert,
 * display:none, visibility, opacity < 0.1, clip, zero size, far off-screen
 * positions), on the element and its ancestors, with computed styles cached
 * per pass. Geometry (bounding boxes, document bounds) is used only when the
 * document has a layout: DOM implementations without one (happy-dom) measure
 * the root element as 0×0, and then we rely on the CSS checks alone.
 */

export interface VisibilityChecker {
  isVisible(el: Element): boolean;
  readonly hasLayout: boolean;
}

const MIN_OPACITY = 0.1;
const MIN_SIZE_PX = 5;
const OFFSCREEN_PX = -500;
const CLIP_RE = /rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)/;
const CLIP_PATH_RE = /inset\(\s*50%|circle\(\s*0|polygon\(\s*0(px)?\s+0(px)?\s*\)/;
const TRANSLATE_RE = /translate[XY3d]*\(\s*-\d{4,}px/;

function px(v: string): number | null {
  if (!v || !v.endsWith('px')) return null;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : null;
}

export function createVisibilityChecker(doc: Document): VisibilityChecker {
  const win = doc.defaultView;
  const root = doc.documentElement;
  const rootRect = root?.getBoundingClientRect();
  const hasLayout = !!rootRect && (rootRect.width > 0 || rootRect.height > 0);
  const styleCache = new Map<Element, CSSStyleDeclaration | null>();
  const ancestorCache = new Map<Element, boolean>();

  const style = (el: Element): CSSStyleDeclaration | null => {
    let s = styleCache.get(el);
    if (s === undefined) {
      try {
        s = win ? win.getComputedStyle(el) : null;
      } catch {
        s = null;
      }
      styleCache.set(el, s);
    }
    return s;
  };

  /** Hidden by this element's own attributes or CSS (things that also hide descendants). */
  const selfHides = (el: Element): boolean => {
    if (el.hasAttribute('hidden') && !(el.getAttribute('hidden') === 'until-found')) return true;
    if (el.getAttribute('aria-hidden') === 'true') return true;
    if (el.hasAttribute('inert')) return true;
    const s = style(el);
    if (!s) return false;
    if (s.display === 'none' || s.contentVisibility === 'hidden') return true;
    // The common values ('1', 'auto', 'none', 'static') are compared before any parsing or pattern.
    const opacity = s.opacity;
    if (opacity !== '1' && opacity !== '') {
      const op = Number.parseFloat(opacity);
      if (Number.isFinite(op) && op < MIN_OPACITY) return true;
    }
    const clip = s.clip;
    if (clip && clip !== 'auto' && CLIP_RE.test(clip)) return true;
    const clipPath = s.clipPath;
    if (clipPath && clipPath !== 'none' && CLIP_PATH_RE.test(clipPath)) return true;
    const position = s.position;
    if (position === 'absolute' || position === 'fixed') {
      const left = px(s.left);
      const top = px(s.top);
      if ((left !== null && left <= OFFSCREEN_PX) || (top !== null && top <= OFFSCREEN_PX)) return true;
    }
    const transform = s.transform;
    if (transform && transform !== 'none' && TRANSLATE_RE.test(transform)) return true;
    if (!hasLayout) {
      // No layout: a box explicitly sized to (almost) nothing and clipping its content hides it.
      const w = px(s.width);
      const h = px(s.height);
      const tiny = (w !== null && w <= 1) || (h !== null && h <= 1);
      if (tiny && (s.overflow === 'hidden' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) return true;
    }
    return false;
  };

  /** Any ancestor (crossing shadow roots, not frames) hides its subtree? Cached. */
  const ancestorsHide = (el: Element | null): boolean => {
    if (!el) return false;
    const cached = ancestorCache.get(el);
    if (cached !== undefined) return cached;
    let result = selfHides(el);
    if (!result) {
      const parent = el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
      result = ancestorsHide(parent);
    }
    ancestorCache.set(el, result);
    return result;
  };

  // Scroll offsets and document size, read once per pass: these are layout queries,
  // and a pass only reads the page (nothing is written before its fields are classified).
  let bounds: { sx: number; sy: number; docW: number; docH: number } | null = null;
  const docBounds = () =>
    (bounds ??= {
      sx: win?.scrollX ?? 0,
      sy: win?.scrollY ?? 0,
      docW: Math.max(root.scrollWidth, win?.innerWidth ?? 0),
      docH: Math.max(root.scrollHeight, win?.innerHeight ?? 0),
    });

  const isVisible = (el: Element): boolean => {
    if ((el as HTMLInputElement).type === 'hidden') return false;
    if (!el.isConnected) return false;
    // Geometry first (one call): a field under display:none or pushed off-screen fails here
    // without the computed styles of all its ancestors.
    if (hasLayout) {
      const r = el.getBoundingClientRect();
      if (r.width < MIN_SIZE_PX || r.height < MIN_SIZE_PX) return false;
      const { sx, sy, docW, docH } = docBounds();
      if (r.right + sx <= 0 || r.bottom + sy <= 0 || r.left + sx >= docW || r.top + sy >= docH) return false;
    }
    if (ancestorsHide(el)) return false;
    const s = style(el);
    if (s && (s.visibility === 'hidden' || s.visibility === 'collapse')) return false;
    return true;
  };

  return { isVisible, hasLayout };
}
