import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

// Checks the sources zip Firefox's reviewers get from `wxt zip -b firefox`
// (run by `npm run test:firefox` just before this file).
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const SOURCES_ZIP = path.resolve(`.output/${pkg.name}-${pkg.version}-sources.zip`);
const BUILD_DIR = path.resolve('.output/firefox-mv2');

/** Nothing local, secret or generated goes to the store. */
const FORBIDDEN = [
  /(^|\/)\.env/, // .env, .env.local, …
  /(^|\/)\.git\//,
  /(^|\/)node_modules\//,
  /^\.output\//,
  /^\.wxt\//,
  /^tests\//,
  /^test-results\//,
  /^playwright-report\//,
  /^_[^/]*$/, // scratch files at the root
  /\.(log|pem|key|zip|xpi|crx)$/,
];

function entries(): string[] {
  return execFileSync('unzip', ['-Z1', SOURCES_ZIP], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l && !l.endsWith('/'));
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(dir, rel);
    if (statSync(abs).isFile()) out[rel] = createHash('sha256').update(readFileSync(abs)).digest('hex');
  }
  return out;
}

const work = mkdtempSync(path.join(tmpdir(), 'ec-sources-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Firefox sources zip', () => {
  test('holds the build inputs and nothing local or secret', () => {
    expect(existsSync(SOURCES_ZIP), `${SOURCES_ZIP} missing: run \`npx wxt zip -b firefox\``).toBe(true);
    const files = entries();
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'entrypoints/background.ts']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => FORBIDDEN.some((re) => re.test(f)))).toEqual([]);
  });

  test('rebuilds the very same Firefox build (what a reviewer does: install, build)', () => {
    execFileSync('unzip', ['-q', SOURCES_ZIP, '-d', work]);
    // The installed packages stand in for `npm ci` (same lock file, no network here).
    symlinkSync(path.resolve('node_modules'), path.join(work, 'node_modules'), 'dir');
    const wxt = path.resolve('node_modules/wxt/bin/wxt.mjs');
    // A clean environment: Vitest's NODE_ENV=test would change what Vite bundles.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
    execFileSync(process.execPath, [wxt, 'prepare'], { cwd: work, env, stdio: 'pipe' });
    execFileSync(process.execPath, [wxt, 'build', '-b', 'firefox'], { cwd: work, env, stdio: 'pipe' });
    expect(hashTree(path.join(work, '.output/firefox-mv2'))).toEqual(hashTree(BUILD_DIR));
  });
});
