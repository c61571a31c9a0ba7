import { test as base, type CDPSession, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTACK_CASES, ATTACK_TASK_HOST, leaksOutsideOwnForms, readPage, TRAP_LABEL, writeAttackPages } from '../sandbox/attacks';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { configure, expect, openPopup, serverTask } from './support/fixtures';

/**
 * Issue 12's attacks in real Chromium with the built extension, one page per
 * trick (tests/sandbox/attacks), and the controls that must still fill. Each
 * page's own log (every value its scripts saw) and its fields are read: no
 * secret reaches an attacked field or the page, and nothing is reported
 * without the worker. The same cases run in firefox-esr in
 * tests/firefox/security-attacks.test.ts.
 */

const CODE_SECRET = 'JBSWY3DPEHPK3PXP';
const TASK = {
  id: 'atk-task-1',
  domain: ATTACK_TASK_HOST,
  username: 'atk-user',
  email: 'atk.worker@gmail.test',
  password: 'Atk-P4ss-Only-For-Site!',
  pass_mail: 'Atk-Gm41l-S3cret!',
  twofa: CODE_SECRET,
  website: 'https://customer.example',
  // a link flood (issue 12, item 6): at most 150 are kept, with a message
  entity_connect: Array.from({ length: 400 }, (_, i) => `https://example.com/u/atk-${i}`),
  status: 'connect',
};
/** Tasks the API must not get the worker to use (issue 12, item 6): a `..` id, a domain with userinfo. */
const UNSAFE = [
  { id: '..', domain: 'unsafe-id.test', username: 'x', password: 'Unsafe-Id-Pw!', status: 'connect' },
  { id: 'atk-unsafe-domain', domain: `${ATTACK_TASK_HOST}@evil-sink.test`, username: 'x', password: 'Unsafe-Domain-Pw!', status: 'connect' },
];

const dir = mkdtempSync(join(tmpdir(), 'ec-attacks-'));
writeAttackPages(dir);

const test = base.extend<object, { sandbox: Sandbox; ext: ExtensionBrowser; popup: Page }>({
  sandbox: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const sb = await startSandbox({ tasks: [UNSAFE[0]!, TASK, UNSAFE[1]!], fixturesDir: dir });
      await use(sb);
      await sb.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  ext: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const ext = await launchWithExtension();
      await use(ext);
      await ext.close();
    },
    { scope: 'worker' },
  ],
  popup: [
    async ({ ext, sandbox }, use) => {
      await configure(ext, sandbox.apiBase, sandbox.apiKey);
      const popup = await openPopup(ext);
      await popup.getByTestId('pull-task').click();
      await expect(popup.getByTestId('task-domain')).toContainText(ATTACK_TASK_HOST);
      await use(popup);
    },
    { scope: 'worker' },
  ],
});
test.describe.configure({ mode: 'serial' });

/** The panel's text (a closed shadow root: DevTools can read it, the page cannot). */
async function panelText(cdp: CDPSession): Promise<string | null> {
  const { root } = await cdp.send('DOM.getDocument', { depth: 2, pierce: true });
  const html = root.children?.find((n) => n.localName === 'html');
  const host = html?.children?.find((n) => n.localName === 'entity-connect-panel');
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return null;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, returnByValue: true, functionDeclaration: 'function () { return this.textContent; }' });
  return result.value as string;
}

const SETTLE_MS = 2500;

for (const c of ATTACK_CASES) {
  test(`item ${c.item}: ${c.what} (${c.page})`, async ({ ext, sandbox, popup }) => {
    test.setTimeout(90_000);
    const page = await ext.context.newPage();
    await page.goto(sandbox.siteUrl(c.host, `/fixtures/${c.page}`));
    const read = () => (page.evaluate(`(${readPage.toString()})(${JSON.stringify(c.attacked)}, ${JSON.stringify(c.filled)})`) as Promise<ReturnType<typeof readPage>>).catch(() => null);
    // Controls fill (the extension ran on the page); then give any late pass its chance (absence check).
    if (c.filled.length) await expect.poll(async () => (await read())?.filled).toEqual(c.filled.map(() => TASK.password));
    await page.waitForTimeout(SETTLE_MS);
    if (c.clickPanel) await clickAllOverPanel(page);
    const seen = (await page.evaluate(`(${readPage.toString()})(${JSON.stringify(c.attacked)}, ${JSON.stringify(c.filled)})`)) as ReturnType<typeof readPage>;

    expect(seen.attacked.every((v) => v === ''), `attacked fields: ${JSON.stringify(seen.attacked)}`).toBe(true);
    if (c.emptiedAfter) {
      // The page saw the fill (it was visible for a moment); the field was emptied at once after it hid it.
      const last = seen.log.filter((l) => l.startsWith('input:a-p=')).at(-1);
      expect(last ?? 'input:a-p=', 'the last value the page saw').toBe('input:a-p=');
    } else {
      expect(leaksOutsideOwnForms(seen.log, c, [TASK.password, TASK.pass_mail]), 'what the page saw outside its own login').toEqual([]);
    }
    expect(seen.log.filter((l) => /submit:/.test(l)), 'nothing submitted').toEqual([]);
    if (c.filled.length) expect(seen.filled, 'controls still hold the fill (no unseen undo)').toEqual(c.filled.map(() => TASK.password));
    if (c.page === 'panel-page-text.html') {
      const cdp = await ext.context.newCDPSession(page);
      await expect.poll(() => panelText(cdp)).not.toBeNull();
      const text = (await panelText(cdp))!;
      expect(text).not.toContain('verified');
      expect(text).not.toContain(TRAP_LABEL);
      await cdp.detach();
    }
    // Nothing is ever reported without the worker.
    expect(serverTask(sandbox, TASK.id).status).toBe('connecting');
    expect(serverTask(sandbox, TASK.id).reports).toHaveLength(0);
    void popup;
    await page.close();
  });
}

/** Real mouse clicks over the panel's whole box (fill again, undo, the way to the popup, fold, move). */
async function clickAllOverPanel(page: Page): Promise<void> {
  const box = await page.evaluate(() => {
    const r = document.querySelector('entity-connect-panel')?.getBoundingClientRect();
    return r ? { x: r.left, y: r.top, w: r.width, h: r.height } : null;
  });
  expect(box, 'the panel is on the page').not.toBeNull();
  for (let x = box!.x + 6; x < box!.x + box!.w; x += 30) {
    for (let y = box!.y + 6; y < box!.y + box!.h; y += 18) await page.mouse.click(x, y);
  }
  await page.waitForTimeout(500);
}

test('item 6: unsafe task ids and domains are never used; a link flood is capped with a message', async ({ sandbox, popup }) => {
  // The pull skipped both unsafe tasks: no request ever carried `..`, the userinfo domain was never started.
  expect(sandbox.requestLog().some((r) => /\/\.\.(\/|$)|%2e%2e/i.test(r.path))).toBe(false);
  expect(serverTask(sandbox, 'atk-unsafe-domain').status).toBe('connect'); // not pulled while another is active
  await expect(popup.getByTestId('task-domain')).toHaveText(new RegExp(`^${ATTACK_TASK_HOST.replace(/\./g, '\\.')}`));
  await expect(popup.getByTestId('links-dropped')).toContainText('250');
});

test('finally: the worker completes once, from the popup; a task whose domain smuggles a host opens nothing', async ({ ext, sandbox, popup }) => {
  await popup.reload();
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => serverTask(sandbox, TASK.id).status).toBe('completed');
  expect(serverTask(sandbox, TASK.id).reports).toHaveLength(1);
  // The next task's domain is `<host>@evil-sink.test`: Open site goes nowhere, least of all to evil-sink.test.
  await popup.getByTestId('pull-task').click();
  await expect.poll(() => serverTask(sandbox, 'atk-unsafe-domain').status).toBe('connecting');
  const open = popup.getByTestId('open-site');
  if (await open.isEnabled()) await open.click();
  await popup.waitForTimeout(1500);
  expect(ext.context.pages().map((p) => p.url()).filter((u) => u.includes('evil-sink'))).toEqual([]);
});
