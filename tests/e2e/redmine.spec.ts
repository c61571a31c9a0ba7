/**
 * The worker flow against a real Redmine (Debian's package, sqlite, served by
 * Thin on loopback, see tests/redmine/): the built extension in Debian's
 * Chromium pulls one task from the sandbox API, fills Redmine's login, then
 * the TOTP of Redmine's own two-factor login, then the user's link custom
 * fields on /my/account; the test clicks what a worker would, reads back what
 * Redmine saved in its database, and completes the task.
 *
 * Needs `bash tests/redmine/setup.sh` (root) and `npm run build`.
 */
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { configure, expect, openPopup, test as base } from './support/fixtures';
import type { Sandbox } from '../sandbox/server';
import { verifyTotp } from '../sandbox/totp';
import { CUSTOM_FIELDS, FIXTURE_PROFILE, startRedmine, type CustomFieldName, type RedmineInstance } from '../redmine/redmine';

// One Redmine for the file (Rails boots in ~10 s), reset before each test.
const test = base.extend<object, { redmine: RedmineInstance }>({
  // EC_EXTENSION_DIR: a private build, so a run never races another `npm run build`.
  // eslint-disable-next-line no-empty-pattern
  ext: async ({}, provide) => {
    const ext = await launchWithExtension({ extensionDir: process.env.EC_EXTENSION_DIR || undefined });
    await provide(ext);
    await ext.close();
  },
  redmine: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide) => {
      const redmine = await startRedmine({ host: 'redmine-e2e.test' });
      await provide(redmine);
      await redmine.stop();
    },
    // The first run on a machine also migrates and seeds the template (~20 s).
    { scope: 'worker', timeout: 180_000 },
  ],
});

const WEBSITE = 'https://linh-coffee.example/';
const LINKS = {
  twitter: 'https://x.com/linhroasts',
  aboutMe: 'https://about.me/linhtran',
  facebook: 'https://www.facebook.com/linhtrancoffee',
  linkedin: 'https://www.linkedin.com/in/linh-tran-coffee/',
  instagram: 'https://www.instagram.com/linhtran.coffee/',
  youtube: 'https://www.youtube.com/@linhtrancoffee',
  deviantart: 'https://www.deviantart.com/linhtran',
} as const;

/** What DESIGN.md's fill policy puts in each custom field on /my/account. */
const EXPECTED: Record<CustomFieldName, string> = {
  // Platform fields: the first link on that platform, as a URL (the labels ask for no handle).
  Twitter: LINKS.twitter,
  Facebook: LINKS.facebook,
  LinkedIn: LINKS.linkedin,
  YouTube: LINKS.youtube,
  // The website field: the customer's website (it was empty).
  Website: WEBSITE,
  // A field asking for several links: the remaining links in task order, one per line.
  'Other profile URLs': [LINKS.aboutMe, LINKS.instagram, LINKS.deviantart].join('\n'),
  // Not a link field: untouched.
  Location: '',
};

/** Where a completed login lands: Redmine's /my/page, or the account page if the extension went on there. */
const SIGNED_IN = /\/my\/(page|account)$/;

const normalise = (v: string) => v.replace(/\r\n/g, '\n').trim();

async function startTask(ext: ExtensionBrowser, sandbox: Sandbox, redmine: RedmineInstance, opts: { autoSubmit: boolean }): Promise<{ taskId: string; popup: Page }> {
  const taskId = randomUUID();
  sandbox.reset([
    {
      id: taskId,
      request_id: randomUUID(),
      domain: redmine.host,
      website: WEBSITE,
      username: redmine.user.login,
      email: redmine.user.mail,
      password: redmine.user.password,
      pass_mail: 'gmail-pass-not-for-redmine',
      twofa: redmine.user.totpSecret,
      entity_connect: Object.values(LINKS),
      status: 'connect',
    },
  ]);
  const options = await configure(ext, sandbox.apiBase, sandbox.apiKey);
  if (opts.autoSubmit) {
    await options.getByTestId('auto-submit').check();
    await options.getByTestId('save-settings').click();
    await expect(options.getByTestId('save-result')).toHaveAttribute('data-tone', 'ok');
  }
  const popup = await openPopup(ext);
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toContainText(redmine.host);
  expect(sandbox.task(taskId)?.status).toBe('connecting');
  return { taskId, popup };
}

/** /my/account once the extension filled it: saved with Redmine's own button; returns what the page showed. */
async function fillAndSaveAccount(page: Page, redmine: RedmineInstance): Promise<Record<string, string>> {
  // The journey may be taking the page there itself (automatic mode): our goto then yields to its move.
  const account = `${redmine.origin}/my/account`;
  if (new URL(page.url()).pathname !== '/my/account') {
    await page.goto(account).catch((e: unknown) => {
      if (!String(e).includes('ERR_ABORTED')) throw e;
    });
  }
  await page.waitForURL((u) => u.pathname === '/my/account');
  const field = (name: CustomFieldName) => page.locator('#my_account_form').getByLabel(name, { exact: true });
  for (const f of CUSTOM_FIELDS) await expect(field(f.name)).toBeVisible();
  const shown = async () => Object.fromEntries(await Promise.all(CUSTOM_FIELDS.map(async (f) => [f.name, normalise(await field(f.name).inputValue())] as const)));
  // One pass fills every field it fills: wait for the first value, then save as the worker would.
  await expect.poll(async () => Object.values(await shown()).some((v) => v !== '')).toBe(true);
  const filled = await shown();
  await page.locator('#my_account_form p.mobile-hide input[type=submit]').click();
  await expect(page.locator('#flash_notice')).toContainText('Account was successfully updated.');
  return filled;
}

/** Redmine's database holds exactly the policy's values, and nothing else of the account changed. */
async function expectSaved(redmine: RedmineInstance, filled: Record<string, string>): Promise<void> {
  const saved = await redmine.readProfile();
  const values = Object.fromEntries(Object.entries(saved.customFields).map(([k, v]) => [k, normalise(v)]));
  expect(values).toEqual(filled); // Redmine kept what the page showed
  expect(values).toEqual(EXPECTED);
  expect(saved).toMatchObject({
    login: redmine.user.login,
    firstname: FIXTURE_PROFILE.firstname,
    lastname: FIXTURE_PROFILE.lastname,
    mail: redmine.user.mail,
    twofaScheme: 'totp',
  });
  expect(await redmine.checkPassword(redmine.user.password)).toBe(true);
  expect(await redmine.checkPassword('gmail-pass-not-for-redmine')).toBe(false);
}

async function completeTask(popup: Page, sandbox: Sandbox, taskId: string): Promise<void> {
  await popup.bringToFront();
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => sandbox.task(taskId)?.status).toBe('completed');
  expect(sandbox.task(taskId)?.reports.map((r) => r.action)).toEqual(['complete']);
}

test.beforeEach(async ({ redmine }) => {
  await redmine.resetUser();
  const before = await redmine.readProfile();
  expect(before.twofaScheme).toBe('totp');
  expect(before.twofaLastUsedAt).toBeNull();
  expect(Object.values(before.customFields).every((v) => v === '')).toBe(true);
});

test('Redmine: the worker clicks; the extension fills login, the two-factor code and the link custom fields, and Redmine saves each link where it belongs', async ({
  ext,
  sandbox,
  redmine,
}) => {
  const { taskId, popup } = await startTask(ext, sandbox, redmine, { autoSubmit: false });

  // Login: Redmine's "Login" field is a user name (not an email); auto-submit is off, the worker clicks.
  const page = await ext.context.newPage();
  await page.goto(`${redmine.origin}/login`);
  await expect(page.locator('#username')).toHaveValue(redmine.user.login);
  await expect(page.locator('#password')).toHaveValue(redmine.user.password);
  await page.locator('#login-submit').click();

  // Redmine's own TOTP step: the current code of the task's secret.
  await expect(page).toHaveURL(/\/account\/twofa\/confirm/);
  const code = page.locator('#twofa_code');
  await expect(code).toHaveValue(/^\d{6}$/);
  expect(verifyTotp(redmine.user.totpSecret, await code.inputValue())).toBe(true);
  await page.locator('#login-submit').click();
  // Redmine lands on /my/page (the extension may go on to the account page by itself).
  await expect(page).toHaveURL(SIGNED_IN);
  await expect(page.locator('#loggedas')).toContainText(redmine.user.login);
  expect((await redmine.readProfile()).twofaLastUsedAt).not.toBeNull();

  await expectSaved(redmine, await fillAndSaveAccount(page, redmine));
  await completeTask(popup, sandbox, taskId);
});

test('Redmine with auto-submit: the extension submits the login and the two-factor code itself; the worker only saves the account', async ({
  ext,
  sandbox,
  redmine,
}) => {
  const { taskId, popup } = await startTask(ext, sandbox, redmine, { autoSubmit: true });

  const page = await ext.context.newPage();
  await page.goto(`${redmine.origin}/login`);
  // No click of the test's: password step, then code step, then Redmine's landing page.
  await expect(page).toHaveURL(SIGNED_IN, { timeout: 30_000 });
  await expect(page.locator('#loggedas')).toContainText(redmine.user.login);
  // Redmine really asked for and accepted a TOTP code (the two-factor step was not skipped).
  expect((await redmine.readProfile()).twofaLastUsedAt).not.toBeNull();

  await expectSaved(redmine, await fillAndSaveAccount(page, redmine));
  await completeTask(popup, sandbox, taskId);
});
