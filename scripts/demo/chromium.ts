/**
 * Chromium for the demo: like the e2e launch (tests/e2e/support/chromium.ts)
 * but made for a person to look at — the window's own size (no forced
 * viewport), the extension's icon pinned, no translate bubble, no
 * "controlled by automated software" bar, and no stray about:blank tab
 * (Playwright's first tab is reused).
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DemoError } from './errors';
import { DEFAULT_EXTENSION_DIR, findChromium, hasBuild, noBuild, noChromium } from './preflight';

export { DEFAULT_EXTENSION_DIR } from './preflight';

/**
 * The id Chromium gives an unpacked extension that has no `key` in its
 * manifest: the SHA-256 of its absolute path, first 32 hex digits written
 * with the letters a–p. Known before launch, so the profile can pin it.
 */
export function unpackedExtensionId(extensionDir: string): string {
  const hex = createHash('sha256').update(realpathSync(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** The profile's `Default/Preferences` before the first start: icon pinned, no translate offers, no welcome page. */
export function demoPreferences(extensionId: string): Record<string, unknown> {
  return {
    extensions: { pinned_extensions: [extensionId] },
    translate: { enabled: false },
    browser: { has_seen_welcome_page: true, check_default_browser: false },
  };
}

export interface DemoBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Whether Chromium has the extension's icon in the toolbar (`chrome.action.getUserSettings`). */
  isOnToolbar(): Promise<boolean>;
  /** Playwright's first tab, to be reused rather than left blank. */
  firstPage: Page;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function launchDemoChromium(opts: {
  headless: boolean;
  extensionDir?: string;
  executablePath?: string;
  /** For screenshots: a fixed page size. A visible window keeps its own. */
  viewport?: { width: number; height: number };
}): Promise<DemoBrowser> {
  const given = opts.extensionDir ?? DEFAULT_EXTENSION_DIR;
  if (!hasBuild(given)) throw noBuild(given);
  const ext = realpathSync(given);
  const executablePath = opts.executablePath ?? findChromium();
  if (!executablePath) throw noChromium();

  const expectedId = unpackedExtensionId(ext);
  const profile = mkdtempSync(path.join(tmpdir(), 'ec-demo-chromium-'));
  mkdirSync(path.join(profile, 'Default'), { recursive: true });
  writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify(demoPreferences(expectedId)));

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: opts.headless,
      viewport: opts.viewport ?? null,
      // The demo stops Chromium itself on Ctrl+C (after its own clean-up).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // The automation bar would cover the page; Playwright's --disable-extensions is undone by
      // --disable-extensions-except anyway, leave it out.
      ignoreDefaultArgs: ['--enable-automation', '--disable-extensions'],
      args: [
        `--disable-extensions-except=${ext}`,
        `--load-extension=${ext}`,
        // Every made-up host (demo-social.test, phpbb-forum.test, …) is the sandbox on loopback.
        '--host-resolver-rules=MAP * 127.0.0.1',
        '--disable-quic',
        '--disable-sync',
        '--no-first-run',
        // No "unsupported command-line flag" bar for the --no-sandbox that root needs.
        '--test-type',
      ],
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    const all = e instanceof Error ? e.message : String(e);
    if (!opts.headless && /Missing X server|cannot open display|Gtk-WARNING|ozone_platform/i.test(all)) {
      throw new DemoError(
        `Chromium could not open a window on DISPLAY=${process.env.DISPLAY ?? ''} (no screen there?). ` +
          'Run with --screenshots DIR to see the walkthrough as pictures, or without DISPLAY set.',
      );
    }
    throw new DemoError(`Chromium (${executablePath}) did not start: ${firstLine(e)}`);
  }
  const serviceWorker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  let extensionId: string;
  try {
    extensionId = new URL((await serviceWorker()).url()).host;
  } catch (e) {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    throw new DemoError(`The extension did not load in Chromium: ${firstLine(e)}`);
  }
  const firstPage = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    extensionId,
    firstPage,
    serviceWorker,
    async isOnToolbar() {
      const sw = await serviceWorker();
      const settings = await sw.evaluate(() => (globalThis as unknown as { chrome: { action: { getUserSettings(): Promise<{ isOnToolbar: boolean }> } } }).chrome.action.getUserSettings());
      return settings.isOnToolbar;
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  // Playwright's messages carry a call log; the first line says what happened.
  return text.split('\n').find((l) => l.trim())?.trim() ?? 'unknown error';
}
