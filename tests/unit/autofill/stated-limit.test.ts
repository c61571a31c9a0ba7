/**
 * Fill policy 6 ("maxlength is respected"): a length limit stated in words
 * beside a field counts like maxlength (lib/autofill/detect/limit.ts) — Ghost's
 * bio counter, and the other ways sites say it, in the supported languages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from '../../../lib/autofill';
import { limitIn, statedLimit } from '../../../lib/autofill/detect/limit';
import { $, closeAll, data, page } from './helpers';

afterEach(closeAll);

describe('a limit stated in words', () => {
  it.each([
    ['Recommended: 250 characters. You‘ve used 78', 78, 250],
    ['Max. 160 characters', 0, 160],
    ['Up to 300 chars', 0, 300],
    ['Tối đa 200 ký tự', 0, 200],
    ['Giới thiệu (không quá 150 ký tự)', 0, 150],
    ['Maximal 500 Zeichen', 0, 500],
    ['160 caractères maximum', 0, 160],
    ['Máximo 280 caracteres', 0, 280],
    ['Не более 400 символов', 0, 400],
    ['a 300-character limit', 0, 300],
    ['122 characters left', 78, 200],
    ['78/200', 78, 200],
    ['78 / 200 — Recommended: 250 characters', 78, 200],
  ])('%s → %i', (text, used, want) => {
    expect(limitIn(text, used)).toBe(want);
  });

  it.each([
    ['Tell us about yourself', 78],
    ['Member since 12/2024', 0],
    // A counter whose first number is not the field's length is some other fraction.
    ['3/5 steps done', 78],
    ['Use your real name; 2 characters minimum', 0],
    ['Posts: 250', 0],
  ])('none in %s', (text, used) => {
    expect(limitIn(text, used)).toBe(-1);
  });
});

describe('the field’s own hint', () => {
  it('reads the block that holds the field (label and hint after it, Ghost’s TextArea), not the value', async () => {
    const { document: doc } = await page(
      '<div><div><input id="n"><label for="n">Name</label><span>Max 50 characters</span></div>' +
        '<div><textarea id="a">Max 10 characters is what I wrote</textarea><label for="a">Bio</label><span>Recommended: 200 characters. You‘ve used <b>34</b></span></div></div>',
    );
    expect(statedLimit($(doc, '#a'))).toBe(200);
    expect(statedLimit($(doc, '#n'))).toBe(50);
  });

  it('reads aria-describedby and the placeholder', async () => {
    const { document: doc } = await page('<p id="h">Tối đa 120 ký tự</p><form><textarea id="a" aria-describedby="h"></textarea><input id="b" placeholder="Max 80 characters"></form>');
    expect(statedLimit($(doc, '#a'))).toBe(120);
    expect(statedLimit($(doc, '#b'))).toBe(80);
  });

  it('the bio gets only the whole links that keep it within the stated limit; the rest are reported too long', async () => {
    const bio = 'Roaster and barista.';
    const { document: doc } = await page(
      `<form><label for="w">Website</label><input id="w" name="website"><div><textarea id="a" name="bio">${bio}</textarea><label for="a">Bio</label><small>0/80</small></div><button>Save</button></form>`,
      'https://demo-social.test/settings/profile',
    );
    // The counter shows the current length, as a live one does.
    doc.querySelector('small')!.textContent = `${bio.length}/80`;
    const links = ['https://about.me/linhtran', 'https://linktr.ee/linhtrancoffee', 'https://www.deviantart.com/linhtran'];
    const r = autofillDocument(doc, { ...data(), links });
    expect($(doc, '#a').value).toBe(`${bio}\n${links[0]}\n${links[1]}`);
    expect($(doc, '#a').value.length).toBeLessThanOrEqual(80);
    expect(r.notFilled).toContainEqual(expect.objectContaining({ value: links[2], reason: 'too_long' }));
  });
});
