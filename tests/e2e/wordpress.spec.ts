/**
 * The whole worker flow against a real WordPress (Debian's package, private
 * MariaDB + Apache on loopback, see tests/wordpress/): the built extension in
 * Debian's Chromium pulls one task from the sandbox API, fills WordPress's
 * login, then its profile editor (Yoast-style contact methods, website, bio);
 * the test clicks the buttons a worker would, reads back what WordPress saved,
 * and completes the task from the popup.
 *
 * Needs `bash tests/wordpress/setup.sh` (root) and `npm run build`.
 */
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { launchWithExtension } from './support/chromium';
import { configure, expect, openPopup, test as base } from './support/fixtures';
import { CONTACT_METHODS, FIXTURE_PROFILE, GENERIC_LINKS, PLATFORM_LINKS, startWordPress, type WordPressInstance } from '../wordpress/wordpress';

const test = base.extend<{ wp: WordPressInstance }>({
  // EC_EXTENSION_DIR: a private build (`wxt build -c` with another outDir), so
  // a run never races another engineer's `npm run build` over .output/.
  // eslint-disable-next-line no-empty-pattern
  ext: async ({}, provide) => {
    const ext = await launchWithExtension({ extensionDir: process.env.EC_EXTENSION_DIR || undefined });
    await provide(ext);
    await ext.close();
  },
  // eslint-disable-next-line no-empty-pattern
  wp: async ({}, provide) => {
    const wp = await startWordPress({ host: 'wp-demo.test' });
    await provide(wp);
    await wp.stop();
  },
});

const WEBSITE = 'https://linh-coffee.example/';

/** WordPress's notice after a save (its script drops `?updated=1` from the address bar). */
async function saveProfile(page: Page): Promise<void> {
  await page.locator('#submit').click();
  await expect(page.locator('#message')).toContainText('Profile updated.');
}

/** The extension fills the login; submitting stays the worker's click (auto-submit is off by default). */
async function logInWithExtension(page: Page, wp: WordPressInstance): Promise<void> {
  await page.goto(`${wp.origin}/wp-login.php`);
  await expect(page.locator('#user_login')).toHaveValue(wp.user.login);
  await expect(page.locator('#user_pass')).toHaveValue(wp.user.password);
  await page.locator('#wp-submit').click();
  await expect(page).toHaveURL(`${wp.origin}/wp-admin/`);
}

test('pulls a WordPress task, fills login and the profile editor, and WordPress saves the links where they belong', async ({
  ext,
  sandbox,
  wp,
}) => {
  const taskId = randomUUID();
  sandbox.reset([
    {
      id: taskId,
      request_id: randomUUID(),
      domain: wp.host,
      website: WEBSITE,
      username: wp.user.login,
      email: wp.user.email,
      password: wp.user.password,
      pass_mail: 'gmail-pass-not-for-wordpress',
      twofa: 'JBSWY3DPEHPK3PXP',
      entity_connect: [...Object.values(PLATFORM_LINKS).slice(0, 4), GENERIC_LINKS[0], ...Object.values(PLATFORM_LINKS).slice(4), GENERIC_LINKS[1]],
      status: 'connect',
    },
  ]);
  const before = await wp.readProfile();
  expect(before.user_url).toBe('');

  await configure(ext, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopup(ext);
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toContainText(wp.host);
  expect(sandbox.task(taskId)?.status).toBe('connecting');

  const page = await ext.context.newPage();
  await logInWithExtension(page, wp);

  await page.goto(`${wp.origin}/wp-admin/profile.php`);
  // Wait for the fill: every platform field holds its link (X as a handle).
  await expect(page.locator('#twitter')).toHaveValue('linhroasts');
  for (const [key, url] of Object.entries(PLATFORM_LINKS)) {
    if (key !== 'twitter') await expect(page.locator(`#${key}`)).toHaveValue(url);
  }
  await expect(page.locator('#url')).toHaveValue(WEBSITE);
  await expect(page.locator('#description')).toHaveValue(new RegExp(GENERIC_LINKS.map(escapeRegExp).join('\\s+')));
  await saveProfile(page);

  const saved = await wp.readProfile();
  expect(saved.contactMethods).toEqual({
    ...Object.fromEntries(CONTACT_METHODS.map((k) => [k, ''])),
    ...PLATFORM_LINKS,
    twitter: 'linhroasts',
  });
  expect(saved.user_url).toBe(WEBSITE);
  // The bio keeps its text; the links WordPress has no field for follow, one per line.
  const bio = saved.description.replace(/\r\n/g, '\n');
  expect(bio.startsWith(FIXTURE_PROFILE.description)).toBe(true);
  const appended = bio.slice(FIXTURE_PROFILE.description.length).split('\n').map((l) => l.trim()).filter(Boolean);
  expect(appended).toEqual(GENERIC_LINKS);
  // Nothing else was touched.
  expect(saved).toMatchObject({
    first_name: before.first_name,
    last_name: before.last_name,
    nickname: before.nickname,
    display_name: before.display_name,
    email: before.email,
    pendingEmail: null,
  });
  expect(await wp.checkPassword(wp.user.password)).toBe(true);
  expect(await wp.checkPassword('gmail-pass-not-for-wordpress')).toBe(false);

  // The password still works: a new session logs in again with the extension's fill.
  await ext.context.clearCookies();
  await logInWithExtension(page, wp);

  // The worker reports the task done: the server gets exactly one complete.
  await popup.bringToFront();
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => sandbox.task(taskId)?.status).toBe('completed');
  expect(sandbox.task(taskId)?.reports.map((r) => r.action)).toEqual(['complete']);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
