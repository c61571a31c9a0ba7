// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { collectFields } from '../../../lib/autofill/detect';
import { makeBag, mergeBags, normalizeText, type Bag } from '../../../lib/autofill/detect/text';
import { closeAll, page } from './helpers';

afterEach(closeAll);

/*
 * The detection speed-ups (memoised 7-bit normalisation, bags merged by
 * concatenation, bounded text reads, fields found by selector, texts built on
 * first use) must give exactly what the straightforward versions gave.
 */

/** normalizeText as it was written first: Unicode classes for everything. */
function referenceNormalize(raw: string, splitCamel = false): string {
  if (!raw) return '';
  let v = splitCamel ? raw.replace(/([a-z\d])([A-Z])/g, '$1 $2') : raw;
  if (!/^[\x20-\x7e]*$/.test(v)) v = v.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
  return v.toLowerCase().replace(/@/g, ' @ ').replace(/[^\p{L}\p{N}@]+/gu, ' ').trim();
}

function referenceMerge(...bags: Bag[]): Bag {
  const spaced = bags.map((b) => b.spaced.trim()).filter(Boolean).join(' ');
  return spaced ? { spaced: ` ${spaced} `, joined: spaced.replace(/ /g, '') } : { spaced: ' ', joined: '' };
}

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('Mật khẩu', 'twitterHandle', 'user[website_url]', 'E-mail @ x', 'Đường dẫn', '\tTab\nLine', ''));

describe('detection speed-ups give the same results', () => {
  it('normalizeText equals the all-Unicode version, also when asked again (memoised)', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (s, camel) => {
        const want = referenceNormalize(s, camel);
        expect(normalizeText(s, camel)).toBe(want);
        expect(normalizeText(s, camel)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('mergeBags equals joining the trimmed bags', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), (parts) => {
        const bags = parts.map((p) => makeBag(p));
        expect(mergeBags(...bags)).toEqual(referenceMerge(...bags));
      }),
      { numRuns: 2000 },
    );
  });

  it('a field beside a very long section reads only the first characters of it, as textContent cut to the limit', async () => {
    const long = `${'Website of the studio, '.repeat(4)}${'x '.repeat(5000)}`;
    const { document: doc } = await page(`<form><div><b>${long.slice(0, 40)}</b><span>${long.slice(40)}</span></div><input id="w" name="field1"></form>`);
    const [f] = collectFields(doc, { allowFrame: () => true });
    const cut = long.slice(0, 120).replace(/\s+/g, ' ').trim();
    expect(f!.raw).toContain(cut.toLowerCase());
    expect(f!.raw.length).toBeLessThan(400);
  });

  it('text after a run of whitespace is found within the limit and cut beyond it, as textContent cut to the limit', async () => {
    const near = await page(`<form><div><span>${' '.repeat(30)}</span><span>Homepage</span></div><input id="w"></form>`);
    expect(collectFields(near.document, { allowFrame: () => true })[0]!.raw).toContain('homepage');
    const far = await page(`<form><div><span>${' '.repeat(300)}</span><span>Homepage</span></div><input id="w"></form>`);
    expect(collectFields(far.document, { allowFrame: () => true })[0]!.raw).not.toContain('homepage');
  });

  it('fields keep document order across open shadow roots and frames, with and without shadow hosts', async () => {
    const { document: doc } = await page('<input id="a"><div id="host"></div><input id="c"><textarea id="d"></textarea><select id="e"></select>');
    expect(collectFields(doc, { allowFrame: () => true }).map((f) => f.el.id)).toEqual(['a', 'c', 'd', 'e']);
    const sr = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    sr.innerHTML = '<input id="b1"><input id="b2" type="checkbox"><input id="b3">';
    expect(collectFields(doc, { allowFrame: () => true }).map((f) => f.el.id)).toEqual(['a', 'b1', 'b3', 'c', 'd', 'e']);
  });
});
