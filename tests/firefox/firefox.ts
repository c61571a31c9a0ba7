import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import webExt from 'web-ext';
import { Bidi, type Tab } from './bidi';

/** The Firefox build (`npm run build:firefox`); FIREFOX_EXTENSION_DIR points the harness at another one. */
export const FIREFOX_EXTENSION_DIR = path.resolve(process.env.FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv2');
/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const ADDON_ID = 'entity-connect@likepion.com';
/** Fixed moz-extension UUID (pref `extensions.webextensions.uuids`), so tests know the extension's pages' URLs. */
export const EXTENSION_UUID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('Firefox not found: install Debian’s `firefox-esr` (apt-get install -y firefox-esr)');
  return found;
}

export interface FirefoxWithExtension {
  bidi: Bidi;
  /** moz-extension://<uuid>/<page> */
  extensionUrl(page: 'popup.html' | 'options.html'): string;
  newTab(): Promise<Tab>;
  /** Stops Firefox and removes every temporary file it made. Safe to call twice. */
  close(): Promise<void>;
}

/** Firefox's own prefs are strings in user.js: web-ext writes them unescaped. */
function prefString(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/**
 * Debian's firefox-esr, headless, with the built extension installed as a
 * temporary add-on by web-ext (as a developer would), every made-up host
 * resolved to loopback, and WebDriver BiDi on a free port to drive it.
 *
 * Everything Firefox writes (profile, temp files) lives under one temp dir;
 * a detached watchdog kills Firefox and removes that dir if this process dies
 * without calling close() (a crash, SIGKILL, a CI timeout).
 */
export async function launchFirefox(
  opts: {
    extensionDir?: string;
    /** Take any TLS certificate: pages on real (HSTS-preloaded) hosts are served on loopback with a self-signed one. */
    acceptInsecureCerts?: boolean;
  } = {},
): Promise<FirefoxWithExtension> {
  const extensionDir = opts.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build:firefox\` first`);
  }
  const root = mkdtempSync(path.join(tmpdir(), 'ec-firefox-'));
  const profile = path.join(root, 'profile');
  let firefox: ChildProcess | undefined;
  let watchdog: ChildProcess | undefined;
  let bidi: Bidi | undefined;
  let closed = false;

  const close = async () => {
    if (closed) return;
    closed = true;
    await bidi?.close().catch(() => undefined);
    if (firefox && firefox.exitCode === null && firefox.signalCode === null) {
      const exited = new Promise<void>((resolve) => firefox!.once('exit', () => resolve()));
      firefox.kill('SIGTERM');
      const killLater = setTimeout(() => firefox?.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killLater);
    }
    rmSync(root, { recursive: true, force: true });
    if (watchdog?.pid) {
      try {
        process.kill(watchdog.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };

  // web-ext spawns Firefox with a copy of process.env: point its temp dir into ours.
  const savedEnv = { TMPDIR: process.env.TMPDIR, MOZ_CRASHREPORTER_DISABLE: process.env.MOZ_CRASHREPORTER_DISABLE };
  process.env.TMPDIR = root;
  process.env.MOZ_CRASHREPORTER_DISABLE = '1';
  try {
    const runner = await webExt.cmd.run(
      {
        sourceDir: extensionDir,
        firefox: firefoxPath(),
        firefoxProfile: profile,
        profileCreateIfMissing: true,
        keepProfileChanges: true, // use `profile` in place: no copy elsewhere in /tmp
        noReload: true,
        noInput: true,
        args: ['--headless', '--remote-debugging-port=0', '--remote-allow-system-access'],
        pref: {
          'extensions.webextensions.uuids': prefString(JSON.stringify({ [ADDON_ID]: EXTENSION_UUID })),
          // The counterpart of Chromium's --host-resolver-rules: task domains are served locally.
          'network.dns.forceResolve': '127.0.0.1',
          'network.proxy.type': 0,
        },
      },
      { shouldExitProgram: false },
    );
    firefox = (runner as unknown as { extensionRunners: { runningInfo?: { firefox?: ChildProcess } }[] }).extensionRunners[0]
      ?.runningInfo?.firefox;
    if (!firefox?.pid) throw new Error('web-ext did not report the Firefox process');
    watchdog = spawn(
      'sh',
      [
        '-c',
        'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -TERM "$2" 2>/dev/null; sleep 3; kill -KILL "$2" 2>/dev/null; rm -rf "$3"',
        'ec-firefox-watchdog',
        String(process.pid),
        String(firefox.pid),
        root,
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();

    // Firefox writes the BiDi port it picked (port 0) into the profile.
    const portFile = path.join(profile, 'WebDriverBiDiServer.json');
    const deadline = Date.now() + 20_000;
    while (!existsSync(portFile)) {
      if (Date.now() > deadline) throw new Error('Firefox did not start WebDriver BiDi');
      await new Promise((r) => setTimeout(r, 100));
    }
    const { ws_host: host, ws_port: port } = JSON.parse(readFileSync(portFile, 'utf8')) as { ws_host: string; ws_port: number };
    bidi = await Bidi.connect(`ws://${host}:${port}/session`, { acceptInsecureCerts: opts.acceptInsecureCerts });
  } catch (e) {
    await close();
    throw e;
  } finally {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }

  const connected = bidi;
  return {
    bidi: connected,
    extensionUrl: (page) => `moz-extension://${EXTENSION_UUID}/${page}`,
    newTab: () => connected.newTab(),
    close,
  };
}
