/**
 * Every server-rendered journey site, over real HTTP, played through its own
 * forms: the editor needs a session, login (and 2FA) makes one, a live
 * session skips the login, saving stores what was posted (or what the site
 * rewrites it to), the public profile shows exactly the links the spec says
 * (and not the others), logout ends the session; plus the control routes.
 * The Discourse SPA has its own file (discourse.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOURNEY_SITES, JOURNEY_TASK_IDS, journeySpec, journeyTasks } from '../../../sandbox/journeys';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { account, Browser, control, type Res } from './client';
import { formWith, logIn, settle, shown, submit } from './forms';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ tasks: journeyTasks() });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset(journeyTasks()));

const TW = 'https://twitter.com/lumenbakery';
const FB = 'https://www.facebook.com/lumenbakery';
const YT = 'https://www.youtube.com/@lumenbakery';
const LI = 'https://www.linkedin.com/company/lumen-bakery';
const IG = 'https://www.instagram.com/lumen.bakery/';
const GH = 'https://github.com/lumenbakery';
const BLOG = 'https://demo-blog.test/u/lumenbakery';
const SITE = 'https://lumenbakery.example';

interface Case {
  key: string;
  /** What the worker's save sends, by the editor's field names. */
  sample: Record<string, string>;
  /** What the site keeps (default: exactly `sample`). */
  stored?: Record<string, string>;
  /** The links the public page must show (a literal, checked against the spec too). */
  publicLinks: string[];
  /** Saved values that must not appear on the public page. */
  notOnPublic?: string[];
  /** phpBB and MyBB answer a guest on the editor URL with a login form in place. */
  inlineLogin?: boolean;
}

const CASES: Case[] = [
  {
    key: 'phpbb',
    inlineLogin: true,
    sample: { pf_phpbb_website: SITE, pf_phpbb_facebook: 'lumenbakery', pf_phpbb_twitter: 'lumenbakery', pf_phpbb_youtube: 'lumenbakery', pf_phpbb_interests: `Sourdough and rye. More: ${BLOG}` },
    publicLinks: [SITE, 'http://facebook.com/lumenbakery/', 'http://twitter.com/lumenbakery', 'http://youtube.com/user/lumenbakery', BLOG],
  },
  {
    key: 'mybb',
    inlineLogin: true,
    sample: { website: SITE, 'profile_fields[fid4]': FB, 'profile_fields[fid5]': 'lumenbakery', 'profile_fields[fid2]': `Family bakery since 1998. ${GH}` },
    publicLinks: [SITE, GH, FB],
  },
  {
    key: 'mastodon',
    sample: {
      'account[note]': `Bread every morning. ${BLOG}`,
      'account[fields_attributes][0][name]': 'Website',
      'account[fields_attributes][0][value]': SITE,
      'account[fields_attributes][1][name]': 'Twitter',
      'account[fields_attributes][1][value]': TW,
      'account[fields_attributes][2][name]': 'YouTube',
      'account[fields_attributes][2][value]': YT,
      'account[fields_attributes][3][name]': 'Opening hours',
      'account[fields_attributes][3][value]': 'Mon–Sat 7–14',
    },
    publicLinks: [BLOG, SITE, TW, YT],
  },
  {
    key: 'gitea',
    sample: { full_name: 'Lumen Bakery', website: SITE, description: `Bakery tools. ${TW} ${FB}`, location: 'Hanoi' },
    publicLinks: [SITE, TW, FB],
  },
  {
    key: 'humhub',
    sample: { 'Profile[url]': SITE, 'Profile[url_facebook]': FB, 'Profile[url_twitter]': TW, 'Profile[url_youtube]': YT, 'Profile[url_linkedin]': LI, 'Profile[about]': `Bakers. ${GH}` },
    publicLinks: [GH, SITE, FB, LI, YT, TW],
  },
  {
    key: 'custom',
    sample: { homepage: SITE, 'links[0][network]': 'Twitter / X', 'links[0][url]': TW, 'links[1][network]': 'Facebook', 'links[1][url]': FB, about: `We bake. ${GH}` },
    publicLinks: [SITE, TW, FB, GH],
  },
  {
    key: 'vietnamese',
    sample: { website: SITE, facebook: FB, youtube: YT, lien_ket_khac: `${TW}\n${GH}`, gioi_thieu: 'Tiệm bánh mì gia đình ở Hà Nội.' },
    publicLinks: [SITE, FB, YT, TW, GH],
  },
  {
    key: 'rewriter',
    sample: { website: 'https://www.LumenBakery.example/', twitter: TW, instagram: 'https://www.instagram.com/Lumen.Bakery/', linkedin: LI, youtube: YT, story: `Fresh bread daily. See ${BLOG} for more.` },
    stored: { website: 'lumenbakery.example', twitter: '@lumenbakery', instagram: 'https://instagram.com/lumen.bakery', linkedin: '', youtube: YT, story: 'Fresh bread daily. See for more.' },
    publicLinks: ['https://lumenbakery.example', 'https://x.com/lumenbakery', 'https://instagram.com/lumen.bakery', YT],
    notOnPublic: ['linkedin.com', BLOG, TW],
  },
  {
    key: 'partial',
    sample: { website: SITE, social_1: TW, social_2: FB, social_3: YT, social_4: LI, social_5: IG, about: `Members-only note: ${GH}` },
    publicLinks: [SITE, TW, FB, YT],
    notOnPublic: [LI, IG, GH, 'linkedin.com', 'instagram.com', 'github.com'],
  },
  {
    key: 'buddypress',
    sample: { field_3: SITE, field_4: TW, field_5: FB, field_6: YT, field_2: `About us: ${GH}` },
    publicLinks: [GH, SITE, TW, FB, YT],
  },
  {
    key: 'drupal',
    sample: { 'field_website[0][uri]': SITE, 'field_social_links[0][uri]': TW, 'field_social_links[1][uri]': FB, 'field_social_links[2][uri]': YT, 'field_about[0][value]': `Bakers. ${GH}` },
    publicLinks: [SITE, TW, FB, YT, GH],
  },
  {
    key: 'moodle',
    sample: { url: SITE, profile_field_twitter: TW, profile_field_facebook: FB, 'description_editor[text]': `Baking classes. ${GH}` },
    publicLinks: [GH, SITE, TW, FB],
  },
];

const hostOf = (key: string) => journeyTasks().find((t) => t.id === JOURNEY_TASK_IDS[key])!.domain;
const taskOf = (key: string) => journeyTasks().find((t) => t.id === JOURNEY_TASK_IDS[key])!;

function who(key: string) {
  const t = taskOf(key);
  const spec = journeySpec(t.domain);
  const byEmail = /email/i.test(spec.loginFields.identifier);
  return { identifier: String(byEmail ? t.email : t.username), password: String(t.password), twofa: String(t.twofa ?? '') };
}

async function signIn(key: string): Promise<{ b: Browser; landing: { res: Res; path: string } }> {
  const host = hostOf(key);
  const b = new Browser(sb, host);
  const landing = await logIn(b, journeySpec(host), who(key));
  return { b, landing };
}

/** Signs out the way the page offers it (a logout link, a logout form, or the POST its script sends). */
async function signOut(b: Browser, pageHtml: string, pagePath: string, key: string): Promise<Res> {
  const spec = journeySpec(hostOf(key));
  const user = await account(sb, b.host, String(taskOf(key).username));
  const target = spec.logout.path({ ...user, email: '', displayName: '' });
  const path = target.split('?')[0]!;
  const link = [...pageHtml.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).find((h) => new URL(h, `http://${b.host}${pagePath}`).pathname === path && new URL(h, `http://${b.host}${pagePath}`).search.startsWith(target.slice(path.length) || ''));
  if (spec.logout.method === 'GET') {
    expect(link, `a logout link to ${target}`).toBeDefined();
    const u = new URL(link!, `http://${b.host}${pagePath}`);
    return (await settle(b, await b.get(u.pathname + u.search), u.pathname + u.search)).res;
  }
  const form = (pageHtml.match(/<form\b[^>]*>/gi) ?? []).find((f) => f.includes(`action="${path}"`));
  if (form) {
    const field = (pageHtml.match(new RegExp(`<form\\b[^>]*action="${path}"[\\s\\S]*?</form>`))![0].match(/name="([^"]+)"/) ?? [])[1];
    if (field) return (await submit(b, { status: 200, setCookie: [], body: pageHtml, json: <T,>() => undefined as T }, pagePath, field, {})).res;
    return b.post(path, {});
  }
  // A data-method / link-action link: its script posts the page's CSRF token.
  expect(link ?? pageHtml.includes(`data-url="${path}"`), `a sign-out control for ${path}`).toBeTruthy();
  const csrf = pageHtml.match(/<meta name="(?:csrf-token|_csrf)" content="([^"]*)"/)?.[1] ?? '';
  return b.post(path, { _method: spec.logout.method.toLowerCase(), _csrf: csrf, authenticity_token: csrf });
}

describe('journey sites: the registry and the control routes', () => {
  it('lists at least 12 sites on distinct made-up hosts, each with an account', async () => {
    const list = await control<Array<{ host: string; platform: string; accounts: string[]; sources: string[] }>>(sb, 'GET', '');
    expect(list.length).toBeGreaterThanOrEqual(12);
    expect(new Set(list.map((s) => s.host)).size).toBe(list.length);
    for (const s of list) {
      expect(s.host).toMatch(/\.test$/);
      expect(s.accounts.length, s.host).toBe(1);
      expect(s.sources.length, s.host).toBeGreaterThan(0);
    }
    expect(list.map((s) => s.platform)).toEqual(expect.arrayContaining(['phpbb', 'discourse', 'mybb', 'mastodon', 'gitea', 'humhub', 'custom', 'buddypress', 'drupal', 'moodle']));
    expect(JOURNEY_SITES.map((s) => s.spec.host)).toEqual(list.map((s) => s.host));
  });

  it('answers 404 for an unknown host or account, and keeps the demo sites as they were', async () => {
    const r = await fetch(`${sb.origin}/__control/journeys/nope.test`);
    expect(r.status).toBe(404);
    const a = await fetch(`${sb.origin}/__control/journeys/phpbb-forum.test/accounts/nobody`);
    expect(a.status).toBe(404);
    // A non-journey host still gets the shared demo flow.
    const demo = await new Browser(sb, 'demo-social.test').get('/login');
    expect(demo.body).toContain('id="login_field"');
  });

  it('presets a stored profile, and resets one site without touching another', async () => {
    await control(sb, 'PUT', '/mybb-board.test/accounts/LumenBakery/saved', { fields: { website: SITE } });
    let view = await account(sb, 'mybb-board.test', 'LumenBakery');
    expect(view.saved?.stored).toEqual({ website: SITE });
    expect(view.saved?.saveCount).toBe(0);
    const pub = await new Browser(sb, 'mybb-board.test').get(view.publicProfilePath);
    expect(pub.body).toContain(`href="${SITE}"`);
    await control(sb, 'PUT', '/drupal-portal.test/accounts/lumenbakery/saved', { fields: { 'field_website[0][uri]': SITE } });
    await control(sb, 'POST', '/mybb-board.test/reset', {});
    view = await account(sb, 'mybb-board.test', 'LumenBakery');
    expect(view.saved).toBeNull();
    expect((await account(sb, 'drupal-portal.test', 'lumenbakery')).saved?.stored).toEqual({ 'field_website[0][uri]': SITE });
  });
});

describe.each(CASES)('journey site $key', (c) => {
  const host = hostOf(c.key);
  const spec = journeySpec(host);
  const username = String(taskOf(c.key).username);

  it('serves a home page and a login page with the spec’s fields', async () => {
    const b = new Browser(sb, host);
    const home = await settle(b, await b.get(spec.homePath), spec.homePath);
    expect(home.res.status).toBe(200);
    const login = await b.get(spec.loginPath);
    expect(login.status).toBe(200);
    expect(login.contentType).toContain('text/html');
    expect(formWith(login.body, spec.loginFields.identifier), 'identifier field').toBeDefined();
    if (c.key !== 'custom') expect(formWith(login.body, spec.loginFields.password), 'password field').toBeDefined();
    expect(login.body).toMatch(/type="password"|type="email"/);
  });

  it('keeps the editor behind a login', async () => {
    const b = new Browser(sb, host);
    const user = await account(sb, host, username);
    const r = await b.get(user.editorPath);
    for (const f of spec.linkFields) expect(r.body).not.toContain(`name="${f.name}"`);
    if (c.inlineLogin) {
      expect(r.status).toBe(200);
      expect(formWith(r.body, spec.loginFields.password)).toBeDefined();
    } else {
      expect(r.status).toBeGreaterThanOrEqual(300);
      expect(r.status).toBeLessThan(400);
      expect(new URL(r.location!, `http://${host}`).pathname).toBe(spec.loginPath.split('?')[0]);
    }
  });

  it('refuses a wrong password and counts it', async () => {
    const b = new Browser(sb, host);
    await logIn(b, spec, { ...who(c.key), password: 'wrong-password' });
    expect(b.cookie(spec.sessionCookie)).toBeUndefined();
    const user = await account(sb, host, username);
    expect(user.counters.logins).toBe(0);
    expect(user.counters.loginFailures).toBe(1);
  });

  it('logs in (with 2FA when the task has one), and a live session skips the login page', async () => {
    const { b } = await signIn(c.key);
    expect(b.cookie(spec.sessionCookie)).toBeTruthy();
    const user = await account(sb, host, username);
    expect(user.counters.logins).toBe(1);
    expect(user.needs2fa).toBe(!!spec.twoFactor && !!taskOf(c.key).twofa);
    expect(user.counters.twofaSubmissions).toBe(user.needs2fa ? 1 : 0);
    const again = await b.get(spec.loginPath);
    expect(again.status).toBeGreaterThanOrEqual(300);
    expect(new URL(again.location!, `http://${host}`).pathname).toBe(spec.signedInLoginRedirect.split('?')[0]);
    expect((await account(sb, host, username)).counters.logins).toBe(1);
  });

  it('shows the editor with every link field once signed in', async () => {
    const { b } = await signIn(c.key);
    const user = await account(sb, host, username);
    const r = await b.get(user.editorPath);
    expect(r.status).toBe(200);
    for (const f of spec.linkFields) expect(r.body, f.name).toContain(`name="${f.name}"`);
  });

  it(c.stored ? 'rewrites the values on save, as the spec says' : 'stores exactly what was posted', async () => {
    const { b } = await signIn(c.key);
    const user = await account(sb, host, username);
    const editor = await b.get(user.editorPath);
    const first = Object.keys(c.sample)[0]!;
    const sent = await submit(b, editor, user.editorPath, first, c.sample);
    expect(sent.res.status, sent.res.body.slice(0, 300)).toBeLessThan(400);
    const after = await account(sb, host, username);
    expect(after.counters.saves).toBe(1);
    expect(after.counters.rejectedSaves).toBe(0);
    const expected = c.stored ?? c.sample;
    for (const [k, v] of Object.entries(expected)) expect(after.saved!.stored[k], k).toBe(v);
    for (const [k, v] of Object.entries(c.sample)) expect(after.saved!.posted[k], `posted ${k}`).toBe(v);
    expect(spec.rewritesOnSave).toBe(!!c.stored);
    // The editor shows what was kept (the read-back).
    const back = await settle(b, sent.res, sent.path);
    const editorAgain = formWith(back.res.body, Object.keys(expected)[0]!) ? back.res : await b.get(user.editorPath);
    const form = formWith(editorAgain.body, Object.keys(expected)[0]!);
    for (const [k, v] of Object.entries(expected)) expect(form!.controls.find(([n]) => n === k)?.[1], `editor shows ${k}`).toBe(v);
  });

  it('shows on the public profile exactly the links the spec says', async () => {
    const { b } = await signIn(c.key);
    const user = await account(sb, host, username);
    const editor = await b.get(user.editorPath);
    await submit(b, editor, user.editorPath, Object.keys(c.sample)[0]!, c.sample);
    const saved = await account(sb, host, username);
    expect([...saved.linksVisibleOnPublic].sort()).toEqual([...c.publicLinks].sort());
    const guest = new Browser(sb, host);
    const pub = await guest.get(saved.publicProfilePath);
    expect(pub.status).toBe(200);
    const text = shown(pub.body);
    for (const link of c.publicLinks) expect(text, link).toContain(link);
    for (const hidden of c.notOnPublic ?? []) expect(text, hidden).not.toContain(hidden);
  });

  it('answers 404 (or a not-found page) for an unknown member', async () => {
    const user = await account(sb, host, username);
    const other = { ...user, username: 'nobody-here', slug: 'nobody-here', userId: 99999, email: '', displayName: '' };
    const r = await new Browser(sb, host).get(spec.publicProfilePath(other));
    expect(r.body).not.toContain(username);
    expect(r.status === 404 || /does not exist|not found|invalid|Không tìm thấy|isn't here|Nothing here/i.test(r.body)).toBe(true);
  });

  it('logs out, after which the editor needs a login again', async () => {
    const { b } = await signIn(c.key);
    const user = await account(sb, host, username);
    // The sign-out control is on the editor page, or else on the account / home page.
    let from = user.editorPath;
    let pageRes = await b.get(from);
    const logoutPath = spec.logout.path(user as never).split('?')[0]!;
    if (!pageRes.body.includes(logoutPath.slice(1))) {
      from = spec.signedInLoginRedirect;
      pageRes = (await settle(b, await b.get(from), from)).res;
    }
    await signOut(b, pageRes.body, from, c.key);
    expect(b.cookie(spec.sessionCookie)).toBeUndefined();
    const after = await account(sb, host, username);
    expect(after.counters.logouts).toBe(1);
    expect(after.liveSessions).toEqual([]);
    const gated = await b.get(user.editorPath);
    for (const f of spec.linkFields) expect(gated.body).not.toContain(`name="${f.name}"`);
  });

  it('accepts a preset session from the control API (no login happens)', async () => {
    const preset = await control<{ cookie: { name: string; value: string } }>(sb, 'POST', `/${host}/sessions`, { username });
    expect(preset.cookie.name).toBe(spec.sessionCookie);
    const b = new Browser(sb, host);
    b.jar.set(preset.cookie.name, preset.cookie.value);
    const user = await account(sb, host, username);
    const r = await b.get(user.editorPath);
    expect(r.status).toBe(200);
    expect(r.body).toContain(`name="${spec.linkFields[0]!.name}"`);
    const after = await account(sb, host, username);
    expect(after.counters.logins).toBe(0);
    expect(after.liveSessions).toEqual([{ stage: 'in', remember: true }]);
  });
});
