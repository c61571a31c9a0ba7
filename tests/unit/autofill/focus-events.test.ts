import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from '../../../lib/autofill';
import { writeSelect, writeText } from '../../../lib/autofill/fill';
import { $, closeAll, data, page } from './helpers';

afterEach(closeAll);

/*
 * Fills dispatch focus/blur as events instead of moving the real focus (a real
 * focus change costs up to 1 ms per field in Chromium). Pages must still see
 * every focus event a person's visit to the field would fire.
 */
describe('focus events without moving the focus', () => {
  it('the field gets focus, focusin, blur and focusout; focusin/focusout bubble to the document', async () => {
    const { document: doc } = await page('<form><input id="a"></form>');
    const a = $(doc, '#a');
    const onField: string[] = [];
    const atDoc: string[] = [];
    for (const t of ['focus', 'focusin', 'blur', 'focusout']) {
      a.addEventListener(t, (e) => onField.push(`${e.type}:${(e as FocusEvent).constructor.name}`));
      doc.addEventListener(t, (e) => {
        if (e.target === a) atDoc.push(e.type);
      });
    }
    expect(writeText(a, 'x')).toBe('ok');
    expect(onField).toEqual(['focus:FocusEvent', 'focusin:FocusEvent', 'blur:FocusEvent', 'focusout:FocusEvent']);
    // focus and blur do not bubble (as in a browser); focusin and focusout do
    expect(atDoc).toEqual(['focusin', 'focusout']);
  });

  it('a select gets the same focus events around input and change', async () => {
    const { document: doc } = await page('<select id="s"><option value="a">A</option><option value="b">B</option></select>');
    const s = $<HTMLSelectElement>(doc, '#s');
    const seen: string[] = [];
    for (const t of ['focus', 'focusin', 'input', 'change', 'blur', 'focusout']) s.addEventListener(t, (e) => seen.push(e.type));
    expect(writeSelect(s, 1)).toBe('ok');
    expect(seen).toEqual(['focus', 'focusin', 'input', 'change', 'blur', 'focusout']);
  });

  it('a page that commits a field only on blur keeps the filled value', async () => {
    const { document: doc } = await page('<input id="a"><output id="o"></output>');
    const a = $(doc, '#a');
    a.addEventListener('blur', () => {
      $(doc, '#o').textContent = a.value;
    });
    writeText(a, 'https://example.com/');
    expect($(doc, '#o').textContent).toBe('https://example.com/');
  });

  it('the worker keeps the caret in the field they were typing in, and it gets no blur', async () => {
    const { document: doc } = await page('<input id="mine" name="note"><label>Twitter <input id="tw" name="twitter"></label><label>Website <input id="web" name="website"></label>');
    const mine = $(doc, '#mine');
    mine.focus();
    const onMine: string[] = [];
    for (const t of ['blur', 'focusout', 'focus']) mine.addEventListener(t, (e) => onMine.push(e.type));
    autofillDocument(doc, data());
    expect($(doc, '#tw').value).toBe('https://twitter.com/janedoe_art');
    expect(doc.activeElement).toBe(mine);
    expect(onMine).toEqual([]);
  });

  it('a field that already has the focus gets no second focus event, but still its blur', async () => {
    const { document: doc } = await page('<input id="a">');
    const a = $(doc, '#a');
    a.focus();
    const seen: string[] = [];
    for (const t of ['focus', 'blur']) a.addEventListener(t, (e) => seen.push(e.type));
    writeText(a, 'v');
    expect(seen).toEqual(['blur']);
  });
});
