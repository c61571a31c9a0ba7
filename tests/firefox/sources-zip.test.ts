import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
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

/** The files of a (small, non-ZIP64) zip: enough to read WXT's output without an `unzip` binary. */
function readZip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file}: not a zip`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const skip = nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    if (!name.endsWith('/')) files.set(name, method === 0 ? raw : inflateRawSync(raw));
    at += 46 + skip;
  }
  return files;
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
    const files = [...readZip(SOURCES_ZIP).keys()];
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'entrypoints/background.ts']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => FORBIDDEN.some((re) => re.test(f)))).toEqual([]);
  });

  test('rebuilds the very same Firefox build (what a reviewer does: install, build)', () => {
    for (const [name, content] of readZip(SOURCES_ZIP)) {
      mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
      writeFileSync(path.join(work, name), content);
    }
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
