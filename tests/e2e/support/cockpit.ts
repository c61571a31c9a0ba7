/**
 * Helpers for the cockpit specs (tests/e2e/cockpit.spec.ts, a11y.spec.ts):
 * the popup at a given size, "in view without a scroll", the journey slot
 * written the way the background will write it, and axe-core.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from './chromium';
import { expect, extensionUrl } from './fixtures';

export const SIZES = [
  { width: 380, height: 600 },
  { width: 380, height: 500 },
] as const;

export async function pageAt(ext: ExtensionBrowser, name: 'popup.html' | 'options.html', size: { width: number; height: number } = SIZES[0]): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize(size);
  await page.goto(extensionUrl(ext, name));
  return page;
}

/**
 * The element is on screen without any scroll: the page is at its top, the
 * element's box lies inside the viewport, and a hit test at its centre lands
 * on it (nothing, e.g. a sticky header, covers it).
 */
export async function expectInViewWithoutScroll(page: Page, testId: string): Promise<void> {
  const locator = page.getByTestId(testId);
  await expect(locator).toBeVisible();
  expect(await page.evaluate(() => document.scrollingElement!.scrollTop), `page scrolled before checking ${testId}`).toBe(0);
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  expect(box, testId).not.toBeNull();
  const inside = box!.x >= 0 && box!.y >= 0 && box!.x + box!.width <= view.width && box!.y + box!.height <= view.height;
  expect({ testId, box, view, inside }).toMatchObject({ testId, inside: true });
  const hit = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!at && (at === el || el.contains(at));
  });
  expect({ testId, hit }).toEqual({ testId, hit: true });
}

/** Merges `patch` into the stored active task, as the background's journey work will (the popup re-reads state on the change). */
export async function patchActiveTask(ext: ExtensionBrowser, patch: Record<string, unknown>): Promise<void> {
  const worker = await ext.serviceWorker();
  await worker.evaluate(async (p) => {
    type Local = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
    const { activeTask } = await local.get('activeTask');
    if (!activeTask) throw new Error('no active task to patch');
    await local.set({ activeTask: { ...(activeTask as object), ...p } });
  }, patch);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core in the page; returns the violations of serious or critical impact. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // CDP evaluation is not subject to the extension page's CSP (no script tag needed).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Result[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.trim()),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Opens the real toolbar popup (`chrome.action.openPopup()`) and evaluates
 * `expression` in it. Playwright does not list the toolbar popup as a page,
 * so this talks CDP to its target directly.
 */
export async function evaluateInToolbarPopup<T>(ext: ExtensionBrowser, expression: string): Promise<T> {
  const worker = await ext.serviceWorker();
  await worker.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser handle for CDP');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const popupUrl = `chrome-extension://${ext.extensionId}/popup.html`;
    let targetId: string | undefined;
    await expect
      .poll(async () => {
        targetId = (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'page' && t.url === popupUrl)?.targetId;
        return !!targetId;
      }, { message: 'the toolbar popup opened' })
      .toBe(true);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: targetId!, flatten: false });
    let nextId = 0;
    const call = (method: string, params: object) =>
      new Promise<{ result?: { result?: { value?: unknown } }; error?: unknown }>((resolve) => {
        const id = ++nextId;
        const onMessage = (e: { sessionId?: string; message: string }) => {
          if (e.sessionId !== sessionId) return;
          const msg = JSON.parse(e.message) as { id?: number };
          if (msg.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(msg as never);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
    const answer = await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (answer.error) throw new Error(`toolbar popup: ${JSON.stringify(answer.error)}`);
    return answer.result?.result?.value as T;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
