import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument, observeAutofill, undoAutofill } from '../../../lib/autofill';
import type { FillData } from '../../../lib/messaging';
import { $, closeAll, data, page } from './helpers';

afterEach(closeAll);

const PROFILE = `<form id="p">
  <label for="tw">Twitter URL</label><input id="tw">
  <label for="web">Website</label><input id="web" type="url">
  <label for="bio">Bio</label><textarea id="bio">Hello.</textarea>
</form>`;

const LOGIN = '<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"><button type="submit">Log in</button></form>';

function userTypes(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  el.value = value;
  el.dispatchEvent(new (el.ownerDocument.defaultView as unknown as typeof globalThis).Event('input', { bubbles: true }));
}

describe('autofillDocument: domain gate', () => {
  it('fills nothing on a host outside the task domain, nor Gmail data outside Google sign-in', async () => {
    for (const url of ['https://demo-social.test.evil.test/login', 'https://baddemo-social.test/login', 'https://evil.test/?demo-social.test']) {
      const { document: doc } = await page(LOGIN, url);
      const r = autofillDocument(doc, data());
      expect(r.filled, url).toEqual([]);
      expect($(doc, '#u').value).toBe('');
    }
    const { document: doc } = await page(LOGIN, 'https://demo-social.test/login');
    expect(autofillDocument(doc, data({ scope: 'gmail' })).filled).toEqual([]);
    const g = await page(LOGIN, 'https://accounts.google.com/signin');
    expect(autofillDocument(g.document, data()).filled).toEqual([]);
  });

  it('fills a subdomain of the task domain', async () => {
    const { document: doc } = await page(LOGIN, 'https://Forum.Demo-Social.test/login');
    const r = autofillDocument(doc, data());
    expect(r.page).toBe('login');
    expect($(doc, '#u').value).toBe('janedoe_art');
    expect(r.filled.find((f) => f.role === 'password')?.value).toBe('••••');
  });
});

describe('autofillDocument: refill rules', () => {
  it('marks what it filled and does not rewrite a field already holding our value', async () => {
    const { document: doc } = await page(PROFILE);
    const tw = $(doc, '#tw');
    let writes = 0;
    tw.addEventListener('input', () => writes++);
    autofillDocument(doc, data());
    expect(tw.value).toBe('https://twitter.com/janedoe_art');
    expect(tw.hasAttribute('data-ec-autofilled')).toBe(true);
    expect(doc.getElementById('ec-autofill-style')).not.toBeNull();
    autofillDocument(doc, data());
    expect(writes).toBe(1);
    autofillDocument(doc, data(), { force: true });
    expect(writes).toBe(2); // fill again re-sends the events
  });

  it('never refills a field the worker edited or emptied, even with force', async () => {
    const { document: doc } = await page(PROFILE);
    autofillDocument(doc, data());
    const tw = $(doc, '#tw');
    userTypes(tw, '');
    const web = $(doc, '#web');
    userTypes(web, 'https://my-other-site.example');
    autofillDocument(doc, data());
    autofillDocument(doc, data(), { force: true });
    expect(tw.value).toBe('');
    expect(web.value).toBe('https://my-other-site.example');
  });

  it('a field the worker typed in before the first fill is left alone too', async () => {
    const { document: doc } = await page(LOGIN, 'https://demo-social.test/login');
    let release: (d: FillData) => void = () => {};
    const stop = observeAutofill(doc, () => new Promise<FillData>((r) => (release = r)), () => {});
    userTypes($(doc, '#u'), 'someone_else'); // while the data request is in flight
    release(data());
    await new Promise((r) => setTimeout(r, 10));
    stop();
    expect($(doc, '#u').value).toBe('someone_else');
    expect($(doc, '#p').value).toBe('Corr3ct-Horse!42');
  });

  it('a value the page changed is left alone automatically and refilled by fill again', async () => {
    const { document: doc } = await page(PROFILE);
    autofillDocument(doc, data());
    const tw = $(doc, '#tw');
    tw.value = ''; // the site reset it (no input event)
    autofillDocument(doc, data());
    expect(tw.value).toBe('');
    autofillDocument(doc, data(), { force: true });
    expect(tw.value).toBe('https://twitter.com/janedoe_art');
  });

  it('a filled TOTP code is replaced by the next code', async () => {
    const { document: doc } = await page('<form><p>Open your authenticator app</p><label for="c">Authentication code</label><input id="c" autocomplete="one-time-code"></form>', 'https://demo-social.test/2fa');
    autofillDocument(doc, data({ totp: { code: '111111', remaining: 1 } }));
    expect($(doc, '#c').value).toBe('111111');
    autofillDocument(doc, data({ totp: { code: '222222', remaining: 30 } }));
    expect($(doc, '#c').value).toBe('222222');
  });

  it('passes are idempotent: the bio is not appended twice', async () => {
    const { document: doc } = await page(PROFILE);
    autofillDocument(doc, data());
    const once = $(doc, '#bio').value;
    autofillDocument(doc, data());
    autofillDocument(doc, data(), { force: true });
    expect($(doc, '#bio').value).toBe(once);
    expect(once.startsWith('Hello.\nhttps://www.facebook.com/janedoe.art\n')).toBe(true);
    expect(once.split('\n')).toHaveLength(1 + 9); // every link but the Twitter one
  });
});

describe('focus', () => {
  it('gives the focus back to the field the worker was in', async () => {
    const { document: doc } = await page(`<input id="search-box" name="note">${PROFILE}`);
    $(doc, '#search-box').focus();
    autofillDocument(doc, data());
    expect($(doc, '#tw').value).toBe('https://twitter.com/janedoe_art');
    expect(doc.activeElement?.id).toBe('search-box');
  });
});

describe('undoAutofill', () => {
  it('restores every field it changed, removes the marks, and only fill again refills', async () => {
    const { document: doc } = await page(PROFILE);
    autofillDocument(doc, data());
    const edited = $(doc, '#web');
    userTypes(edited, 'https://mine.example'); // the worker's value is not undone
    expect(undoAutofill(doc)).toBe(2);
    expect($(doc, '#tw').value).toBe('');
    expect($(doc, '#bio').value).toBe('Hello.');
    expect(edited.value).toBe('https://mine.example');
    expect(doc.querySelector('[data-ec-autofilled]')).toBeNull();
    autofillDocument(doc, data());
    expect($(doc, '#tw').value).toBe('');
    autofillDocument(doc, data(), { force: true });
    expect($(doc, '#tw').value).toBe('https://twitter.com/janedoe_art');
  });

  it('returns 0 on a page never filled', async () => {
    const { document: doc } = await page(PROFILE);
    expect(undoAutofill(doc)).toBe(0);
  });
});

describe('links policy', () => {
  it('never writes a non-http(s) link anywhere and reports it', async () => {
    const { document: doc } = await page(`<form><label for="a">Link 1</label><input id="a" name="l[0]"><label for="b">Link 2</label><input id="b" name="l[1]"><label for="bio">About me</label><textarea id="bio"></textarea></form>`);
    const bad = ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', 'java\nscript:alert(1)'];
    const r = autofillDocument(doc, data({ links: bad }));
    for (const el of Array.from(doc.querySelectorAll('input, textarea'))) expect((el as HTMLInputElement).value).toBe('');
    expect(r.notFilled.map((n) => n.reason)).toEqual(['unsafe', 'unsafe', 'unsafe', 'unsafe', 'unsafe']);
  });

  it('only whole links that fit maxlength go into the bio; the rest is reported', async () => {
    const { document: doc } = await page('<form id="profile"><label for="w">Website</label><input id="w"><label for="bio">Bio</label><textarea id="bio" maxlength="50"></textarea></form>');
    const r = autofillDocument(doc, data({ links: ['https://a.example.com/one', 'https://b.example.com/two-long-path', 'https://c.example/3'] }));
    expect($(doc, '#bio').value).toBe('https://a.example.com/one\nhttps://c.example/3');
    expect(r.notFilled).toEqual([{ value: 'https://b.example.com/two-long-path', reason: 'too_long' }]);
  });

  it('the website field is only filled when empty', async () => {
    const { document: doc } = await page('<form id="profile"><label for="w">Website</label><input id="w" value="https://existing.example"><label for="t">Twitter</label><input id="t"></form>');
    autofillDocument(doc, data());
    expect($(doc, '#w').value).toBe('https://existing.example');
    expect($(doc, '#t').value).toBe('https://twitter.com/janedoe_art');
  });

  it('leaves platform fields without a matching link as they are', async () => {
    const { document: doc } = await page('<form id="profile"><label for="t">Twitch</label><input id="t" value="old_twitch"><label for="v">Vimeo</label><input id="v"></form>');
    autofillDocument(doc, data());
    expect($(doc, '#t').value).toBe('old_twitch');
    expect($(doc, '#v').value).toBe('');
  });

  it('appending to the bio can be turned off', async () => {
    const { document: doc } = await page(PROFILE);
    autofillDocument(doc, data({ appendLinksToBio: false }));
    expect($(doc, '#bio').value).toBe('Hello.');
  });
});

describe('login', () => {
  it('does not submit unless auto-submit is on, and submits once when it is', async () => {
    const { document: doc } = await page(`<form id="f">${LOGIN.slice(6)}`, 'https://demo-social.test/login');
    let submits = 0;
    $(doc, '#f').addEventListener('submit', (e) => {
      e.preventDefault();
      submits++;
    });
    expect(autofillDocument(doc, data()).submitted).toBe(false);
    expect(submits).toBe(0);
    expect(autofillDocument(doc, data({ autoSubmitLogin: true }), { force: true }).submitted).toBe(true);
    autofillDocument(doc, data({ autoSubmitLogin: true }), { force: true });
    expect(submits).toBe(1);
  });

  it('submits the code step once per step: not without auto-submit, not again for a refreshed code, once more for a new code form', async () => {
    // Redmine 5's twofa_confirm form (account/twofa_confirm.html.erb), then a second code form
    const REDMINE_CODE = `<form id="twofa_form" action="/account/twofa" method="post"><label for="twofa_code">Code</label>
      <input type="text" name="twofa_code" id="twofa_code" autocomplete="off"><input type="submit" name="submit_otp" value="Login" id="login-submit"></form>`;
    const { document: doc } = await page(`<h3>Two-factor authentication</h3><p>Please enter your two-factor authentication code.</p>${REDMINE_CODE}`, 'https://demo-social.test/account/twofa/confirm');
    let submits = 0;
    doc.addEventListener('submit', (e) => {
      e.preventDefault();
      submits++;
    });
    const off = autofillDocument(doc, data());
    expect([off.page, off.submitted, submits]).toEqual(['otp', false, 0]);
    expect($(doc, '#twofa_code').value).toBe('492039');
    const on = autofillDocument(doc, data({ autoSubmitLogin: true }));
    expect([on.page, on.submitted, submits]).toEqual(['otp', true, 1]);
    // the next time step: the code is rewritten in the same field, the step is not submitted again
    const refreshed = autofillDocument(doc, data({ autoSubmitLogin: true, totp: { code: '118822', remaining: 30 } }));
    expect($(doc, '#twofa_code').value).toBe('118822');
    expect([refreshed.submitted, submits]).toEqual([false, 1]);
    // the app replaces the form with a new code form (a new step): submitted once
    $(doc, '#twofa_form').outerHTML = REDMINE_CODE;
    const again = autofillDocument(doc, data({ autoSubmitLogin: true, totp: { code: '118822', remaining: 30 } }));
    expect([again.submitted, submits]).toEqual([true, 2]);
    // a code field left partly filled (split boxes the code does not fit) is never submitted
    const split = await page('<form><p>Enter the code from your authenticator app</p>' + '<input maxlength="1" inputmode="numeric">'.repeat(4) + '<button>Verify</button></form>', 'https://demo-social.test/2fa');
    let splitSubmits = 0;
    split.document.addEventListener('submit', (e) => {
      e.preventDefault();
      splitSubmits++;
    });
    expect(autofillDocument(split.document, data({ autoSubmitLogin: true })).submitted).toBe(false);
    expect(splitSubmits).toBe(0);
  });

  it('never fills a disabled or read-only field', async () => {
    const { document: doc } = await page('<form><input id="u" name="username" readonly><input id="p" type="password" disabled></form>', 'https://demo-social.test/login');
    autofillDocument(doc, data());
    expect($(doc, '#u').value).toBe('');
    expect($(doc, '#p').value).toBe('');
  });

  it('falls back to the email when the task has no username', async () => {
    const { document: doc } = await page(LOGIN, 'https://demo-social.test/login');
    autofillDocument(doc, data({ username: '' }));
    expect($(doc, '#u').value).toBe('jane.doe.art@example.net');
  });
});

describe('held-out generalisation: rows', () => {
  const row = (i: number) =>
    `<div class="row"><select id="n${i}" name="s[${i}][service]"><option value="">Select</option><option value="twitter">Twitter</option><option value="facebook">Facebook</option><option value="other">Other</option></select><input id="h${i}" name="s[${i}][username]" placeholder="Username"></div>`;

  it('a network picker + "Username" row gets the picked network and the handle; a link without a platform is not put under "Other" there', async () => {
    const { document: doc } = await page(`<form id="profile">${row(0)}${row(1)}${row(2)}</form>`);
    const r = autofillDocument(doc, data({ links: ['https://janedoe-art.blogspot.com/', 'https://www.facebook.com/janedoe.art', 'https://twitter.com/janedoe_art'] }));
    expect([$(doc, '#n0').value, $(doc, '#h0').value, $(doc, '#n1').value, $(doc, '#h1').value, $(doc, '#h2').value]).toEqual(['facebook', 'janedoe.art', 'twitter', 'janedoe_art', '']);
    expect(r.notFilled).toEqual([{ value: 'https://janedoe-art.blogspot.com/', reason: 'no_field' }]);
    // a second pass keeps the same handles in place
    autofillDocument(doc, data({ links: ['https://janedoe-art.blogspot.com/', 'https://www.facebook.com/janedoe.art', 'https://twitter.com/janedoe_art'] }));
    expect([$(doc, '#h0').value, $(doc, '#h1').value, $(doc, '#h2').value]).toEqual(['janedoe.art', 'janedoe_art', '']);
  });

  it('an svg icon whose accessible name is a short platform name ("X") names the row', async () => {
    const svgRow = (label: string, id: string) =>
      `<div class="flex"><span class="px-3"><svg role="img" aria-label="${label}" class="h-5 w-5"><path d="M0 0"/></svg></span><input id="${id}" name="social[]" type="url"></div>`;
    const { document: doc } = await page(`<form id="profile">${svgRow('Facebook', 'a')}${svgRow('X', 'b')}</form>`);
    // a link of no platform comes first: an unnamed row would take it
    autofillDocument(doc, data({ links: ['https://about.me/janedoeart', 'https://www.facebook.com/janedoe.art', 'https://twitter.com/janedoe_art'] }));
    expect($(doc, '#a').value).toBe('https://www.facebook.com/janedoe.art');
    expect($(doc, '#b').value).toBe('https://twitter.com/janedoe_art');
  });
});

describe('each link once when the page re-renders a field after the fill (fill policy 3–4)', () => {
  const count = (doc: Document, url: string) =>
    Array.from(doc.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')).reduce((n, el) => n + el.value.split(/\s+/).filter((t) => t === url).length, 0);

  it('WordPress + Rank Math: the input turned into a textarea after the first pass takes the links once, the bio gives them back', async () => {
    const { document: doc } = await page(
      `<form id="your-profile"><h2>Contact Info</h2>
      <label for="url">Website</label><input type="url" name="url" id="url">
      <label for="twitter">Twitter username (without @)</label><input name="twitter" id="twitter">
      <label for="facebook">Facebook profile URL</label><input name="facebook" id="facebook">
      <label for="additional_profile_urls">Additional profile URLs</label><input type="text" name="additional_profile_urls" id="additional_profile_urls">
      <h2>About Yourself</h2><label for="description">Biographical Info</label><textarea name="description" id="description">Painter.</textarea>
      <input type="submit" value="Update Profile"></form>`,
      'https://demo-social.test/wp-admin/profile.php',
    );
    autofillDocument(doc, data());
    const first = $(doc, '#additional_profile_urls').value;
    expect(first).toBe('https://www.linkedin.com/in/jane-doe-art/');
    // Rank Math's script on DOM ready: a textarea with the same id and name, spaces made lines
    const input = $(doc, '#additional_profile_urls');
    const ta = doc.createElement('textarea');
    ta.id = input.id;
    ta.name = input.name;
    ta.value = input.value.split(' ').join('\n');
    input.replaceWith(ta);
    const r = autofillDocument(doc, data());
    expect($(doc, '#description').value).toBe('Painter.');
    expect(ta.value.split('\n')).toEqual(data().links!.slice(2));
    expect($(doc, '#twitter').value).toBe('janedoe_art'); // the handle; every other link once on the page
    for (const url of data().links!.slice(1)) expect(count(doc, url), url).toBe(1);
    expect(r.notFilled).toEqual([]);
  });

  it('a React list box re-mounted with our value is still ours; a later-order field that got links on pass 1 gives them back', async () => {
    const { document: doc } = await page(
      `<form id="profile"><h2>Profile</h2><label for="about">About you</label><textarea id="about" name="about"></textarea>
      <div id="more"></div><button>Save</button></form>`,
      'https://demo-social.test/settings/profile',
    );
    autofillDocument(doc, data());
    expect($(doc, '#about').value.split('\n')).toEqual(data().links);
    // the app renders its "Other links" list late
    $(doc, '#more').innerHTML = '<label for="other">Other links (one per line)</label><textarea id="other" name="other_links"></textarea>';
    autofillDocument(doc, data());
    const other = $(doc, '#other');
    expect(other.value.split('\n')).toEqual(data().links);
    expect($(doc, '#about').value).toBe('');
    // re-mounted (new element, same name, our value): nothing moves, nothing is doubled
    $(doc, '#more').innerHTML = `<label for="other">Other links (one per line)</label><textarea id="other" name="other_links">${other.value}</textarea>`;
    const r = autofillDocument(doc, data());
    for (const url of data().links!) expect(count(doc, url), url).toBe(1);
    expect(r.notFilled).toEqual([]);
  });
});
