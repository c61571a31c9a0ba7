import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');

/** Debian's Chromium: test tools cannot download browsers on these machines. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian’s `chromium` (apt-get install -y chromium)');
  return found;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

/**
 * Launches Chromium with the built extension. `--host-resolver-rules` maps
 * every made-up host to loopback, so task domains can be served locally.
 */
export async function launchWithExtension(
  opts: {
    extensionDir?: string;
    headless?: boolean;
    /** A profile that outlives this browser (kept on close). */
    userDataDir?: string;
    /** Other unpacked extensions loaded beside ours (the bench's reference content script). */
    alongside?: string[];
  } = {},
): Promise<ExtensionBrowser> {
  const ext = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(ext, 'manifest.json'))) {
    throw new Error(`No built extension at ${ext}: run \`npm run build\` first`);
  }
  const ownProfile = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'ec-chromium-'));
  const dirs = [ext, ...(opts.alongside ?? [])].join(',');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    args: [
      `--disable-extensions-except=${dirs}`,
      `--load-extension=${dirs}`,
      '--host-resolver-rules=MAP * 127.0.0.1',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const serviceWorker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // Ours is the only extension with a service worker (a reference extension has none).
  const sw = await serviceWorker();
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close().catch(() => {});
      if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
