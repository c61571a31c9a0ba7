import { type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { configure, expect, openPopup, serverTask, test } from './support/fixtures';
import type { Sandbox } from '../sandbox/server';

/**
 * "No report lost": real Chromium, the built extension, the sandbox API with
 * injected faults, and the MV3 service worker really stopped. Nothing here
 * waits on a clock except the one place that proves the alarm itself
 * (backoff base 30 s in lib/outbox/policy.ts, jitter 0.5–1 ×: ≤ 30 s).
 * Retrying early uses what a worker has: the popup's `outbox-retry`.
 */

const ALARM_WAIT_MS = 60_000;

/** Pulls (and starts) the next task from the popup; returns the id the server moved to `connecting`. */
async function pull(popup: Page, sandbox: Sandbox): Promise<string> {
  const before = new Set(sandbox.tasks().filter((t) => t.status === 'connecting').map((t) => t.task.id));
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toBeVisible();
  const started = sandbox.tasks().filter((t) => t.status === 'connecting' && !before.has(t.task.id));
  expect(started).toHaveLength(1);
  return started[0]!.task.id;
}

async function complete(popup: Page): Promise<void> {
  await popup.getByTestId('complete-task').click();
  // Saved in the outbox, the task is over for the worker whatever the network does.
  await expect(popup.getByTestId('pull-task')).toBeVisible();
}

async function fail(popup: Page, reason: string): Promise<void> {
  await popup.getByTestId('fail-task').click();
  await popup.getByTestId('fail-reason').fill(reason);
  await popup.getByTestId('confirm-fail').click();
  await expect(popup.getByTestId('pull-task')).toBeVisible();
}

function extensionWorker(context: BrowserContext, extensionId: string): Worker | undefined {
  return context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
}

/**
 * Stops the extension's service worker for real and checks it. CDP
 * `ServiceWorker.stopAllWorkers` from a page's session does not reach the
 * extension's worker in this Chromium (tried: it keeps running), so the
 * worker's own target is closed (`Target.closeTarget`, which stops a service
 * worker) and we wait until the browser lists no worker target for the
 * extension. A marker set in the old worker's global scope tells a restarted
 * worker (no marker) from the old one.
 */
async function stopServiceWorker(ext: ExtensionBrowser, via: Page): Promise<void> {
  const sw = extensionWorker(ext.context, ext.extensionId);
  expect(sw, 'a running service worker to stop').toBeTruthy();
  await sw!.evaluate('globalThis.__ecBeforeStop = true');
  const cdp = await ext.context.newCDPSession(via);
  try {
    const workerTargets = async () =>
      (await cdp.send('Target.getTargets')).targetInfos.filter(
        (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${ext.extensionId}/`),
      );
    const [target] = await workerTargets();
    expect(target, 'the worker target').toBeTruthy();
    await cdp.send('Target.closeTarget', { targetId: target!.targetId });
    await expect.poll(async () => (await workerTargets()).length, { message: 'the worker is gone' }).toBe(0);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits until a new worker instance runs (started by a message or an alarm): no marker in its scope. */
async function expectRestartedWorker(ext: ExtensionBrowser, timeout = 15_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const w = extensionWorker(ext.context, ext.extensionId);
        if (!w) return 'none';
        return w.evaluate('globalThis.__ecBeforeStop === true ? "old" : "new"').catch(() => 'none');
      },
      { timeout, message: 'a restarted service worker' },
    )
    .toBe('new');
}

async function retryNow(popup: Page): Promise<void> {
  await popup.getByTestId('outbox-retry').click();
}

function expectReportedOnce(sandbox: Sandbox, id: string, status: 'completed' | 'connect_failed'): void {
  const view = serverTask(sandbox, id);
  expect(view.status, `task ${id}`).toBe(status);
  expect(view.reports, `reports of ${id}`).toHaveLength(1);
  expect(view.reports[0]!.action).toBe(status === 'completed' ? 'complete' : 'fail');
}

test('eight tasks through dropped answers, 500s, 429, HTML, an outage and stopped service workers: each reported once', async ({ ext, sandbox }) => {
  test.setTimeout(240_000);
  await configure(ext, sandbox.apiBase, sandbox.apiKey);
  let popup = await openPopup(ext);
  const chosen = new Map<string, 'completed' | 'connect_failed'>();

  // 1. complete; the server acts but the answer is lost. The report stays pending and the
  //    next task can be pulled meanwhile.
  const t1 = await pull(popup, sandbox);
  // Two drops: Chromium itself resends a POST once when a reused keep-alive connection closes
  // without an answer (seen here: the resend gets 409 and the outbox settles it by GET); the
  // second drop lets that resend fail too, so the extension really sees the network error.
  sandbox.setFault({ mode: 'drop-after-act', match: '/complete', count: 2 });
  await complete(popup);
  chosen.set(t1, 'completed');
  await expect.poll(() => serverTask(sandbox, t1).status).toBe('completed');
  await expect(popup.getByTestId('outbox-entry')).toHaveCount(1);
  await expect(popup.getByTestId('outbox-entry').first()).toHaveAttribute('data-state', 'pending');
  sandbox.setFault({ mode: 'none' });
  const postsOf = (id: string, action: string) =>
    sandbox.requestLog().filter((r) => r.method === 'POST' && r.path.endsWith(`/links/${id}/${action}`)).length;
  const t1Posts = postsOf(t1, 'complete');

  // 2. fail; the server answers 500 (and does nothing). Pulled while report 1 is still pending.
  const t2 = await pull(popup, sandbox);
  sandbox.setFault({ mode: 'error500', match: '/fail', count: 1 });
  await fail(popup, 'Profile is locked (fault run)');
  chosen.set(t2, 'connect_failed');
  await expect(popup.getByTestId('outbox-entry')).toHaveCount(2);
  expect(serverTask(sandbox, t2).status).toBe('connecting');

  // Retry now: report 1 is acknowledged by GET (no second POST), report 2 is sent.
  await retryNow(popup);
  await expect(popup.getByTestId('outbox-list')).toHaveCount(0);
  expectReportedOnce(sandbox, t1, 'completed');
  expectReportedOnce(sandbox, t2, 'connect_failed');
  // Settled by GET: the retry sent no further complete for task 1.
  expect(postsOf(t1, 'complete')).toBe(t1Posts);

  // 3. complete while the server is down; pulling fails clearly; the service worker is stopped
  //    during the outage; the server comes back; a new worker delivers on "retry now".
  const t3 = await pull(popup, sandbox);
  sandbox.setFault({ mode: 'down' });
  await complete(popup);
  chosen.set(t3, 'completed');
  await expect(popup.getByTestId('outbox-entry')).toHaveCount(1);
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('status-message')).toHaveAttribute('data-tone', 'error');
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
  expect(serverTask(sandbox, t3).status).toBe('connecting');
  await stopServiceWorker(ext, popup);
  sandbox.setFault({ mode: 'none' });
  await popup.close();
  popup = await openPopup(ext);
  await expectRestartedWorker(ext);
  await expect(popup.getByTestId('outbox-entry')).toHaveCount(1);
  await retryNow(popup);
  await expect(popup.getByTestId('outbox-list')).toHaveCount(0);
  expectReportedOnce(sandbox, t3, 'completed');

  // 4. complete; the server acts at once but answers late, and the worker is stopped while
  //    the request is in flight. The new worker resends, is refused, checks by GET: acknowledged.
  const t4 = await pull(popup, sandbox);
  sandbox.setFault({ mode: 'latency', match: '/complete', latencyMs: 20_000, count: 1 });
  await complete(popup);
  chosen.set(t4, 'completed');
  await expect.poll(() => serverTask(sandbox, t4).status).toBe('completed');
  await stopServiceWorker(ext, popup);
  await popup.close();
  popup = await openPopup(ext);
  await expectRestartedWorker(ext);
  await expect(popup.getByTestId('outbox-list')).toHaveCount(0);
  expectReportedOnce(sandbox, t4, 'completed');

  // 5. fail; 429 with Retry-After. 6. complete; an HTML maintenance page with 200 (captive
  //    portal): neither acted. Both are sent on retry.
  const t5 = await pull(popup, sandbox);
  sandbox.setFault({ mode: 'rate-limit', match: '/fail', retryAfterSec: 1, count: 1 });
  await fail(popup, 'Site asks for a captcha');
  chosen.set(t5, 'connect_failed');
  const t6 = await pull(popup, sandbox);
  sandbox.setFault({ mode: 'html-error', match: '/complete', count: 1 });
  await complete(popup);
  chosen.set(t6, 'completed');
  await expect(popup.getByTestId('outbox-entry')).toHaveCount(2);
  await expect(popup.getByTestId('outbox-reason')).toHaveCount(2);
  await retryNow(popup);
  await expect(popup.getByTestId('outbox-list')).toHaveCount(0);

  // 7. fail; the server acts and the answer is lost, and the worker is stopped right after.
  const t7 = await pull(popup, sandbox);
  sandbox.setFault({ mode: 'drop-after-act', match: '/fail', count: 2 });
  await fail(popup, 'No link fields on this site');
  chosen.set(t7, 'connect_failed');
  await expect(popup.getByTestId('outbox-entry')).toHaveCount(1);
  expect(serverTask(sandbox, t7).status).toBe('connect_failed');
  sandbox.setFault({ mode: 'none' });
  await stopServiceWorker(ext, popup);
  await popup.close();
  popup = await openPopup(ext);
  await expectRestartedWorker(ext);
  await retryNow(popup);
  await expect(popup.getByTestId('outbox-list')).toHaveCount(0);

  // 8. complete; 500. Then the worker is stopped, no extension page is open and nobody clicks:
  //    the alarm wakes a new worker, which delivers (alarms outlive the worker).
  const t8 = await pull(popup, sandbox);
  sandbox.setFault({ mode: 'error500', match: '/complete', count: 1 });
  await complete(popup);
  chosen.set(t8, 'completed');
  await expect(popup.getByTestId('outbox-entry')).toHaveCount(1);
  const blank = await ext.context.newPage();
  await popup.close();
  await stopServiceWorker(ext, blank);
  expect(serverTask(sandbox, t8).status).toBe('connecting');
  await expect.poll(() => serverTask(sandbox, t8).status, { timeout: ALARM_WAIT_MS }).toBe('completed');
  await expectRestartedWorker(ext);

  // The end: every task in the status the worker chose, each reported once, none stuck.
  expect(chosen.size).toBe(8);
  for (const [id, status] of chosen) expectReportedOnce(sandbox, id, status);
  expect(sandbox.tasks().filter((t) => t.status === 'connecting')).toEqual([]);
  popup = await openPopup(ext);
  await expect(popup.getByTestId('idle')).toBeVisible();
  await expect(popup.getByTestId('outbox-list')).toHaveCount(0);
  // History marks all eight delivered (none "still sending").
  await expect(popup.getByTestId('history-entry')).toHaveCount(8);
});

test('a report pending when the browser closes is delivered after the browser restarts, by itself', async ({ sandbox }) => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'ec-restart-'));
  let ext: ExtensionBrowser | null = null;
  try {
    ext = await launchWithExtension({ userDataDir: profile });
    await configure(ext, sandbox.apiBase, sandbox.apiKey);
    const popup = await openPopup(ext);
    const id = await pull(popup, sandbox);
    sandbox.setFault({ mode: 'down' });
    await complete(popup);
    await expect(popup.getByTestId('outbox-entry')).toHaveCount(1);
    await ext.close();
    ext = null;

    sandbox.setFault({ mode: 'none' });
    expect(serverTask(sandbox, id).status).toBe('connecting');
    ext = await launchWithExtension({ userDataDir: profile });
    // No page, no click: start-up re-arms the alarm for the stored entry and the alarm sends it.
    await expect.poll(() => serverTask(sandbox, id).status, { timeout: ALARM_WAIT_MS }).toBe('completed');
    expectReportedOnce(sandbox, id, 'completed');
    const after = await openPopup(ext);
    await expect(after.getByTestId('outbox-list')).toHaveCount(0);
  } finally {
    await ext?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
