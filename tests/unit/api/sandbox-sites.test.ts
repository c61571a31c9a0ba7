import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGuardrails, generateSync } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES_DIR, SEED_IDS, seedTasks, startSandbox, totpNow, verifyTotp, type Sandbox, type SiteView } from '../../sandbox/server';
import { parseTotpSecret } from '../../sandbox/totp';

let sb: Sandbox;
let fixtures: string;

beforeAll(async () => {
  fixtures = mkdtempSync(path.join(tmpdir(), 'sandbox-fixtures-'));
  writeFileSync(path.join(fixtures, 'wp-profile.html'), '<!doctype html><title>fixture</title><input id="x">');
  writeFileSync(path.join(fixtures, 'notes.txt'), 'not html');
  mkdirSync(path.join(fixtures, 'sub'));
  writeFileSync(path.join(fixtures, 'sub', 'inner.html'), '<p>inner</p>');
  writeFileSync(path.join(path.dirname(fixtures), `${path.basename(fixtures)}-secret.html`), 'outside');
  sb = await startSandbox({ fixturesDir: fixtures });
});
afterAll(async () => {
  await sb.close();
  rmSync(fixtures, { recursive: true, force: true });
  rmSync(path.join(path.dirname(fixtures), `${path.basename(fixtures)}-secret.html`), { force: true });
});
beforeEach(() => sb.reset());

interface SiteResponse {
  status: number;
  location?: string;
  setCookie?: string;
  contentType?: string;
  body: string;
}

/** A request as a browser with `MAP * 127.0.0.1` would send it: the made-up host in the Host header. */
function site(method: 'GET' | 'POST', host: string, pathname: string, opts: { form?: Record<string, string>; cookie?: string } = {}): Promise<SiteResponse> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sb.port,
        method,
        path: pathname,
        headers: {
          Host: `${host}:${sb.port}`,
          ...(opts.cookie && { Cookie: opts.cookie }),
          ...(body !== undefined && { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            setCookie: res.headers['set-cookie']?.[0],
            contentType: res.headers['content-type'],
            body: text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const cookieOf = (r: SiteResponse) => r.setCookie?.split(';')[0];

async function controlSite(host: string): Promise<SiteView> {
  const res = await fetch(`${sb.origin}/__control/sites/${host}`);
  return ((await res.json()) as { data: SiteView }).data;
}

/** Logs in (and passes 2FA when the account needs it); returns the session cookie. */
async function logIn(host: string, login: string, password: string, twofa?: string): Promise<string> {
  const r = await site('POST', host, '/login', { form: { login, password, next: '/profile/edit' } });
  expect(r.status).toBe(303);
  const cookie = cookieOf(r)!;
  if (twofa) {
    expect(r.location).toBe('/2fa');
    const ok = await site('POST', host, '/2fa', { cookie, form: { otp: totpNow(twofa) } });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/profile/edit');
  } else {
    expect(r.location).toBe('/profile/edit');
  }
  return cookie;
}

describe('demo site: login, 2FA, profile editor', () => {
  it('the editor needs a login and sends the worker back to it afterwards', async () => {
    const r = await site('GET', 'demo-social.test', '/profile/edit');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/login?next=%2Fprofile%2Fedit');
  });

  it('the login page has realistic fields', async () => {
    const r = await site('GET', 'demo-social.test', '/login');
    expect(r.status).toBe(200);
    expect(r.contentType).toContain('text/html');
    expect(r.body).toContain('<title>Log in · Demo Social</title>');
    expect(r.body).toMatch(/<label for="login_field">Username or email address<\/label>/);
    expect(r.body).toMatch(/<input type="text" id="login_field" name="login" autocomplete="username"/);
    expect(r.body).toMatch(/<input type="password" id="password" name="password" autocomplete="current-password"/);
    expect(r.body).not.toMatch(/<script|https?:\/\/(?!x\.com)[a-z]/i);
  });

  it('wrong credentials, and another site’s account, are refused', async () => {
    const bad = await site('POST', 'demo-social.test', '/login', { form: { login: 'lumenbakery', password: 'nope' } });
    expect(bad.status).toBe(200);
    expect(bad.setCookie).toBeUndefined();
    expect(bad.body).toContain('Incorrect username or password.');
    // demo-blog's password on demo-social.
    const other = await site('POST', 'demo-social.test', '/login', { form: { login: 'lumenbakery', password: 'Blog!Lumen77' } });
    expect(other.setCookie).toBeUndefined();
    expect((await controlSite('demo-social.test')).events.map((e) => e.event)).toEqual(['login-failed', 'login-failed']);
  });

  it('full flow with 2FA: login by email (any case), wrong code refused, right code passes, profile saved and readable', async () => {
    const task = seedTasks().find((t) => t.id === SEED_IDS.social)!;
    const r = await site('POST', 'demo-social.test', '/login', { form: { login: 'LumenBakery.SEO@gmail.com', password: String(task.password), next: '/profile/edit' } });
    expect(r).toMatchObject({ status: 303, location: '/2fa' });
    const cookie = cookieOf(r)!;
    // Half-logged-in sessions cannot edit.
    expect((await site('GET', 'demo-social.test', '/profile/edit', { cookie })).status).toBe(303);
    const page2fa = await site('GET', 'demo-social.test', '/2fa', { cookie });
    expect(page2fa.body).toMatch(/<input type="text" id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric"/);
    const wrongCode = String((Number(totpNow(String(task.twofa))) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await site('POST', 'demo-social.test', '/2fa', { cookie, form: { otp: wrongCode } });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain('incorrect or has expired');
    const right = await site('POST', 'demo-social.test', '/2fa', { cookie, form: { otp: totpNow(String(task.twofa)) } });
    expect(right).toMatchObject({ status: 303, location: '/profile/edit' });

    const edit = await site('GET', 'demo-social.test', '/profile/edit', { cookie });
    expect(edit.status).toBe(200);
    for (const f of ['display_name', 'website', 'bio', 'twitter', 'facebook', 'linkedin', 'youtube', 'instagram', 'github', 'other_link_1', 'other_link_2', 'other_link_3']) {
      expect(edit.body).toContain(`id="profile_${f}" name="${f}"`);
      expect(edit.body).toContain(`<label for="profile_${f}">`);
    }
    expect(edit.body).toContain('<span>https://x.com/</span>');
    expect(edit.body).toContain('id="newsletter_email"');

    const saved = await site('POST', 'demo-social.test', '/profile/edit', {
      cookie,
      form: {
        display_name: 'lumenbakery',
        email: 'lumenbakery.seo@gmail.com',
        website: 'https://lumenbakery.example',
        bio: 'Fresh bread daily.\nhttps://demo-blog.test/u/lumenbakery',
        twitter: 'lumenbakery',
        facebook: 'https://www.facebook.com/lumenbakery',
        other_link_1: 'https://demo-wp.test/author/lumenbakery/',
      },
    });
    expect(saved).toMatchObject({ status: 303, location: '/profile?saved=1' });
    const view = await controlSite('demo-social.test');
    expect(view.profile).toMatchObject({
      taskId: SEED_IDS.social,
      username: 'lumenbakery',
      saveCount: 1,
      fields: {
        website: 'https://lumenbakery.example',
        twitter: 'lumenbakery',
        facebook: 'https://www.facebook.com/lumenbakery',
        other_link_1: 'https://demo-wp.test/author/lumenbakery/',
        bio: 'Fresh bread daily.\nhttps://demo-blog.test/u/lumenbakery',
        linkedin: '',
      },
    });
    expect(view.events.map((e) => e.event)).toEqual(['login', '2fa-failed', '2fa', 'profile-saved']);
    const shown = await site('GET', 'demo-social.test', '/profile?saved=1', { cookie });
    expect(shown.body).toContain('Your profile has been updated.');
    expect(shown.body).toContain('<a href="https://www.facebook.com/lumenbakery" rel="me nofollow">');
    expect(shown.body).toContain('<a href="https://x.com/lumenbakery" rel="me nofollow">');
  });

  it('an account without twofa goes straight to the editor, also on a www. subdomain', async () => {
    const cookie = await logIn('www.demo-blog.test', 'lumenbakery', 'Blog!Lumen77');
    expect((await site('GET', 'www.demo-blog.test', '/profile/edit', { cookie })).status).toBe(200);
  });

  it('a session is only valid on its own host', async () => {
    const cookie = await logIn('demo-blog.test', 'lumenbakery', 'Blog!Lumen77');
    expect((await site('GET', 'demo-dev.test', '/profile/edit', { cookie })).status).toBe(303);
  });

  it('refuses a URL in the X username field and non-http links (422, nothing saved)', async () => {
    const cookie = await logIn('demo-blog.test', 'lumenbakery', 'Blog!Lumen77');
    const attempts: Record<string, string>[] = [{ twitter: 'https://twitter.com/lumenbakery' }, { facebook: 'javascript:alert(1)' }, { other_link_2: 'not a url' }, { bio: 'b'.repeat(1001) }];
    for (const form of attempts) {
      const r = await site('POST', 'demo-blog.test', '/profile/edit', { cookie, form });
      expect(r.status, JSON.stringify(form).slice(0, 40)).toBe(422);
      expect(r.body).toContain('aria-invalid="true"');
    }
    const view = await controlSite('demo-blog.test');
    expect(view.profile).toBeNull();
    expect(view.events.filter((e) => e.event === 'profile-rejected')).toHaveLength(4);
  });

  it('fields not sent keep their stored values; logout ends the session', async () => {
    const cookie = await logIn('demo-dev.test', 'northwindplumbing', 'D3v!Northwind');
    await site('POST', 'demo-dev.test', '/profile/edit', { cookie, form: { github: 'https://github.com/northwind-plumbing' } });
    await site('POST', 'demo-dev.test', '/profile/edit', { cookie, form: { location: 'Leeds, UK' } });
    const view = await controlSite('demo-dev.test');
    expect(view.profile).toMatchObject({ saveCount: 2, fields: { github: 'https://github.com/northwind-plumbing', location: 'Leeds, UK', email: 'northwind.plumb.co@gmail.com' } });
    const out = await site('POST', 'demo-dev.test', '/logout', { cookie });
    expect(out.location).toBe('/login');
    expect((await site('GET', 'demo-dev.test', '/profile/edit', { cookie })).status).toBe(303);
  });

  it('a profile can be preset through the control API (not counted as a save)', async () => {
    const res = await fetch(`${sb.origin}/__control/sites/demo-music.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: { website: 'https://already.example', twitter: 'old_handle' } }),
    });
    expect(res.status).toBe(200);
    const view = await controlSite('demo-music.test');
    expect(view.profile).toBeNull();
    expect(view.profiles[0]).toMatchObject({ saveCount: 0, fields: { website: 'https://already.example', twitter: 'old_handle', display_name: 'Northwind Plumbing', bio: 'Family plumbing company since 1998.' } });
    const cookie = await logIn('demo-music.test', 'northwind.plumbing', 'Mus1c-Northwind!', 'JBSWY3DPEHPK3PXP');
    const edit = await site('GET', 'demo-music.test', '/profile/edit', { cookie });
    expect(edit.body).toContain('value="https://already.example"');
  });

  it('`next` cannot send the worker off-site', async () => {
    const r = await site('POST', 'demo-blog.test', '/login', { form: { login: 'lumenbakery', password: 'Blog!Lumen77', next: '//evil.test/x' } });
    expect(r.location).toBe('/profile/edit');
  });
});

describe('TOTP secrets in every form the API may send', () => {
  const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

  it('normalises lowercase, spaces, padding and otpauth URIs to the same secret', () => {
    expect(parseTotpSecret('jbsw y3dp ehpk 3pxp')?.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(parseTotpSecret(' JBSWY3DPEHPK3PXP\n')?.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(parseTotpSecret('NZXXE5DIO5UW4ZBNGJTGCII=')?.secret).toBe('NZXXE5DIO5UW4ZBNGJTGCII');
    expect(parseTotpSecret('otpauth://totp/Site:me?secret=jbswy3dpehpk3pxp&issuer=Site')?.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(parseTotpSecret('not base32!')).toBeNull();
    expect(parseTotpSecret('')).toBeNull();
  });

  it('matches the RFC 6238 SHA-1 test vector (T=59 → 94287082)', () => {
    // ASCII "12345678901234567890" in base32.
    expect(totpNow('otpauth://totp/rfc?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8', 59)).toBe('94287082');
    expect(totpNow('gezd gnbv gy3t qojq gezd gnbv gy3t qojq', 59)).toBe('287082');
  });

  it('every seed secret verifies its own current code and agrees with otplib on the plain secret', () => {
    const epoch = 1_800_000_000;
    for (const t of seedTasks()) {
      const raw = String(t.twofa ?? '');
      if (!raw) continue;
      const plain = parseTotpSecret(raw)!;
      const code = totpNow(raw, epoch);
      expect(code).toBe(generateSync({ secret: plain.secret, guardrails, epoch }));
      expect(verifyTotp(raw, code, epoch)).toBe(true);
      // One step of drift is allowed either way; two is not.
      expect(verifyTotp(raw, code, epoch + 30)).toBe(true);
      expect(verifyTotp(raw, code, epoch - 30)).toBe(true);
      expect(verifyTotp(raw, totpNow(raw, epoch + 90), epoch)).toBe(false);
      expect(verifyTotp(raw, 'abcdef', epoch)).toBe(false);
    }
  });
});

describe('fixture pages', () => {
  it('serves tests/fixtures/pages by default', () => {
    expect(DEFAULT_FIXTURES_DIR.replaceAll('\\', '/')).toMatch(/\/tests\/fixtures\/pages$/);
  });

  it('serves <name>.html from the folder on any site host with an HTML content type', async () => {
    const r = await site('GET', 'wp-fixture.test', '/fixtures/wp-profile.html');
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<input id="x">');
  });

  it('does not allow traversal, sub-folders or other file types', async () => {
    const secretName = `${path.basename(fixtures)}-secret.html`;
    for (const p of [
      `/fixtures/../${secretName}`,
      `/fixtures/..%2F${secretName}`,
      `/fixtures/%2e%2e%2f${secretName}`,
      '/fixtures/sub/inner.html',
      '/fixtures/sub%2Finner.html',
      '/fixtures/notes.txt',
      '/fixtures/.hidden.html',
      '/fixtures/missing.html',
      '/fixtures/',
    ]) {
      const r = await site('GET', 'any.test', p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('outside');
      expect(r.body).not.toContain('inner');
    }
  });
});
