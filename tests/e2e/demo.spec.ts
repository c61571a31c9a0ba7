/**
 * The demo (README "The two commands"), the parts a machine without a
 * display can check: the scripted walkthrough in real Chromium against the
 * sandbox with the demo's tasks, and the command itself with no display.
 * Needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_EXTENSION_DIR, launchDemoChromium } from '../../scripts/demo/chromium';
import { DEFAULT_SHOTS_DIR } from '../../scripts/demo/main';
import { demoTasks } from '../../scripts/demo/tasks';
import { runWalkthrough } from '../../scripts/demo/walkthrough';
import { SEED_IDS, startSandbox } from '../sandbox/server';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const STEPS = ['options', 'popup-ready', 'popup-task', 'site-login-filled', 'site-2fa-filled', 'site-editor-filled', 'site-saved', 'popup-reported'];

function expectScreenshots(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  expect(files).toEqual(STEPS.map((s, i) => `${String(i + 1).padStart(2, '0')}-${s}.png`));
  const sizes = new Set<number>();
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    expect(bytes.subarray(0, 8).equals(PNG), `${f} is a PNG`).toBe(true);
    sizes.add(bytes.length);
  }
  // Eight different pictures, not one page eight times.
  expect(sizes.size).toBeGreaterThan(5);
}


test('the walkthrough: Get task opens the site over plain http on the sandbox port, everything fills, the sandbox gets one report; icon pinned, no blank tab; Open site opens a journey site again', async () => {
  test.setTimeout(120_000);
  // A private copy of the build: another `npm run build` cannot swap it mid-run; its id differs from the usual one, and is still pinned.
  const ext = mkdtempSync(path.join(tmpdir(), 'ec-demo-ext-'));
  cpSync(DEFAULT_EXTENSION_DIR, ext, { recursive: true });
  const out = mkdtempSync(path.join(tmpdir(), 'ec-demo-shots-'));
  const sandbox = await startSandbox({ tasks: [] });
  sandbox.reset(demoTasks(sandbox.port));
  const browser = await launchDemoChromium({ headless: true, extensionDir: ext, viewport: { width: 1280, height: 800 } });
  try {
    expect(await browser.isOnToolbar()).toBe(true);

    const result = await runWalkthrough({ browser, sandbox, outDir: out, settings: { lang: 'en', autoSubmit: false } });

    expect(result.taskId).toBe(SEED_IDS.social);
    expect(result.domain).toBe(`demo-social.test:${sandbox.port}`);
    expect(result.openedUrl.startsWith(`http://demo-social.test:${sandbox.port}/`)).toBe(true);
    const view = sandbox.task(SEED_IDS.social)!;
    expect(view.status).toBe('completed');
    expect(view.reports.map((r) => r.action)).toEqual(['complete']);
    const saved = sandbox.site('demo-social.test').profile!;
    expect(saved.fields.facebook).toBe('https://www.facebook.com/lumenbakery');
    expect(saved.fields.twitter.replace(/^@/, '')).toBe('lumenbakery');
    expectScreenshots(out);
    // Playwright's first tab was used (options), not left as about:blank.
    expect(browser.context.pages().map((p) => p.url())).not.toContain('about:blank');

    // The next task is the first journey site; with its tab closed, *Open site* opens it again on the sandbox's port.
    const popup = browser.context.pages().find((p) => p.url().endsWith('/popup.html'))!;
    const opened = browser.context.waitForEvent('page');
    await popup.getByTestId('pull-task').click();
    await expect(popup.getByTestId('task-domain')).toHaveText(`phpbb-forum.test:${sandbox.port}`);
    await (await opened).close();
    const reopened = browser.context.waitForEvent('page');
    await popup.getByTestId('open-site').click();
    const site = await reopened;
    await site.waitForLoadState('domcontentloaded');
    expect(site.url().startsWith(`http://phpbb-forum.test:${sandbox.port}/`)).toBe(true);
    await expect(site.locator('input[type=password]')).not.toHaveValue('');
  } finally {
    await browser.close();
    await sandbox.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(ext, { recursive: true, force: true });
  }
});

test('bash scripts/demo.sh with no display: prints the sandbox URL, key and five steps, then writes the walkthrough screenshots and exits 0', async () => {
  test.setTimeout(120_000);
  rmSync(DEFAULT_SHOTS_DIR, { recursive: true, force: true });
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const run = await new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--no-build', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  expect(run.out).toMatch(/API base URL\s+http:\/\/127\.0\.0\.1:\d+\/api\/v1\/entity/);
  expect(run.out).toMatch(/API key\s+sandbox-key/);
  for (const n of [1, 2, 3, 4, 5]) expect(run.out).toMatch(new RegExp(`^  ${n}\\. `, 'm'));
  expect(run.out).toContain('No display here');
  expect(run.out).toMatch(/Done: demo-social\.test:\d+ is completed on the sandbox, with 1 report\./);
  expect(existsSync(DEFAULT_SHOTS_DIR)).toBe(true);
  expectScreenshots(DEFAULT_SHOTS_DIR);
});
