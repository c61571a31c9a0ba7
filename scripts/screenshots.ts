/**
 * Screenshots of every popup state, the options page and the in-page panel
 * (open and folded, on the task site's login page), in Vietnamese and
 * English, light and dark, at 380×600 (the toolbar popup's size; the site at
 * 1024×640), driven through the real extension against the sandbox API.
 *
 *   npm run build && npm run screenshots [-- --out screenshots] [--size 380x500]
 *
 * Builds nothing itself: it loads `.output/chrome-mv3`. Files are named
 * `<nn>-<state>.<lang>.<theme>.png`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { SEED_IDS, seedTasks, startSandbox } from '../tests/sandbox/server';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const outDir = path.resolve(arg('out', 'screenshots'));
const [width, height] = arg('size', '380x600').split('x').map(Number) as [number, number];
const LANGS = ['vi', 'en'] as const;
const THEMES = ['light', 'dark'] as const;
mkdirSync(outDir, { recursive: true });

const seed = (id: string) => {
  const task = seedTasks().find((t) => t.id === id);
  if (!task) throw new Error(`no seed task ${id}`);
  return task;
};

const sandbox = await startSandbox({ tasks: [seed(SEED_IDS.social), seed(SEED_IDS.forum), seed(SEED_IDS.wp), seed(SEED_IDS.blog)] });
const ext = await launchWithExtension();
let shot = 0;
const written: string[] = [];

async function settle(page: Page): Promise<void> {
  // Fonts and the lazily loaded links reviewer; then two frames for layout.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

/** One state in every language and theme. The language is switched with the page's own selector. */
async function capture(page: Page, state: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  shot += 1;
  await page.bringToFront();
  for (const lang of LANGS) {
    const select = page.getByTestId('language');
    if ((await select.count()) > 0 && (await select.inputValue()) !== lang) {
      await select.selectOption(lang);
      await page.locator(`html[lang="${lang}"]`).waitFor();
    }
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await settle(page);
      const file = path.join(outDir, `${String(shot).padStart(2, '0')}-${state}.${lang}.${theme}.png`);
      await page.screenshot({ path: file, fullPage: opts.fullPage });
      written.push(file);
    }
  }
  // Back to Vietnamese (the default) so the next state starts from it.
  const select = page.getByTestId('language');
  if ((await select.count()) > 0 && (await select.inputValue()) !== 'vi') await select.selectOption('vi');
}

/** The centre of a panel control, read through DevTools (the panel is a closed shadow root the page cannot see into). */
async function panelControl(page: Page, testid: string): Promise<{ x: number; y: number } | null> {
  type Node = { nodeId: number; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const find = (n: Node): number | null => {
      const attrs = n.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'data-testid' && attrs[i + 1] === testid) return n.nodeId;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
        const found = find(c);
        if (found) return found;
      }
      return null;
    };
    const nodeId = find(root);
    if (!nodeId) return null;
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const q = model.content;
    return { x: (q[0]! + q[4]!) / 2, y: (q[1]! + q[5]!) / 2 };
  } catch {
    return null; // not laid out (hidden) yet
  } finally {
    await cdp.detach();
  }
}

async function waitForPanelControl(page: Page, testid: string): Promise<{ x: number; y: number }> {
  for (let i = 0; i < 100; i++) {
    const box = await panelControl(page, testid);
    if (box && box.x > 0) return box;
    await page.waitForTimeout(100);
  }
  throw new Error(`the panel's ${testid} never showed`);
}

/**
 * The panel on the task site in every language and theme: the language is
 * switched in the popup (the panel's sentences come from the settings), and
 * the site reloaded so its panel asks for them again; `ready` is the panel
 * control that shows the state is drawn.
 */
async function capturePanel(site: Page, popup: Page, state: string, ready: string): Promise<void> {
  shot += 1;
  for (const lang of LANGS) {
    const select = popup.getByTestId('language');
    if ((await select.inputValue()) !== lang) {
      await select.selectOption(lang);
      await popup.locator(`html[lang="${lang}"]`).waitFor();
    }
    await site.reload();
    await site.locator('#password').waitFor();
    await waitForPanelControl(site, ready);
    for (const theme of THEMES) {
      await site.emulateMedia({ colorScheme: theme });
      await settle(site);
      const file = path.join(outDir, `${String(shot).padStart(2, '0')}-${state}.${lang}.${theme}.png`);
      await site.screenshot({ path: file });
      written.push(file);
    }
  }
  if ((await popup.getByTestId('language').inputValue()) !== 'vi') await popup.getByTestId('language').selectOption('vi');
}

async function newPage(name: 'popup.html' | 'options.html'): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`chrome-extension://${ext.extensionId}/${name}`);
  return page;
}

async function saveSettings(options: Page, apiBase: string, apiKey: string): Promise<void> {
  await options.getByTestId('api-base-url').fill(apiBase);
  await options.getByTestId('api-key').fill(apiKey);
  await options.getByTestId('save-settings').click();
  await options.getByTestId('save-result').waitFor();
}

/** Writes the journey slot the background will fill later (the popup already shows it). */
async function setJourney(worker: Worker, journey: Record<string, unknown>): Promise<void> {
  await worker.evaluate(async (j) => {
    type Local = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
    const { activeTask } = await local.get('activeTask');
    await local.set({ activeTask: { ...(activeTask as object), journey: j } });
  }, journey);
}

try {
  // 1. No key yet.
  let popup = await newPage('popup.html');
  await popup.getByTestId('not-configured').waitFor();
  await capture(popup, 'no-key');

  // 2. The options page.
  const options = await newPage('options.html');
  await options.getByTestId('api-key').waitFor();
  await options.getByTestId('api-base-url').fill(sandbox.apiBase);
  // The options page is a tab of its own: the whole page.
  await capture(options, 'options', { fullPage: true });

  // 3. A wrong key: the big button is the fix.
  await saveSettings(options, sandbox.apiBase, 'not-the-key-7f3a');
  await popup.reload();
  await popup.getByTestId('pull-task').click();
  await popup.getByTestId('fix-key').waitFor();
  await capture(popup, 'wrong-key');

  // 4. Idle, the key fixed.
  await saveSettings(options, sandbox.apiBase, sandbox.apiKey);
  await popup.reload();
  await popup.getByTestId('pull-task').waitFor();
  await capture(popup, 'idle');

  // 5. Maintenance: an HTML page with 200 instead of the API's JSON.
  sandbox.setFault({ mode: 'html-error', match: '/links', count: 1 });
  await popup.getByTestId('pull-task').click();
  await popup.getByTestId('status-message').waitFor();
  await capture(popup, 'maintenance');

  // 6. A rate limit with Retry-After: the wait counts down.
  sandbox.setFault({ mode: 'rate-limit', match: '/links', count: 1, retryAfterSec: 95 });
  await popup.getByTestId('dismiss-status').click();
  await popup.getByTestId('pull-task').click();
  await popup.getByTestId('rate-limit-wait').waitFor();
  await capture(popup, 'rate-limit');

  // 7. A task, its site tab not open (Get task opens it; here it was closed): Open site is the next action.
  sandbox.setFault({ mode: 'none' });
  await popup.reload();
  const [site] = await Promise.all([ext.context.waitForEvent('page'), popup.getByTestId('pull-task').click()]);
  await site.close();
  await popup.getByTestId('task-domain').waitFor();
  await popup.getByTestId('totp-code').waitFor();
  await popup.locator('[data-testid="open-site"][data-primary="true"]').waitFor();
  await capture(popup, 'task-started');

  // 8. The site is open: Complete is the next action; all sign-in details unfolded.
  const [taskSite] = await Promise.all([ext.context.waitForEvent('page'), popup.getByTestId('open-site').click()]);
  await popup.locator('[data-testid="complete-task"][data-primary="true"]').waitFor();
  await popup.getByTestId('toggle-credentials').click();
  await capture(popup, 'task-code');
  await popup.getByTestId('toggle-credentials').click();

  // 8b. The in-page panel on the site's login page (filled), then folded to its button.
  await taskSite.setViewportSize({ width: 1024, height: 640 });
  await taskSite.goto(sandbox.siteUrl(seed(SEED_IDS.social).domain, '/login'));
  await capturePanel(taskSite, popup, 'panel-login', 'panel-collapse');
  const fold = await waitForPanelControl(taskSite, 'panel-collapse');
  await taskSite.mouse.click(fold.x, fold.y);
  await capturePanel(taskSite, popup, 'panel-folded', 'panel-expand');
  const unfold = await waitForPanelControl(taskSite, 'panel-expand');
  await taskSite.mouse.click(unfold.x, unfold.y);
  await waitForPanelControl(taskSite, 'panel-collapse');

  // 9. The end of a journey (lib/journey's Journey, written here as the background keeps it):
  //    public check, a field the site emptied, a step it could not do, link-post and note prefilled.
  for (const page of ext.context.pages()) if (page !== popup && page !== options) await page.close();
  const worker = await ext.serviceWorker();
  await setJourney(worker, {
    stage: 'checked',
    autoMoved: [],
    filled: {},
    problems: ['no_public_profile'],
    saved: { at: Date.now(), via: 'reload', values: [{ field: 'website', filled: 'https://lumenbakery.example', kept: '', links: [] }] },
    editorUrl: 'http://demo-social.test/profile/edit',
    publicUrl: 'http://demo-social.test/u/lumenbakery',
    publicCheck: {
      url: 'http://demo-social.test/u/lumenbakery',
      total: 6,
      visible: ['a', 'b', 'c', 'd'],
      missing: ['linkedin.com/in/lumen-bakery', 'youtube.com/@lumenbakery'],
      at: Date.now(),
    },
    summary: '6/6 links saved; 4/6 visible on the public profile; not shown: linkedin.com/in/lumen-bakery, youtube.com/@lumenbakery',
  });
  await popup.getByTestId('public-profile-check').waitFor();
  await capture(popup, 'task-journey');

  // 10. The fail form.
  await popup.getByTestId('fail-task').click();
  await popup.getByTestId('fail-preset-captcha').click();
  await capture(popup, 'fail-form');
  await popup.getByTestId('cancel-fail').click();

  // 11. A report waiting: the server answers 500, the outbox retries later (countdown).
  sandbox.setFault({ mode: 'error500', match: '/complete' });
  await popup.getByTestId('complete-task').click();
  await popup.getByTestId('outbox-countdown').waitFor();
  await capture(popup, 'report-waiting');

  // 12. Retry now while the server still fails: it says so.
  await popup.getByTestId('outbox-retry').click();
  await popup.locator('[data-testid="outbox-retry-result"][data-tone="error"]').waitFor();
  await capture(popup, 'report-retry-failed');

  // 13. The server is back: Retry now delivers, the popup says the server has it.
  sandbox.setFault({ mode: 'none' });
  await popup.getByTestId('outbox-retry').click();
  await popup.getByTestId('report-delivered').waitFor();
  await capture(popup, 'report-delivered');

  popup = await newPage('popup.html');
  await popup.getByTestId('report-delivered').waitFor();
  await capture(popup, 'idle-after-report');

  console.log(`${written.length} screenshots in ${path.relative(process.cwd(), outDir) || '.'}`);
} finally {
  await ext.close();
  await sandbox.close();
}
