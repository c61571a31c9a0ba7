/**
 * Fill policy 4 ("the links still unplaced" go to the bio) on a tabbed editor
 * whose inactive tab's panel is empty (Ghost's staff editor, Radix tabs): the
 * bio waits while a tab that says social / links has never been shown, and the
 * links its fields took stay placed once that tab is unmounted again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from '../../../lib/autofill';
import { $, closeAll, data, page } from './helpers';

afterEach(closeAll);

const SEED = 'Roaster and barista.';
const X = 'https://x.com/linhroasts';
const FB = 'https://www.facebook.com/linhtrancoffee';
const OTHER = 'https://about.me/linhtran';
const LINKS = [X, OTHER, FB];

function editor(tab: string) {
  return `<div role="dialog"><div role="tablist"><button role="tab" id="t1" aria-selected="true">Profile</button><button role="tab" id="t2" aria-selected="false">${tab}</button></div>
    <div role="tabpanel" id="panel"><label for="bio">Bio</label><textarea id="bio">${SEED}</textarea></div></div>`;
}
const SOCIAL_PANEL = '<label for="x">X</label><input id="x" placeholder="https://x.com/username"><label for="fb">Facebook</label><input id="fb" placeholder="https://www.facebook.com/username">';

function select(doc: Document, id: string, panel: string) {
  for (const t of Array.from(doc.querySelectorAll('[role=tab]'))) t.setAttribute('aria-selected', String(t.id === id));
  $(doc, '#panel').innerHTML = panel;
}

describe('a bio behind tabs', () => {
  it.each([['Social Links'], ['Mạng xã hội'], ['Links']])('waits for the "%s" tab, then gets only the links its fields did not take', async (label) => {
    const { document: doc } = await page(editor(label));
    // The result says the bio waits (the journey shows its tab again once the links tab is filled).
    expect(autofillDocument(doc, data({ links: LINKS })).bioWaits).toBe(true);
    expect($(doc, '#bio').value).toBe(SEED);
    select(doc, 't2', SOCIAL_PANEL);
    expect(autofillDocument(doc, data({ links: LINKS })).bioWaits).toBeFalsy();
    expect($(doc, '#x').value).toBe(X);
    expect($(doc, '#fb').value).toBe(FB);
    // Back on the first tab: a fresh bio box (the framework remounted it).
    select(doc, 't1', `<label for="bio">Bio</label><textarea id="bio">${SEED}</textarea>`);
    autofillDocument(doc, data({ links: LINKS }));
    expect($(doc, '#bio').value).toBe(`${SEED}\n${OTHER}`);
  });

  it('does not wait for a tab that is not about links', async () => {
    const { document: doc } = await page(editor('Email Notifications'));
    expect(autofillDocument(doc, data({ links: LINKS })).bioWaits).toBeFalsy();
    expect($(doc, '#bio').value).toBe(`${SEED}\n${X}\n${OTHER}\n${FB}`);
  });
});
