import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, totpNow, type Sandbox } from '../sandbox/server';
import { launchFirefox, type FirefoxWithExtension } from './firefox';

// A made-up task domain: Firefox resolves it to the sandbox (network.dns.forceResolve).
const HOST = 'ff-smoke.test';
const SECRET = 'JBSWY3DPEHPK3PXP';
const TASK = {
  id: randomUUID(),
  domain: HOST,
  username: 'ff_worker',
  email: 'ff.worker@example.com',
  password: 'Ff-smoke-Pa55!',
  twofa: SECRET,
  website: 'https://customer-site.example/',
  entity_connect: [
    'https://x.com/entity_ff',
    'https://github.com/entity-ff',
    'https://www.linkedin.com/in/entity-ff',
    'https://demo-blog.test/u/entity-ff',
  ],
};

/** The codes valid around now (the page may have computed one a step earlier). */
function currentCodes(): string[] {
  const now = Math.floor(Date.now() / 1000);
  return [now - 30, now, now + 30].map((t) => totpNow(SECRET, t));
}

/**
 * Runs in an extension page (the popup tab), where Firefox exposes `browser`:
 * the badge, the registered content scripts and the host access to `host`,
 * once the badge reads `badge`.
 */
async function readExtensionState(badge: string, host: string) {
  const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
  const text = await api.browserAction.getBadgeText({});
  if (text !== badge) return null;
  const scripts = await api.scripting.getRegisteredContentScripts();
  return {
    hasAction: !!api.action,
    registered: scripts.flatMap((s) => s.matches ?? []),
    hostAccess: await api.permissions.contains({ origins: [`*://${host}/*`] }),
  };
}

let sandbox: Sandbox;
let ff: FirefoxWithExtension;

beforeAll(async () => {
  sandbox = await startSandbox({ tasks: [TASK] });
  ff = await launchFirefox();
});

afterAll(async () => {
  await ff?.close();
  await sandbox?.close();
});

describe('Firefox (firefox-esr, MV2 build)', () => {
  test('options → popup pull/start → TOTP → login, 2FA and profile filled on the task domain → complete reaches the API', async () => {
    // Options page: the automation contract, saved through the background.
    const options = await ff.newTab();
    await options.goto(ff.extensionUrl('options.html'));
    await options.fill('api-base-url', sandbox.apiBase);
    await options.fill('api-key', sandbox.apiKey);
    await options.click('save-settings');

    // The worker already has the task's site open before pulling: that tab gets the
    // content script by injection (scripting.executeScript, MV2), later pages by registration.
    const site = await ff.newTab();
    await site.goto(sandbox.siteUrl(HOST, '/login?next=/profile/edit'));

    // Popup (as a tab): pull + start in one click.
    const popup = await ff.newTab();
    await popup.goto(ff.extensionUrl('popup.html'));
    await popup.click('pull-task');
    expect(await popup.text('task-domain')).toContain(HOST);
    expect(sandbox.task(TASK.id)?.status).toBe('connecting');
    expect(sandbox.task(TASK.id)?.starts).toBe(1);
    const shownCode = (await popup.text('totp-code')).replace(/\D/g, '');
    expect(currentCodes()).toContain(shownCode);
    // Firefox MV2 specifics: the badge goes through browserAction (no `action`), and the
    // content script is registered with browser.scripting for the task's domain only.
    const ext = await popup.waitFor('the active badge', readExtensionState, ['▶', HOST]);
    expect(ext.hasAction).toBe(false);
    expect(ext.hostAccess).toBe(true);
    expect(ext.registered).toEqual([`*://${HOST}/*`, `*://*.${HOST}/*`, 'https://accounts.google.com/*']);

    // The login on the already open page is filled, and the in-page panel is there.
    const login = await site.waitFor(
      'the login form to be filled',
      () => {
        const id = document.querySelector<HTMLInputElement>('#login_field')?.value;
        const pw = document.querySelector<HTMLInputElement>('#password')?.value;
        return id && pw ? { id, pw, panel: !!document.querySelector('entity-connect-panel') } : null;
      },
      [],
    );
    expect(login.id).toBe(TASK.username);
    expect(login.pw).toBe(TASK.password);
    expect(login.panel).toBe(true);
    // Submitting stays the worker's click (auto-submit is off by default).
    await site.run(() => document.querySelector<HTMLFormElement>('#login-form')!.requestSubmit());

    // 2FA page: the current TOTP.
    const otp = await site.waitFor(
      'the 2FA code to be filled',
      () => (location.pathname === '/2fa' && document.querySelector<HTMLInputElement>('#otp')?.value) || null,
      [],
    );
    expect(currentCodes()).toContain(otp);
    await site.run(() => document.querySelector<HTMLFormElement>('#two-factor-form')!.requestSubmit());

    // Profile editor: the links go where they belong, then the worker saves.
    const filled = await site.waitFor(
      'the profile editor to be filled',
      () => {
        if (location.pathname !== '/profile/edit') return null;
        const value = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value ?? '';
        const fields = { twitter: value('twitter'), github: value('github'), avatar_url: value('avatar_url') };
        return fields.github && fields.twitter ? fields : null;
      },
      [],
    );
    expect(filled.twitter).toBe('entity_ff');
    expect(filled.avatar_url).toBe('');
    await site.run(() => document.querySelector<HTMLFormElement>('#edit-profile-form')!.requestSubmit());
    await site.waitFor('the saved profile page', () => location.pathname === '/profile', []);

    // What the site saved, read back from the sandbox.
    const saved = sandbox.site(HOST).profile;
    expect(saved?.saveCount).toBe(1);
    expect(saved?.fields.twitter).toBe('entity_ff');
    expect(saved?.fields.github).toMatch(/^https:\/\/github\.com\/entity-ff\/?$/);
    expect(saved?.fields.linkedin).toMatch(/^https:\/\/www\.linkedin\.com\/in\/entity-ff\/?$/);
    expect(saved?.fields.website).toMatch(/^https:\/\/customer-site\.example\/?$/);
    expect(saved?.fields.other_link_1).toMatch(/^https:\/\/demo-blog\.test\/u\/entity-ff\/?$/);
    expect(saved?.fields.avatar_url).toBe('');

    // Back in the popup: complete; the report reaches the API exactly once.
    await popup.fill('link-post', sandbox.siteUrl(HOST, '/profile'));
    await popup.click('complete-task');
    await popup.waitFor('the popup to be idle again', () => !!document.querySelector('[data-testid="pull-task"]'), []);
    const view = sandbox.task(TASK.id);
    expect(view?.status).toBe('completed');
    expect(view?.reports).toHaveLength(1);
    expect(view?.reports[0]?.body.link_post).toBe(sandbox.siteUrl(HOST, '/profile'));
    // The task is over: no badge, and no content script registered anywhere.
    const after = await popup.waitFor('the idle badge', readExtensionState, ['', HOST]);
    expect(after.registered).toEqual([]);
  });

  // Same Firefox, already configured by the test above.
  test('fail goes through the outbox: kept while the API is unreachable, reported once on retry', async () => {
    const task = { ...TASK, id: randomUUID(), domain: 'ff-smoke-2.test', twofa: '' };
    sandbox.addTasks([task]);
    const popup = await ff.newTab();
    await popup.goto(ff.extensionUrl('popup.html'));
    await popup.click('pull-task');
    expect(await popup.text('task-domain')).toContain(task.domain);

    // Every fail request is cut off (Firefox itself re-sends a POST whose connection
    // drops, so a one-shot fault would be absorbed by the browser).
    sandbox.setFault({ mode: 'down', match: '/fail' });
    await popup.click('fail-task');
    await popup.fill('fail-reason', 'Profile is locked (Firefox smoke)');
    await popup.click('confirm-fail');
    const state = await popup.waitFor(
      'the report to wait in the outbox',
      () => document.querySelector<HTMLElement>('[data-testid="outbox-entry"]')?.dataset.state ?? null,
      [],
    );
    expect(state).toBe('pending');
    expect(sandbox.task(task.id)?.status).toBe('connecting');
    // The task is off the worker's hands already: the next one can be pulled.
    await popup.text('pull-task');

    // The API is back; the worker retries from the popup.
    sandbox.setFault({ mode: 'none' });
    await popup.click('outbox-retry');
    await popup.waitFor('the outbox to empty', () => !document.querySelector('[data-testid="outbox-entry"]'), []);
    const view = sandbox.task(task.id);
    expect(view?.status).toBe('connect_failed');
    expect(view?.reports).toHaveLength(1);
    expect(view?.reports[0]).toMatchObject({ action: 'fail', body: { error_message: 'Profile is locked (Firefox smoke)' } });
  });
});
