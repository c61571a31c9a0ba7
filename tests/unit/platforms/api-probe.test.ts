// @vitest-environment node
/**
 * `api:` user probes (lib/platforms/signals.ts `readApiProbes`): where a
 * platform draws the signed-in user nowhere (Ghost's admin dashboard, where a
 * sign-in lands), its same-origin "who am I" endpoint names them. Only for
 * platforms whose own markers are on the page, only on the page's origin,
 * and only the regex's named groups are kept.
 */
import { describe, expect, it, vi } from 'vitest';
import { editorUrl, getPlatform, publicProfileUrl, readSignals, signalRequest } from '../../../lib/platforms';
import { readApiProbes } from '../../../lib/platforms/signals';
import { fixture, pageDocument } from './load';

/** Ghost's admin page as it is before its user menu opens: no "Your profile" link. */
const dashboard = () => fixture('ghost').replace(/<ul class="dropdown-menu">[\s\S]*?<\/ul>/, '');
/** What Ghost 5 answers at /ghost/api/admin/users/me/ (core/server/api/endpoints/users.js readMe), trimmed. */
const ME = JSON.stringify({ users: [{ id: '1', name: 'Linh Trần', slug: 'linh', email: 'linh@news.example.test', profile_image: null, roles: [{ name: 'Owner' }] }] });

function answer(body: string, status = 200) {
  return vi.fn(async (..._a: Parameters<typeof fetch>) => new Response(body, { status, headers: { 'content-type': 'application/json' } }));
}

async function read(html: string, url: string, doFetch: typeof fetch) {
  const doc = pageDocument(html, url);
  const req = signalRequest();
  return readApiProbes(doc, req, readSignals(doc, req), doFetch);
}

describe('api: user probes', () => {
  it('Ghost dashboard: the admin API names the user, so the editor and the public profile get their slug', async () => {
    const doFetch = answer(ME);
    const s = await read(dashboard(), 'https://news.example.test/ghost/#/dashboard', doFetch);
    expect(doFetch).toHaveBeenCalledTimes(1);
    expect(doFetch.mock.calls[0]![0]).toBe('https://news.example.test/ghost/api/admin/users/me/');
    expect(doFetch.mock.calls[0]![1]).toMatchObject({ credentials: 'same-origin', redirect: 'error' });
    const p = getPlatform('ghost')!;
    expect(editorUrl(p, s, s.origin)).toBe('https://news.example.test/ghost/#/settings/staff/linh');
    expect(publicProfileUrl(p, s, s.origin)).toBe('https://news.example.test/author/linh/');
    // Nothing else of the answer (the email) is kept.
    expect(JSON.stringify(s)).not.toContain('linh@news.example.test');
  });

  it('under a subdirectory the endpoint is the admin page\'s own', async () => {
    const doFetch = answer(ME);
    await read(dashboard(), 'https://ex.test/blog/ghost/#/dashboard', doFetch);
    expect(doFetch.mock.calls[0]![0]).toBe('https://ex.test/blog/ghost/api/admin/users/me/');
  });

  it('is not asked where the page already shows the user, nor on a page without the platform\'s markers', async () => {
    const shown = answer(ME);
    const s = await read(fixture('ghost'), 'https://news.example.test/ghost/#/dashboard', shown);
    expect(shown).not.toHaveBeenCalled();
    expect(s.users.ghost?.slug).toBe('jane');
    const other = answer(ME);
    await read(fixture('wordpress'), 'https://blog.example.test/wp-admin/', other);
    await read('<!DOCTYPE html><html><head><meta name="generator" content="Ghost 5.130"></head><body><a href="/ghost/">Admin</a></body></html>', 'https://news.example.test/', other);
    expect(other).not.toHaveBeenCalled();
  });

  it.each([
    ['refused (signed out)', () => answer('{"errors":[{"message":"Authorization failed"}]}', 403)],
    ['a network fault', () => vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))],
    ['an answer that is not the user', () => answer('<html>Sign in</html>')],
  ])('%s gives no user part, and no error', async (_what, make) => {
    const s = await read(dashboard(), 'https://news.example.test/ghost/#/dashboard', make() as unknown as typeof fetch);
    expect(s.users.ghost).toBeUndefined();
    expect(editorUrl(getPlatform('ghost')!, s, s.origin)).toBe('https://news.example.test/ghost/#/settings/staff');
  });

  it('never leaves the page\'s origin: a hostile <base> pointing elsewhere is not followed', async () => {
    const doFetch = answer(ME);
    const s = await read(dashboard().replace('<head>', '<head><base href="https://evil.test/ghost/">'), 'https://news.example.test/ghost/#/dashboard', doFetch);
    expect(doFetch).not.toHaveBeenCalled();
    expect(s.users.ghost).toBeUndefined();
  });
});
