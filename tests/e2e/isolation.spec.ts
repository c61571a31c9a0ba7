/**
 * "No code on other domains", proved through Chromium itself:
 * - its content-script registry (`chrome.scripting.getRegisteredContentScripts`,
 *   read in the extension's service worker) holds the task's domain only, and
 *   nothing once the task ended;
 * - the DevTools protocol's execution contexts of a page show whether the
 *   extension's isolated world (origin chrome-extension://<id>) exists in a frame.
 * Every "nothing ran" check comes after a positive signal in the same tab: a
 * frame of the task's real domain, added after the page loaded, does get the
 * script (and is filled), so the extension was demonstrably at work there.
 */
import type { CDPSession, Frame, Page, Worker } from '@playwright/test';
import { test, expect, configure, openPopup, serverTask } from './support/fixtures';
import type { ExtensionBrowser } from './support/chromium';
import type { Sandbox } from '../sandbox/server';

const DOMAIN = 'demo-social.test';
const TASK = {
  domain: DOMAIN,
  username: 'iso_user',
  email: 'iso.user@example.net',
  password: 'Iso-Pass-123',
  twofa: '',
  website: 'https://iso.example.com',
  entity_connect: ['https://twitter.com/iso_user'],
};

interface World {
  frameId: string;
  origin: string;
  name: string;
  type: string;
}

/** Records every JavaScript world Chromium creates in a page (or an out-of-process frame). */
async function trackWorlds(ext: ExtensionBrowser, target: Page | Frame) {
  const cdp: CDPSession = await ext.context.newCDPSession(target);
  const worlds: World[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = (context.auxData ?? {}) as { frameId?: string; type?: string };
    worlds.push({ frameId: aux.frameId ?? '', origin: context.origin, name: context.name, type: aux.type ?? '' });
  });
  // Runtime.enable also reports the contexts that already exist.
  await cdp.send('Runtime.enable');
  const extensionOrigin = `chrome-extension://${ext.extensionId}`;
  return {
    cdp,
    worlds,
    /** The extension's isolated worlds in the target's main frame. */
    async extensionWorlds(): Promise<World[]> {
      const { frameTree } = await cdp.send('Page.getFrameTree');
      return worlds.filter((w) => w.frameId === frameTree.frame.id && w.origin === extensionOrigin);
    },
    /** Any world at all in the main frame (proves the tracking sees this document). */
    async mainWorlds(): Promise<World[]> {
      const { frameTree } = await cdp.send('Page.getFrameTree');
      return worlds.filter((w) => w.frameId === frameTree.frame.id);
    },
  };
}

async function registered(ext: ExtensionBrowser): Promise<{ id: string; matches: string[]; allFrames?: boolean }[]> {
  const sw: Worker = await ext.serviceWorker();
  return sw.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; allFrames?: boolean }[]> } } })
      .chrome;
    const scripts = await api.scripting.getRegisteredContentScripts();
    return scripts.map((s) => ({ id: s.id, matches: s.matches ?? [], allFrames: s.allFrames }));
  });
}

/** Chrome's match-pattern rules (scheme, host with optional "*." prefix, any port, path glob). */
function patternMatches(pattern: string, url: string): boolean {
  const m = /^(\*|https?):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const u = new URL(url);
  const proto = u.protocol.slice(0, -1);
  if (scheme === '*' ? proto !== 'http' && proto !== 'https' : proto !== scheme) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (u.hostname !== base && !u.hostname.endsWith(`.${base}`)) return false;
    } else if (u.hostname !== host) return false;
  }
  const re = new RegExp(`^${path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(u.pathname + u.search);
}

async function pull(ext: ExtensionBrowser, sandbox: Sandbox, domain: string): Promise<{ id: string; popup: Page }> {
  const popup = await openPopup(ext);
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toContainText(domain);
  const started = sandbox.tasks().filter((t) => t.status === 'connecting');
  expect(started).toHaveLength(1);
  return { id: started[0]!.task.id, popup };
}

/**
 * Opens `url` in a new tab, then adds a frame of `controlUrl` (a host the task
 * covers) and waits until the extension's world exists in that frame: the
 * positive signal that the extension acts in this tab, after the top page's own
 * turn has passed. The frame itself gets no data (DESIGN "Frames": its tab's
 * top page is not on the task's host), which is checked too.
 */
async function openWithControlFrame(ext: ExtensionBrowser, url: string, controlUrl: string) {
  const tab = await ext.context.newPage();
  const track = await trackWorlds(ext, tab);
  await tab.goto(url, { waitUntil: 'load' });
  await tab.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'control';
    f.src = src;
    f.style.cssText = 'width:600px;height:400px';
    document.body.append(f);
  }, controlUrl);
  await expect.poll(() => tab.frames().some((f) => f.url().startsWith(controlUrl))).toBe(true);
  const frame = tab.frames().find((f) => f.url().startsWith(controlUrl))!;
  const frameTrack = await trackWorlds(ext, frame);
  await expect.poll(async () => (await frameTrack.extensionWorlds()).length, { message: 'extension world in the control frame' }).toBeGreaterThan(0);
  await expect(tab.frameLocator('#control').locator('#login_field')).toHaveValue('');
  await frameTrack.cdp.detach();
  return { tab, track, frame };
}

async function hasPanel(tab: Page): Promise<boolean> {
  return tab.evaluate(() => !!document.querySelector('entity-connect-panel'));
}

test('a task for demo-social.test: its pages get the content script; other-site.test and a look-alike host get none', async ({ ext, sandbox }) => {
  sandbox.reset([TASK]);
  await configure(ext, sandbox.apiBase, sandbox.apiKey);
  await pull(ext, sandbox, DOMAIN);

  // Chromium's registry: one script, for the task's domain, its subdomains and Google's sign-in only.
  await expect.poll(() => registered(ext)).toHaveLength(1);
  const [script] = await registered(ext);
  expect([...script!.matches].sort()).toEqual([`*://*.${DOMAIN}/*`, `*://${DOMAIN}/*`, 'https://accounts.google.com/*'].sort());

  const own = sandbox.siteUrl(DOMAIN, '/login');
  const other = sandbox.siteUrl('other-site.test', '/login');
  const lookalike = sandbox.siteUrl(`${DOMAIN}.evil.test`, '/login');
  expect(script!.matches.some((p) => patternMatches(p, own))).toBe(true);
  expect(script!.matches.some((p) => patternMatches(p, other))).toBe(false);
  expect(script!.matches.some((p) => patternMatches(p, lookalike))).toBe(false);

  // On the task's domain: the extension's isolated world exists in the page, and it filled the login.
  const ownTab = await ext.context.newPage();
  const ownTrack = await trackWorlds(ext, ownTab);
  await ownTab.goto(own);
  await expect(ownTab.locator('#login_field')).toHaveValue(TASK.username);
  await expect.poll(async () => (await ownTrack.extensionWorlds()).length).toBeGreaterThan(0);
  expect((await ownTrack.extensionWorlds())[0]!.type).toBe('isolated');
  expect(await hasPanel(ownTab)).toBe(true);

  for (const url of [other, lookalike]) {
    // The control frame (another process: another site) has the extension's world: the method sees it...
    const { tab, track } = await openWithControlFrame(ext, url, own);
    // ...and the page itself has worlds (its own), but none of the extension.
    expect((await track.mainWorlds()).length, `worlds seen on ${url}`).toBeGreaterThan(0);
    expect(await track.extensionWorlds(), `extension worlds on ${url}`).toEqual([]);
    expect(await tab.locator('#login_field').inputValue()).toBe('');
    expect(await tab.locator('#password').inputValue()).toBe('');
    expect(await tab.locator('[data-ec-autofilled]').count()).toBe(0);
    expect(await hasPanel(tab)).toBe(false);
    await track.cdp.detach();
    await tab.close();
  }
  await ownTrack.cdp.detach();
});

test('once the task has ended nothing is registered and its domain gets no script', async ({ ext, sandbox }) => {
  sandbox.reset([TASK, { ...TASK, domain: 'demo-wp.test', username: 'wp_user' }]);
  await configure(ext, sandbox.apiBase, sandbox.apiKey);
  const { id, popup } = await pull(ext, sandbox, DOMAIN);
  await expect.poll(async () => (await registered(ext)).length).toBe(1);

  await popup.getByTestId('complete-task').click();
  await expect.poll(() => serverTask(sandbox, id).status).toBe('completed');
  await expect(popup.getByTestId('pull-task')).toBeVisible();
  // Chromium holds no registration of ours any more.
  await expect.poll(() => registered(ext)).toEqual([]);

  const own = sandbox.siteUrl(DOMAIN, '/login');
  const idleTab = await ext.context.newPage();
  const idleTrack = await trackWorlds(ext, idleTab);
  await idleTab.goto(own, { waitUntil: 'load' });
  expect((await idleTrack.mainWorlds()).length).toBeGreaterThan(0);
  expect(await idleTrack.extensionWorlds()).toEqual([]);
  expect(await idleTab.locator('#login_field').inputValue()).toBe('');
  await idleTrack.cdp.detach();
  await idleTab.close();

  // With the next task (another domain) the extension is at work again, yet the old domain
  // still gets nothing: its page stays untouched while a frame of the new domain runs our script.
  await popup.reload();
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toContainText('demo-wp.test');
  await expect.poll(async () => (await registered(ext)).flatMap((s) => s.matches)).toContain('*://demo-wp.test/*');
  const { tab, track } = await openWithControlFrame(ext, own, sandbox.siteUrl('demo-wp.test', '/login'));
  expect(await track.extensionWorlds()).toEqual([]);
  expect(await tab.locator('#login_field').inputValue()).toBe('');
  expect(await hasPanel(tab)).toBe(false);
  await track.cdp.detach();
});
