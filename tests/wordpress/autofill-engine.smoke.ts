/**
 * The autofill engine (lib/autofill) alone on the real WordPress pages, with
 * no extension: bundled and injected into the page, called with the task's
 * fill data. When tests/e2e/wordpress.spec.ts fails, this tells the engine's
 * part from the extension's wiring (messaging, content-script registration).
 *
 *   npx playwright test -c tests/wordpress/playwright.config.ts
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FillData } from '../../lib/messaging';
import { chromiumPath } from '../e2e/support/chromium';
import { CONTACT_METHODS, FIXTURE_PROFILE, GENERIC_LINKS, PLATFORM_LINKS, startWordPress, type WordPressInstance } from './wordpress';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let wp: WordPressInstance;
let browser: Browser;
let engine: string;

test.beforeAll(async () => {
  const bundle = await build({
    stdin: {
      contents: "import { autofillDocument } from './lib/autofill'; (globalThis as any).__ecAutofill = autofillDocument;",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  engine = bundle.outputFiles[0]!.text;
  wp = await startWordPress({ host: 'wp-smoke.test' });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--host-resolver-rules=MAP * 127.0.0.1', '--no-sandbox', '--disable-background-networking', '--no-first-run'],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await wp?.stop();
});

function fillData(): FillData {
  return {
    scope: 'task',
    taskId: 'engine-smoke',
    domain: wp.host,
    hostReach: 'subdomains',
    username: wp.user.login,
    email: wp.user.email,
    password: wp.user.password,
    website: 'https://linh-coffee.example/',
    links: [...Object.values(PLATFORM_LINKS), ...GENERIC_LINKS],
    hasOneTimeCode: false,
    autofillMode: 'auto',
    autoSubmitLogin: false,
    appendLinksToBio: true,
    language: 'en',
  };
}

async function runEngine(page: Page): Promise<{ page: string; submitted: boolean }> {
  await page.addScriptTag({ content: engine });
  return page.evaluate(
    (data) => (globalThis as unknown as { __ecAutofill: (d: Document, f: unknown) => { page: string; submitted: boolean } }).__ecAutofill(document, data),
    fillData(),
  );
}

test('fills WordPress login and profile editor; WordPress saves each link where it belongs', async () => {
  await wp.resetUser();
  const page = await browser.newPage();
  await page.goto(`${wp.origin}/wp-login.php`);
  expect(await runEngine(page)).toMatchObject({ page: 'login', submitted: false });
  await expect(page.locator('#user_login')).toHaveValue(wp.user.login);
  await expect(page.locator('#user_pass')).toHaveValue(wp.user.password);
  await page.locator('#wp-submit').click();
  await expect(page).toHaveURL(`${wp.origin}/wp-admin/`);

  await page.goto(`${wp.origin}/wp-admin/profile.php`);
  expect(await runEngine(page)).toMatchObject({ page: 'profile', submitted: false });
  await page.locator('#submit').click();
  await expect(page.locator('#message')).toContainText('Profile updated.');

  const saved = await wp.readProfile();
  expect(saved.contactMethods).toEqual({
    ...Object.fromEntries(CONTACT_METHODS.map((k) => [k, ''])),
    ...PLATFORM_LINKS,
    twitter: 'linhroasts',
  });
  expect(saved.user_url).toBe('https://linh-coffee.example/');
  const bio = saved.description.replace(/\r\n/g, '\n');
  expect(bio.startsWith(FIXTURE_PROFILE.description)).toBe(true);
  expect(bio.slice(FIXTURE_PROFILE.description.length).split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(GENERIC_LINKS);
  expect(saved).toMatchObject({ first_name: 'Linh', last_name: 'Trần', email: wp.user.email, pendingEmail: null });
  expect(await wp.checkPassword(wp.user.password)).toBe(true);
  await page.close();
});
