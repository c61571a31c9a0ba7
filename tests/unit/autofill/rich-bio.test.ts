// A contenteditable bio (rich-text editor) is a bio: the unplaced links are appended as new
// blocks, once, with input events; the worker's edits and undo are respected.
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument, undoAutofill } from '../../../lib/autofill';
import { trackEdits } from '../../../lib/autofill/engine';
import { $, closeAll, data, page } from './helpers';

afterEach(closeAll);

const BODY = `<form id="profile"><h2>Edit profile</h2>
  <label for="tw">Twitter URL</label><input id="tw">
  <span id="bl">Bio</span><div id="ed" contenteditable="true" role="textbox" aria-labelledby="bl"><p>Hello.</p></div>
</form>`;

const links = ['https://twitter.com/janedoe_art', 'https://www.facebook.com/janedoe.art', 'https://github.com/janedoe-art'];

describe('contenteditable bio', () => {
  it('appends each unplaced link as its own paragraph of plain text, with an input event, once', async () => {
    const { document: doc } = await page(BODY);
    const ed = $<HTMLDivElement>(doc, '#ed');
    let inputs = 0;
    ed.addEventListener('input', () => inputs++);
    const r = autofillDocument(doc, data({ links }));
    expect(r.page).toBe('profile');
    expect($(doc, '#tw').value).toBe(links[0]);
    expect(Array.from(ed.children, (c) => `${c.tagName}:${c.textContent}`)).toEqual(['P:Hello.', `P:${links[1]}`, `P:${links[2]}`]);
    expect(inputs).toBe(1);
    expect(r.notFilled).toEqual([]);
    // a second pass changes nothing
    autofillDocument(doc, data({ links }));
    expect(ed.children.length).toBe(3);
    expect(inputs).toBe(1);
  });

  it('fills an empty editor paragraph and skips links already written there', async () => {
    const { document: doc } = await page(BODY.replace('<p>Hello.</p>', `<p>${links[1]}</p><p><br></p>`));
    autofillDocument(doc, data({ links }));
    const ed = $<HTMLDivElement>(doc, '#ed');
    expect(Array.from(ed.children, (c) => c.textContent)).toEqual([links[1], links[2]]);
  });

  it('leaves an editor the worker typed in, and undo removes only what was added', async () => {
    const { document: doc, window } = await page(BODY);
    const ed = $<HTMLDivElement>(doc, '#ed');
    trackEdits(doc); // the content script listens from the start
    ed.firstElementChild!.textContent = 'Mine.';
    ed.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
    autofillDocument(doc, data({ links }));
    expect(ed.innerHTML).toBe('<p>Mine.</p>');
    // edited after our write: not appended again either
    const later = await page(BODY);
    const ed3 = $<HTMLDivElement>(later.document, '#ed');
    autofillDocument(later.document, data({ links }));
    ed3.lastElementChild!.remove();
    autofillDocument(later.document, data({ links }));
    expect(ed3.children.length).toBe(2);

    const other = await page(BODY);
    const ed2 = $<HTMLDivElement>(other.document, '#ed');
    autofillDocument(other.document, data({ links }));
    expect(ed2.children.length).toBe(3);
    expect(undoAutofill(other.document)).toBeGreaterThan(0);
    expect(ed2.innerHTML).toBe('<p>Hello.</p>');
    // undone: not appended again automatically, only by *fill again*
    autofillDocument(other.document, data({ links }));
    expect(ed2.children.length).toBe(1);
    autofillDocument(other.document, data({ links }), { force: true });
    expect(ed2.children.length).toBe(3);
  });
});
