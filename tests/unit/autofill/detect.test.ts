import { afterEach, describe, expect, it } from 'vitest';
import { analyzePage, collectFields, detectPlatform, type Field } from '../../../lib/autofill/detect';
import { prefersHandle, valueForLink, wantsAt } from '../../../lib/autofill/fill';
import { classifyLink, type ClassifiedLink } from '../../../lib/links';
import { closeAll, page } from './helpers';

afterEach(closeAll);

async function fields(body: string): Promise<{ doc: Document; fields: Field[]; byId: (id: string) => Field }> {
  const p = await page(body);
  const fs = collectFields(p.document, { allowFrame: () => true });
  return {
    doc: p.document,
    fields: fs,
    byId: (id) => {
      const f = fs.find((x) => x.el.id === id);
      if (!f) throw new Error(`no field ${id}`);
      return f;
    },
  };
}

const link = (u: string) => classifyLink(u) as ClassifiedLink;

describe('labels in every position name the platform', () => {
  const cases: [string, string][] = [
    ['label[for]', '<label for="a">Twitter</label><input id="a">'],
    ['wrapping label', '<label>Your Twitter <input id="a"></label>'],
    ['aria-labelledby', '<span id="l">Twitter</span><div><input id="a" aria-labelledby="l"></div>'],
    ['aria-label', '<input id="a" aria-label="Twitter">'],
    ['title', '<input id="a" title="Twitter account">'],
    ['name', '<input id="a" name="profile[twitter]">'],
    ['data-*', '<input id="a" data-field="twitter">'],
    ['placeholder URL', '<input id="a" placeholder="https://twitter.com/you">'],
    ['table cell before', '<table><tr><th>Twitter</th><td><input id="a"></td></tr></table>'],
    ['table row above', '<table><tr><td>Twitter</td></tr><tr><td><input id="a"></td></tr></table>'],
    ['dt / dd', '<dl><dt>Twitter</dt><dd><input id="a"></dd></dl>'],
    ['text before', '<div>Twitter: <input id="a"></div>'],
    ['text before in a wrapper column', '<div class="row"><div>Twitter</div><div><input id="a"></div></div>'],
    ['icon class beside', '<div class="input-group"><span class="addon"><i class="fa fa-twitter"></i></span><input id="a"></div>'],
    ['icon alt beside', '<span><img alt="Twitter" src="data:,"></span><input id="a">'],
    ['help text after', '<input id="a"><small>Your Twitter profile</small>'],
  ];
  for (const [name, html] of cases) {
    it(name, async () => {
      const { byId } = await fields(html);
      expect(detectPlatform(byId('a'))).toBe('twitter');
    });
  }

  it('does not read a neighbour field\'s label as its own', async () => {
    const { byId } = await fields('<label for="a">Location</label><input id="a"><label for="b">Twitter</label><input id="b">');
    expect(detectPlatform(byId('a'))).toBeNull();
    expect(detectPlatform(byId('b'))).toBe('twitter');
  });

  it('matches short platform words only as whole tokens', async () => {
    const { byId } = await fields(
      '<label for="a">Sign-in PIN</label><input id="a"><label for="b">Medium size</label><input id="b" name="size_medium_x2"><label for="c">Pinterest</label><input id="c"><label for="d">X</label><input id="d"><label for="e">Design portfolio</label><input id="e">',
    );
    expect(detectPlatform(byId('a'))).toBeNull(); // "pin" is not Pinterest, "sign" is not "ig"
    expect(detectPlatform(byId('c'))).toBe('pinterest');
    expect(detectPlatform(byId('d'))).toBe('twitter');
    expect(detectPlatform(byId('e'))).toBeNull(); // "ig" inside "design"
  });
});

describe('URL or handle', () => {
  it('asks for a handle when the label, placeholder, prefix, name or help says so', async () => {
    const { byId } = await fields(`
      <label for="h1">Twitter username</label><input id="h1">
      <label for="h2">Instagram</label><input id="h2" placeholder="@yourname">
      <label for="h3">GitHub</label><span>github.com/</span><input id="h3">
      <label for="h4">TikTok</label><input id="h4" name="tiktok_handle">
      <label for="h5">LinkedIn</label><input id="h5"><small>Your profile name from linkedin.com/in/yourname</small>
      <label for="u1">Twitter URL</label><input id="u1">
      <label for="u2">Facebook</label><input id="u2" placeholder="https://facebook.com/yourpage">
      <label for="u3">YouTube username</label><input id="u3" type="url">
      <label for="u4">Pinterest</label><input id="u4">`);
    for (const id of ['h1', 'h2', 'h3', 'h4', 'h5']) expect(prefersHandle(byId(id)), id).toBe(true);
    for (const id of ['u1', 'u2', 'u3', 'u4']) expect(prefersHandle(byId(id)), id).toBe(false);
  });

  it('writes the @ only when the field shows it', async () => {
    const { byId } = await fields(`
      <label for="a">X username (without @)</label><input id="a">
      <label for="b">Mastodon</label><input id="b" placeholder="@you@instance.social">
      <label for="c">Instagram</label><span>@</span><input id="c">
      <label for="d">Twitter handle (@name)</label><input id="d">
      <label for="e">X (Twitter) username</label><span>https://x.com/</span><input id="e" pattern="@?[A-Za-z0-9_]{1,15}" placeholder="username">
      <label for="f">Threads</label><input id="f" pattern="@[a-z0-9._]+">`);
    expect(wantsAt(byId('e'))).toBe(false); // a URL prefix, and a pattern that only tolerates "@"
    expect(wantsAt(byId('f'))).toBe(true); // a pattern that requires it
    expect(wantsAt(byId('a'))).toBe(false);
    expect(wantsAt(byId('b'))).toBe(true);
    expect(wantsAt(byId('c'))).toBe(false);
    expect(wantsAt(byId('d'))).toBe(true);
  });

  it('falls back to the handle when maxlength or pattern refuses the URL, never truncates', async () => {
    const { byId } = await fields(`
      <label for="a">Twitter</label><input id="a" maxlength="15">
      <label for="b">Instagram</label><input id="b" pattern="[a-z0-9._]+">
      <label for="c">Twitter</label><input id="c" maxlength="5">
      <label for="d">Website</label><input id="d" type="url" maxlength="10">`);
    expect(valueForLink(byId('a'), link('https://twitter.com/janedoe_art'))).toEqual({ value: 'janedoe_art' });
    expect(valueForLink(byId('b'), link('https://www.instagram.com/janedoe.art/'))).toEqual({ value: 'janedoe.art' });
    expect(valueForLink(byId('c'), link('https://twitter.com/janedoe_art'))).toEqual({ reason: 'too_long' });
    // a type=url field never gets a bare handle
    expect(valueForLink(byId('d'), link('https://twitter.com/janedoe_art'))).toEqual({ reason: 'too_long' });
  });

  it('a handle field gets nothing when the link has no handle', async () => {
    const { byId } = await fields('<label for="a">Discord user ID</label><input id="a">');
    expect(valueForLink(byId('a'), link('https://discord.gg/invite123'))).toEqual({ reason: 'invalid' });
  });
});

describe('page classification', () => {
  it('finds the identifier before the password, skipping search and newsletter fields', async () => {
    const { doc, fields: fs } = await fields(`
      <form><input id="q" name="q" placeholder="Search"><label for="u">Login</label><input id="u"><input id="news" name="newsletter_email" type="email" placeholder="Newsletter"><label for="p">Password</label><input id="p" type="password"></form>`);
    const a = analyzePage(fs, doc);
    expect(a.logins).toHaveLength(1);
    expect(a.logins[0]!.identifier?.el.id).toBe('u');
    expect(a.logins[0]!.password?.el.id).toBe('p');
  });

  it('treats two password fields or a new-password field as sign-up / change, not login', async () => {
    const one = await fields('<form><input id="u"><input id="p" type="password" autocomplete="new-password"></form>');
    expect(analyzePage(one.fields, one.doc).logins).toHaveLength(0);
    const two = await fields('<form><input id="u"><input id="p1" type="password"><input id="p2" type="password"></form>');
    expect(analyzePage(two.fields, two.doc).logins).toHaveLength(0);
    const vi = await fields('<form><input id="u"><label for="p">Mật khẩu mới</label><input id="p" type="password"></form>');
    expect(analyzePage(vi.fields, vi.doc).logins).toHaveLength(0);
  });

  it('classifies website, bio, slots and technical URL fields', async () => {
    const { doc, fields: fs } = await fields(`<form id="profile">
      <label for="w">Homepage</label><input id="w" type="url">
      <label for="img">Profile image URL</label><input id="img" type="url">
      <label for="hook">Webhook</label><input id="hook" type="url">
      <label for="s1">Other link 1</label><input id="s1" name="links[0]">
      <label for="s2">Other link 2</label><input id="s2" name="links[1]">
      <label for="bio">About me</label><textarea id="bio"></textarea>
      <label for="loc">Location</label><input id="loc"></form>`);
    const p = analyzePage(fs, doc).profile;
    expect(p.website?.el.id).toBe('w');
    expect(p.slots.map((s) => s.field.el.id)).toEqual(['s1', 's2']);
    expect(p.bio?.el.id).toBe('bio');
    expect(p.platforms).toHaveLength(0);
  });

  it.each([
    ['<label for="o">OpenID URL</label><input id="o" type="url">'],
    ['<label for="o">Identity URL</label><input id="o" name="identity_url">'],
    ['<label for="o">Identité OpenID (URL)</label><input id="o" name="user[identity_url]">'],
  ])('an OpenID identity URL is a technical field, not the website (%s)', async (html) => {
    const { doc, fields: fs } = await fields(`<form id="profile">${html}
      <label for="w">Website</label><input id="w" type="url"></form>`);
    expect(analyzePage(fs, doc).profile.website?.el.id).toBe('w');
  });

  it('an email/SMS code is refused, an authenticator code accepted', async () => {
    const sms = await fields('<form><p>We texted a code to your phone.</p><label for="c">Verification code</label><input id="c" autocomplete="one-time-code"></form>');
    const a = analyzePage(sms.fields, sms.doc);
    expect(a.otp).toHaveLength(0);
    expect(a.otpRefused.map((f) => f.el.id)).toEqual(['c']);
    const app = await fields('<form><p>Open your authenticator app.</p><label for="c">Code</label><input id="c" inputmode="numeric" maxlength="6"></form>');
    expect(analyzePage(app.fields, app.doc).otp.map((t) => t.fields[0]!.el.id)).toEqual(['c']);
  });

  // Fill policy, one-time code: "not into a field that asks for a code sent by email or SMS".
  const codeForm = (before: string, inside: string) =>
    `${before}<form><label for="c">Code</label><input id="c" autocomplete="one-time-code" inputmode="numeric" maxlength="6">${inside}<button>Verify</button></form>`;
  it.each([
    ['a resend link (en)', codeForm('<h1>Two-step verification</h1>', '<a href="/resend">Resend code</a>'), false],
    ['a resend button (fr)', codeForm('<h1>Vérification</h1>', '<button type="button">Renvoyer le code</button>'), false],
    ['a resend link (vi)', codeForm('<h1>Xác minh</h1>', '<a href="#">Gửi lại mã</a>'), false],
    ['a masked address above the wrappers', `<p>Enter the code we mailed to j***@example.net</p><div><div>${codeForm('', '')}</div></div>`, false],
    ['a masked phone number in the form', codeForm('', '<p>Phone ending in ••• 42</p>'), false],
    ['another method offered as a button', codeForm('<p>Enter the code from your authenticator app.</p>', '<button type="button">OTP SMS</button><a href="/sms">Use SMS instead</a>'), true],
    ['the signed-in account shown in full', codeForm('<p>Signed in as jane@example.net. Two-factor authentication: enter the 6-digit code.</p>', ''), true],
  ].map(([name, html, filled]) => ({ name, html: html as string, filled })))('a code field with $name: filled = $filled', async ({ html, filled }) => {
    const { doc, fields: fs } = await fields(html);
    const a = analyzePage(fs, doc);
    expect(a.otp.map((t) => t.fields[0]!.el.id)).toEqual(filled ? ['c'] : []);
    expect(a.otpRefused.map((f) => f.el.id)).toEqual(filled ? [] : ['c']);
  });

  // Same line, said only by what the page draws: the hidden steps of a multi-step form (an SPA's
  // login modal keeps its credentials step in the DOM) and non-content text are not its words.
  it.each([
    ['the earlier credentials step hidden by a class (Discourse)', '<style>.hidden{display:none}</style>', '<div class="hidden"><label for="e">Email / Username</label><input id="e"><p>We will email you a code.</p></div>', true],
    ['an email-code step kept with the hidden attribute', '', '<div hidden><p>We sent a code to your email.</p><a href="/resend">Resend code</a></div>', true],
    ['a script and a template in the form', '', '<script>var t = "we sent a code to your email"</script><template><p>We texted you a code.</p></template>', true],
    ['an SMS step that is shown (not hidden)', '', '<div><p>We texted a code to your phone.</p></div>', false],
    ['an authenticator step that is hidden, the shown one says SMS', '', '<div hidden><p>Enter the code from your authenticator app.</p></div><p>We texted a code to your phone.</p>', false],
  ])('a code form with %s', async (_name, head, inside, filled) => {
    const { doc, fields: fs } = await fields(`${head}<form>${inside}<p>Please enter the authentication code:</p><label for="c">Authentication Code</label><input id="c" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button>Log In</button></form>`);
    const a = analyzePage(fs, doc);
    expect(a.otp.map((t) => t.fields[0]!.el.id)).toEqual(filled ? ['c'] : []);
  });

  it('a hidden line before the form is not the lead of a code form (a hidden alert saying "emailed")', async () => {
    const { doc, fields: fs } = await fields('<div hidden>We emailed you a new code.</div><form><label for="c">Authentication Code</label><input id="c" autocomplete="one-time-code"></form>');
    expect(analyzePage(fs, doc).otp.map((t) => t.fields[0]!.el.id)).toEqual(['c']);
  });

  // Held-out round 5 (general rules, each tested beyond the page that showed it).
  it.each([
    ['a "Contact" section of the profile form (Misago, phpBB, WordPress "Contact Info")', '<form><fieldset><legend>Contact</legend><label for="w">Website</label><input id="w"></fieldset><button>Save</button></form>', 'w'],
    ['z3c.form widget names (Plone: form.widgets.home_page)', '<form><label for="w">Homepage</label><input id="w" name="form.widgets.home_page"><button>Speichern</button></form>', 'w'],
    ['a Django widget class on the field', '<form><label for="w">Web site</label><input id="w" class="widget-text" name="website"></form>', 'w'],
  ])('the website field in %s', async (_name, html, id) => {
    const { doc, fields: fs } = await fields(html);
    expect(analyzePage(fs, doc).profile.website?.el.id).toBe(id);
  });

  it('a contact form still is not the profile; a widget URL is still technical', async () => {
    const contact = await fields('<form><h2>Contact us</h2><label for="w">Your website</label><input id="w"><textarea name="message"></textarea><button>Send</button></form>');
    expect(analyzePage(contact.fields, contact.doc).profile.website).toBeNull();
    const widget = await fields('<form id="profile"><label for="x">Widget URL</label><input id="x" type="url"></form>');
    expect(analyzePage(widget.fields, widget.doc).profile.website).toBeNull();
  });

  it('number inputs whose stated range is beyond one digit are not split code boxes (ratings, years)', async () => {
    const row = (min: string, max: string) => ['a', 'b', 'c', 'd'].map((n) => `<div><label for="${n}">${n} rating</label><input id="${n}" type="number" min="${min}" max="${max}"></div>`).join('');
    const ratings = await fields(`<form><div>${row('1400', '3000')}</div></form>`);
    expect(analyzePage(ratings.fields, ratings.doc).otp).toHaveLength(0);
    const digits = await fields(`<form><p>Two-factor authentication</p><div>${row('0', '9')}</div></form>`);
    expect(analyzePage(digits.fields, digits.doc).otp.map((t) => t.fields.length)).toEqual([4]);
  });

  it.each([
    ['a decorative icon whose class says user (Matomo)', '<label for="c"><i class="icon-user icon"></i> Authentifizierungscode</label><input id="c" name="form_authcode" autocomplete="off">'],
    ['a model prefix in the name', '<label for="c">Two-factor code</label><input id="c" name="user[otp_attempt]">'],
    ['a Vietnamese label beside a user icon', '<label for="c"><i class="fa fa-user"></i> Mã xác thực</label><input id="c" name="code">'],
  ])('a field whose own words name a second-factor code is one, whatever else its name says: %s', async (_name, html) => {
    const { doc, fields: fs } = await fields(`<form><h2>Two-factor authentication</h2>${html}<button>Verify</button></form>`);
    expect(analyzePage(fs, doc).otp.map((t) => t.fields[0]!.el.id)).toEqual(['c']);
  });

  it.each([
    ['for= naming no element (Zulip)', '<div class="f"><span><label for="Biography">Biography</label></span><div class="hint">What are you interested in?</div><div><textarea id="t"></textarea></div></div>', 'biography'],
    ['no for, a label in the field’s block (Discourse)', '<div class="control-group"><label class="control-label">Web Site</label><div class="controls"><input id="t"></div></div>', 'web site'],
  ])('an orphan label names the one control of its block: %s', async (_name, html, word) => {
    const { fields: fs } = await fields(`<form>${html}<div><label for="other">Other</label><input id="other"></div></form>`);
    expect(fs.find((f) => f.el.id === 't')!.label.spaced).toContain(word);
  });

  it('an orphan label of a block with two controls names neither', async () => {
    const { fields: fs } = await fields('<form><div><label>Links</label><input id="a"><input id="b"></div></form>');
    expect(fs.find((f) => f.el.id === 'a')!.label.spaced.trim()).toBe('');
  });

  it('a collection keyed by network: a network the registry does not know keeps its row empty; a keyed list of other things is not one', async () => {
    const rows = (keys: string[]) => keys.map((k) => `<div><label for="${k}">Your link</label><input type="url" id="${k}" name="platforms[${k}][url]"></div>`).join('');
    const net = await fields(`<form id="profile">${rows(['facebook', 'instagram', 'funkwhale', 'matrix'])}</form>`);
    const a = analyzePage(net.fields, net.doc);
    expect(a.profile.platforms.map((p) => p.field.el.id).sort()).toEqual(['facebook', 'instagram']);
    expect([a.profile.website?.el.id, ...a.profile.slots.map((s) => s.field.el.id)].filter(Boolean)).toEqual([]);
    const other = await fields(`<form id="profile">${rows(['shop', 'blog'])}</form>`);
    expect(unknownRowsFilled(analyzePage(other.fields, other.doc))).toBe(true);
  });

  it.each([
    ['a label-less textarea whose class says bio (Pleroma FE)', '<p>プロフィール</p><div><textarea id="t" class="bio resize-height"></textarea></div>', true],
    ['a label-less textarea with class user-bio', '<div><textarea id="t" class="form-control user-bio"></textarea></div>', true],
    ['a label-less textarea whose class says only description (a ticket)', '<div><textarea id="t" class="description"></textarea></div>', false],
    ['a labelled textarea: its label decides, not its class', '<label for="t">Message</label><textarea id="t" class="bio"></textarea>', false],
  ])('the bio named by its class: %s', async (_name, html, bio) => {
    const { doc, fields: fs } = await fields(`<form id="profile"><label for="w">Website</label><input id="w">${html}</form>`);
    expect(analyzePage(fs, doc).profile.bio?.el.id === 't').toBe(bio);
  });

  // Fill policy, login: "never into new-password / confirm-password fields".
  it.each([
    ['a hidden confirm field', '<input id="p2" type="password" name="password_confirmation" hidden>'],
    ['a confirm field in a collapsed box', '<div style="display:none"><label for="p2">Confirm password</label><input id="p2" type="password"></div>'],
    ['a Vietnamese confirm field shown later', '<div hidden><label for="p2">Nhập lại mật khẩu</label><input id="p2" type="password"></div>'],
  ])('a password form with %s sets a password: no login fill', async (_name, extra) => {
    const { doc, fields: fs } = await fields(`<form><label for="u">Email</label><input id="u" type="email"><label for="p">Password</label><input id="p" type="password">${extra}</form>`);
    expect(analyzePage(fs, doc).logins).toHaveLength(0);
  });

  it('recovery and coupon codes are not one-time codes', async () => {
    const { doc, fields: fs } = await fields('<form><p>Two-factor authentication</p><label for="r">Recovery code</label><input id="r"><label for="c">Coupon code</label><input id="c"></form>');
    expect(analyzePage(fs, doc).otp).toHaveLength(0);
  });
});

describe('held-out generalisation (tests/fixtures/pages README, "Held-out check")', () => {
  it('"instance" in a Mastodon placeholder does not name Instagram ("insta" is a whole word only)', async () => {
    const { byId } = await fields('<label>Mastodon <input id="m" placeholder="@you@instance.social"></label><label>Insta <input id="i"></label>');
    expect(detectPlatform(byId('m'))).toBe('mastodon');
    expect(detectPlatform(byId('i'))).toBe('instagram');
  });

  it('name-less repeated cards (aria-label Title + URL only) are label + URL slots, not the website field', async () => {
    const card = (n: number) => `<div class="card"><input id="t${n}" aria-label="Title"><input id="u${n}" type="url" aria-label="URL"></div>`;
    const { doc, fields: fs } = await fields(`<section>${card(1)}${card(2)}</section>`);
    const p = analyzePage(fs, doc).profile;
    expect(p.website).toBeNull();
    expect(p.slots.map((s) => [s.field.el.id, s.label?.el.id])).toEqual([
      ['u1', 't1'],
      ['u2', 't2'],
    ]);
  });

  it('Angular formcontrolname names a field that has no name attribute', async () => {
    const { byId } = await fields('<input id="a" formcontrolname="twitterHandle"><input id="b" ng-reflect-name="linkedin">');
    expect(detectPlatform(byId('a'))).toBe('twitter');
    expect(detectPlatform(byId('b'))).toBe('linkedin');
  });
});

/** Whether any profile target (website or a slot) was found on the page. */
function unknownRowsFilled(a: ReturnType<typeof analyzePage>): boolean {
  return !!a.profile.website || a.profile.slots.length > 0;
}
