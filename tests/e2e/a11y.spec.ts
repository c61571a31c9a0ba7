/**
 * Accessibility of the popup and the options page: axe-core over every
 * state, in the light and the dark theme (the browser's colour scheme), with
 * no violation of serious or critical impact; every action reachable by
 * keyboard; nothing focusable that cannot be seen.
 */
import type { Page } from '@playwright/test';
import { SEED_IDS, seedTasks, type SandboxTask } from '../sandbox/server';
import { pageAt, patchActiveTask, seriousViolations, type AxeViolation } from './support/cockpit';
import { expect, openOptions, saveConnection, say, test } from './support/worker-flow';

const seed = (id: string): SandboxTask => {
  const task = seedTasks().find((t) => t.id === id);
  if (!task) throw new Error(`no seed task ${id}`);
  return task;
};

type Found = { state: string; theme: string; violations: AxeViolation[] };

/** Runs axe in both themes; collects instead of failing at once, so one run lists every problem. */
async function audit(page: Page, state: string, found: Found[]): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(theme === 'dark');
    found.push({ state, theme, violations: await seriousViolations(page) });
  }
}

function expectNoneFound(found: Found[], states: number): void {
  expect(found).toHaveLength(states * 2);
  expect(found.filter((f) => f.violations.length > 0)).toEqual([]);
}

test('popup: no serious or critical axe violation in any state, light and dark', async ({ ext, sandbox }) => {
  test.setTimeout(180_000);
  sandbox.reset([seed(SEED_IDS.social), seed(SEED_IDS.wp), seed(SEED_IDS.forum)]);
  const found: Found[] = [];
  let popup = await pageAt(ext, 'popup.html');

  await expect(popup.getByTestId('not-configured')).toBeVisible();
  await audit(popup, 'no key', found);

  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, 'wrong-key-0000');
  await popup.reload();
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('fix-key')).toBeVisible();
  await audit(popup, 'wrong key', found);

  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  await popup.reload();
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
  await audit(popup, 'idle', found);

  sandbox.setFault({ mode: 'html-error', match: '/links', count: 1 });
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('status-message')).toBeVisible();
  await audit(popup, 'maintenance', found);

  sandbox.setFault({ mode: 'rate-limit', match: '/links', count: 1, retryAfterSec: 60 });
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('rate-limit-wait')).toBeVisible();
  await audit(popup, 'rate limit (busy, disabled Get task)', found);

  sandbox.setFault({ mode: 'none' });
  // The API's clock 5 minutes ahead: the task shows the clock warning too.
  sandbox.setClockSkew(5 * 60_000);
  await popup.reload();
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('totp-code')).toHaveText(/^\d{6}$/);
  await expect(popup.getByTestId('clock-warning')).toBeVisible();
  await audit(popup, 'task started', found);

  await popup.getByTestId('toggle-credentials').click();
  await popup.getByTestId('reveal-password').click();
  await popup.locator('.links summary').click();
  await expect(popup.getByTestId('link-item').first()).toBeVisible();
  await audit(popup, 'task, everything unfolded', found);

  await patchActiveTask(ext, {
    journey: {
      stage: 'checked',
      autoMoved: [],
      filled: {},
      problems: ['save_not_seen'],
      saved: { at: Date.now(), via: 'reload', values: [{ field: 'website', filled: 'https://lumenbakery.example', kept: '', links: [] }] },
      editorUrl: sandbox.siteUrl('demo-social.test', '/profile/edit'),
      publicUrl: sandbox.siteUrl('demo-social.test', '/profile'),
      publicCheck: { url: sandbox.siteUrl('demo-social.test', '/profile'), visible: ['a', 'b', 'c'], total: 4, missing: ['linkedin.com/company/x'], at: Date.now() },
      summary: '4/4 links saved; 3/4 visible',
    },
  });
  await expect(popup.getByTestId('public-profile-check')).toBeVisible();
  await expect(popup.getByTestId('journey-problems')).toBeVisible();
  await expect(popup.getByTestId('saved-changes')).toBeVisible();
  await audit(popup, 'task with journey', found);

  await patchActiveTask(ext, { problem: { kind: 'wrong_status', currentStatus: 'completed', at: Date.now() } });
  await expect(popup.getByTestId('task-problem')).toBeVisible();
  await audit(popup, 'task problem', found);
  await patchActiveTask(ext, { problem: undefined });
  await expect(popup.getByTestId('task-problem')).toHaveCount(0);

  await popup.getByTestId('fail-task').click();
  await popup.getByTestId('fail-preset-captcha').click();
  await audit(popup, 'fail form', found);
  await popup.getByTestId('cancel-fail').click();

  sandbox.setFault({ mode: 'error500', match: '/complete' });
  await popup.getByTestId('complete-task').click();
  await expect(popup.getByTestId('outbox-countdown')).toBeVisible();
  await audit(popup, 'report waiting', found);

  await popup.getByTestId('outbox-retry').click();
  await expect(popup.getByTestId('outbox-retry-result')).toHaveAttribute('data-tone', 'error');
  await audit(popup, 'retry failed', found);

  sandbox.setFault({ mode: 'none' });
  await popup.getByTestId('outbox-retry').click();
  await expect(popup.getByTestId('report-delivered')).toBeVisible();
  await audit(popup, 'report delivered', found);

  popup = await pageAt(ext, 'popup.html');
  await popup.getByTestId('language').selectOption('en');
  await expect(popup.locator('html')).toHaveAttribute('lang', 'en');
  await audit(popup, 'idle after a report, English', found);

  expectNoneFound(found, 14);
});

test('options page: a main landmark and no serious or critical axe violation, light and dark', async ({ ext, sandbox }) => {
  const found: Found[] = [];
  const options = await pageAt(ext, 'options.html', { width: 800, height: 900 });
  await expect(options.getByTestId('api-key')).toBeVisible();
  await expect(options.getByRole('main')).toHaveCount(1);
  await expect(options.getByRole('main').getByTestId('save-settings')).toBeVisible();
  await audit(options, 'options', found);

  await options.getByTestId('api-base-url').fill(sandbox.apiBase);
  await options.getByTestId('api-key').fill('wrong');
  await options.getByTestId('toggle-api-key').click();
  await options.getByTestId('test-connection').click();
  await expect(options.getByTestId('connection-result')).toHaveAttribute('data-tone', 'error');
  await audit(options, 'options, test failed', found);

  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  await options.getByTestId('test-connection').click();
  await expect(options.getByTestId('connection-result')).toHaveAttribute('data-tone', 'ok');
  await audit(options, 'options, saved and tested', found);

  expectNoneFound(found, 3);
});

/** Tabs through the page from the top; returns what got focus, and whether each one could be seen. */
async function tabThrough(page: Page, presses: number): Promise<{ id: string; visible: boolean }[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: { id: string; visible: boolean }[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const visible = r.width >= 8 && r.height >= 8 && style.visibility !== 'hidden' && Number(style.opacity) > 0.5 && !el.closest('.visually-hidden');
      return { id: el.dataset.testid ?? `${el.tagName.toLowerCase()}:${el.textContent?.trim().slice(0, 20)}`, visible };
    });
    if (info) seen.push(info);
  }
  return seen;
}

test('every action is reachable by keyboard and nothing focusable is invisible (idle, task, fail form)', async ({ ext, sandbox }) => {
  sandbox.reset([seed(SEED_IDS.social)]);
  await saveConnection(await openOptions(ext), sandbox.apiBase, sandbox.apiKey);
  const popup = await pageAt(ext, 'popup.html');

  // Idle (with a message shown: its close button is a real, visible one).
  sandbox.setFault({ mode: 'rate-limit', match: '/links', count: 1, retryAfterSec: 1 });
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('dismiss-status')).toBeVisible();
  await expect(popup.getByTestId('pull-task')).toBeEnabled({ timeout: 15_000 });
  let seen = await tabThrough(popup, 8);
  expect(seen.filter((s) => !s.visible)).toEqual([]);
  expect(seen.map((s) => s.id)).toEqual(expect.arrayContaining(['language', 'open-settings', 'dismiss-status', 'pull-task']));

  // Get task by keyboard.
  await popup.getByTestId('pull-task').focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('totp-code')).toHaveText(/^\d{6}$/);
  seen = await tabThrough(popup, 30);
  expect(seen.filter((s) => !s.visible)).toEqual([]);
  expect(seen.map((s) => s.id)).toEqual(
    expect.arrayContaining(['copy-totp', 'quick-copy-login', 'quick-copy-password', 'toggle-credentials', 'fill-now', 'link-post', 'note', 'fail-task', 'open-site', 'complete-task']),
  );

  // The fail form by keyboard: open it, pick a preset, send.
  await popup.getByTestId('fail-task').focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('fail-reason')).toBeFocused();
  seen = await tabThrough(popup, 20);
  expect(seen.filter((s) => !s.visible)).toEqual([]);
  expect(seen.map((s) => s.id)).toEqual(expect.arrayContaining(['fail-preset-login-failed', 'fail-preset-account-missing', 'fail-reason', 'cancel-fail']));
  await popup.getByTestId('fail-preset-site-down').focus();
  await popup.keyboard.press('Enter');
  await popup.getByTestId('confirm-fail').focus();
  await popup.keyboard.press('Enter');
  await expect.poll(() => sandbox.task(SEED_IDS.social)!.status).toBe('connect_failed');
  expect(sandbox.task(SEED_IDS.social)!.reports[0]!.body).toEqual({ error_message: say('vi', 'fail.preset.siteDown') });
});
