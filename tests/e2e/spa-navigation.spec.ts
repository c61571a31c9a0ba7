/**
 * SPA navigation in real Chromium: the content script lives in an isolated world, so it cannot
 * see the page's history.pushState by wrapping it. The page (tests/fixtures/spa) switches views
 * with pushState and an attribute the MutationObserver does not watch: only noticing the
 * navigation (Navigation API events, popstate, URL poll) starts the pass that fills the new view.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { configure, expect, openPopup, test as base } from './support/fixtures';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { DEFAULT_FILL_DATA } from '../fixtures/corpus';

const SPA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/spa');
const DOMAIN = 'routerly-demo.test';

const test = base.extend<{ spa: Sandbox }>({
  // eslint-disable-next-line no-empty-pattern
  spa: async ({}, use) => {
    const sb = await startSandbox({ tasks: [], fixturesDir: SPA_DIR });
    await use(sb);
    await sb.close();
  },
});

test('a pushState() view change of the page is a navigation: the new view is filled, and again after Back/Forward', async ({ ext, spa }) => {
  const id = randomUUID();
  spa.reset([
    {
      id,
      domain: DOMAIN,
      username: DEFAULT_FILL_DATA.username,
      email: DEFAULT_FILL_DATA.email,
      password: DEFAULT_FILL_DATA.password,
      website: DEFAULT_FILL_DATA.website,
      entity_connect: [...DEFAULT_FILL_DATA.links],
      status: 'connect',
    },
  ]);
  await configure(ext, spa.apiBase, spa.apiKey);
  const popup = await openPopup(ext);
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toContainText(DOMAIN);

  const tab = await ext.context.newPage();
  await tab.goto(spa.siteUrl(DOMAIN, '/fixtures/spa-router-profile.html'));
  // the first view is filled on load
  await expect(tab.locator('#website')).toHaveValue(DEFAULT_FILL_DATA.website);
  // the hidden view was not touched
  expect(await tab.locator('#twitter').inputValue()).toBe('');

  await tab.locator('#to-social').click(); // the page's router: history.pushState + data-route
  await expect(tab).toHaveURL(/route=social/);
  await expect(tab.locator('#twitter')).toHaveValue('https://twitter.com/janedoe_art');
  await expect(tab.locator('#github')).toHaveValue('https://github.com/janedoe-art');

  // Back and Forward (popstate) keep what was filled and break nothing
  await tab.goBack();
  await expect(tab).not.toHaveURL(/route=social/);
  await tab.goForward();
  await expect(tab).toHaveURL(/route=social/);
  await expect(tab.locator('#twitter')).toHaveValue('https://twitter.com/janedoe_art');
});
