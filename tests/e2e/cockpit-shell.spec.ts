/**
 * The cockpit's browser-level promises (DESIGN "The worker's cockpit"):
 * shortcuts the browser really binds, the browser's password saving off only
 * while a task is active, one-time codes on the API server's clock, and the
 * panel's way to the popup.
 */
import type { Page } from '@playwright/test';
import { serverTask } from './support/fixtures';
import { acceptableTotpCodes, connectingIds, expect, openOptions, openPopupTab, pullTask, saveConnection, test } from './support/worker-flow';

/** Get task in the popup; the id of the task the server now has in `connecting`. */
async function startOne(popup: Page, sandbox: Parameters<typeof connectingIds>[0]): Promise<string> {
  await pullTask(popup);
  const [id] = connectingIds(sandbox);
  expect(id).toBeTruthy();
  return id!;
}

type PrivacyState = { value: boolean; levelOfControl: string };

async function passwordSaving(ext: { serviceWorker(): Promise<{ evaluate<T>(fn: () => Promise<T>): Promise<T> }> }): Promise<PrivacyState> {
  const sw = await ext.serviceWorker();
  return sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { privacy: { services: { passwordSavingEnabled: { get(d: object): Promise<PrivacyState> } } } } }).chrome;
    const r = await c.privacy.services.passwordSavingEnabled.get({});
    return { value: r.value, levelOfControl: r.levelOfControl };
  });
}

test('the four shortcuts are bound by Chromium itself, opening the popup among them', async ({ ext }) => {
  const sw = await ext.serviceWorker();
  const commands = await sw.evaluate(async () =>
    (await (globalThis as unknown as { chrome: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } } }).chrome.commands.getAll()).map((c) => ({
      name: c.name,
      shortcut: c.shortcut,
    })),
  );
  expect(commands.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
    { name: '_execute_action', shortcut: 'Alt+Shift+E' },
    { name: 'complete-task', shortcut: 'Alt+Shift+K' },
    { name: 'fill-now', shortcut: 'Alt+Shift+F' },
    { name: 'open-task-site', shortcut: 'Alt+Shift+O' },
  ]);
});

test('the browser offers to save no password while a task is active; the worker’s own setting comes back after', async ({ ext, sandbox }) => {
  expect(await passwordSaving(ext)).toEqual({ value: true, levelOfControl: 'controllable_by_this_extension' });
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopupTab(ext);
  const id = await startOne(popup, sandbox);
  await expect.poll(() => passwordSaving(ext)).toEqual({ value: false, levelOfControl: 'controlled_by_this_extension' });
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => serverTask(sandbox, id).status).toBe('completed');
  await expect.poll(() => passwordSaving(ext)).toEqual({ value: true, levelOfControl: 'controllable_by_this_extension' });
});

test('codes follow the API server’s clock: with the API 5 minutes ahead, the popup shows the server-time code', async ({ ext, sandbox }) => {
  sandbox.setClockSkew(5 * 60_000);
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopupTab(ext);
  const id = await startOne(popup, sandbox);
  const twofa = String(sandbox.task(id)!.task.twofa);
  const code = popup.getByTestId('totp-code');
  await expect(code).toHaveText(/\d{6}/);
  const shown = ((await code.textContent()) ?? '').replace(/\D/g, '');
  expect(acceptableTotpCodes(twofa, Date.now() + 5 * 60_000)).toContain(shown);
  expect(acceptableTotpCodes(twofa, Date.now())).not.toContain(shown);
});

test('the code filled into the site follows the API server’s clock too (with the API 5 minutes ahead)', async ({ ext, sandbox }) => {
  sandbox.setClockSkew(5 * 60_000);
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopupTab(ext);
  const id = await startOne(popup, sandbox);
  const task = sandbox.task(id)!.task;
  const site = await ext.context.newPage();
  await site.goto(sandbox.siteUrl(task.domain, '/login'));
  await expect(site.locator('#password')).not.toHaveValue('');
  await site.locator('button[name="commit"]').click();
  const otp = site.locator('#otp');
  await expect(otp).toHaveValue(/^\d{6}$/);
  const filled = await otp.inputValue();
  expect(acceptableTotpCodes(String(task.twofa), Date.now() + 5 * 60_000)).toContain(filled);
  expect(acceptableTotpCodes(String(task.twofa), Date.now())).not.toContain(filled);
});

test('the panel’s button opens the popup, where the task is reported', async ({ ext, sandbox }) => {
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopupTab(ext);
  const id = await startOne(popup, sandbox);
  const site = await ext.context.newPage();
  await site.goto(sandbox.siteUrl(sandbox.task(id)!.task.domain, '/login'));
  // The toolbar popup is a target of its own (not a tab Playwright reports): count the popup.html targets.
  const cdp = await ext.context.newCDPSession(site);
  const popups = async () => (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.url.endsWith('/popup.html')).length;
  const before = await popups();
  // The panel lives in a closed shadow root: a real click at its button's place, as the worker does.
  const box = await buttonBox(site, 'panel-open-popup');
  await site.mouse.click(box.x, box.y);
  await expect.poll(popups).toBe(before + 1);
  await cdp.detach();
  // Nothing was reported from the page: the task waits for the worker in the popup.
  expect(serverTask(sandbox, id).status).toBe('connecting');
});

test('the panel steps aside from the site’s own Save: a sticky Save bar at the bottom right sends it to the left', async ({ ext, sandbox }) => {
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopupTab(ext);
  const id = await startOne(popup, sandbox);
  const site = await ext.context.newPage();
  await site.setViewportSize({ width: 1000, height: 700 });
  await site.goto(sandbox.siteUrl(sandbox.task(id)!.task.domain, '/login'));
  await buttonBox(site, 'panel-collapse');
  const panelRect = () => site.evaluate(() => document.querySelector('entity-connect-panel')!.getBoundingClientRect().toJSON() as DOMRect);
  const before = await panelRect();
  expect(before.left, 'the panel starts in its default corner, bottom right').toBeGreaterThan(500);
  // The site adds a right-aligned sticky Save bar (as many editors do) and the window is resized.
  const save = await site.evaluate(() => {
    const bar = document.createElement('div');
    bar.style.cssText = 'position:fixed;right:0;bottom:0;width:45%;height:80px;background:#eee;display:flex;justify-content:flex-end;align-items:center;padding:0 16px';
    bar.innerHTML = '<button type="button" style="padding:12px 24px">Save changes</button>';
    document.body.append(bar);
    window.dispatchEvent(new Event('resize'));
    return bar.querySelector('button')!.getBoundingClientRect().toJSON() as DOMRect;
  });
  await expect.poll(async () => (await panelRect()).left).toBeLessThan(100);
  const after = await panelRect();
  const overlaps = after.left < save.right && save.left < after.right && after.top < save.bottom && save.top < after.bottom;
  expect(overlaps, 'the panel does not cover the Save button').toBe(false);
});

/** The centre of a panel button, read through DevTools (the page itself cannot see into the panel). */
async function buttonBox(page: Page, testid: string): Promise<{ x: number; y: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await expect
      .poll(async () => {
        const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
        return JSON.stringify(root).includes(testid);
      })
      .toBe(true);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (n: { attributes?: string[]; children?: unknown[]; shadowRoots?: unknown[]; nodeId: number }): number | null => {
      const attrs = n.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'data-testid' && attrs[i + 1] === testid) return n.nodeId;
      for (const c of [...((n.shadowRoots as typeof n[]) ?? []), ...((n.children as typeof n[]) ?? [])]) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    };
    const nodeId = find(root as never)!;
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const q = model.content;
    return { x: (q[0]! + q[4]!) / 2, y: (q[1]! + q[5]!) / 2 };
  } finally {
    await cdp.detach();
  }
}
