/**
 * What the demo checks before it loads anything heavy (Playwright, the
 * sandbox) or builds: the browser and the build. The port check is in
 * ./errors (portProblem).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DemoError } from './errors';

export const DEFAULT_EXTENSION_DIR = path.resolve('.output/chrome-mv3');

/** Debian's Chromium (or CHROMIUM_PATH); null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => existsSync(p)) ?? null;
}

export function hasBuild(extensionDir: string = DEFAULT_EXTENSION_DIR): boolean {
  return existsSync(path.join(extensionDir, 'manifest.json'));
}

export function noBuild(extensionDir: string = DEFAULT_EXTENSION_DIR): DemoError {
  return new DemoError(`No built extension at ${extensionDir}. Run the demo without --no-build, or npm run build first.`);
}

export function noChromium(): DemoError {
  const env = process.env.CHROMIUM_PATH;
  return new DemoError(
    env
      ? `Chromium not found at CHROMIUM_PATH=${env}. Point it at a Chromium binary, or unset it to use Debian's /usr/bin/chromium.`
      : 'Chromium not found. Install Debian\'s package: sudo apt-get install chromium (bash scripts/setup.sh chromium does it), or set CHROMIUM_PATH.',
  );
}
