/**
 * The worker flow against a real Ghost 5 (npm, sqlite, on loopback, see
 * tests/ghost/): the built extension in Debian's Chromium pulls one task from
 * the sandbox API, fills (and with auto-submit, submits) Ghost's admin
 * sign-in, then the staff user's editor, a React modal whose links sit on its
 * "Social Links" tab and whose bio (on the "Profile" tab) Ghost refuses above
 * 250 characters; the test clicks the modal's Save as the worker would, reads
 * back what Ghost saved in its sqlite database, and completes the task.
 *
 * Needs `bash tests/ghost/setup.sh` and `npm run build`.
 */
import type { Locator, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { launchWithExtension } from './support/chromium';
import { configure, expect, openPopup, test as base } from './support/fixtures';
import { Worker, configureAutoSubmit, recordJourney } from './support/journey';
import { FIXTURE_PROFILE, startGhost, type GhostInstance, type GhostProfile } from '../ghost/ghost';

// One Ghost for the file (it boots in ~20 s), reset before each test.
const test = base.extend<object, { ghost: GhostInstance }>({
  // EC_EXTENSION_DIR: a private build, so a run never races another `npm run build`.
  // eslint-disable-next-line no-empty-pattern
  ext: async ({}, provide) => {
    const ext = await launchWithExtension({ extensionDir: process.env.EC_EXTENSION_DIR || undefined });
    await provide(ext);
    await ext.close();
  },
  ghost: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide) => {
      const ghost = await startGhost({ host: 'ghost-e2e.test' });
      await provide(ghost);
      await ghost.stop();
    },
    // A limit, not a wait: the first start may await a background install (setup.sh --background,
    // ~4 min on a fresh machine), then migrates and sets up the template database (~30 s).
    { scope: 'worker', timeout: 1_200_000 },
  ],
});

const WEBSITE = 'https://linh-coffee.example/';
/** One link per platform field of Ghost's Social Links tab. */
const PLATFORM_LINKS = {
  twitter: 'https://x.com/linhroasts',
  facebook: 'https://www.facebook.com/linhtrancoffee',
  linkedin: 'https://www.linkedin.com/in/linh-tran-coffee',
  bluesky: 'https://bsky.app/profile/linhtran.bsky.social',
  threads: 'https://www.threads.net/@linhtran.coffee',
  mastodon: 'https://mastodon.social/@linhtran',
  tiktok: 'https://www.tiktok.com/@linhtrancoffee',
  youtube: 'https://www.youtube.com/@linhtrancoffee',
  instagram: 'https://www.instagram.com/linhtran.coffee',
} as const;
/** Links Ghost has no field for: they go to the bio, as many whole ones as Ghost's 250 characters allow. */
const OTHER_LINKS = [
  'https://about.me/linhtran',
  'https://www.deviantart.com/linhtran',
  'https://linktr.ee/linhtrancoffee',
  'https://www.goodreads.com/user/show/12345678-linh-tran',
  // The bio with the four above is 230 characters: this one would make it 293.
  'https://coffee-roasters-guild.example/members/linh-tran-da-nang',
] as const;
const BIO_LIMIT = 250; // Ghost's users.bio validation (isLength max 250); the editor only shows a counter.

/**
 * What Ghost stores for each platform link (it saves a handle or path, not
 * the URL: the editor converts on blur with its own *UrlToHandle helpers).
 */
const STORED_HANDLES: Record<keyof typeof PLATFORM_LINKS, string> = {
  twitter: '@linhroasts',
  facebook: 'linhtrancoffee',
  linkedin: 'linh-tran-coffee',
  bluesky: 'linhtran.bsky.social',
  threads: '@linhtran.coffee',
  mastodon: 'mastodon.social/@linhtran',
  tiktok: '@linhtrancoffee',
  youtube: '@linhtrancoffee',
  instagram: 'linhtran.coffee',
};

/** The bio per the fill policy: the seeded text, then the unplaced links that fit whole, one per line. */
function expectedBio(): string {
  let bio: string = FIXTURE_PROFILE.bio;
  for (const link of OTHER_LINKS) {
    if (`${bio}\n${link}`.length <= BIO_LIMIT) bio = `${bio}\n${link}`;
  }
  return bio;
}

const EXPECTED: GhostProfile = {
  name: 'Linh Trần',
  slug: 'linh',
  email: 'linh.tran@ghost-e2e.test',
  // Not a link field: untouched.
  location: FIXTURE_PROFILE.location,
  bio: expectedBio(),
  website: WEBSITE,
  ...STORED_HANDLES,
};

async function startTask(ext: Awaited<ReturnType<typeof launchWithExtension>>, sandbox: import('../sandbox/server').Sandbox, ghost: GhostInstance, autoSubmit: boolean) {
  const taskId = randomUUID();
  sandbox.reset([
    {
      id: taskId,
      request_id: randomUUID(),
      domain: ghost.host,
      website: WEBSITE,
      // Ghost signs staff in by email only.
      username: 'linh.tran',
      email: ghost.user.email,
      password: ghost.user.password,
      pass_mail: 'gmail-pass-not-for-ghost',
      twofa: 'JBSWY3DPEHPK3PXP',
      entity_connect: [...Object.values(PLATFORM_LINKS).slice(0, 3), OTHER_LINKS[0], ...Object.values(PLATFORM_LINKS).slice(3), ...OTHER_LINKS.slice(1)],
      status: 'connect',
    },
  ]);
  const options = await configure(ext, sandbox.apiBase, sandbox.apiKey);
  if (autoSubmit) {
    await options.getByTestId('auto-submit').check();
    await options.getByTestId('save-settings').click();
    await expect(options.getByTestId('save-result')).toHaveAttribute('data-tone', 'ok');
  }
  const popup = await openPopup(ext);
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toContainText(ghost.host);
  expect(sandbox.task(taskId)?.status).toBe('connecting');
  return { taskId, popup };
}

/** Ghost admin's sign-in (Ember): email and password, then the admin's home. */
async function signIn(page: Page, ghost: GhostInstance, autoSubmit: boolean): Promise<void> {
  await page.goto(ghost.signinUrl);
  if (!autoSubmit) {
    await expect(page.locator('input#identification')).toHaveValue(ghost.user.email);
    await expect(page.locator('input#password')).toHaveValue(ghost.user.password);
    await page.locator('[data-test-button="sign-in"]').click();
  }
  // Signed in: the admin's navigation shows (the extension may go on to the staff editor itself).
  await expect(page.locator('.gh-nav')).toBeVisible({ timeout: 30_000 });
  expect(page.url()).not.toContain('#/signin');
}

/** The staff editor modal, its tabs, and one field by its label. */
function editor(page: Page) {
  const modal = page.locator('[data-testid="user-detail-modal"]');
  const field = (label: string): Locator => modal.getByLabel(label, { exact: true });
  const tab = (name: string): Locator => modal.getByRole('tab', { name, exact: true });
  return { modal, field, tab };
}

const SOCIAL_FIELDS: Record<keyof typeof PLATFORM_LINKS | 'website', string> = {
  website: 'Website',
  twitter: 'X',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  bluesky: 'Bluesky',
  threads: 'Threads',
  mastodon: 'Mastodon',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  instagram: 'Instagram',
};

/**
 * Opens the staff editor (unless the extension already has), waits for the
 * extension's fill, and saves with the modal's own button as the worker would.
 */
async function fillAndSave(page: Page, ghost: GhostInstance): Promise<void> {
  if (!page.url().includes(`#/settings/staff/${ghost.user.slug}`)) await page.goto(ghost.editorUrl);
  const { modal, field, tab } = editor(page);
  await expect(modal).toBeVisible({ timeout: 30_000 });

  // The modal opens on its Profile tab; the links sit on Social Links: the extension opens that tab and
  // fills it, then shows the Profile tab again, whose bio gets the links no field took.
  await expect(field('Bio')).toHaveValue(expectedBio(), { timeout: 20_000 });
  await expect(tab('Profile')).toHaveAttribute('aria-selected', 'true');
  // The links stay in the modal's state across tabs.
  await tab('Social Links').click();
  await expect(field('Website')).toHaveValue(WEBSITE);
  for (const [key, label] of Object.entries(SOCIAL_FIELDS)) {
    // Ghost rewrites a URL to its own canonical form on blur: the database read-back checks the exact values.
    if (key !== 'website') await expect(field(label), label).toHaveValue(/^https:\/\/\S+$/);
  }

  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/ghost\/api\/admin\/users\/[^/]+\/?(\?|$)/.test(r.url()));
  await modal.getByRole('button', { name: 'Save', exact: true }).click();
  expect((await saved).status()).toBe(200);
}

async function expectSaved(ghost: GhostInstance): Promise<void> {
  const saved = await ghost.readProfile();
  expect({ ...saved, bio: saved.bio?.replace(/\r\n/g, '\n') ?? null }).toEqual(EXPECTED);
  expect(await ghost.checkPassword(ghost.user.password)).toBe(true);
}

async function completeTask(popup: Page, sandbox: import('../sandbox/server').Sandbox, taskId: string): Promise<void> {
  await popup.bringToFront();
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => sandbox.task(taskId)?.status).toBe('completed');
  expect(sandbox.task(taskId)?.reports.map((r) => r.action)).toEqual(['complete']);
}

test.beforeEach(async ({ ghost }) => {
  await ghost.resetUser();
  const before = await ghost.readProfile();
  expect(before).toMatchObject({ bio: FIXTURE_PROFILE.bio, location: FIXTURE_PROFILE.location, website: null, twitter: null, facebook: null, linkedin: null });
  expect(EXPECTED.bio).not.toContain(OTHER_LINKS[4]);
  expect(EXPECTED.bio!.length).toBeLessThanOrEqual(BIO_LIMIT);
});

test('Ghost: the worker clicks sign in; the extension fills the staff editor, each link in its Social Links field, the rest in the bio within 250 characters', async ({
  ext,
  sandbox,
  ghost,
}) => {
  const { taskId, popup } = await startTask(ext, sandbox, ghost, false);
  const page = await ext.context.newPage();
  await signIn(page, ghost, false);
  await fillAndSave(page, ghost);
  await expectSaved(ghost);
  await completeTask(popup, sandbox, taskId);
});

test('Ghost with auto-submit: the extension signs in itself; the worker only saves the staff editor', async ({ ext, sandbox, ghost }) => {
  const { taskId, popup } = await startTask(ext, sandbox, ghost, true);
  const page = await ext.context.newPage();
  await signIn(page, ghost, true);
  await fillAndSave(page, ghost);
  await expectSaved(ghost);
  await completeTask(popup, sandbox, taskId);
});

/** A link as a reader compares it: no scheme, no www, no trailing slash, lowercase. */
const linkKey = (u: string) => u.trim().replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '').toLowerCase();

test('the journey on the real Ghost: Get task, the staff editor\'s own Save, Complete — home, sign-in, dashboard, editor tab, read-back and the author page by the extension', async ({
  ext,
  sandbox,
  ghost,
}) => {
  const taskId = randomUUID();
  const links = [...Object.values(PLATFORM_LINKS), ...OTHER_LINKS];
  // The task names the site with its port (this Ghost speaks only http on loopback).
  sandbox.reset([
    {
      id: taskId,
      request_id: randomUUID(),
      domain: `${ghost.host}:${ghost.port}`,
      website: WEBSITE,
      username: 'linh.tran',
      email: ghost.user.email,
      password: ghost.user.password,
      pass_mail: 'gmail-pass-not-for-ghost',
      twofa: 'JBSWY3DPEHPK3PXP',
      entity_connect: links,
      status: 'connect',
    },
  ]);
  await configureAutoSubmit(ext, sandbox.apiBase, sandbox.apiKey);
  const worker = new Worker();
  const popup = await openPopup(ext);

  // 1. Get task: the public site opens, Ghost is recognised, its admin sign-in is filled and sent;
  // the dashboard it lands on names nobody, so the admin API's current user gives the staff editor.
  // The extension opens its Social Links tab and fills it, then shows the Profile tab again, whose
  // bio gets the links no field took (the modal saves both tabs).
  const opened = ext.context.waitForEvent('page');
  await worker.act('Get task', popup.getByTestId('pull-task'));
  const site = await opened;
  await expect(site).toHaveURL(`${ghost.origin}/ghost/#/settings/staff/${ghost.user.slug}`, { timeout: 60_000 });
  const { modal, field, tab } = editor(site);
  await expect(modal).toBeVisible({ timeout: 30_000 });
  await expect(field('Bio')).toHaveValue(expectedBio(), { timeout: 20_000 });
  await expect(tab('Profile')).toHaveAttribute('aria-selected', 'true');
  expect((await ghost.readProfile()).website, 'nothing saved before the worker\'s Save').toBeNull();

  // 2. The editor's own Save.
  await site.bringToFront();
  const saved = site.waitForResponse((r) => r.request().method() === 'PUT' && /\/ghost\/api\/admin\/users\/[^/]+\/?(\?|$)/.test(r.url()));
  await worker.act('Save', modal.getByRole('button', { name: 'Save', exact: true }));
  expect((await saved).status()).toBe(200);
  await expectSaved(ghost);

  // The popup: the author page counted, link-post and the note prefilled.
  await popup.bringToFront();
  const check = popup.getByTestId('public-profile-check');
  await expect(check).toContainText(/\d+/, { timeout: 30_000 });
  const linkPost = await popup.getByTestId('link-post').inputValue();
  expect(linkPost).toBe(`${ghost.origin}/author/${ghost.user.slug}/`);
  // The test reads that page itself (from the site's tab: the browser resolves the made-up host) and counts the task's links.
  const html = (
    await site.evaluate(async (url) => {
      const answer = await fetch(url, { credentials: 'include' });
      return answer.ok ? answer.text() : `HTTP ${answer.status}`;
    }, linkPost)
  ).toLowerCase();
  expect(html).not.toMatch(/^http \d+$/);
  const visible = links.filter((l) => html.includes(linkKey(l)));
  // "N/M links visible on <url>" (the popup speaks the worker's language), and the ones not shown.
  const said = await check.innerText();
  expect(said).toMatch(new RegExp(`\\b${visible.length}\\s*(?:/|of)\\s*${links.length}\\b`));
  expect(said).toContain(linkPost);
  for (const l of links.filter((x) => !visible.includes(x))) expect(said).toContain(l);
  const note = await popup.getByTestId('note').inputValue();
  expect(note).toMatch(/^\d+\/\d+ links saved/);
  expect(note).toContain(`${visible.length}/${links.length} visible on the public profile`);

  // 3. Complete: one report with the author page and the note.
  await worker.act('Complete', popup.getByTestId('complete-task'));
  await expect.poll(() => sandbox.task(taskId)?.status, { timeout: 20_000 }).toBe('completed');
  const reports = sandbox.task(taskId)!.reports;
  expect(reports).toHaveLength(1);
  expect(reports[0]!.body).toMatchObject({ link_post: linkPost, note });
  recordJourney('ghost', worker.actions);
  expect(worker.actions).toEqual(['Get task', 'Save', 'Complete']);
});
