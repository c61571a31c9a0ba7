/**
 * The demo once the checks passed: the sandbox with the demo tasks, then a
 * Chromium window, or (no display, or --screenshots) the walkthrough.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSandbox, type Sandbox } from '../../tests/sandbox/server';
import { launchDemoChromium, type DemoBrowser } from './chromium';
import { configureExtension } from './configure';
import { DemoError, portProblem } from './errors';
import type { DemoOptions } from './options';
import { demoSites, demoTasks } from './tasks';
import { banner, startPage } from './text';
import { runWalkthrough } from './walkthrough';

const SHOT_VIEWPORT = { width: 1280, height: 800 };

export async function runDemo(opts: DemoOptions & { shotsDir?: string; executablePath: string }): Promise<number> {
  const { shotsDir, executablePath } = opts;
  const stop = new Stopper();
  try {
    const sandbox = await startSandbox({ port: opts.port, tasks: [] }).catch(async (e: NodeJS.ErrnoException) => {
      throw new DemoError(e.code === 'EADDRINUSE' ? ((await portProblem(opts.port)) ?? e.message) : `The sandbox did not start: ${e.message}`);
    });
    stop.add(() => sandbox.close());
    sandbox.reset(demoTasks(sandbox.port));
    const sites = demoSites(
      sandbox.tasks().map((v) => v.task),
      sandbox.port,
    );
    console.log(banner(sandbox, sites, opts.lang, opts.autoSubmit));

    if (shotsDir) {
      if (opts.screenshots === undefined) {
        console.log('No display here (DISPLAY is not set), so no window can open. Clicking through one task in');
        console.log(`headless Chromium instead, with a screenshot of each step in ${shotsDir}.`);
        console.log('To click through yourself, run the demo where there is a screen (or over ssh -X).\n');
      }
      const browser = await launchDemoChromium({ headless: true, executablePath, viewport: SHOT_VIEWPORT });
      stop.add(() => browser.close());
      const result = await stop.race(
        runWalkthrough({
          browser,
          sandbox,
          outDir: shotsDir,
          settings: { lang: opts.lang, autoSubmit: opts.autoSubmit },
          onShot: (file, caption) => console.log(`  ${shown(file)}  ${caption}`),
        }),
      );
      const view = sandbox.task(result.taskId);
      console.log(`\nDone: ${result.domain} is ${view?.status} on the sandbox, with ${view?.reports.length} report. ${result.shots.length} screenshots in ${shotsDir}`);
      return 0;
    }

    const browser = await launchDemoChromium({ headless: false, executablePath });
    stop.add(() => browser.close());
    await openWindow(browser, sandbox, sites, opts, stop);
    console.log('Chromium is open, with the extension set up for the sandbox. Close the window or press Ctrl+C to stop.');
    await stop.until(new Promise<void>((resolve) => browser.context.once('close', () => resolve())));
    console.log('Demo stopped.');
    return 0;
  } finally {
    await stop.cleanUp();
  }
}

async function openWindow(browser: DemoBrowser, sandbox: Sandbox, sites: ReturnType<typeof demoSites>, opts: DemoOptions, stop: Stopper): Promise<void> {
  const page = browser.firstPage;
  await configureExtension(page, browser.extensionId, { apiBase: sandbox.apiBase, apiKey: sandbox.apiKey, lang: opts.lang, autoSubmit: opts.autoSubmit });
  const dir = mkdtempSync(path.join(tmpdir(), 'ec-demo-start-'));
  stop.add(async () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'start.html');
  writeFileSync(file, startPage(sandbox, sites, opts.lang, opts.autoSubmit));
  await page.goto(pathToFileURL(file).toString());
  // The real toolbar popup, over the start page (Chromium 127+); when it cannot open, the icon is there.
  await page.bringToFront();
  const sw = await browser.serviceWorker();
  await sw.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup()).catch(() => undefined);
  if (!(await browser.isOnToolbar().catch(() => false))) console.log('(The extension\'s icon could not be pinned: find it under the puzzle-piece menu in the toolbar.)');
}

/** A path as short as it can be said: relative inside the repository, absolute elsewhere. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** Ctrl+C / SIGTERM and the clean-up list: everything the demo started is stopped, in reverse order. */
class Stopper {
  private readonly cleanups: Array<() => Promise<void>> = [];
  private readonly signalled: Promise<string>;

  constructor() {
    this.signalled = new Promise((resolve) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => resolve(s));
    });
  }

  add(fn: () => Promise<void>): void {
    this.cleanups.push(fn);
  }

  /** `work`, unless a signal comes first: then an error that says so. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([
      work,
      this.signalled.then((s): never => {
        throw new DemoError(`Stopped (${s}).`, 130);
      }),
    ]);
  }

  /** Waits for `work` or a signal, whichever comes first. */
  async until(work: Promise<void>): Promise<void> {
    await Promise.race([work, this.signalled]);
  }

  async cleanUp(): Promise<void> {
    for (const fn of this.cleanups.reverse()) await fn().catch(() => undefined);
  }
}
