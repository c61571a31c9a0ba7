/**
 * Proves the WordPress harness by itself, with no extension: a person's
 * typing in Debian's Chromium logs in, saves the profile editor, and
 * `readProfile()` reads back what WordPress stored.
 *
 *   npx playwright test -c tests/wordpress/playwright.config.ts
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import net from 'node:net';
import { chromiumPath } from '../e2e/support/chromium';
import { CONTACT_METHODS, FIXTURE_PROFILE, startWordPress, type WordPressInstance } from './wordpress';

const HOST = 'wp-smoke.test';

let wp: WordPressInstance;
let browser: Browser;

test.beforeAll(async () => {
  wp = await startWordPress({ host: HOST });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--host-resolver-rules=MAP * 127.0.0.1', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await wp?.stop();
});

test.beforeEach(async () => {
  await wp.resetUser();
});

async function logIn(page: Page, password = wp.user.password): Promise<void> {
  await page.goto(`${wp.origin}/wp-login.php`);
  await page.locator('#user_login').fill(wp.user.login);
  await page.locator('#user_pass').fill(password);
  await page.locator('#wp-submit').click();
}

/**
 * Saves the profile editor. WordPress redirects to `profile.php?updated=1` and
 * its script then drops `updated` from the address bar, so the notice is the
 * stable sign of success.
 */
async function saveProfile(page: Page): Promise<void> {
  await page.locator('#submit').click();
  await expect(page.locator('#message')).toContainText('Profile updated.');
}

test('serves the made-up host on loopback with siteurl = the browser origin', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${wp.origin}/wp-login.php`);
  expect(response?.status()).toBe(200);
  // Links WordPress generates point back at exactly this origin.
  await expect(page.locator('#loginform')).toHaveAttribute('action', `${wp.origin}/wp-login.php`);
  await page.close();
});

test('logs in by typing, saves contact methods, website and bio, and reads them back from the database', async () => {
  const page = await browser.newPage();
  await logIn(page);
  await expect(page).toHaveURL(`${wp.origin}/wp-admin/`);

  await page.goto(`${wp.origin}/wp-admin/profile.php`);
  // The Yoast-style contact methods render like Yoast's: id = name = key, label in a <th>.
  for (const key of CONTACT_METHODS) {
    await expect(page.locator(`input#${key}[name="${key}"][type="text"]`)).toBeVisible();
  }
  await expect(page.locator('label[for="twitter"]')).toHaveText('X username (without @)');
  await expect(page.locator('label[for="facebook"]')).toHaveText('Facebook profile URL');
  // The new-password fields exist but stay hidden until "Set New Password".
  await expect(page.locator('#pass1')).toBeHidden();

  await page.locator('#facebook').fill('https://www.facebook.com/linh.tran.coffee');
  await page.locator('#twitter').fill('linhroasts');
  await page.locator('#url').fill('https://customer.example/');
  const bio = `${FIXTURE_PROFILE.description}\nhttps://about.me/linhtran\nhttps://medium.com/@linhtran`;
  await page.locator('#description').fill(bio);
  await saveProfile(page);

  const saved = await wp.readProfile();
  expect(saved.contactMethods).toEqual({
    ...Object.fromEntries(CONTACT_METHODS.map((k) => [k, ''])),
    facebook: 'https://www.facebook.com/linh.tran.coffee',
    twitter: 'linhroasts',
  });
  expect(saved.user_url).toBe('https://customer.example/');
  // Browsers submit a textarea's line breaks as CRLF, and WordPress keeps them.
  expect(saved.description).toBe(bio.replace(/\n/g, '\r\n'));
  expect(saved).toMatchObject({ first_name: 'Linh', last_name: 'Trần', email: wp.user.email, pendingEmail: null });
  expect(await wp.checkPassword(wp.user.password)).toBe(true);

  // The same password still logs in from a fresh session.
  const again = await browser.newPage();
  await logIn(again);
  await expect(again).toHaveURL(`${wp.origin}/wp-admin/`);
  await page.close();
  await again.close();
});

test('a wrong password is refused and the profile is untouched', async () => {
  const page = await browser.newPage();
  await logIn(page, 'not-the-password');
  await expect(page.locator('#login_error')).toBeVisible();
  expect((await wp.readProfile()).description).toBe(FIXTURE_PROFILE.description);
  await page.close();
});

test('an email change is held pending (mail swallowed) and the saved email stays', async () => {
  const page = await browser.newPage();
  await logIn(page);
  await page.goto(`${wp.origin}/wp-admin/profile.php`);
  await page.locator('#email').fill('someone-else@example.org');
  await saveProfile(page);

  const saved = await wp.readProfile();
  expect(saved.email).toBe(wp.user.email);
  expect(saved.pendingEmail).toBe('someone-else@example.org');
  const mail = await wp.sentMail();
  expect(mail.some((m) => String(m.to).includes('someone-else@example.org'))).toBe(true);
  await page.close();
});

test('resetUser restores the fixture and ends its sessions', async () => {
  const page = await browser.newPage();
  await logIn(page);
  await page.goto(`${wp.origin}/wp-admin/profile.php`);
  await page.locator('#first_name').fill('Changed');
  await page.locator('#youtube').fill('https://www.youtube.com/@linh');
  await saveProfile(page);
  expect((await wp.readProfile()).first_name).toBe('Changed');

  await wp.resetUser();
  const reset = await wp.readProfile();
  expect(reset.first_name).toBe('Linh');
  expect(reset.contactMethods.youtube).toBe('');
  // wp_set_password() destroyed the session: the editor asks for a login again.
  await page.goto(`${wp.origin}/wp-admin/profile.php`);
  await expect(page).toHaveURL(/wp-login\.php/);
  await page.close();
});

test('a second instance runs beside the first on its own port, and stop() closes it', async () => {
  const other = await startWordPress({ host: HOST });
  try {
    expect(other.port).not.toBe(wp.port);
    const page = await browser.newPage();
    expect((await page.goto(`${other.origin}/wp-login.php`))?.status()).toBe(200);
    await page.close();
  } finally {
    await other.stop();
  }
  expect(await canConnect(other.port)).toBe(false);
  expect(await canConnect(wp.port)).toBe(true);
});

test('listens on 127.0.0.1 only', async () => {
  expect(await canConnect(wp.port, '127.0.0.1')).toBe(true);
  const external = Object.values((await import('node:os')).networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (external) expect(await canConnect(wp.port, external.address)).toBe(false);
  expect(await canConnect(wp.port, '::1')).toBe(false);
});

function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
