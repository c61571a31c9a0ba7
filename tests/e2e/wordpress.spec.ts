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
import { Worker, configureAutoSubmit, recordJourney } from './support/journey';
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

/** A link as a reader compares it: no scheme, no www, no trailing slash, lowercase. */
const linkKey = (u: string) => u.trim().replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '').toLowerCase();

test('the journey on the real WordPress: Get task, WordPress\'s own Update Profile, Complete — login, editor, read-back and the author page by the extension', async ({
  ext,
  sandbox,
  wp,
}) => {
  const taskId = randomUUID();
  const links = [...Object.values(PLATFORM_LINKS), ...GENERIC_LINKS];
  // The task names the site with its port (the real WordPress speaks only http on loopback).
  sandbox.reset([
    {
      id: taskId,
      request_id: randomUUID(),
      domain: `${wp.host}:${wp.port}`,
      website: WEBSITE,
      username: wp.user.login,
      email: wp.user.email,
      password: wp.user.password,
      pass_mail: 'gmail-pass-not-for-wordpress',
      twofa: 'JBSWY3DPEHPK3PXP',
      entity_connect: links,
      status: 'connect',
    },
  ]);
  await configureAutoSubmit(ext, sandbox.apiBase, sandbox.apiKey);
  const worker = new Worker();
  const popup = await openPopup(ext);

  // 1. Get task: the site opens, WordPress is recognised, wp-login.php is filled and
  // submitted, and the extension moves on to the profile editor and fills it.
  const opened = ext.context.waitForEvent('page');
  await worker.act('Get task', popup.getByTestId('pull-task'));
  const site = await opened;
  await expect(site).toHaveURL(`${wp.origin}/wp-admin/profile.php`, { timeout: 30_000 });
  await expect(site.locator('#url')).toHaveValue(WEBSITE, { timeout: 20_000 });
  await expect(site.locator('#twitter')).toHaveValue('linhroasts');
  expect((await wp.readProfile()).user_url, 'nothing saved before the worker\'s Save').toBe('');

  // 2. WordPress's own Save.
  await site.bringToFront();
  await worker.act('Save', site.locator('#submit'));
  await expect(site.locator('#message')).toContainText('Profile updated.');
  const saved = await wp.readProfile();
  expect(saved.user_url).toBe(WEBSITE);
  expect(saved.contactMethods).toMatchObject({ ...PLATFORM_LINKS, twitter: 'linhroasts' });
  expect(await wp.checkPassword(wp.user.password)).toBe(true);

  // The popup: the author page counted, link-post and the note prefilled.
  await popup.bringToFront();
  const check = popup.getByTestId('public-profile-check');
  await expect(check).toContainText(/\d+/, { timeout: 20_000 });
  const linkPost = await popup.getByTestId('link-post').inputValue();
  // WordPress's public profile of a user: the author archive (pretty or plain permalinks).
  expect(linkPost).toMatch(new RegExp(`^${escapeRegExp(wp.origin)}/(?:author/[a-z0-9-]+/|\\?author=\\d+)$`));
  // The test reads that page itself (the worker's session) and counts the task's links on it.
  // (from the site's own tab: the browser resolves the made-up host, Node's request would not)
  const html = (
    await site.evaluate(async (url) => {
      const answer = await fetch(url, { credentials: 'include' });
      return answer.ok ? answer.text() : `HTTP ${answer.status}`;
    }, linkPost)
  ).toLowerCase();
  expect(html).not.toMatch(/^http \d+$/);
  const visible = links.filter((l) => html.includes(linkKey(l)));
  expect(await check.innerText()).toContain(String(visible.length));
  const note = await popup.getByTestId('note').inputValue();
  expect(note).toMatch(/^\d+\/\d+ links saved/);
  expect(note).toContain(`${visible.length}/${links.length} visible on the public profile`);

  // 3. Complete: one report with the author page and the note.
  await worker.act('Complete', popup.getByTestId('complete-task'));
  await expect.poll(() => sandbox.task(taskId)?.status, { timeout: 20_000 }).toBe('completed');
  const reports = sandbox.task(taskId)!.reports;
  expect(reports).toHaveLength(1);
  expect(reports[0]!.body).toMatchObject({ link_post: linkPost, note });
  recordJourney('wordpress', worker.actions);
  expect(worker.actions).toEqual(['Get task', 'Save', 'Complete']);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
