/**
 * "Can the worker see this field?" — honeypots, traps and fields a page hides
 * to harvest a fill are never filled (DESIGN "Fill policy", the visibility
 * paragraph: no field the worker cannot see is ever filled).
 *
 * CSS and attribute rules run everywhere, on the element and its ancestors
 * (crossing shadow roots), with computed styles cached per pass:
 * - hidden, aria-hidden, inert, display:none, content-visibility, visibility;
 * - faint: the effective opacity (the product of `opacity` and `filter:
 *   opacity()` along the ancestors) below 0.5; a filter that blurs, darkens
 *   or greys the field beyond reading, or an SVG filter;
 * - masked (any `mask` / `mask-image`), clipped to (almost) nothing by
 *   `clip` or `clip-path`, zoomed below half size, transparent text;
 * - far off-screen positions and translations.
 * Geometry is used only when the document has a layout (DOM implementations
 * without one, such as happy-dom, measure the root element as 0×0; then the
 * CSS rules alone decide, as before):
 * - the box: at least 5×5 px, inside the document, or inside the scroll
 *   extent of a scrolling container the worker can see (a fixed modal's
 *   scrolling section, whose fields lie below the document's own end);
 * - clipping ancestors: an ancestor whose overflow is not visible must be at
 *   least 5×5 px, and one that the worker cannot scroll (hidden / clip) must
 *   show at least 5×5 px of the field; `clip-path` boxes likewise;
 * - the hit test: when the field's centre is in the viewport, the element
 *   on top there is the field, inside it, or one of its labels (the
 *   extension's own panel counts as covering). Fields below the fold or
 *   scrolled away inside a scrolling container are not hit-tested: the
 *   worker sees them by scrolling.
 */

export interface VisibilityChecker {
  isVisible(el: Element): boolean;
  readonly hasLayout: boolean;
}

export interface VisibilityOptions {
  /**
   * Whether the extension's own panel covers a field (default true, DESIGN).
   * The refill guard passes false: the panel appearing over a field we just
   * filled is our doing, not the page hiding it.
   */
  panelCovers?: boolean;
}

/** The in-page panel's host element (lib/panel). */
export const PANEL_TAG = 'ENTITY-CONNECT-PANEL';

const MIN_OPACITY = 0.5;
const MIN_ZOOM = 0.5;
const MIN_SIZE_PX = 5;
/** Without layout, a clip-path keeping at most this fraction of a side keeps nothing. */
const MIN_CLIP_FRACTION = 0.02;
const MAX_BLUR_PX = 2;
const MIN_BRIGHTNESS = 0.2;
const MIN_CONTRAST = 0.2;
const MIN_TEXT_ALPHA = 0.1;
const OFFSCREEN_PX = -500;
const CLIP_RE = /rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)/;
const TRANSLATE_RE = /translate[XY3d]*\(\s*-\d{4,}px/;

function px(v: string): number | null {
  if (!v || !v.endsWith('px')) return null;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : null;
}

/** `0.3`, `30%` → 0.3; null when it is neither. */
function amount(v: string): number | null {
  const s = v.trim();
  if (!s) return 1;
  const n = Number.parseFloat(s);
  if (!Number.isFinite(n)) return null;
  return s.endsWith('%') ? n / 100 : n;
}

/** Alpha of a computed colour ('transparent', rgba(), rgb(… / a), #rrggbbaa); 1 when unknown. */
export function colorAlpha(c: string | undefined | null): number {
  if (!c) return 1;
  const v = c.trim().toLowerCase();
  if (v === 'transparent') return 0;
  let m = /^rgba?\(([^)]*)\)$/.exec(v) ?? /^hsla?\(([^)]*)\)$/.exec(v);
  if (m) {
    const parts = m[1]!.split(/[\s,/]+/).filter(Boolean);
    if (parts.length < 4) return 1;
    return amount(parts[3]!) ?? 1;
  }
  m = /^#([0-9a-f]{8}|[0-9a-f]{4})$/.exec(v);
  if (m) {
    const h = m[1]!;
    return h.length === 8 ? Number.parseInt(h.slice(6), 16) / 255 : Number.parseInt(h[3]! + h[3]!, 16) / 255;
  }
  return 1;
}

interface FilterEffect {
  /** Multiplies the effective opacity. */
  opacity: number;
  /** Blurs, darkens or greys beyond reading, or an SVG filter we cannot judge. */
  hides: boolean;
}

const FN_RE = /([a-z-]+)\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g;

export function filterEffect(filter: string | undefined | null): FilterEffect {
  const out: FilterEffect = { opacity: 1, hides: false };
  if (!filter || filter === 'none') return out;
  if (/url\(/i.test(filter)) return { opacity: 1, hides: true };
  for (const m of filter.toLowerCase().matchAll(FN_RE)) {
    const fn = m[1]!;
    const arg = m[2]!;
    if (fn === 'opacity') out.opacity *= Math.max(0, Math.min(1, amount(arg) ?? 1));
    else if (fn === 'blur') out.hides ||= (px(arg.trim()) ?? 0) > MAX_BLUR_PX;
    else if (fn === 'brightness') out.hides ||= (amount(arg) ?? 1) < MIN_BRIGHTNESS;
    else if (fn === 'contrast') out.hides ||= (amount(arg) ?? 1) < MIN_CONTRAST;
  }
  return out;
}

/** A length of a clip-path shape: px, or % of `ref` (null ref: percentages only, as fractions of 1). */
function len(v: string, ref: number | null): number | null {
  const s = v.trim();
  if (s === '0') return 0;
  if (s.endsWith('%')) {
    const n = Number.parseFloat(s);
    return Number.isFinite(n) ? (n / 100) * (ref ?? 1) : null;
  }
  if (ref === null) return null;
  return px(s);
}

/**
 * The box a `clip-path` keeps, relative to the element's box of `w`×`h`
 * (null sizes: no layout, percentages only, as fractions of 1).
 * Returns null when the shape cannot be judged (path(), url(), unknown units).
 */
export function clipPathBox(clipPath: string, w: number | null, h: number | null): { x0: number; y0: number; x1: number; y1: number } | null {
  const W = w ?? 1;
  const H = h ?? 1;
  const m = /^\s*(inset|circle|ellipse|polygon)\((.*)\)/i.exec(clipPath);
  if (!m) return null;
  const fn = m[1]!.toLowerCase();
  const body = m[2]!.replace(/\bround\b.*$/i, '').trim();
  if (fn === 'inset') {
    const v = body.split(/\s+/).filter(Boolean);
    const [t, r = t, b = t, l = r] = v;
    if (t === undefined) return null;
    const T = len(t, h), R = len(r!, w), B = len(b!, h), L = len(l!, w);
    if (T === null || R === null || B === null || L === null) return null;
    return { x0: L, y0: T, x1: W - R, y1: H - B };
  }
  if (fn === 'circle' || fn === 'ellipse') {
    const [size = '', at = ''] = body.split(/\s+at\s+/i);
    const radii = size.trim().split(/\s+/).filter(Boolean);
    // closest-side / farthest-side / no radius: a shape as big as the box (not a trick)
    if (!radii.length || radii.some((r) => /side/.test(r))) return { x0: 0, y0: 0, x1: W, y1: H };
    const diag = w !== null && h !== null ? Math.hypot(w, h) / Math.SQRT2 : null;
    const rx = len(radii[0]!, fn === 'circle' ? diag : w);
    const ry = len(radii[1] ?? radii[0]!, fn === 'circle' ? diag : h);
    if (rx === null || ry === null) return null;
    const pos = at.trim().split(/\s+/).filter(Boolean);
    const cx = pos[0] ? len(pos[0], w) : W / 2;
    const cy = pos[1] ? len(pos[1], h) : H / 2;
    if (cx === null || cy === null) return null;
    return { x0: cx - rx, y0: cy - ry, x1: cx + rx, y1: cy + ry };
  }
  // polygon: the bounding box of its points
  const pts = body.replace(/^(nonzero|evenodd)\s*,/i, '').split(',');
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of pts) {
    const [xs, ys] = p.trim().split(/\s+/);
    if (xs === undefined || ys === undefined) return null;
    const x = len(xs, w);
    const y = len(ys, h);
    if (x === null || y === null) return null;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return pts.length ? { x0, y0, x1, y1 } : null;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const intersect = (a: Rect, b: Rect): Rect => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
const tooSmall = (r: Rect) => r.right - r.left < MIN_SIZE_PX || r.bottom - r.top < MIN_SIZE_PX;

/** What an element's own style does to its subtree. */
interface Own {
  hides: boolean;
  /** Its opacity × filter opacity. */
  opacity: number;
  zoom: number;
}

/** Up the tree, crossing shadow roots (not frames). */
function parentOf(el: Element): Element | null {
  return el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
}

export function createVisibilityChecker(doc: Document, opts: VisibilityOptions = {}): VisibilityChecker {
  const panelCovers = opts.panelCovers ?? true;
  const win = doc.defaultView;
  const root = doc.documentElement;
  const rootRect = root?.getBoundingClientRect();
  const hasLayout = !!rootRect && (rootRect.width > 0 || rootRect.height > 0);
  const styleCache = new Map<Element, CSSStyleDeclaration | null>();
  const ownCache = new Map<Element, Own>();
  const chainCache = new Map<Element, { hides: boolean; opacity: number; zoom: number }>();
  const rectCache = new Map<Element, DOMRect>();

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
  const rect = (el: Element): DOMRect => {
    let r = rectCache.get(el);
    if (!r) rectCache.set(el, (r = el.getBoundingClientRect()));
    return r;
  };
  const prop = (s: CSSStyleDeclaration, name: string): string => {
    try {
      return s.getPropertyValue(name) || '';
    } catch {
      return '';
    }
  };

  /** Which axes this element scrolls: overflow auto | scroll with more content than it shows. */
  const scrollAxes = (a: Element, s: CSSStyleDeclaration): { x: boolean; y: boolean } => {
    const ox = s.overflowX || s.overflow;
    const oy = s.overflowY || s.overflow;
    return {
      x: (ox === 'auto' || ox === 'scroll') && a.scrollWidth > a.clientWidth,
      y: (oy === 'auto' || oy === 'scroll') && a.scrollHeight > a.clientHeight,
    };
  };

  /** Clipped to (almost) nothing by its own clip-path (box known with layout, fractions without). */
  const clipPathHides = (el: Element, clipPath: string): boolean => {
    if (!clipPath || clipPath === 'none') return false;
    const r = hasLayout ? rect(el) : null;
    const box = clipPathBox(clipPath, r ? r.width : null, r ? r.height : null);
    // A shape we cannot judge (path(), url()) may keep nothing: strict.
    if (!box) return true;
    if (r) return tooSmall({ left: Math.max(0, box.x0), top: Math.max(0, box.y0), right: Math.min(r.width, box.x1), bottom: Math.min(r.height, box.y1) });
    return Math.min(1, box.x1) - Math.max(0, box.x0) <= MIN_CLIP_FRACTION || Math.min(1, box.y1) - Math.max(0, box.y0) <= MIN_CLIP_FRACTION;
  };

  /** This element's own attributes and CSS, as they affect it and its descendants. */
  const own = (el: Element): Own => {
    const cached = ownCache.get(el);
    if (cached) return cached;
    const out: Own = { hides: false, opacity: 1, zoom: 1 };
    ownCache.set(el, out);
    if ((el.hasAttribute('hidden') && el.getAttribute('hidden') !== 'until-found') || el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('inert')) {
      out.hides = true;
      return out;
    }
    const s = style(el);
    if (!s) return out;
    if (s.display === 'none' || s.contentVisibility === 'hidden') {
      out.hides = true;
      return out;
    }
    // The common values ('1', 'auto', 'none', 'static') are compared before any parsing or pattern.
    const opacity = s.opacity;
    if (opacity !== '1' && opacity !== '') {
      const op = Number.parseFloat(opacity);
      if (Number.isFinite(op)) out.opacity = Math.max(0, Math.min(1, op));
    }
    const filter = s.filter;
    if (filter && filter !== 'none') {
      const f = filterEffect(filter);
      out.opacity *= f.opacity;
      if (f.hides) out.hides = true;
    }
    const mask = prop(s, 'mask-image') || prop(s, '-webkit-mask-image') || (s as CSSStyleDeclaration & { maskImage?: string }).maskImage || '';
    if (mask && mask !== 'none' && mask !== 'initial') out.hides = true;
    const maskShorthand = prop(s, 'mask');
    if (maskShorthand && maskShorthand !== 'none' && maskShorthand !== 'initial' && /url\(|gradient\(|image\(/i.test(maskShorthand)) out.hides = true;
    const zoom = s.zoom || prop(s, 'zoom');
    if (zoom && zoom !== '1' && zoom !== 'normal' && zoom !== 'reset') {
      const z = amount(zoom);
      if (z !== null && z > 0) out.zoom = z;
    }
    const clip = s.clip;
    if (clip && clip !== 'auto' && CLIP_RE.test(clip)) out.hides = true;
    if (clipPathHides(el, s.clipPath)) out.hides = true;
    const position = s.position;
    if (position === 'absolute' || position === 'fixed') {
      const left = px(s.left);
      const top = px(s.top);
      if ((left !== null && left <= OFFSCREEN_PX) || (top !== null && top <= OFFSCREEN_PX)) out.hides = true;
    }
    const transform = s.transform;
    if (transform && transform !== 'none' && TRANSLATE_RE.test(transform)) out.hides = true;
    if (!hasLayout) {
      // No layout: a box explicitly sized to (almost) nothing and clipping its content hides it.
      const w = px(s.width);
      const h = px(s.height);
      const tiny = (w !== null && w <= 1) || (h !== null && h <= 1);
      if (tiny && (s.overflow === 'hidden' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) out.hides = true;
    }
    return out;
  };

  /** The element and all its ancestors together: hidden, effective opacity, effective zoom. Cached. */
  const chain = (el: Element): { hides: boolean; opacity: number; zoom: number } => {
    const cached = chainCache.get(el);
    if (cached) return cached;
    const o = own(el);
    const parent = parentOf(el);
    const up = parent ? chain(parent) : { hides: false, opacity: 1, zoom: 1 };
    const result = { hides: o.hides || up.hides, opacity: o.opacity * up.opacity, zoom: o.zoom * up.zoom };
    chainCache.set(el, result);
    return result;
  };

  /** Text the worker cannot read: a transparent text colour without a shadow to show it. */
  const transparentText = (el: Element): boolean => {
    const s = style(el);
    if (!s) return false;
    const fill = prop(s, '-webkit-text-fill-color');
    const a = Math.min(colorAlpha(s.color), fill ? colorAlpha(fill) : 1);
    if (a >= MIN_TEXT_ALPHA) return false;
    const shadow = s.textShadow;
    return !shadow || shadow === 'none';
  };

  /**
   * Can this ancestor be the containing block of a fixed box (CSS Transforms, Filter Effects,
   * Containment)? Only then does its overflow clip a `position: fixed` descendant.
   */
  const holdsFixed = (s: CSSStyleDeclaration): boolean => {
    const set = (v: string | undefined) => !!v && v !== 'none';
    return (
      set(s.transform) ||
      set(s.perspective) ||
      set(s.filter) ||
      set(prop(s, 'backdrop-filter')) ||
      /\b(paint|layout|strict|content)\b/.test(s.contain || '') ||
      /\b(transform|perspective|filter)\b/.test(s.willChange || '')
    );
  };

  /**
   * Ancestors that clip: too small to show anything, or (not scrollable) showing under 5×5 px of the field.
   * Only ancestors in the box's containing-block chain clip it (CSS 2.1 §11.1.1): a fixed box escapes
   * every overflow up to an ancestor that holds fixed boxes, an absolute one every static ancestor
   * (Ghost's fixed staff modal sits inside `overflow: hidden` app wrappers and is drawn whole).
   */
  const clippedByAncestor = (el: Element, r: Rect): boolean => {
    let escapes = style(el)?.position ?? '';
    for (let a = parentOf(el); a && a !== root && a !== doc.body; a = parentOf(a)) {
      const s = style(a);
      if (!s) continue;
      if (escapes === 'fixed' && !holdsFixed(s)) continue;
      if (escapes === 'absolute' && (s.position || 'static') === 'static' && !holdsFixed(s)) continue;
      escapes = s.position;
      const ox = s.overflowX || s.overflow;
      const oy = s.overflowY || s.overflow;
      if ((!ox || ox === 'visible') && (!oy || oy === 'visible')) continue;
      const ar = rect(a);
      if (tooSmall(ar)) return true;
      const fixedX = ox === 'hidden' || ox === 'clip';
      const fixedY = oy === 'hidden' || oy === 'clip';
      if (!fixedX && !fixedY) continue; // the worker can scroll it into view
      const shown = intersect(r, {
        left: fixedX ? ar.left : r.left,
        right: fixedX ? ar.right : r.right,
        top: fixedY ? ar.top : r.top,
        bottom: fixedY ? ar.bottom : r.bottom,
      });
      if (tooSmall(shown)) return true;
    }
    return false;
  };

  /** Is the element on top at the field's centre the field (or inside it, or its label)? */
  const onTop = (el: Element, r: Rect): boolean => {
    const vw = win?.innerWidth ?? 0;
    const vh = win?.innerHeight ?? 0;
    const cx = (r.left + r.right) / 2;
    const cy = (r.top + r.bottom) / 2;
    // Below the fold, or scrolled away: the worker sees it by scrolling; nothing to test now.
    if (cx < 0 || cy < 0 || cx >= vw || cy >= vh) return true;
    const scroller = scrolledAwayIn(el, cx, cy);
    if (scroller) return containerOnTop(scroller, rect(scroller));
    const rootNode = el.getRootNode() as Document | ShadowRoot;
    let hit: Element | null;
    try {
      hit = typeof rootNode.elementFromPoint === 'function' ? rootNode.elementFromPoint(cx, cy) : doc.elementFromPoint(cx, cy);
    } catch {
      return true;
    }
    if (!hit) return true;
    if (hit === el || el.contains(hit)) return true;
    if (hit.tagName === PANEL_TAG) return !panelCovers;
    const labels = (el as HTMLInputElement).labels;
    if (labels) for (const l of Array.from(labels)) if (l === hit || l.contains(hit)) return true;
    // A field that ignores the pointer lets the hit fall through to what is under it: its own ancestors are fine.
    if (style(el)?.pointerEvents === 'none' && hit.contains(el)) return true;
    return underStickyOfScroller(el, hit, cy);
  };

  /**
   * DESIGN visibility paragraph (a field "scrolled away inside a scrolling container" is reachable):
   * the nearest ancestor that scrolls (overflow auto | scroll, more content than it shows) and whose
   * box does not hold the field's centre — what is drawn at that point is not the field but whatever
   * lies beyond the container (a modal's backdrop), so the container itself is hit-tested instead.
   */
  const scrolledAwayIn = (el: Element, cx: number, cy: number): Element | null => {
    for (let a = parentOf(el); a && a !== root && a !== doc.body; a = parentOf(a)) {
      const s = style(a);
      if (!s) continue;
      const scrolls = scrollAxes(a, s);
      if (!scrolls.x && !scrolls.y) continue;
      const ar = rect(a);
      return cx < ar.left || cx >= ar.right || cy < ar.top || cy >= ar.bottom ? a : null;
    }
    return null;
  };

  /**
   * DESIGN visibility paragraph (a field "scrolled away inside a scrolling container" is one the
   * worker sees by scrolling): the element at its centre is a sticky bar (a modal's sticky footer
   * or header) of the field's own scrolling container, and that container can still scroll far
   * enough to bring the field's centre out from under the bar. A sticky cover with no scroll left
   * (or any other cover) still hides the field.
   */
  const underStickyOfScroller = (el: Element, hit: Element, cy: number): boolean => {
    let sticky: Element | null = null;
    for (let h: Element | null = hit; h && !h.contains(el); h = parentOf(h)) {
      if (style(h)?.position === 'sticky') {
        sticky = h;
        break;
      }
    }
    if (!sticky) return false;
    for (let a = parentOf(el); a && a !== root && a !== doc.body; a = parentOf(a)) {
      const s = style(a);
      if (!s || !scrollAxes(a, s).y) continue;
      if (!a.contains(sticky)) return false;
      const br = rect(sticky);
      const ar = rect(a);
      // A footer (lower half): scrolling on moves the field up and out from under it; a header: scrolling back.
      if (br.top > (ar.top + ar.bottom) / 2) return cy - Math.max(0, a.scrollHeight - a.clientHeight - a.scrollTop) < br.top;
      return cy + Math.max(0, a.scrollTop) > br.bottom;
    }
    return false;
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

  /** Inside the document's own extent (where scrolling the page can bring it). */
  const onPage = (r: Rect): boolean => {
    const { sx, sy, docW, docH } = docBounds();
    return !(r.right + sx <= 0 || r.bottom + sy <= 0 || r.left + sx >= docW || r.top + sy >= docH);
  };

  /**
   * DESIGN, visibility paragraph ("off-screen" is what the worker cannot
   * reach): a box outside the document's extent is still reachable when its
   * nearest scrolling ancestor (`overflow: auto | scroll` with more content
   * than it shows — a fixed modal's scrolling section) holds it within its
   * scroll extent, and that container is itself reachable, at least 5×5 px,
   * and not covered at its own centre (so a covered or clipped scroller
   * still hides what it holds; its clipping is judged by clippedByAncestor).
   */
  const inScrollExtent = (el: Element, r: Rect, depth: number): boolean => {
    if (depth > 8) return false;
    for (let a = parentOf(el); a && a !== root && a !== doc.body; a = parentOf(a)) {
      const s = style(a);
      if (!s) continue;
      const { x: scrollsX, y: scrollsY } = scrollAxes(a, s);
      if (!scrollsX && !scrollsY) continue;
      const ar = rect(a);
      if (tooSmall(ar)) return false;
      // Where the field sits in the container's scrolled content.
      const top = r.top - ar.top + a.scrollTop;
      const left = r.left - ar.left + a.scrollLeft;
      const inY = scrollsY ? r.bottom - ar.top + a.scrollTop > 0 && top < a.scrollHeight : r.bottom > ar.top && r.top < ar.bottom;
      const inX = scrollsX ? r.right - ar.left + a.scrollLeft > 0 && left < a.scrollWidth : r.right > ar.left && r.left < ar.right;
      if (!inY || !inX) return false;
      if (!onPage(ar) && !inScrollExtent(a, ar, depth + 1)) return false;
      return containerOnTop(a, ar);
    }
    return false;
  };

  /** The scrolling container is what shows at its own (in-viewport) centre: nothing of the page covers it. */
  const containerOnTop = (a: Element, ar: Rect): boolean => {
    const vw = win?.innerWidth ?? 0;
    const vh = win?.innerHeight ?? 0;
    const cx = (Math.max(ar.left, 0) + Math.min(ar.right, vw)) / 2;
    const cy = (Math.max(ar.top, 0) + Math.min(ar.bottom, vh)) / 2;
    if (cx <= 0 || cy <= 0 || cx >= vw || cy >= vh) return true;
    let hit: Element | null;
    try {
      const rootNode = a.getRootNode() as Document | ShadowRoot;
      hit = typeof rootNode.elementFromPoint === 'function' ? rootNode.elementFromPoint(cx, cy) : doc.elementFromPoint(cx, cy);
    } catch {
      return true;
    }
    // Our own panel over the container's centre hides nothing else of it (the field itself is hit-tested when in view).
    if (!hit || hit.tagName === PANEL_TAG) return true;
    return hit === a || a.contains(hit);
  };

  const isVisible = (el: Element): boolean => {
    if ((el as HTMLInputElement).type === 'hidden') return false;
    if (!el.isConnected) return false;
    // Geometry first (one call): a field under display:none or pushed off-screen fails here
    // without the computed styles of all its ancestors.
    let r: DOMRect | null = null;
    if (hasLayout) {
      r = rect(el);
      if (r.width < MIN_SIZE_PX || r.height < MIN_SIZE_PX) return false;
      if (!onPage(r) && !inScrollExtent(el, r, 0)) return false;
    }
    const c = chain(el);
    if (c.hides || c.opacity < MIN_OPACITY || c.zoom < MIN_ZOOM) return false;
    const s = style(el);
    if (s && (s.visibility === 'hidden' || s.visibility === 'collapse')) return false;
    if (transparentText(el)) return false;
    if (r && (clippedByAncestor(el, r) || !onTop(el, r))) return false;
    return true;
  };

  return { isVisible, hasLayout };
}

/**
 * Can the worker see the extension's own panel where they clicked (issue 12,
 * panel clickjacking)? The same rules as for fields, on the panel's host
 * (a mask, filter, opacity or zoom the page put on <html> hides it), then a
 * hit test at the click with every element of the page taking the pointer
 * for that moment: an overlay with `pointer-events: none` covers it too.
 */
export function isPanelSeen(host: Element, x: number, y: number, elementsFromPoint?: (x: number, y: number) => Element[]): boolean {
  const doc = host.ownerDocument;
  const vis = createVisibilityChecker(doc, { panelCovers: false });
  if (!vis.isVisible(host)) return false;
  if (!vis.hasLayout) return true;
  const style = doc.createElement('style');
  style.textContent = '*{pointer-events:auto !important}';
  (doc.head ?? doc.documentElement).append(style);
  try {
    const hits = elementsFromPoint ? elementsFromPoint(x, y) : doc.elementsFromPoint(x, y);
    return hits[0] === host;
  } finally {
    style.remove();
  }
}
