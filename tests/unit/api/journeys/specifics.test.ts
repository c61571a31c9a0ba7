/**
 * What is particular to each journey site (platform markup the extension
 * recognises, its 2FA step, its validation, its traps), over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOURNEY_TASK_IDS, journeySpec, journeyTasks } from '../../../sandbox/journeys';
import { startSandbox, totpNow, type Sandbox } from '../../../sandbox/server';
import { account, Browser } from './client';
import { formWith, logIn, settle, shown, submit, wrongCode } from './forms';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ tasks: journeyTasks() });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset(journeyTasks()));

const task = (key: string) => journeyTasks().find((t) => t.id === JOURNEY_TASK_IDS[key])!;
const creds = (key: string, byEmail = false) => {
  const t = task(key);
  return { identifier: String(byEmail ? t.email : t.username), password: String(t.password), twofa: String(t.twofa) };
};
async function signedIn(key: string, byEmail = false): Promise<Browser> {
  const t = task(key);
  const b = new Browser(sb, t.domain);
  await logIn(b, journeySpec(t.domain), creds(key, byEmail));
  return b;
}

describe('phpBB 3.3', () => {
  const host = 'phpbb-forum.test';
  it('has prosilver markup: body#phpbb.section-*, the user dropdown with UCP, Profile and a sid-carrying Logout', async () => {
    const b = await signedIn('phpbb');
    const r = await b.get('/index.php');
    expect(r.body).toMatch(/<body id="phpbb" class="nojs notouch section-index ltr ">/);
    expect(r.body).toContain('Powered by <a href="https://www.phpbb.com/">phpBB</a>');
    expect(r.body).toMatch(/<li id="username_logged_in"[\s\S]*class="header-profile dropdown-container"[\s\S]*<div class="dropdown">/);
    const sid = b.cookie(journeySpec(host).sessionCookie)!;
    expect(r.body).toContain(`./ucp.php?mode=logout&amp;sid=${sid}`);
    expect(r.body).toContain(`./memberlist.php?mode=viewprofile&amp;u=53&amp;sid=${sid}`);
  });

  it('accepts the session from the sid query parameter alone, as phpBB does', async () => {
    const b = await signedIn('phpbb');
    const sid = b.cookie(journeySpec(host).sessionCookie)!;
    const bare = new Browser(sb, host);
    const r = await bare.get(`/ucp.php?i=ucp_profile&mode=profile_info&sid=${sid}`);
    expect(r.body).toContain('name="pf_phpbb_facebook"');
    expect(r.body).toMatch(/<input type="text" class="inputbox autowidth" name="pf_phpbb_twitter" id="pf_phpbb_twitter" size="20" maxlength="15" value="" \/>/);
    expect(r.body).toMatch(/<input type="url" class="inputbox autowidth" name="pf_phpbb_website" id="pf_phpbb_website"/);
  });

  it('rejects the whole form when a handle field gets a URL (nothing stored)', async () => {
    const b = await signedIn('phpbb');
    const path = '/ucp.php?i=ucp_profile&mode=profile_info';
    const editor = await b.get(path);
    const { res } = await submit(b, editor, path, 'pf_phpbb_website', { pf_phpbb_website: 'https://lumenbakery.example', pf_phpbb_facebook: 'https://www.facebook.com/lumenbakery' });
    expect(res.body).toContain('The field “Facebook” has invalid characters.');
    const view = await account(sb, host, 'lumen_baker');
    expect(view.saved).toBeNull();
    expect(view.counters.rejectedSaves).toBe(1);
  });
});

describe('MyBB 1.8', () => {
  it('has the default theme markup and a logout link guarded by its logout key', async () => {
    const b = await signedIn('mybb');
    const r = await b.get('/usercp.php?action=profile');
    expect(r.body).toContain('Powered By <a href="https://mybb.com" target="_blank" rel="noopener">MyBB</a>');
    expect(r.body).toContain('<a href="usercp.php?action=profile" class="usercp_nav_item usercp_nav_profile">Edit Profile</a>');
    expect(r.body).toContain('<input type="text" class="textbox" name="website" size="25" maxlength="75" value="" />');
    expect(r.body).toContain('<input type="text" name="profile_fields[fid5]" class="textbox" size="0" maxlength="15" value="" />');
    expect(formWith(r.body, 'website')!.controls).toEqual(expect.arrayContaining([['my_post_key', expect.any(String)], ['action', 'do_profile']]));
    const forged = await b.get('/member.php?action=logout&logoutkey=forged');
    expect(forged.body).toContain('logout key did not match');
    expect(b.cookie('mybbuser')).toBeTruthy();
  });

  it('refuses a website without a scheme and a Twitter handle longer than 15', async () => {
    const b = await signedIn('mybb');
    const editor = await b.get('/usercp.php?action=profile');
    const { res } = await submit(b, editor, '/usercp.php?action=profile', 'website', { website: 'lumenbakery.example' });
    expect(res.body).toContain('The website address you entered is invalid.');
    const editor2 = await b.get('/usercp.php?action=profile');
    const second = await submit(b, editor2, '/usercp.php?action=profile', 'website', { 'profile_fields[fid5]': 'https://twitter.com/lumenbakery' });
    expect(second.res.body).toContain('The value entered for Twitter is too long.');
    expect((await account(sb, 'mybb-board.test', 'LumenBakery')).counters.rejectedSaves).toBe(2);
  });
});

describe('Mastodon', () => {
  const host = 'mastodon-social.test';
  it('asks for user[otp_attempt] on the same /auth/sign_in, and keeps the settings closed until it is right', async () => {
    const b = new Browser(sb, host);
    const t = task('mastodon');
    const login = await b.get('/auth/sign_in');
    expect(login.body).toContain('<input aria-label="E-mail address" autofocus="autofocus" class="string email required" required="required" aria-required="true" type="email" value="" name="user[email]" id="user_email" />');
    const step1 = await submit(b, login, '/auth/sign_in', 'user[email]', { 'user[email]': String(t.email), 'user[password]': String(t.password) });
    expect(step1.res.status).toBe(200);
    expect(step1.res.body).toContain('name="user[otp_attempt]"');
    expect(formWith(step1.res.body, 'user[otp_attempt]')!.action).toBe('/auth/sign_in');
    expect((await b.get('/settings/profile')).status).toBe(302);
    const wrong = await submit(b, step1.res, '/auth/sign_in', 'user[otp_attempt]', { 'user[otp_attempt]': wrongCode(String(t.twofa)) });
    expect(wrong.res.body).toContain('Invalid two-factor code.');
    const ok = await submit(b, wrong.res, '/auth/sign_in', 'user[otp_attempt]', { 'user[otp_attempt]': totpNow(String(t.twofa)) });
    expect(ok.res.location).toBe('/home');
    const editor = await b.get('/settings/profile');
    expect(editor.body).toContain('<label>Profile metadata</label>');
    expect(editor.body).toContain('id="account_fields_attributes_3_value"');
    expect(formWith(editor.body, 'account[note]')!.controls).toEqual(expect.arrayContaining([['_method', 'put']]));
    expect((await account(sb, host, 'lumenbakery')).counters).toMatchObject({ logins: 1, twofaSubmissions: 2, twofaFailures: 1 });
  });

  it('rejects a save with a forged authenticity token (422), and the public page hides the scheme in .invisible', async () => {
    const b = await signedIn('mastodon', true);
    const editor = await b.get('/settings/profile');
    const forged = await submit(b, editor, '/settings/profile', 'account[note]', { authenticity_token: 'forged', 'account[note]': 'x' });
    expect(forged.res.status).toBe(422);
    const ok = await submit(b, editor, '/settings/profile', 'account[note]', { 'account[fields_attributes][0][name]': 'Website', 'account[fields_attributes][0][value]': 'https://lumenbakery.example' });
    expect((await settle(b, ok.res, ok.path)).res.body).toContain('Changes successfully saved!');
    const pub = await new Browser(sb, host).get('/@lumenbakery');
    expect(pub.body).toContain('<a href="https://lumenbakery.example" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">https://</span><span class="">lumenbakery.example</span>');
  });
});

describe('Gitea', () => {
  const host = 'gitea-code.test';
  it('puts 2FA on /user/two_factor (passcode) and has the avatar dropdown with Settings and a POST Sign Out', async () => {
    const b = new Browser(sb, host);
    const t = task('gitea');
    const login = await b.get('/user/login');
    const sent = await submit(b, login, '/user/login', 'user_name', { user_name: String(t.username), password: String(t.password) });
    expect(sent.res.location).toBe('/user/two_factor');
    expect((await b.get('/user/settings')).status).toBe(303);
    const tf = await b.get('/user/two_factor');
    expect(tf.body).toContain('<input id="passcode" name="passcode" type="text" autocomplete="one-time-code"');
    const done = await submit(b, tf, '/user/two_factor', 'passcode', { passcode: totpNow(String(t.twofa)) });
    expect(done.res.location).toBe('/');
    const home = await b.get('/');
    expect(home.body).toContain('<meta name="author" content="Gitea - Git with a cup of tea">');
    expect(home.body).toMatch(/<div class="menu user-menu" role="menu">[\s\S]*<a class="item" href="\/user\/settings">Settings<\/a>[\s\S]*data-url="\/user\/logout">Sign Out<\/a>/);
    expect((await b.get('/user/logout')).location).toBe('/');
    expect(b.cookie('i_like_gitea')).toBeTruthy();
  });

  it('refuses an invalid website and a biography over 255 characters', async () => {
    const b = await signedIn('gitea');
    const editor = await b.get('/user/settings');
    expect((await submit(b, editor, '/user/settings', 'website', { website: 'lumen bakery' })).res.body).toContain('Website is not a valid URL.');
    expect((await submit(b, editor, '/user/settings', 'website', { description: 'x'.repeat(256) })).res.body).toContain('Biography cannot be longer than 255 characters.');
  });
});

describe('HumHub (tabbed editor)', () => {
  it('hides the form until its TabbedForm script runs, with the link fields in the third fieldset', async () => {
    const b = await signedIn('humhub');
    const r = await b.get('/user/account/edit');
    expect(r.body).toContain('data-ui-widget="ui.form.TabbedForm" data-ui-init="" style="display:none"');
    const legends = [...r.body.matchAll(/<legend>([^<]+)<\/legend>/g)].map((m) => m[1]);
    expect(legends).toEqual(['General', 'Communication', 'Social bookmarks']);
    const social = r.body.slice(r.body.indexOf('<legend>Social bookmarks</legend>'));
    for (const f of ['url', 'url_facebook', 'url_linkedin', 'url_youtube', 'url_twitter']) expect(social).toContain(`<input type="text" id="profile-${f}" class="form-control" name="Profile[${f}]"`);
    expect(r.body).toContain("tabs.id = 'profile-tabs'");
    const spec = journeySpec('humhub-network.test');
    expect(spec.editorNeedsTab).toBe(true);
    expect(spec.editorTab).toEqual({ selector: '#profile-tabs a[href="#tab-2"]', text: 'Social bookmarks' });
  });

  it('refuses a handle in a URL field and marks that field', async () => {
    const b = await signedIn('humhub');
    const editor = await b.get('/user/account/edit');
    const { res } = await submit(b, editor, '/user/account/edit', 'Profile[url_twitter]', { 'Profile[url_twitter]': '@lumenbakery' });
    expect(res.body).toMatch(/<div class="form-group field-profile-url_twitter has-error">[\s\S]*?Twitter URL is not a valid URL\./);
    expect((await account(sb, 'humhub-network.test', 'lumenbakery')).saved).toBeNull();
  });
});

describe('the unknown custom site', () => {
  const host = 'makers-guild.test';
  it('signs in in two steps and links the editor only from a closed menu, icon-only, beside sign-out and delete', async () => {
    const b = new Browser(sb, host);
    const step1 = await b.get('/signin');
    expect(formWith(step1.body, 'email')).toBeDefined();
    expect(step1.body).not.toContain('type="password"');
    await logIn(b, journeySpec(host), creds('custom', true));
    const dash = await b.get('/dashboard');
    expect(dash.body).not.toMatch(/name="generator"|wp-content|phpbb|discourse/i);
    expect(dash.body).toMatch(/<ul id="account-menu" class="acct-menu" role="menu" hidden>/);
    const menu = dash.body.slice(dash.body.indexOf('id="account-menu"'), dash.body.indexOf('</ul>', dash.body.indexOf('id="account-menu"')));
    expect(menu).toMatch(/<a role="menuitem" class="menu-item" href="\/members\/me\/change" aria-label="Edit profile" title="Edit profile"><svg[^>]*>.*?<\/svg><\/a>/);
    expect(menu).toContain('action="/session/end"');
    expect(menu).toContain('href="/members/me/delete"');
    // No other way to the editor on the page.
    expect(dash.body.match(/\/members\/me\/change/g)).toHaveLength(1);
    expect(dash.body).not.toMatch(/>\s*Edit profile\s*</);
  });

  it('counts an opened delete page as a danger page', async () => {
    const b = await signedIn('custom', true);
    await b.get('/members/me/delete');
    expect((await account(sb, host, 'lumen.bakery')).counters.dangerPages).toBe(1);
  });

  it('offers network pickers next to the URL rows', async () => {
    const b = await signedIn('custom', true);
    const r = await b.get('/members/me/change');
    expect(r.body).toMatch(/<select name="links\[0\]\[network\]" aria-label="Network 1"><option value="" selected>Choose…<\/option><option value="Twitter \/ X">/);
  });
});

describe('the Vietnamese site', () => {
  const host = 'congdong-viet.test';
  it('speaks Vietnamese throughout and checks the TOTP on /xac-thuc', async () => {
    const b = new Browser(sb, host);
    const t = task('vietnamese');
    const login = await b.get('/dang-nhap');
    expect(login.body).toContain('<html lang="vi">');
    expect(login.body).toContain('<h1>Đăng nhập</h1>');
    expect(login.body).toContain('<label for="ten_dang_nhap">Tên đăng nhập hoặc email</label>');
    const sent = await submit(b, login, '/dang-nhap', 'ten_dang_nhap', { ten_dang_nhap: String(t.username), mat_khau: String(t.password) });
    expect(sent.res.location).toBe('/xac-thuc');
    const otp = await b.get('/xac-thuc');
    expect(otp.body).toContain('<label for="ma_xac_thuc">Mã xác thực</label>');
    const wrong = await submit(b, otp, '/xac-thuc', 'ma_xac_thuc', { ma_xac_thuc: wrongCode(String(t.twofa)) });
    expect(wrong.res.body).toContain('Mã xác thực không đúng hoặc đã hết hạn.');
    await submit(b, wrong.res, '/xac-thuc', 'ma_xac_thuc', { ma_xac_thuc: totpNow(String(t.twofa)) });
    const acct = await b.get('/tai-khoan');
    expect(acct.body).toContain('<a href="/tai-khoan/ho-so">Chỉnh sửa hồ sơ</a>');
    expect(acct.body).toContain('Đăng xuất');
    const editor = await b.get('/tai-khoan/ho-so');
    expect(editor.body).toContain('<button class="btn" type="submit">Lưu thay đổi</button>');
    const saved = await submit(b, editor, '/tai-khoan/ho-so', 'website', { website: 'https://lumenbakery.example' });
    expect((await settle(b, saved.res, saved.path)).res.body).toContain('Đã lưu thay đổi.');
  });
});

describe('the rewriting site', () => {
  it('tells the worker it tidied the links, and shows the kept values in the editor', async () => {
    const b = await signedIn('rewriter');
    const editor = await b.get('/account/profile');
    const sent = await submit(b, editor, '/account/profile', 'website', { website: 'HTTPS://WWW.Example.COM/', twitter: 'not a handle!!', linkedin: 'https://www.linkedin.com/in/lumen-baker' });
    const page = (await settle(b, sent.res, sent.path)).res.body;
    expect(page).toContain('We tidied up some of your links.');
    const c = Object.fromEntries(formWith(page, 'website')!.controls);
    expect(c).toMatchObject({ website: 'example.com', twitter: '', linkedin: 'https://www.linkedin.com/in/lumen-baker' });
    const view = await account(sb, 'tidy-links.test', 'lumenbakery');
    expect(view.saved!.posted.website).toBe('HTTPS://WWW.Example.COM/');
    expect(journeySpec('tidy-links.test').rewritesOnSave).toBe(true);
  });
});

describe('the partial-public site', () => {
  it('caps the public card to three social links and says how many are left out', async () => {
    const b = await signedIn('partial');
    const editor = await b.get('/settings/profile');
    await submit(b, editor, '/settings/profile', 'website', { social_1: 'https://a.example/1', social_2: 'https://b.example/2', social_4: 'https://d.example/4', social_5: 'https://e.example/5', social_6: 'https://f.example/6' });
    const pub = await new Browser(sb, 'showcase-cards.test').get('/portfolio/lumenbakery');
    expect(pub.body).toContain('<li class="more">+2 more</li>');
    const text = shown(pub.body);
    expect(text).toContain('https://d.example/4');
    expect(text).not.toContain('https://e.example/5');
    expect(text).not.toContain('https://f.example/6');
  });
});

describe('WordPress + BuddyPress', () => {
  const host = 'wp-buddypress.test';
  it('has wp-login.php’s real form and the admin bar’s Profile → Edit item', async () => {
    const b = new Browser(sb, host);
    const login = await b.get('/wp-login.php');
    expect(login.body).toContain('<body class="login no-js login-action-login wp-core-ui locale-en-us">');
    expect(login.body).toContain('<input type="text" name="log" id="user_login" class="input" value="" size="20" autocapitalize="off" autocomplete="username" required="required" />');
    expect(login.body).toContain('<input type="hidden" name="testcookie" value="1" />');
    await logIn(b, journeySpec(host), creds('buddypress'));
    const landing = await settle(b, await b.get('/wp-admin/'), '/wp-admin/');
    expect(landing.path).toBe('/members/lumenbakery/profile/');
    expect(landing.res.body).toContain('<meta name="generator" content="WordPress 6.4.3" />');
    expect(landing.res.body).toContain('<li role="group" id="wp-admin-bar-my-account-xprofile-edit"><a class="ab-item" role="menuitem" href="/members/lumenbakery/profile/edit/">Edit</a></li>');
  });

  it('labels xprofile fields with <legend>, requires Name, and keeps profile groups as separate pages', async () => {
    const b = await signedIn('buddypress');
    const path = '/members/lumenbakery/profile/edit/group/1/';
    const editor = await b.get(path);
    expect(editor.body).toContain('<form action="/members/lumenbakery/profile/edit/group/1/" method="post" id="profile-edit-form" class="standard-form profile-edit base">');
    expect(editor.body).toContain('<legend id="field_3-1">Website</legend>');
    expect(editor.body).toContain('<input type="hidden" name="field_ids" id="field_ids" value="1,2,3,4,5,6" />');
    expect(editor.body).toContain('<li><a href="/members/lumenbakery/profile/edit/group/2/">Details</a></li>');
    const { res } = await submit(b, editor, path, 'field_1', { field_1: '' });
    expect(res.body).toContain('Please fill in all required fields');
    expect((await account(sb, host, 'lumenbakery')).counters.rejectedSaves).toBe(1);
  });
});

describe('Drupal 10', () => {
  const host = 'drupal-portal.test';
  it('has Drupal’s generator meta and form ids, and never needs the password fields', async () => {
    const b = new Browser(sb, host);
    const login = await b.get('/user/login');
    expect(login.body).toContain('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />');
    expect(formWith(login.body, 'name')!.controls).toEqual(expect.arrayContaining([['form_id', 'user_login_form']]));
    await logIn(b, journeySpec(host), creds('drupal'));
    const editor = await b.get('/user/2/edit');
    expect(editor.body).toContain('<body class="path-user user-logged-in">');
    expect(editor.body).toMatch(/<script type="application\/json" data-drupal-selector="drupal-settings-json">\{.*"user":\{"uid":"2",/);
    expect(editor.body).toContain('name="pass[pass1]"');
    expect(editor.body).toContain('<a href="/user/2/edit" class="tabs__link is-active" data-drupal-link-system-path="user/2/edit">Edit');
    const mismatch = await submit(b, editor, '/user/2/edit', 'field_website[0][uri]', { 'pass[pass1]': 'x', 'pass[pass2]': 'y' });
    expect(mismatch.res.body).toContain('The specified passwords do not match.');
    const saved = await submit(b, editor, '/user/2/edit', 'field_website[0][uri]', { 'field_website[0][uri]': 'https://lumenbakery.example' });
    expect((await settle(b, saved.res, saved.path)).res.body).toContain('The changes have been saved.');
    const view = await account(sb, host, 'lumenbakery');
    expect(Object.keys(view.saved!.stored)).not.toContain('pass[pass1]');
  });

  it('asks to confirm a logout without its token, and counts the cancel-account page', async () => {
    const b = await signedIn('drupal');
    const confirm = await b.get('/user/logout');
    expect(confirm.body).toContain('Are you sure you want to log out?');
    expect(b.cookie(journeySpec(host).sessionCookie)).toBeTruthy();
    await b.get('/user/2/cancel');
    expect((await account(sb, host, 'lumenbakery')).counters.dangerPages).toBe(1);
  });
});

describe('Moodle 4.0 (accordion editor)', () => {
  const host = 'moodle-campus.test';
  it('keeps Web page and the social custom fields in collapsed sections, and requires the names', async () => {
    const b = await signedIn('moodle');
    const editor = await b.get('/user/edit.php');
    expect(editor.body).toContain('<body id="page-user-edit"');
    expect(editor.body).toMatch(/<div id="id_moodle_optionalcontainer" class="fcontainer collapseable collapse">[\s\S]*?name="url" id="id_url"/);
    expect(editor.body).toMatch(/<div id="id_category_2container" class="fcontainer collapseable collapse">[\s\S]*?name="profile_field_twitter"/);
    expect(editor.body).toContain('<div id="id_moodlecontainer" class="fcontainer collapseable collapse show">');
    expect(editor.body).toContain('<a href="#" class="collapseexpand" aria-expanded="false" role="button">Expand all</a>');
    const { res } = await submit(b, editor, '/user/edit.php', 'firstname', { firstname: '', url: 'not a url' });
    expect(res.body).toContain('Missing given name');
    // A section holding an error opens by itself.
    expect(res.body).toContain('<div id="id_moodle_optionalcontainer" class="fcontainer collapseable collapse show">');
    expect((await account(sb, host, 'lumenbakery')).counters.rejectedSaves).toBe(1);
  });

  it('asks to confirm a logout without its sesskey', async () => {
    const b = await signedIn('moodle');
    expect((await b.get('/login/logout.php')).body).toContain('Do you really want to log out?');
    expect(b.cookie('MoodleSession')).toBeTruthy();
  });
});

describe('platform fingerprints the pages carry, as the real ones do', () => {
  const cases: Array<[key: string, path: string, needle: RegExp]> = [
    ['phpbb', '/index.php', /<link href="\.\/styles\/prosilver\/theme\/stylesheet\.css\?assets_version=5" rel="stylesheet">/],
    ['mybb', '/index.php', /<script type="text\/javascript" src="jscripts\/general\.js\?ver=1827"><\/script>/],
    ['mastodon', '/home', /<div class="logo-resources"[\s\S]*<script id="initial-state" type="application\/json">\{"meta":\{[^}]*"me":"109301"[\s\S]*"accounts":\{"109301":\{"id":"109301","username":"lumenbakery"/],
    ['humhub', '/dashboard', /<script src="\/static\/js\/humhub\/humhub\.core\.js\?v=\d+"><\/script>/],
    ['moodle', '/my/', /<link rel="stylesheet" type="text\/css" href="\/theme\/styles\.php\/boost\/[^"]+" \/>[\s\S]*href="\/user\/profile\.php\?id=3"/],
    ['discourse', '/latest', /<meta name="discourse_theme_ids" content="2">/],
    ['buddypress', '/members/', /\/wp-content\/plugins\/buddypress\/[\s\S]*<meta name="generator" content="WordPress 6\.4\.3" \/>/],
  ];
  it.each(cases)('%s %s', async (key, path, needle) => {
    const b = await signedIn(key, key === 'mastodon');
    const r = await b.get(path);
    expect(r.body).toMatch(needle);
    // Referenced assets are served (empty), so pages load cleanly.
    for (const m of r.body.matchAll(/(?:href|src)="(\.?\/?(?:styles|jscripts|static|theme|lib|core|assets)\/[^"]+)"/g)) {
      const url = new URL(m[1]!.replace(/&amp;/g, '&'), `http://${b.host}${path}`);
      if (!/\.(?:css|js)$|\/theme\/styles\.php\/|\/lib\/javascript\.php\//.test(url.pathname)) continue;
      const asset = await b.get(url.pathname + url.search);
      expect(asset.status, url.pathname).toBe(200);
      expect(asset.contentType).toMatch(/css|javascript/);
    }
  });
});
