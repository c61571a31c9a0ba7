/**
 * DESIGN "Fill policy", the visibility paragraph: faint (effective opacity
 * below 0.5, opacity filters), masked, clipped, zoomed, transparent and
 * covered fields are not visible. CSS rules run under happy-dom as they are;
 * the geometric ones (ancestor clipping, the hit test) run against a layout
 * we give happy-dom here (boxes and elementFromPoint), since it has none.
 * The same tricks run in real Chromium and Firefox in tests/e2e/security-attacks.spec.ts
 * and tests/firefox/security-attacks.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from '../../../lib/autofill';
import { createVisibilityChecker } from '../../../lib/autofill/detect';
import { clipPathBox, colorAlpha, filterEffect } from '../../../lib/autofill/detect/visibility';
import { $, closeAll, data, page } from '../autofill/helpers';

afterEach(closeAll);

const visible = (doc: Document, sel = '#a') => createVisibilityChecker(doc).isVisible($(doc, sel));

describe('strict visibility: CSS rules (no layout)', () => {
  const hidden: [string, string][] = [
    ['effective opacity: 0.6 × 0.6 along the ancestors', '<div style="opacity:0.6"><div style="opacity:0.6"><input id="a"></div></div>'],
    ['opacity 0.1 on the field', '<input id="a" style="opacity:0.1">'],
    ['opacity 0.4 ancestor', '<section style="opacity:0.4"><input id="a"></section>'],
    ['filter: opacity(0)', '<input id="a" style="filter:opacity(0)">'],
    ['filter: opacity(30%) on an ancestor', '<div style="filter:opacity(30%)"><input id="a"></div>'],
    ['opacity 0.8 × filter opacity(0.5)', '<div style="opacity:0.8;filter:opacity(0.5)"><input id="a"></div>'],
    ['filter: blur(8px)', '<div style="filter:blur(8px)"><input id="a"></div>'],
    ['filter: brightness(0)', '<input id="a" style="filter:brightness(0)">'],
    ['filter: contrast(0)', '<input id="a" style="filter:contrast(0)">'],
    ['an SVG filter', '<input id="a" style="filter:url(#hide)">'],
    ['mask-image on an ancestor', '<div style="mask-image:linear-gradient(transparent, transparent)"><input id="a"></div>'],
    ['clip-path: inset(49.9%)', '<input id="a" style="clip-path:inset(49.9%)">'],
    ['clip-path: inset(0 0 99% 0) on an ancestor', '<div style="clip-path:inset(0 0 99% 0)"><input id="a"></div>'],
    ['clip-path: circle(0)', '<input id="a" style="clip-path:circle(0)">'],
    ['clip-path: polygon to a sliver', '<input id="a" style="clip-path:polygon(0 0, 1% 0, 1% 1%, 0 1%)">'],
    ['clip-path: path() (cannot be judged)', '<input id="a" style="clip-path:path(\'M0 0\')">'],
    ['transparent text', '<input id="a" style="color:transparent">'],
    ['transparent text and background', '<input id="a" style="color:rgba(0,0,0,0);background:transparent;border:0">'],
    ['zoom 0.25 on an ancestor', '<div style="zoom:0.25"><input id="a"></div>'],
  ];
  for (const [name, html] of hidden) {
    it(`hidden: ${name}`, async () => {
      const { document: doc } = await page(html);
      expect(visible(doc)).toBe(false);
    });
  }

  const shown: [string, string][] = [
    ['opacity 0.5 ancestor (the threshold)', '<div style="opacity:0.5"><input id="a"></div>'],
    ['opacity 0.9 × 0.9', '<div style="opacity:0.9"><div style="opacity:0.9"><input id="a"></div></div>'],
    ['filter: drop-shadow and a light blur', '<div style="filter:drop-shadow(0 0 2px #000) blur(1px)"><input id="a"></div>'],
    ['filter: grayscale(1)', '<div style="filter:grayscale(1)"><input id="a"></div>'],
    ['clip-path: inset(0 round 8px) (rounded corners)', '<div style="clip-path:inset(0 round 8px)"><input id="a"></div>'],
    ['clip-path: a slanted section', '<section style="clip-path:polygon(0 0, 100% 0, 100% 90%, 0 100%)"><input id="a"></section>'],
    ['clip-path: circle(50%)', '<div style="clip-path:circle(50%)"><input id="a"></div>'],
    ['semi-transparent text colour', '<input id="a" style="color:rgba(0,0,0,0.6)">'],
    ['transparent text shown through a text-shadow', '<input id="a" style="color:transparent;text-shadow:0 0 0 #000">'],
    ['transparent background, normal text', '<input id="a" style="background:transparent">'],
    ['zoom 0.8', '<div style="zoom:0.8"><input id="a"></div>'],
  ];
  for (const [name, html] of shown) {
    it(`visible: ${name}`, async () => {
      const { document: doc } = await page(html);
      expect(visible(doc)).toBe(true);
    });
  }
});

describe('strict visibility: parsing', () => {
  it('colour alpha in every computed form', () => {
    expect(colorAlpha('transparent')).toBe(0);
    expect(colorAlpha('rgba(0, 0, 0, 0)')).toBe(0);
    expect(colorAlpha('rgb(0 0 0 / 0.05)')).toBeCloseTo(0.05);
    expect(colorAlpha('rgb(0 0 0 / 5%)')).toBeCloseTo(0.05);
    expect(colorAlpha('#00000000')).toBe(0);
    expect(colorAlpha('rgb(20, 20, 20)')).toBe(1);
    expect(colorAlpha('canvastext')).toBe(1);
  });
  it('filters: opacity multiplies, the rest hide or not', () => {
    expect(filterEffect('opacity(0.5) opacity(50%)').opacity).toBeCloseTo(0.25);
    expect(filterEffect('blur(3px)').hides).toBe(true);
    expect(filterEffect('blur(1px) saturate(2)').hides).toBe(false);
    expect(filterEffect('brightness(0.1)').hides).toBe(true);
    expect(filterEffect('none')).toEqual({ opacity: 1, hides: false });
  });
  it('clip-path boxes in px and %', () => {
    expect(clipPathBox('inset(10px 20px)', 200, 40)).toEqual({ x0: 20, y0: 10, x1: 180, y1: 30 });
    expect(clipPathBox('inset(49.9%)', null, null)!.x1 - clipPathBox('inset(49.9%)', null, null)!.x0).toBeCloseTo(0.002);
    expect(clipPathBox('circle(4px at 10px 10px)', 200, 40)).toEqual({ x0: 6, y0: 6, x1: 14, y1: 14 });
    expect(clipPathBox('polygon(0 0, 50% 0, 50% 100%)', 200, 40)).toEqual({ x0: 0, y0: 0, x1: 100, y1: 40 });
    expect(clipPathBox('path("M0 0")', 200, 40)).toBeNull();
  });
});

/** A layout for happy-dom: boxes by selector (left, top, width, height) and what is on top at a point. */
function layout(doc: Document, boxes: Record<string, [number, number, number, number]>, top?: (x: number, y: number) => Element | null) {
  const win = doc.defaultView as unknown as { Element: typeof Element };
  const rects = new Map<Element, DOMRect>();
  for (const [sel, [l, t, w, h]] of Object.entries(boxes)) {
    for (const el of Array.from(doc.querySelectorAll(sel))) rects.set(el, { left: l, top: t, width: w, height: h, right: l + w, bottom: t + h, x: l, y: t, toJSON() {} } as DOMRect);
  }
  rects.set(doc.documentElement, { left: 0, top: 0, width: 1280, height: 2000, right: 1280, bottom: 2000, x: 0, y: 0, toJSON() {} } as DOMRect);
  Object.defineProperty(doc.documentElement, 'scrollHeight', { configurable: true, value: 2000 });
  const proto = win.Element.prototype;
  const orig = proto.getBoundingClientRect;
  proto.getBoundingClientRect = function (this: Element) {
    return rects.get(this) ?? orig.call(this);
  };
  // Default hit test: the smallest laid-out box under the point, later ones on top on ties (no stacking contexts).
  const hit = top ?? ((x: number, y: number) => {
    let best: Element | null = null;
    let area = Infinity;
    for (const [el, r] of rects) {
      if (el === doc.documentElement || x < r.left || x >= r.right || y < r.top || y >= r.bottom) continue;
      if (r.width * r.height <= area) {
        best = el;
        area = r.width * r.height;
      }
    }
    return best ?? doc.body;
  });
  (doc as Document & { elementFromPoint: (x: number, y: number) => Element | null }).elementFromPoint = hit;
}

describe('strict visibility: geometry (a layout given to happy-dom)', () => {
  it('sees the layout', async () => {
    const { document: doc } = await page('<input id="a">');
    layout(doc, { '#a': [10, 10, 200, 30] });
    expect(createVisibilityChecker(doc).hasLayout).toBe(true);
    expect(visible(doc)).toBe(true);
  });

  it('hidden: a parent of height 0 with overflow hidden', async () => {
    const { document: doc } = await page('<div id="p" style="overflow:hidden"><input id="a"></div>');
    layout(doc, { '#p': [10, 10, 300, 0], '#a': [10, 10, 200, 30] });
    expect(visible(doc)).toBe(false);
  });

  it('hidden: a clipping ancestor that shows none of the field (overflow hidden, field outside its box)', async () => {
    const { document: doc } = await page('<div id="p" style="overflow:hidden"><input id="a"></div>');
    layout(doc, { '#p': [10, 10, 300, 100], '#a': [10, 112, 200, 30] });
    expect(visible(doc)).toBe(false);
  });

  it('hidden: an absolute field in a positioned parent of height 0 with overflow hidden (its containing block clips it)', async () => {
    const { document: doc } = await page('<div id="p" style="overflow:hidden;position:relative"><input id="a" style="position:absolute"></div>');
    layout(doc, { '#p': [10, 10, 300, 0], '#a': [10, 10, 200, 30] });
    expect(visible(doc)).toBe(false);
  });

  it('visible: an absolute field escapes a static overflow: hidden parent of height 0 (it is drawn whole, then hit-tested)', async () => {
    const { document: doc } = await page('<section style="position:relative"><div id="p" style="overflow:hidden"><input id="a" style="position:absolute"></div></section>');
    layout(doc, { '#p': [10, 10, 300, 0], '#a': [10, 10, 200, 30] });
    expect(visible(doc)).toBe(true);
  });

  it('hidden: a fixed field inside a filtered overflow: hidden box of height 0 (a filter holds fixed boxes)', async () => {
    const { document: doc } = await page('<div id="p" style="overflow:hidden;filter:drop-shadow(0 0 1px #000)"><input id="a" style="position:fixed"></div>');
    layout(doc, { '#p': [10, 10, 300, 0], '#a': [10, 10, 200, 30] });
    expect(visible(doc)).toBe(false);
  });

  // Below its scrolling container's box but in the viewport, where the modal's backdrop is drawn (Ghost's staff modal).
  const scrolledAway = '<div id="b" style="position:fixed"><section id="p" style="overflow-y:auto"><input id="a"></section></div><div id="cover"></div>';
  it('visible: a field scrolled below its scrolling container, the backdrop drawn at its centre (the container is what is tested)', async () => {
    const { document: doc } = await page(scrolledAway);
    layout(doc, { '#b': [0, 0, 1280, 720], '#p': [300, 40, 600, 600], '#a': [320, 660, 560, 36] }, (_x, y) => (y >= 640 ? $(doc, '#b') : $(doc, '#p')));
    scrolls($(doc, '#p'), { scrollHeight: 1300, clientHeight: 600 });
    expect(visible(doc)).toBe(true);
  });

  it('hidden: the same field when an overlay covers its scrolling container', async () => {
    const { document: doc } = await page(scrolledAway);
    layout(doc, { '#b': [0, 0, 1280, 720], '#p': [300, 40, 600, 600], '#a': [320, 660, 560, 36], '#cover': [0, 0, 1280, 720] }, () => $(doc, '#cover'));
    scrolls($(doc, '#p'), { scrollHeight: 1300, clientHeight: 600 });
    expect(visible(doc)).toBe(false);
  });

  it('hidden: a field outside a container that does not scroll, the backdrop drawn at its centre', async () => {
    const { document: doc } = await page(scrolledAway);
    layout(doc, { '#b': [0, 0, 1280, 720], '#p': [300, 40, 600, 600], '#a': [320, 660, 560, 36] }, (_x, y) => (y >= 640 ? $(doc, '#b') : $(doc, '#p')));
    scrolls($(doc, '#p'), { scrollHeight: 600, clientHeight: 600 });
    expect(visible(doc)).toBe(false);
  });

  it('hidden: a scroll container 2 px high (nothing to scroll into view)', async () => {
    const { document: doc } = await page('<div id="p" style="overflow:auto"><input id="a"></div>');
    layout(doc, { '#p': [10, 10, 300, 2], '#a': [10, 10, 200, 30] });
    expect(visible(doc)).toBe(false);
  });

  it('visible: a field scrolled out of view inside a scrolling container (the worker scrolls to it)', async () => {
    const { document: doc } = await page('<div id="p" style="overflow-y:auto"><input id="a"></div>');
    layout(doc, { '#p': [10, 10, 300, 100], '#a': [10, 400, 200, 30] });
    expect(visible(doc)).toBe(true);
  });

  it('visible: a field below the fold of the page (not hit-tested)', async () => {
    const { document: doc } = await page('<input id="a"><div id="cover"></div>');
    layout(doc, { '#a': [10, 1500, 200, 30] }, () => $(doc, '#cover'));
    expect(visible(doc)).toBe(true);
  });

  it('visible: a field inside a modal with overflow hidden that shows it', async () => {
    const { document: doc } = await page('<div id="m" style="position:fixed;overflow:hidden"><form><input id="a"></form></div>');
    layout(doc, { '#m': [300, 200, 400, 300], '#a': [320, 260, 360, 30] });
    expect(visible(doc)).toBe(true);
  });

  it('hidden: a clip-path that keeps a 1 px sliver of the field (px, with layout)', async () => {
    const { document: doc } = await page('<input id="a" style="clip-path:inset(0 0 29px 0)">');
    layout(doc, { '#a': [10, 10, 200, 30] });
    expect(visible(doc)).toBe(false);
  });

  it('hidden: covered at its centre by a div (the hit test lands elsewhere)', async () => {
    const { document: doc } = await page('<input id="a"><div id="cover" style="position:absolute"></div>');
    layout(doc, { '#a': [10, 10, 200, 30], '#cover': [0, 0, 400, 100] }, () => $(doc, '#cover'));
    expect(visible(doc)).toBe(false);
  });

  it("hidden: under the extension's own panel", async () => {
    const { document: doc } = await page('<input id="a">');
    const panel = doc.createElement('entity-connect-panel');
    doc.documentElement.append(panel);
    layout(doc, { '#a': [900, 700, 200, 30] }, () => panel);
    expect(visible(doc)).toBe(false);
    // …unless the caller says the panel is ours to ignore (the refill guard)
    expect(createVisibilityChecker(doc, { panelCovers: false }).isVisible($(doc, '#a'))).toBe(true);
  });

  it('visible: the hit lands on its label (a floating label over the field) or inside it', async () => {
    const { document: doc } = await page('<label for="a" id="l"><span id="s">Password</span></label><input id="a" type="password">');
    layout(doc, { '#a': [10, 10, 200, 30] }, () => $(doc, '#s'));
    expect(visible(doc)).toBe(true);
  });

  it('visible: a field that ignores the pointer and shows its ancestor at the centre', async () => {
    const { document: doc } = await page('<div id="w"><input id="a" style="pointer-events:none"></div>');
    layout(doc, { '#w': [0, 0, 400, 100], '#a': [10, 10, 200, 30] }, () => $(doc, '#w'));
    expect(visible(doc)).toBe(true);
  });

  it('the engine fills no covered password field, and fills the same form uncovered', async () => {
    const form = '<form><label for="u">Username</label><input id="u" autocomplete="username"><label for="a">Password</label><input id="a" type="password" autocomplete="current-password"><button>Sign in</button></form><div id="cover"></div>';
    const covered = await page(form, 'https://demo-social.test/login');
    const cover = $(covered.document, '#cover');
    layout(covered.document, { '#u': [10, 10, 200, 30], '#a': [10, 50, 200, 30], '#cover': [0, 40, 400, 60] }, (x, y) => (y >= 40 && y < 100 ? cover : $(covered.document, '#u')));
    autofillDocument(covered.document, data());
    expect($(covered.document, '#a').value).toBe('');
    const clear = await page(form, 'https://demo-social.test/login');
    layout(clear.document, { '#u': [10, 10, 200, 30], '#a': [10, 50, 200, 30], '#cover': [0, 300, 400, 60] });
    autofillDocument(clear.document, data());
    expect($(clear.document, '#a').value).toBe(data().password);
  });
});

/** Gives an element scroll extents (happy-dom reports 0 for all of them). */
function scrolls(el: Element, { scrollHeight = 0, clientHeight = 0, scrollWidth = 0, clientWidth = 0, scrollTop = 0 }) {
  for (const [k, v] of Object.entries({ scrollHeight, clientHeight, scrollWidth, clientWidth, scrollTop, scrollLeft: 0 })) Object.defineProperty(el, k, { configurable: true, value: v });
}

describe('strict visibility: a field below the document’s end inside a scrolling container (fixed modals)', () => {
  // The document is 2000 px high (layout()); each field sits at top 2600, below it, reached only by scrolling its container.
  const cases: { what: string; html: string; boxes: Record<string, [number, number, number, number]>; extent?: Partial<Record<'scrollHeight' | 'clientHeight', number>>; cover?: boolean; want: boolean }[] = [
    {
      what: 'a fixed modal whose section scrolls (Ghost’s staff editor)',
      html: '<div style="position:fixed"><section id="p" style="overflow-y:auto"><input id="a"></section></div>',
      boxes: { '#p': [300, 40, 600, 640], '#a': [320, 2600, 560, 36] },
      want: true,
    },
    {
      what: 'a scroll container with overflow: scroll (a drawer)',
      html: '<aside id="p" style="position:fixed;overflow:scroll"><label>Website <input id="a"></label></aside>',
      boxes: { '#p': [0, 0, 400, 700], '#a': [10, 2600, 300, 30] },
      want: true,
    },
    {
      what: 'nested: a scrolling list inside the scrolling modal',
      html: '<div id="q" style="position:fixed;overflow-y:auto"><div id="p" style="overflow-y:auto"><input id="a"></div></div>',
      boxes: { '#q': [300, 40, 600, 640], '#p': [320, 100, 560, 400], '#a': [330, 2600, 500, 30] },
      want: true,
    },
    {
      what: 'a fixed modal inside overflow: hidden app wrappers (Ghost 5.130’s gh-viewport): a fixed box escapes their clipping',
      html: '<div id="w" style="overflow:hidden"><div style="position:fixed"><section id="p" style="overflow-y:auto"><input id="a"></section></div></div>',
      boxes: { '#w': [0, 0, 1280, 720], '#p': [300, 40, 600, 640], '#a': [320, 2600, 560, 36] },
      want: true,
    },
    {
      what: 'hidden: the same modal inside a transformed overflow: hidden wrapper (its containing block clips it)',
      html: '<div id="w" style="overflow:hidden;transform:translateZ(0)"><div style="position:fixed"><section id="p" style="overflow-y:auto"><input id="a"></section></div></div>',
      boxes: { '#w': [0, 0, 1280, 720], '#p': [300, 40, 600, 640], '#a': [320, 2600, 560, 36] },
      want: false,
    },
    {
      what: 'hidden: beyond the container’s own scroll extent (nothing scrolls to it)',
      html: '<div id="p" style="position:fixed;overflow-y:auto"><input id="a"></div>',
      boxes: { '#p': [300, 40, 600, 640], '#a': [320, 9000, 560, 36] },
      want: false,
    },
    {
      what: 'hidden: the container clips without scrolling (overflow: hidden)',
      html: '<div id="p" style="position:fixed;overflow:hidden"><input id="a"></div>',
      boxes: { '#p': [300, 40, 600, 640], '#a': [320, 2600, 560, 36] },
      want: false,
    },
    {
      what: 'hidden: no scrolling container at all (pushed below the document)',
      html: '<div style="position:absolute"><input id="a"></div>',
      boxes: { '#a': [320, 2600, 560, 36] },
      want: false,
    },
    {
      what: 'hidden: the scrolling container is covered by an overlay',
      html: '<div id="p" style="position:fixed;overflow-y:auto"><input id="a"></div><div id="cover" style="position:fixed"></div>',
      boxes: { '#p': [300, 40, 600, 640], '#a': [320, 2600, 560, 36], '#cover': [0, 0, 1280, 2000] },
      cover: true,
      want: false,
    },
    {
      what: 'hidden: a faint scrolling container (opacity rules still apply)',
      html: '<div id="p" style="position:fixed;overflow-y:auto;opacity:0.2"><input id="a"></div>',
      boxes: { '#p': [300, 40, 600, 640], '#a': [320, 2600, 560, 36] },
      want: false,
    },
  ];
  it.each(cases)('$what', async ({ html, boxes, cover, want }) => {
    const { document: doc } = await page(html);
    layout(doc, boxes, cover ? () => $(doc, '#cover') : undefined);
    for (const el of Array.from(doc.querySelectorAll('#p, #q'))) scrolls(el, { scrollHeight: 3200, clientHeight: 600, scrollWidth: 500, clientWidth: 500 });
    expect(visible(doc)).toBe(want);
  });
});

describe('strict visibility: a field under its scrolling container’s sticky bar (a modal’s sticky footer)', () => {
  const html = '<section id="p" style="overflow-y:auto"><input id="a"><div id="bar" style="position:sticky"><button id="save">Save</button></div></section><div id="banner" style="position:sticky"></div>';
  it.each([
    { what: 'visible: the container can still scroll the field out from under the bar', scrollTop: 0, on: '#save', want: true },
    { what: 'hidden: no scroll left (the bar covers it for good)', scrollTop: 2600, on: '#save', want: false },
    { what: 'hidden: a sticky element outside the field’s container covers it', scrollTop: 0, on: '#banner', want: false },
  ])('$what', async ({ scrollTop, on, want }) => {
    const { document: doc } = await page(html);
    layout(doc, { '#p': [300, 40, 600, 640], '#a': [320, 620, 560, 36], '#bar': [300, 596, 600, 84], '#save': [700, 610, 100, 40], '#banner': [0, 600, 1280, 100] }, () => $(doc, on));
    scrolls($(doc, '#p'), { scrollHeight: 3200, clientHeight: 640, scrollTop });
    expect(visible(doc)).toBe(want);
  });
});
