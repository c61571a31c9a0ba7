/**
 * Helpers for the worker-flow e2e specs (tests/e2e/worker-*.spec.ts): the
 * options and popup pages driven through their data-testids, the sandbox's
 * server-side view, a real start race, expected TOTP codes, and a real
 * service-worker stop.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { createGuardrails, generateSync } from 'otplib';
import { catalogues, type Language, type MessageKey } from '../../../lib/i18n';
import { normalizeTotpSecret } from '../../../lib/totp';
import type { RequestLogEntry, Sandbox } from '../../sandbox/server';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from './chromium';
import { test as base, expect, extensionUrl } from './fixtures';

/**
 * Same fixtures as ./fixtures, but each worker launches a private copy of the
 * built extension: another engineer's `npm run build` rewriting
 * .output/chrome-mv3 mid-run cannot hand us a half-written extension.
 */
export const test = base.extend<object, { extensionCopy: string }>({
  extensionCopy: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
        throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` first`);
      }
      const dir = mkdtempSync(path.join(tmpdir(), 'ec-ext-'));
      cpSync(EXTENSION_DIR, dir, { recursive: true });
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  ext: async ({ extensionCopy }, use) => {
    const ext = await launchWithExtension({ extensionDir: extensionCopy });
    await use(ext);
    await ext.close();
  },
});
export { expect };

/** The worker-facing text, from the product's own catalogues (so re-wording does not break tests). */
export function say(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// ---- extension pages ----

export async function openOptions(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'options.html'));
  await expect(page.getByTestId('api-key')).toBeVisible();
  return page;
}

/** Types the connection settings and saves them; waits for the page to confirm the save. */
export async function saveConnection(options: Page, apiBase: string, apiKey: string): Promise<void> {
  await options.getByTestId('api-base-url').fill(apiBase);
  await options.getByTestId('api-key').fill(apiKey);
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('save-result')).toHaveAttribute('data-tone', 'ok');
}

/**
 * Opens popup.html in a tab. It records whether the problem banner was ever
 * on screen, so a test can assert that a banner never flashed up, not only
 * that none is showing at the moment it looks.
 */
export async function openPopupTab(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __problemSeen?: boolean };
    w.__problemSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="task-problem"]')) w.__problemSeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(extensionUrl(ext, 'popup.html'));
  return page;
}

export function problemEverShown(popup: Page): Promise<boolean> {
  return popup.evaluate(() => (window as unknown as { __problemSeen?: boolean }).__problemSeen === true);
}

/** Get task: pull + start in one click; returns the domain the popup shows. */
export async function pullTask(popup: Page): Promise<string> {
  await popup.getByTestId('pull-task').click();
  const domain = popup.getByTestId('task-domain');
  await expect(domain).toBeVisible();
  return ((await domain.textContent()) ?? '').trim();
}

// ---- the server's view ----

/** API requests the sandbox received, e.g. `apiCalls(sb, 'POST', `/links/${id}/complete`)`. */
export function apiCalls(sandbox: Sandbox, method: string, pathPart: string): RequestLogEntry[] {
  return sandbox.requestLog().filter((r) => r.method === method && r.path.includes(pathPart));
}

/** The ids of the (not deleted) tasks the server has in `connecting`. */
export function connectingIds(sandbox: Sandbox): string[] {
  return sandbox
    .tasks()
    .filter((t) => t.status === 'connecting' && !t.deleted)
    .map((t) => t.task.id);
}

/**
 * A real start race: when our `POST /links/:id/start` for one of `ids`
 * reaches the sandbox, the task changes on the server (`changes`, applied
 * right before the request is handled), so the server rejects our start the
 * way it would in production. The task was still `connect` when it was
 * listed. Each id fires once. Returns a function that removes the hook.
 */
export function beforeStartHandled(sandbox: Sandbox, ids: readonly string[], changes: Record<string, unknown>): () => void {
  const state = sandbox.state;
  const original = state.logRequest;
  const waiting = new Set(ids);
  state.logRequest = function (entry: RequestLogEntry): RequestLogEntry {
    const m = /\/links\/([^/?]+)\/start$/.exec(entry.path);
    const id = m ? decodeURIComponent(m[1]!) : '';
    if (entry.method === 'POST' && waiting.has(id)) {
      waiting.delete(id);
      sandbox.patchTask(id, changes);
    }
    return original.call(state, entry);
  };
  return () => {
    state.logRequest = original;
  };
}

/** Another worker starts the task between our list and our start (409 for us). */
export function anotherWorkerStartsFirst(sandbox: Sandbox, ids: readonly string[]): () => void {
  return beforeStartHandled(sandbox, ids, { status: 'connecting' });
}

/** The task is deleted on the server between our list and our start (404 for us). */
export function deletedBeforeStart(sandbox: Sandbox, ids: readonly string[]): () => void {
  return beforeStartHandled(sandbox, ids, { deleted: true });
}

// ---- TOTP ----

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/**
 * The codes of the windows before, at and after `atMs` for a task's `twofa`
 * (normalised like the product does), so a code read near a window's edge
 * is still accepted.
 */
export function acceptableTotpCodes(twofa: string, atMs: number): string[] {
  const r = normalizeTotpSecret(twofa);
  if (!r.ok) throw new Error(`test task has an unusable twofa (${r.error})`);
  const { secret, digits, period, algorithm } = r.value;
  const epoch = Math.floor(atMs / 1000);
  return [epoch - period, epoch, epoch + period].map((e) => generateSync({ secret, digits, period, algorithm, guardrails, epoch: e }));
}

// ---- the MV3 service worker ----

export interface StoppedWorker {
  /** Resolves once a new instance of the extension's worker is running. */
  restarted(): Promise<void>;
  detach(): Promise<void>;
}

/**
 * Stops the extension's service worker for real (CDP
 * `ServiceWorker.stopAllWorkers`, what chrome://serviceworker-internals'
 * Stop does) and verifies it: the worker target disappears from the
 * browser's target list and its version reports `stopped`. Playwright's own
 * `context.serviceWorkers()` keeps the dead Worker for a long while, so it
 * is not used as evidence.
 *
 * `page` must be a page that does not message the background by itself
 * (the popup's TOTP polling would wake the worker at once): e.g. the
 * options page or about:blank.
 */
export async function stopServiceWorker(ext: ExtensionBrowser, page: Page): Promise<StoppedWorker> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser handle for CDP');
  const browserSession = await browser.newBrowserCDPSession();
  const origin = `chrome-extension://${ext.extensionId}/`;
  const workerTargets = async () =>
    (await browserSession.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(origin)).length;

  const pageSession: CDPSession = await ext.context.newCDPSession(page);
  const statuses: string[] = [];
  pageSession.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(origin)) statuses.push(v.runningStatus);
  });
  await pageSession.send('ServiceWorker.enable');
  expect(await workerTargets(), 'the extension worker runs before the stop').toBe(1);

  // A browser event right after the stop (the task tab still loading: tabs.onUpdated) starts
  // the worker again, as MV3 does; that is not the state under test, so stop it once more.
  let gone = false;
  for (let attempt = 0; attempt < 4 && !gone; attempt++) {
    await pageSession.send('ServiceWorker.stopAllWorkers');
    gone = await expect
      .poll(workerTargets, { timeout: 5000 })
      .toBe(0)
      .then(() => true, () => false);
  }
  expect(gone, 'the worker target is gone').toBe(true);
  await expect.poll(() => statuses.at(-1), { message: 'the worker version is stopped' }).toBe('stopped');
  const stoppedAt = statuses.length;

  return {
    async restarted() {
      await expect.poll(workerTargets, { message: 'a new worker target runs' }).toBe(1);
      await expect.poll(() => statuses.slice(stoppedAt).includes('running'), { message: 'the worker version runs again' }).toBe(true);
    },
    async detach() {
      await pageSession.detach().catch(() => {});
      await browserSession.detach().catch(() => {});
    },
  };
}
