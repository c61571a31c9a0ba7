import { afterEach, describe, expect, it } from 'vitest';
import { createVisibilityChecker } from '../../../lib/autofill/detect';
import { $, closeAll, page } from './helpers';

afterEach(closeAll);

describe('visibility (no layout engine: CSS and attribute rules)', () => {
  it('detects that happy-dom has no layout', async () => {
    const { document: doc } = await page('<input id="a">');
    expect(createVisibilityChecker(doc).hasLayout).toBe(false);
  });

  const hidden: [string, string][] = [
    ['display:none', '<input id="a" style="display:none">'],
    ['display:none ancestor', '<div style="display:none"><div><input id="a"></div></div>'],
    ['visibility:hidden', '<input id="a" style="visibility:hidden">'],
    ['visibility:hidden inherited', '<div style="visibility:hidden"><input id="a"></div>'],
    ['hidden attribute', '<input id="a" hidden>'],
    ['hidden ancestor', '<section hidden><input id="a"></section>'],
    ['aria-hidden ancestor', '<div aria-hidden="true"><input id="a"></div>'],
    ['inert ancestor', '<div inert><input id="a"></div>'],
    ['opacity 0', '<input id="a" style="opacity:0">'],
    ['opacity 0.05 ancestor', '<div style="opacity:0.05"><p><input id="a"></p></div>'],
    ['off-screen left', '<input id="a" style="position:absolute;left:-9999px">'],
    ['off-screen top (class)', '<style>.hp{position:fixed;top:-2000px}</style><input id="a" class="hp">'],
    ['zero size', '<input id="a" style="width:0;height:0;border:0;padding:0">'],
    ['1px clipped (screen-reader only)', '<input id="a" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">'],
    ['clip-path inset(50%)', '<input id="a" style="clip-path:inset(50%)">'],
    ['type=hidden', '<input id="a" type="hidden">'],
  ];
  for (const [name, html] of hidden) {
    it(`hidden: ${name}`, async () => {
      const { document: doc } = await page(html);
      expect(createVisibilityChecker(doc).isVisible($(doc, '#a'))).toBe(false);
    });
  }

  const visible: [string, string][] = [
    ['plain', '<input id="a">'],
    ['opacity 0.5', '<div style="opacity:0.5"><input id="a"></div>'],
    ['visible child of hidden-visibility parent', '<div style="visibility:hidden"><input id="a" style="visibility:visible"></div>'],
    ['absolute on screen', '<input id="a" style="position:absolute;left:20px;top:30px">'],
    ['inside an open shadow root', '<div id="h"></div>'],
  ];
  for (const [name, html] of visible) {
    it(`visible: ${name}`, async () => {
      const { document: doc } = await page(html);
      let el: Element = doc.querySelector('#a') as Element;
      if (!el) {
        const root = $(doc, '#h').attachShadow({ mode: 'open' });
        root.innerHTML = '<input id="a">';
        el = root.querySelector('#a')!;
      }
      expect(createVisibilityChecker(doc).isVisible(el)).toBe(true);
    });
  }

  it('a hidden shadow host hides its shadow fields', async () => {
    const { document: doc } = await page('<div id="h" style="display:none"></div>');
    const root = $(doc, '#h').attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="a">';
    expect(createVisibilityChecker(doc).isVisible(root.querySelector('#a')!)).toBe(false);
  });
});
