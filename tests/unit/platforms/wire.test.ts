// @vitest-environment node
/**
 * Recognition split across the messaging (the content script reads, the
 * background recognises): for every platform fixture, the signals read with
 * the request as the messaging carries it (JSON), checked and applied by the
 * background, give the same platform and URLs as reading the page directly.
 * Plus the generic discovery the background runs on unknown sites.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkJourneyEvent, withPlatform } from '../../../lib/background/journey';
import { discoverAccount, editorUrl, loginUrl, publicProfileUrl, readSignals, recognizePlatform, signalRequest, type SignalRequest } from '../../../lib/platforms';
import { fixture, pageDocument, signalsOf } from './load';

const FIXTURES = fileURLToPath(new URL('../../fixtures/platforms/', import.meta.url));
const IDS = readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).map((f) => f.replace(/\.html$/, ''));
const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('recognition over the messaging', () => {
  it('the request is plain JSON (no regex objects cross the messaging)', () => {
    const req = signalRequest();
    expect(roundTrip(req)).toEqual(req);
    expect(req.selectors.length).toBeGreaterThan(30);
  });

  it.each(IDS)('%s: page-read signals, checked in the background, give the registry\'s platform and URLs', (id) => {
    const url = `https://site.example.test/`;
    const doc = pageDocument(fixture(id), url);
    const direct = signalsOf(fixture(id), url);
    const hit = recognizePlatform(direct);
    const signals = readSignals(doc, roundTrip(signalRequest()) as SignalRequest);
    const onHost = (u: string) => new URL(u).hostname === 'site.example.test';
    const checked = checkJourneyEvent(roundTrip({ type: 'page', url, signedIn: false, loginForm: false, editorForm: false, signals }), onHost);
    expect(checked?.type).toBe('page');
    const { event } = withPlatform(checked!, onHost, 'nobody-here');
    if (event.type !== 'page') throw new Error('not a page event');
    expect(event.platform).toBe(hit?.platform.id);
    if (!hit) return;
    const p = hit.platform;
    const want = { editor: editorUrl(p, direct, direct.origin), pub: publicProfileUrl(p, direct, direct.origin), login: loginUrl(p, direct.origin, direct) };
    if (want.editor) expect(event.editorUrl).toBe(want.editor);
    if (want.pub) expect(event.publicUrl).toBe(want.pub);
    if (want.login) expect(event.loginUrl).toBe(want.login);
  });

  it('drops signals that are not the expected shape, and every URL off the task host', () => {
    const onHost = (u: string) => new URL(u).hostname === 'a.test';
    const bad = checkJourneyEvent({ type: 'page', url: 'https://a.test/', signedIn: true, loginForm: false, editorForm: false, signals: { generators: 'x' } }, onHost);
    expect(bad && bad.type === 'page' && bad.signals).toBeFalsy();
    const links = [{ href: 'https://b.test/settings/profile', text: 'Edit profile' }];
    const ev = checkJourneyEvent(
      { type: 'page', url: 'https://a.test/', signedIn: true, loginForm: false, editorForm: false, signals: { path: '/', generators: [], selectors: [], resources: [], cookies: [], links, users: {} } },
      onHost,
    );
    const { event } = withPlatform(ev!, onHost);
    expect(event.type === 'page' && event.editorUrl).toBeFalsy();
  });
});

describe('generic discovery (a site no recipe knows)', () => {
  const origin = 'https://shop.test';
  const link = (href: string, text: string, extra: Record<string, string> = {}) => ({ href: origin + href, text, ...extra });

  it('signed out: the login link, in the supported languages', () => {
    expect(discoverAccount([link('/about', 'About'), link('/dang-nhap', 'Đăng nhập')], { origin, signedIn: false }).loginUrl).toBe(`${origin}/dang-nhap`);
    expect(discoverAccount([link('/signin', '', { ariaLabel: 'Sign in' })], { origin, signedIn: false }).loginUrl).toBe(`${origin}/signin`);
  });

  it('signed in: an icon-only "Edit profile" in a closed menu beats "Profile"; a view-profile link is the public profile, never the editor', () => {
    const links = [
      link('/memberlist.php?mode=viewprofile&u=5', 'Profile'),
      link('/members/me/change', '', { ariaLabel: 'Edit profile' }),
      link('/members/me/delete', 'Delete account'),
      link('/logout', 'Sign out'),
      link('/people/lumen-bakery', 'View profile'),
    ];
    const found = discoverAccount(links, { origin, signedIn: true, userName: 'lumen.bakery' });
    expect(found.editorUrl).toBe(`${origin}/members/me/change`);
    expect(found.publicUrl).toBe(`${origin}/people/lumen-bakery`);
  });

  it('never a password, e-mail or notification page as the profile editor', () => {
    const found = discoverAccount([link('/account/password', 'Account settings'), link('/tai-khoan/ho-so', 'Chỉnh sửa hồ sơ')], { origin, signedIn: true });
    expect(found.editorUrl).toBe(`${origin}/tai-khoan/ho-so`);
  });

  it('never off the origin, never a dangerous link', () => {
    const found = discoverAccount([{ href: 'https://evil.test/settings/profile', text: 'Edit profile' }, link('/account/delete', 'Edit account')], { origin, signedIn: true });
    expect(found.editorUrl).toBeUndefined();
  });
});
