/**
 * The worker flow against a real MediaWiki (Debian's package, sqlite, private
 * Apache + mod_php on loopback, see tests/mediawiki/): the built extension in
 * Debian's Chromium pulls one task from the sandbox API, fills
 * Special:UserLogin, lets the journey open the user's own page in the editor
 * (`#wpTextbox1`, the user page is the wiki's profile: DESIGN.md's bio, links
 * appended one per line, skipping those already there); the test clicks what
 * a worker would, reads the saved page back through MediaWiki, and completes
 * the task.
 *
 * Needs `bash tests/mediawiki/setup.sh` (root) and `npm run build`.
 */
import { randomUUID } from 'node:crypto';
import { launchWithExtension } from './support/chromium';
import { configure, expect, openPopup, test as base } from './support/fixtures';
import { LINK_ALREADY_ON_PAGE, USER_PAGE_TEXT, startMediaWiki, type MediaWikiInstance } from '../mediawiki/mediawiki';

const test = base.extend<{ wiki: MediaWikiInstance }>({
  // EC_EXTENSION_DIR: a private build, so a run never races another `npm run build`.
  // eslint-disable-next-line no-empty-pattern
  ext: async ({}, provide) => {
    const ext = await launchWithExtension({ extensionDir: process.env.EC_EXTENSION_DIR || undefined });
    await provide(ext);
    await ext.close();
  },
  // eslint-disable-next-line no-empty-pattern
  wiki: async ({}, provide) => {
    const wiki = await startMediaWiki({ host: 'wiki-e2e.test' });
    await provide(wiki);
    await wiki.stop();
  },
});

const WEBSITE = 'https://linh-coffee.example/';
const LINKS = [
  'https://x.com/linhroasts',
  LINK_ALREADY_ON_PAGE,
  'https://www.linkedin.com/in/linh-tran-coffee/',
  'https://about.me/linhtran',
  'https://www.youtube.com/@linhtrancoffee',
];
/** The page has no field per platform: every link goes to the bio, in task order, except the one already there. */
const APPENDED = LINKS.filter((l) => l !== LINK_ALREADY_ON_PAGE);

const countOf = (text: string, s: string) => text.split(s).length - 1;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('pulls a MediaWiki task, fills the login, appends the links to the user page once each, and MediaWiki saves exactly that', async ({
  ext,
  sandbox,
  wiki,
}) => {
  const taskId = randomUUID();
  sandbox.reset([
    {
      id: taskId,
      request_id: randomUUID(),
      domain: wiki.host,
      website: WEBSITE,
      username: wiki.user.name,
      email: wiki.user.email,
      password: wiki.user.password,
      pass_mail: 'gmail-pass-not-for-the-wiki',
      twofa: 'JBSWY3DPEHPK3PXP',
      entity_connect: LINKS,
      status: 'connect',
    },
  ]);
  const before = await wiki.readPage(wiki.userPageTitle);
  expect(before).toMatchObject({ exists: true, text: USER_PAGE_TEXT, revisions: 1 });

  await configure(ext, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopup(ext);
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toContainText(wiki.host);
  expect(sandbox.task(taskId)?.status).toBe('connecting');

  // Special:UserLogin: a user name and a password; auto-submit is off, the worker clicks.
  const page = await ext.context.newPage();
  await page.goto(`${wiki.origin}/index.php?title=Special:UserLogin`);
  await expect(page.locator('#wpName1')).toHaveValue(wiki.user.name);
  await expect(page.locator('#wpPassword1')).toHaveValue(wiki.user.password);
  await page.locator('#wpLoginAttempt').click();
  await expect(page.locator('#pt-userpage')).toContainText(wiki.user.name);

  // The journey (automatic mode) recognises MediaWiki and opens the profile's editor itself: the
  // source editor of the user's own page (not Special:Preferences), whose wikitext box is the bio.
  const [ns, ...rest] = wiki.userPageTitle.split(':');
  const title = rest.join(':').split(' ').map(escapeRe).join('(?:_|%20|\\+)');
  await page.waitForURL(new RegExp(`[?&]title=${ns}(?::|%3A)${title}&action=edit$`));
  const box = page.locator('#wpTextbox1');
  await expect(box).toBeEditable();
  await expect.poll(async () => (await box.inputValue()).replace(/\r\n/g, '\n').trimEnd()).not.toBe(USER_PAGE_TEXT);
  await expect(page.locator('#wpSummary')).toHaveValue('');
  await page.locator('#wpSave').click();
  await expect(page).not.toHaveURL(/action=edit/);
  await expect(page.locator('#firstHeading')).toContainText(wiki.userPageTitle);

  // What MediaWiki saved: one new revision by the user, the old text intact, each link once.
  const saved = await wiki.readPage(wiki.userPageTitle);
  expect(saved).toMatchObject({ exists: true, revisions: 2, lastUser: wiki.user.name, lastComment: '', lastMinor: false });
  const text = (saved.text ?? '').replace(/\r\n/g, '\n');
  expect(text.startsWith(USER_PAGE_TEXT)).toBe(true);
  const appended = text
    .slice(USER_PAGE_TEXT.length)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  expect(appended).toEqual(APPENDED);
  for (const link of LINKS) expect(countOf(text, link), link).toBe(1);
  // The customer's website is not an entity link and the page has no website field: it is not added.
  expect(text).not.toContain(WEBSITE);
  expect(await wiki.checkPassword(wiki.user.password)).toBe(true);

  // The worker reports the task done: the server gets exactly one complete.
  await popup.bringToFront();
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => sandbox.task(taskId)?.status).toBe('completed');
  expect(sandbox.task(taskId)?.reports.map((r) => r.action)).toEqual(['complete']);
});
