/**
 * The worker's cockpit (DESIGN.md), in real Chromium against the sandbox:
 * the next action never needs a scroll at 380×600 nor 380×500, errors offer
 * their fix, a report is visibly delivered, the journey's slots work.
 * Every test also checks what the server ended up with.
 */
import type { Page } from '@playwright/test';
import { SEED_IDS, seedTasks, type Sandbox, type SandboxTask } from '../sandbox/server';
import type { ExtensionBrowser } from './support/chromium';
import { evaluateInToolbarPopup, expectInViewWithoutScroll, pageAt, patchActiveTask, SIZES } from './support/cockpit';
import { apiCalls, expect, openOptions, saveConnection, say, test } from './support/worker-flow';

const seed = (id: string): SandboxTask => {
  const task = seedTasks().find((t) => t.id === id);
  if (!task) throw new Error(`no seed task ${id}`);
  return task;
};

/**
 * Get task: the background pulls, starts and opens the site in a new tab.
 * The tab is closed again (`keepSite` false), so the popup is in its
 * "site not open" stage.
 */
async function getTask(ext: ExtensionBrowser, popup: Page, keepSite = false): Promise<string> {
  const [site] = await Promise.all([ext.context.waitForEvent('page'), popup.getByTestId('pull-task').click()]);
  if (!keepSite) await site.close();
  await popup.bringToFront();
  const domain = popup.getByTestId('task-domain');
  await expect(domain).toBeVisible();
  return ((await domain.textContent()) ?? '').trim();
}

/** The sandbox holds only the demo-social task; connected, the popup has it started, its site tab closed. */
async function startSocialTask(ext: ExtensionBrowser, sandbox: Sandbox): Promise<{ task: SandboxTask; popup: Page }> {
  const task = seed(SEED_IDS.social);
  sandbox.reset([task]);
  await saveConnection(await openOptions(ext), sandbox.apiBase, sandbox.apiKey);
  const popup = await pageAt(ext, 'popup.html');
  await getTask(ext, popup);
  return { task, popup };
}

/** A heavy task: 150 links, a 2FA secret, long values. */
function heavyTask(): SandboxTask {
  const base = seed(SEED_IDS.social);
  return {
    ...base,
    id: '5a5a5a5a-0000-4000-8000-000000000150',
    email: 'a.very.long.mailbox.name.for.this.entity@gmail.com',
    entity_connect: Array.from({ length: 150 }, (_, i) => `https://profiles.example-network-${i % 7}.com/users/entity-with-a-long-name-${i}`),
  };
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the next action is in view without a scroll in every stage: Get task, Open site, Complete / Fail, the fail form`, async ({
    ext,
    sandbox,
  }) => {
    const first = seed(SEED_IDS.wp);
    const heavy = heavyTask();
    sandbox.reset([first, heavy]);
    await saveConnection(await openOptions(ext), sandbox.apiBase, sandbox.apiKey);
    const popup = await pageAt(ext, 'popup.html', size);

    // No task: Get task.
    await expectInViewWithoutScroll(popup, 'pull-task');
    await expect(popup.getByTestId('pull-task')).toHaveAttribute('data-primary', 'true');
    await expectInViewWithoutScroll(popup, 'today-stats');

    // A first report that cannot be delivered yet, so the outbox takes room too.
    expect(await getTask(ext, popup, true)).toBe(first.domain);
    // Get task opened the site: Complete is already the primary action.
    await expect(popup.getByTestId('complete-task')).toHaveAttribute('data-primary', 'true');
    sandbox.setFault({ mode: 'error500', match: '/complete' });
    await popup.getByTestId('complete-task').click();
    await expect(popup.getByTestId('outbox-entry')).toHaveCount(1);

    // The heavy task, its site tab closed: Open site is the one primary action; Complete and Fail are in view too.
    for (const page of ext.context.pages()) if (page !== popup && !page.url().startsWith('chrome-extension://')) await page.close();
    expect(await getTask(ext, popup)).toBe(heavy.domain);
    await expect(popup.getByTestId('totp-code')).toHaveText(/^\d{6}$/);
    await popup.reload();
    await expect(popup.getByTestId('totp-code')).toHaveText(/^\d{6}$/);
    await expect(popup.getByTestId('open-site')).toHaveAttribute('data-primary', 'true');
    for (const id of ['open-site', 'complete-task', 'fail-task', 'task-domain', 'totp-code', 'today-stats']) await expectInViewWithoutScroll(popup, id);
    expect(await popup.locator('.popup-footer .btn-primary').count()).toBe(1);

    // Everything unfolded (all credentials, all 150 links): the actions stay in view, also scrolled to the end.
    await popup.getByTestId('toggle-credentials').click();
    await popup.locator('.links summary').click();
    await expect(popup.getByTestId('link-item')).toHaveCount(150);
    const linkList = await popup.getByTestId('link-list').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(linkList.scroll, 'the links list has no inner scroll box').toBe(linkList.client);
    await popup.evaluate(() => window.scrollTo(0, 0));
    for (const id of ['open-site', 'complete-task', 'fail-task']) await expectInViewWithoutScroll(popup, id);
    await popup.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
    expect(await popup.evaluate(() => document.scrollingElement!.scrollTop)).toBeGreaterThan(0);
    for (const id of ['complete-task', 'fail-task', 'today-stats']) {
      const box = (await popup.getByTestId(id).boundingBox())!;
      expect({ id, inside: box.y >= 0 && box.y + box.height <= size.height }).toEqual({ id, inside: true });
    }
    await popup.evaluate(() => window.scrollTo(0, 0));

    // The fail form: presets, reason and Send, all without a scroll.
    await popup.getByTestId('fail-task').click();
    for (const id of ['fail-reason', 'confirm-fail', 'cancel-fail', 'fail-preset-login-failed', 'fail-preset-account-missing', 'fail-reason-count']) {
      await expectInViewWithoutScroll(popup, id);
    }
    await expect(popup.getByTestId('fail-reason')).toBeFocused();
    await popup.getByTestId('cancel-fail').click();

    // The site opened (a tab of the task's host; the demo host has no https listener, the tab is what counts):
    // Complete becomes the primary action.
    await Promise.all([ext.context.waitForEvent('page'), popup.getByTestId('open-site').click()]);
    await popup.bringToFront();
    await expect(popup.getByTestId('complete-task')).toHaveAttribute('data-primary', 'true');
    await expect(popup.getByTestId('open-site')).toHaveAttribute('data-primary', 'false');
    await expectInViewWithoutScroll(popup, 'complete-task');

    // The server is back: Complete; both reports are delivered and the popup says so.
    sandbox.setFault({ mode: 'none' });
    await popup.getByTestId('complete-task').click();
    await expect.poll(() => sandbox.task(heavy.id)!.status).toBe('completed');
    await popup.getByTestId('outbox-retry').click();
    await expect.poll(() => sandbox.task(first.id)!.status).toBe('completed');
    await expect(popup.getByTestId('outbox-list')).toHaveCount(0);
    await expect(popup.getByTestId('report-delivered')).toBeVisible();
    expect(sandbox.task(first.id)!.reports).toHaveLength(1);
    expect(sandbox.task(heavy.id)!.reports).toHaveLength(1);
    await expectInViewWithoutScroll(popup, 'pull-task');
  });
}

test('a wrong key: the primary button is Fix the key, it opens the options, and once the key is fixed Get task is primary and works', async ({ ext, sandbox }) => {
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, 'not-the-key-7f3a');
  // Closed, so that Fix the key opens the options page anew (the browser would focus an open one).
  await options.close();
  const popup = await pageAt(ext, 'popup.html');
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('status-message')).toContainText(say('vi', 'error.unauthorized'));
  const fix = popup.getByTestId('fix-key');
  await expect(fix).toHaveText(say('vi', 'popup.fixKey'));
  await expect(fix).toHaveClass(/btn-primary/);
  await expect(popup.getByTestId('pull-task')).not.toHaveClass(/btn-primary/);
  await expectInViewWithoutScroll(popup, 'fix-key');

  const [settings] = await Promise.all([ext.context.waitForEvent('page'), fix.click()]);
  await expect(settings).toHaveURL(/\/options\.html/);
  await saveConnection(settings, sandbox.apiBase, sandbox.apiKey);
  await expect(popup.getByTestId('fix-key')).toHaveCount(0);
  await expect(popup.getByTestId('pull-task')).toHaveAttribute('data-primary', 'true');
  expect(await getTask(ext, popup)).toBe('demo-social.test');
  expect(sandbox.task(SEED_IDS.social)!.status).toBe('connecting');
});

test('a maintenance page (HTML with 200) is said plainly, without "HTTP 200"; the next try works', async ({ ext, sandbox }) => {
  await saveConnection(await openOptions(ext), sandbox.apiBase, sandbox.apiKey);
  const popup = await pageAt(ext, 'popup.html');
  sandbox.setFault({ mode: 'html-error', match: '/links', count: 1 });
  await popup.getByTestId('pull-task').click();
  const status = popup.getByTestId('status-message');
  await expect(status).toHaveText(say('vi', 'error.maintenance'));
  await expect(status).not.toContainText('HTTP');
  await expect(popup.getByTestId('fix-key')).toHaveCount(0);
  await getTask(ext, popup);
  expect(sandbox.tasks().filter((t) => t.status === 'connecting')).toHaveLength(1);
});

test('a rate limit shows the server’s wait as a countdown and Get task comes back after it', async ({ ext, sandbox }) => {
  await saveConnection(await openOptions(ext), sandbox.apiBase, sandbox.apiKey);
  const popup = await pageAt(ext, 'popup.html');
  sandbox.setFault({ mode: 'rate-limit', match: '/links', count: 1, retryAfterSec: 4 });
  await popup.getByTestId('pull-task').click();
  const wait = popup.getByTestId('rate-limit-wait');
  await expect(wait).toBeVisible();
  await expect(wait).toHaveText(/0:0[1-4]/);
  const seconds = Number(await wait.locator('[role="timer"]').getAttribute('data-seconds'));
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(4);
  await expect(popup.getByTestId('pull-task')).toBeDisabled();
  // After the wait: the countdown is gone and the next pull gets a task.
  await expect(wait).toHaveCount(0, { timeout: 20_000 });
  await getTask(ext, popup);
  expect(apiCalls(sandbox, 'GET', '/links?').map((r) => r.status)).toEqual([429, 200]);
});

test('a waiting report counts down to its next try, Retry now says what happened, and a delivered report is shown as received', async ({ ext, sandbox }) => {
  const { task, popup } = await startSocialTask(ext, sandbox);
  sandbox.setFault({ mode: 'error500', match: '/complete' });
  await popup.getByTestId('complete-task').click();

  await expect(popup.getByTestId('outbox-entry')).toHaveAttribute('data-state', 'pending');
  const countdown = popup.getByTestId('outbox-countdown');
  await expect(countdown).toHaveText(new RegExp(say('vi', 'outbox.nextAttempt', { time: '\\d+:\\d\\d' })));
  await expect(popup.getByTestId('report-delivered')).toHaveCount(0);

  // Still failing: Retry now says so, with the reason.
  await popup.getByTestId('outbox-retry').click();
  const result = popup.getByTestId('outbox-retry-result');
  await expect(result).toHaveAttribute('data-tone', 'error');
  await expect(result).toContainText(say('vi', 'outbox.retryNone', { reason: say('vi', 'error.server') }).split(say('vi', 'error.server'))[0]!);
  await expect(result).toContainText(say('vi', 'error.server'));
  expect(sandbox.task(task.id)!.reports).toHaveLength(0);

  // The server is back: Retry now delivers; the popup says the server has it.
  sandbox.setFault({ mode: 'none' });
  await popup.getByTestId('outbox-retry').click();
  await expect(result).toHaveText(say('vi', 'outbox.retryAllSent'));
  await expect(popup.getByTestId('report-delivered')).toContainText(task.domain);
  expect(sandbox.task(task.id)!.status).toBe('completed');
  expect(sandbox.task(task.id)!.reports).toHaveLength(1);

  // A freshly opened popup says it too (from the history's delivered flag).
  const again = await pageAt(ext, 'popup.html');
  await expect(again.getByTestId('report-delivered')).toContainText(task.domain);
});

test('the journey slots: the public-profile check is shown, link-post and note are prefilled from the journey and sent', async ({
  ext,
  sandbox,
}) => {
  const { task, popup } = await startSocialTask(ext, sandbox);
  await expect(popup.getByTestId('go-profile-editor')).toBeDisabled();
  await expect(popup.getByTestId('public-profile-check')).toHaveCount(0);

  const publicUrl = sandbox.siteUrl(task.domain, '/profile');
  // lib/journey's Journey as the background keeps it, at the end of a journey (written here directly).
  const journey = {
    stage: 'checked',
    autoMoved: [],
    filled: {},
    problems: [],
    editorUrl: sandbox.siteUrl(task.domain, '/profile/edit'),
    publicUrl,
    publicCheck: { url: publicUrl, total: 6, visible: ['a', 'b', 'c', 'd', 'e'], missing: ['linkedin.com/company/lumen-bakery'], at: Date.now() },
    summary: '6/6 links saved; 5/6 visible on the public profile; not shown: linkedin.com/company/lumen-bakery',
  };
  await patchActiveTask(ext, { journey });
  const check = popup.getByTestId('public-profile-check');
  await expect(check).toContainText(say('vi', 'task.publicCheck', { visible: 5, total: 6, url: publicUrl }).split(publicUrl)[0]!.trim());
  await expect(check).toContainText(publicUrl);
  await expect(check).toContainText('linkedin.com/company/lumen-bakery');
  await expect(popup.getByTestId('link-post')).toHaveValue(publicUrl);
  await expect(popup.getByTestId('note')).toHaveValue(journey.summary);

  // Complete sends what the fields show (the journey's values, untouched by the worker).
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => sandbox.task(task.id)!.status).toBe('completed');
  expect(sandbox.task(task.id)!.reports[0]!.body).toEqual({ link_post: publicUrl, note: journey.summary });
});

test('go-profile-editor: the background opens the known editor (a new tab when the site tab is closed)', async ({ ext, sandbox }) => {
  const { task, popup } = await startSocialTask(ext, sandbox);
  await expect(popup.getByTestId('go-profile-editor')).toBeDisabled();
  const editorUrl = sandbox.siteUrl(task.domain, '/profile/edit');
  await patchActiveTask(ext, { journey: { stage: 'signed_in', autoMoved: [], filled: {}, problems: [], editorUrl } });
  await expect(popup.getByTestId('go-profile-editor')).toBeEnabled();
  const [editor] = await Promise.all([ext.context.waitForEvent('page'), popup.getByTestId('go-profile-editor').click()]);
  // Not signed in on the demo site: it sends us to its login, with the editor as the next page.
  await expect(editor).toHaveURL(/\/login\?next=%2Fprofile%2Fedit|\/profile\/edit/);
  expect(sandbox.task(task.id)!.status).toBe('connecting');
});

test('the real toolbar popup: at least 380 px wide and filled, no sideways scroll, and the next action inside it even with 150 links unfolded', async ({ ext, sandbox }) => {
  const heavy = heavyTask();
  sandbox.reset([heavy]);
  await saveConnection(await openOptions(ext), sandbox.apiBase, sandbox.apiKey);
  // A tab of the browser's own size (a smaller viewport would shrink the window the toolbar popup hangs from).
  const tab = await ext.context.newPage();
  await tab.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  // Opened as a tab, the page knows it and fills the tab.
  await expect(tab.locator('html')).toHaveClass(/surface-tab/);
  expect(await getTask(ext, tab)).toBe(heavy.domain);
  await tab.close();

  type Layout = {
    tabClass: boolean;
    width: number;
    height: number;
    scrollWidth: number;
    bodyWidth: number;
    pageWidth: number;
    ready: boolean;
    action: { top: number; bottom: number; right: number } | null;
  };
  const layout = await evaluateInToolbarPopup<Layout>(
    ext,
    `(async () => {
      const until = async (test) => { for (let i = 0; i < 100 && !test(); i++) await new Promise((r) => setTimeout(r, 50)); return test(); };
      const ready = await until(() => document.querySelector('[data-testid="link-list"]') || document.querySelector('.links summary'));
      document.querySelector('.links')?.setAttribute('open', '');
      document.querySelector('[data-testid="toggle-credentials"]')?.click();
      // The browser resizes the popup to its content: wait until the size holds still.
      let last = '';
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 150));
        const now = innerWidth + 'x' + innerHeight;
        if (now === last) break;
        last = now;
      }
      const r = document.querySelector('[data-testid="complete-task"]')?.getBoundingClientRect();
      return {
        tabClass: document.documentElement.classList.contains('surface-tab'),
        width: innerWidth, height: innerHeight, scrollWidth: document.scrollingElement.scrollWidth,
        bodyWidth: document.body.getBoundingClientRect().width, pageWidth: document.documentElement.clientWidth,
        ready: !!ready, action: r ? { top: r.top, bottom: r.bottom, right: r.right } : null,
      };
    })()`,
  );
  expect(layout.ready).toBe(true);
  expect(layout.tabClass).toBe(false);
  // 380 px; the browser may widen it (a scrollbar when the window is short): the page then fills it, no blank strip.
  expect(layout.width).toBeGreaterThanOrEqual(380);
  // Long one-line values (150 long URLs, a long email) do not widen it beyond a scrollbar's room.
  expect(layout.width).toBeLessThanOrEqual(420);
  expect(layout.bodyWidth).toBe(layout.pageWidth);
  expect(layout.height).toBeLessThanOrEqual(600);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
  expect(layout.action).not.toBeNull();
  expect(layout.action!.top).toBeGreaterThanOrEqual(0);
  expect(layout.action!.bottom).toBeLessThanOrEqual(layout.height);
  expect(layout.action!.right).toBeLessThanOrEqual(layout.width);
});
