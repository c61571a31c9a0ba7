// On the page the journey knows as the profile editor, a lone textarea is the bio (lib/autofill/detect/editor-bio.ts);
// elsewhere, or beside other free-text boxes, an unnamed textarea stays untouched.
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from '../../../lib/autofill';
import { $, closeAll, data, page } from './helpers';

afterEach(closeAll);

const links = ['https://twitter.com/janedoe_art', 'https://www.facebook.com/janedoe.art'];

// A wiki's source editor (MediaWiki's EditPage form: wpTextbox1, a summary line, save).
const WIKI = `<form id="editform" method="post" action="/index.php?title=User:Jane&amp;action=submit">
  <textarea id="wpTextbox1" name="wpTextbox1" rows="25">'''Jane''' paints.</textarea>
  <input id="wpSummary" name="wpSummary" placeholder="Briefly describe your changes">
  <input type="submit" id="wpSave" name="wpSave" value="Save changes"></form>`;
const WIKI_URL = 'https://demo-social.test/index.php?title=User:Jane&action=edit';

// An unlabelled box with a generated name (form builders), on a settings page.
const ABOUT = `<form action="/settings"><h2>Your account</h2>
  <input name="display_name" value="Jane"><textarea name="f3"></textarea>
  <button>Save</button></form>`;
const ABOUT_URL = 'https://demo-social.test/settings/account';

describe('the known editor page: its lone textarea is the bio', () => {
  it('appends the links to a wiki user page source at the editor URL', async () => {
    const { document: doc } = await page(WIKI, WIKI_URL);
    const r = autofillDocument(doc, data({ links, journey: { editorUrl: WIKI_URL, filledFields: [] } }));
    expect(r.page).toBe('profile');
    const text = $<HTMLTextAreaElement>(doc, '#wpTextbox1').value;
    expect(text.startsWith("'''Jane''' paints.")).toBe(true);
    for (const l of links) expect(text.split(l).length - 1).toBe(1);
    expect($(doc, '#wpSummary').value).toBe('');
  });

  it('fills an empty unlabelled box on another editor', async () => {
    const { document: doc } = await page(ABOUT, ABOUT_URL);
    autofillDocument(doc, data({ links, journey: { editorUrl: ABOUT_URL + '#profile', filledFields: [] } }));
    const text = $<HTMLTextAreaElement>(doc, 'textarea').value;
    for (const l of links) expect(text).toContain(l);
  });

  it('leaves the same boxes alone when the page is not the known editor', async () => {
    for (const [body, url, other] of [
      [WIKI, WIKI_URL, 'https://demo-social.test/index.php?title=Talk:Jane&action=edit'],
      [ABOUT, ABOUT_URL, undefined],
    ] as const) {
      const { document: doc } = await page(body, url);
      const before = $<HTMLTextAreaElement>(doc, 'textarea').value;
      autofillDocument(doc, data({ links, journey: other ? { editorUrl: other, filledFields: [] } : undefined }));
      expect($<HTMLTextAreaElement>(doc, 'textarea').value).toBe(before);
    }
  });

  it('leaves a page with two free-text boxes alone even at the editor URL', async () => {
    const { document: doc } = await page(ABOUT.replace('<button>', '<textarea name="notes"></textarea><button>'), ABOUT_URL);
    autofillDocument(doc, data({ links, journey: { editorUrl: ABOUT_URL, filledFields: [] } }));
    for (const t of doc.querySelectorAll('textarea')) expect(t.value).toBe('');
  });
});

describe('a link already in the bio counts in the markup the box holds', () => {
  const BIO = (text: string) => `<form><label for="b">Bio</label><textarea id="b">${text}</textarea><button>Save</button></form>`;
  for (const [markup, text] of [
    ['wikitext', `On [${links[1]} Facebook] for news.`],
    ['Markdown', `On [Facebook](${links[1]}).`],
    ['HTML', `On &lt;a href="${links[1]}"&gt;Facebook&lt;/a&gt;`],
    ['BBCode', `On [url=${links[1]}]Facebook[/url]`],
    ['a sentence', `Find me at ${links[1]}.`],
  ] as const) {
    it(`${markup}: only the missing link is appended`, async () => {
      const { document: doc } = await page(BIO(text));
      autofillDocument(doc, data({ links }));
      const value = $<HTMLTextAreaElement>(doc, '#b').value;
      expect(value.split(links[1]!).length - 1).toBe(1);
      expect(value.split(links[0]!).length - 1).toBe(1);
    });
  }
});
