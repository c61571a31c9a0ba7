/**
 * The Discourse-like SPA over real HTTP: one HTML shell for every route
 * (deep links included), the JSON login with its second-factor round, the
 * fetch PUT that saves preferences, the public user JSON the app renders,
 * logout. (The rendering itself is checked in Chromium by
 * scripts/journey-sites-check.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOURNEY_TASK_IDS, journeySpec, journeyTasks } from '../../../sandbox/journeys';
import { startSandbox, totpNow, type Sandbox } from '../../../sandbox/server';
import { account, Browser, control } from './client';
import { wrongCode } from './forms';

const HOST = 'discourse-community.test';
const task = () => journeyTasks().find((t) => t.id === JOURNEY_TASK_IDS.discourse)!;
const OTHER = { id: 'd15c0000-0000-4000-8000-000000000099', domain: HOST, username: 'ryebread', password: 'Rye!Bread-1', twofa: '' };

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ tasks: [...journeyTasks(), OTHER] });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset([...journeyTasks(), OTHER]));

async function csrf(b: Browser): Promise<string> {
  return (await b.get('/session/csrf')).json<{ csrf: string }>().csrf;
}

async function signIn(b: Browser): Promise<void> {
  const t = task();
  const first = await b.sendJson('POST', '/session', { login: t.username, password: t.password, second_factor_method: 1 }, { 'X-CSRF-Token': await csrf(b) });
  expect(first.json<{ reason: string }>().reason).toBe('invalid_second_factor');
  const second = await b.sendJson('POST', '/session', { login: t.username, password: t.password, second_factor_token: totpNow(String(t.twofa)), second_factor_method: 1 }, { 'X-CSRF-Token': await csrf(b) });
  expect(second.json<{ user?: { username: string } }>().user?.username).toBe(t.username);
}

describe('Discourse SPA journey site', () => {
  const spec = journeySpec(HOST);

  it('answers the same client-rendered shell for every route, deep links included', async () => {
    const b = new Browser(sb, HOST);
    for (const path of ['/', '/latest', '/login', '/u/lumenbakery', '/u/lumenbakery/summary', '/u/lumenbakery/preferences/profile', '/u/nobody/summary']) {
      const r = await b.get(path);
      expect(r.status, path).toBe(200);
      expect(r.contentType).toContain('text/html');
      expect(r.body).toMatch(/<meta name="generator" content="Discourse 3\.2\.1 - https:\/\/github\.com\/discourse\/discourse version [0-9a-f]+">/);
      expect(r.body).toContain('<section id="main" class="ember-application"></section>');
      expect(r.body).toContain('<script src="/assets/discourse-journey.js" defer></script>');
      expect(r.body).toContain('id="data-preloaded"');
      // Nothing of the UI is in the HTML: the app builds it.
      expect(r.body).not.toContain('login-account-name');
      expect(r.body).not.toContain('pref-website');
    }
    const js = await b.get('/assets/discourse-journey.js');
    expect(js.contentType).toContain('javascript');
    expect(js.body).toContain('history.pushState');
    expect(js.body).toContain("api('PUT', '/u/'");
    expect(spec.spa).toBe(true);
    expect(spec.save).toMatchObject({ method: 'PUT', encoding: 'json' });
  });

  it('logs in through POST /session with a second-factor round and counts both submissions', async () => {
    const b = new Browser(sb, HOST);
    const t = task();
    const noCsrf = await b.sendJson('POST', '/session', { login: t.username, password: t.password });
    expect(noCsrf.status).toBe(403);
    const bad = await b.sendJson('POST', '/session', { login: t.username, password: 'nope' }, { 'X-CSRF-Token': await csrf(b) });
    expect(bad.json<{ error: string }>().error).toBe('Incorrect username, email or password');
    const first = await b.sendJson('POST', '/session', { login: t.username, password: t.password, second_factor_method: 1 }, { 'X-CSRF-Token': await csrf(b) });
    expect(first.json()).toMatchObject({ reason: 'invalid_second_factor', totp_enabled: true });
    expect(b.cookie('_t')).toBeTruthy();
    // Password passed, code not yet: not signed in.
    expect((await b.get('/session/current.json')).status).toBe(404);
    const wrong = await b.sendJson('POST', '/session', { login: t.username, password: t.password, second_factor_token: wrongCode(String(t.twofa)), second_factor_method: 1 }, { 'X-CSRF-Token': await csrf(b) });
    expect(wrong.json<{ error: string }>().error).toMatch(/Invalid authentication code/);
    const ok = await b.sendJson('POST', '/session', { login: t.username, password: t.password, second_factor_token: totpNow(String(t.twofa)), second_factor_method: 1 }, { 'X-CSRF-Token': await csrf(b) });
    expect(ok.json<{ user: { username: string } }>().user.username).toBe('lumenbakery');
    expect((await b.get('/session/current.json')).json<{ current_user: { username: string } }>().current_user.username).toBe('lumenbakery');
    const view = await account(sb, HOST, 'lumenbakery');
    expect(view.counters).toMatchObject({ logins: 1, loginFailures: 1, twofaSubmissions: 2, twofaFailures: 1 });
    // The shell now carries the signed-in user for the app.
    const shell = await b.get('/latest');
    const attr = shell.body.match(/data-preloaded="([^"]*)"/)![1]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    const preloaded = JSON.parse(attr) as { currentUser: string; site: string };
    expect(JSON.parse(preloaded.currentUser)).toMatchObject({ username: 'lumenbakery' });
    expect(JSON.parse(preloaded.site).user_fields).toHaveLength(3);
  });

  it('saves preferences with fetch PUT JSON: CSRF and ownership checked, stored exactly as sent', async () => {
    const guest = new Browser(sb, HOST);
    const body = {
      bio_raw: 'Bakers since 1998. https://github.com/lumenbakery',
      website: 'https://lumenbakery.example',
      location: 'Hanoi',
      user_fields: { '1': 'https://twitter.com/lumenbakery', '2': 'https://www.facebook.com/lumenbakery', '3': 'https://www.youtube.com/@lumenbakery' },
    };
    expect((await guest.sendJson('PUT', '/u/lumenbakery.json', body, { 'X-CSRF-Token': await csrf(guest) })).status).toBe(403);
    const b = new Browser(sb, HOST);
    await signIn(b);
    expect((await b.sendJson('PUT', '/u/lumenbakery.json', body, { 'X-CSRF-Token': 'forged' })).status).toBe(403);
    expect((await b.sendJson('PUT', '/u/ryebread.json', body, { 'X-CSRF-Token': await csrf(b) })).status).toBe(403);
    const invalid = await b.sendJson('PUT', '/u/lumenbakery.json', { ...body, website: 'not a url' }, { 'X-CSRF-Token': await csrf(b) });
    expect(invalid.status).toBe(422);
    expect(invalid.json<{ errors: string[] }>().errors).toContain('Website is invalid');
    const ok = await b.sendJson('PUT', '/u/lumenbakery.json', body, { 'X-CSRF-Token': await csrf(b) });
    expect(ok.status).toBe(200);
    expect(ok.json<{ success: string }>().success).toBe('OK');
    const view = await account(sb, HOST, 'lumenbakery');
    expect(view.saved!.stored).toEqual({
      bio_raw: body.bio_raw,
      website: body.website,
      location: 'Hanoi',
      'user_fields[1]': body.user_fields['1'],
      'user_fields[2]': body.user_fields['2'],
      'user_fields[3]': body.user_fields['3'],
    });
    expect(view.counters).toMatchObject({ saves: 1, rejectedSaves: 1 });
    expect(view.editorPath).toBe('/u/lumenbakery/preferences/profile');
    expect(view.publicProfilePath).toBe('/u/lumenbakery');
    expect([...view.linksVisibleOnPublic].sort()).toEqual(
      ['https://lumenbakery.example', 'https://github.com/lumenbakery', 'https://twitter.com/lumenbakery', 'https://www.facebook.com/lumenbakery', 'https://www.youtube.com/@lumenbakery'].sort(),
    );
    // What the public page renders from: the user JSON, for anyone; the page itself answers it when asked for JSON (Rails).
    const negotiated = await guest.get('/u/lumenbakery', { Accept: 'application/json' });
    expect(negotiated.json<{ user: { website: string } }>().user.website).toBe('https://lumenbakery.example');
    expect((await guest.get('/u/lumenbakery')).body).toContain('<section id="main"');
    const pub = (await guest.get('/u/lumenbakery.json')).json<{ user: Record<string, unknown> }>().user;
    expect(pub.website).toBe('https://lumenbakery.example');
    expect(pub.website_name).toBe('lumenbakery.example');
    expect(pub.bio_cooked).toContain('<a href="https://github.com/lumenbakery" rel="noopener nofollow ugc">https://github.com/lumenbakery</a>');
    expect(pub.user_fields).toEqual(body.user_fields);
    expect(pub.can_edit).toBe(false);
    expect((await guest.get('/u/nobody.json')).status).toBe(404);
  });

  it('logs out with DELETE /session/:username', async () => {
    const b = new Browser(sb, HOST);
    await signIn(b);
    expect((await b.sendJson('DELETE', '/session/ryebread', {}, { 'X-CSRF-Token': await csrf(b) })).status).toBe(403);
    const out = await b.sendJson('DELETE', '/session/lumenbakery', {}, { 'X-CSRF-Token': await csrf(b) });
    expect(out.status).toBe(200);
    expect(b.cookie('_t')).toBeUndefined();
    expect((await b.get('/session/current.json')).status).toBe(404);
    expect((await account(sb, HOST, 'lumenbakery')).counters.logouts).toBe(1);
  });

  it('honours a preset session (a still-valid login)', async () => {
    const preset = await control<{ cookie: { name: string; value: string } }>(sb, 'POST', `/${HOST}/sessions`, { username: 'lumenbakery' });
    const b = new Browser(sb, HOST);
    b.jar.set(preset.cookie.name, preset.cookie.value);
    expect((await b.get('/session/current.json')).status).toBe(200);
    expect((await account(sb, HOST, 'lumenbakery')).counters.logins).toBe(0);
  });
});
