/**
 * The module boundaries of ARCHITECTURE.md, checked on the source:
 * every lib/ folder has one entry (index.ts); code outside a folder imports it
 * through that entry or a declared named entry; the entries that pages and the
 * content script load stay light (no API client, zod, the public-suffix list,
 * otplib or React where they do not belong).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Named entries besides index.ts, each with the reason it exists. */
const NAMED_ENTRIES: Record<string, string> = {
  'lib/domain/registrable': 'heavy: the public-suffix list (tldts), background only',
  'lib/task/service': 'heavy: the task service talks to the API (client + zod), background only',
  'lib/api/defaults': 'light: the API defaults without the client and zod, for the options page',
  'lib/panel/load': 'the in-page panel\'s code, loaded after the first fill: its own script (/task-panel.js), injected by the background',
  'lib/platforms/signals': 'light: the page-side reader of the fingerprints the background asks for, without the registry, for the content script',
  'lib/background/offscreen': "light: the offscreen document's clipboard answer (Chromium), without the rest of the background",
};

const PRODUCT_DIRS = ['lib', 'components', 'entrypoints'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Value imports only (`import type` / `export type` vanish from the bundle), static and dynamic. */
function importsOf(file: string): { spec: string; dynamic: boolean }[] {
  const src = readFileSync(file, 'utf8');
  const out: { spec: string; dynamic: boolean }[] = [];
  for (const m of src.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    if (!m[1]) out.push({ spec: m[2]!, dynamic: false });
  }
  for (const m of src.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]!, dynamic: true });
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(cand) && statSync(cand).isFile()) return cand;
  }
  throw new Error(`${relative(ROOT, from)}: cannot resolve ${spec}`);
}

const rel = (p: string) => relative(ROOT, p).replace(/\\/g, '/');
const libFolder = (p: string) => /^lib\/([^/]+)\//.exec(rel(p))?.[1] ?? null;

/** Static import graph from an entry: our files reached and the packages they name. */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(ROOT, entry)];
  while (todo.length) {
    const f = todo.pop()!;
    if (files.has(rel(f))) continue;
    files.add(rel(f));
    for (const { spec, dynamic } of importsOf(f)) {
      if (dynamic) continue; // loaded later, on demand
      const local = resolveLocal(f, spec);
      if (local) todo.push(local);
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { files, packages };
}

describe('lib/ folders: one idea, one entry', () => {
  const folders = readdirSync(join(ROOT, 'lib')).filter((n) => statSync(join(ROOT, 'lib', n)).isDirectory());

  it.each(folders)('lib/%s has its entry (index.ts)', (folder) => {
    expect(existsSync(join(ROOT, 'lib', folder, 'index.ts'))).toBe(true);
  });

  it('code outside a lib/ folder imports it through its entry or a declared named entry', () => {
    const offenders: string[] = [];
    for (const dir of PRODUCT_DIRS) {
      for (const file of walk(join(ROOT, dir))) {
        const own = libFolder(file);
        for (const { spec } of importsOf(file)) {
          const target = resolveLocal(file, spec);
          if (!target) continue;
          const folder = libFolder(target);
          if (!folder || folder === own) continue;
          const path = rel(target).replace(/\.tsx?$/, '');
          if (path === `lib/${folder}/index` || path in NAMED_ENTRIES) continue;
          offenders.push(`${rel(file)} → ${path}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('every declared named entry exists', () => {
    for (const path of Object.keys(NAMED_ENTRIES)) expect(existsSync(join(ROOT, `${path}.ts`)), path).toBe(true);
  });
});

describe('light entries stay light', () => {
  const heavyForPages = ['lib/api/client.ts', 'lib/api/schemas.ts', 'lib/task/service.ts', 'lib/domain/registrable.ts'];

  it('the content script reaches no API code, zod, otplib, tldts or React', () => {
    const { files, packages } = graph('entrypoints/task-page.ts');
    expect(files.has('lib/autofill/index.ts')).toBe(true); // the walk does reach the engine
    for (const pkg of ['zod', 'otplib', 'tldts', 'react', 'react-dom']) expect(packages.has(pkg), pkg).toBe(false);
    for (const f of [...heavyForPages, 'lib/totp/index.ts', 'lib/background/index.ts']) expect(files.has(f), f).toBe(false);
    // Not the panel: its code is its own script, run by the background after the first fill (lib/panel/load).
    expect(files.has('lib/panel/view.ts')).toBe(false);
    // The platform registry runs in the background; the page only reads what it is asked for.
    expect(files.has('lib/platforms/signals.ts')).toBe(true);
    for (const f of ['lib/platforms/index.ts', 'lib/platforms/registry.ts', 'lib/platforms/links.ts']) expect(files.has(f), f).toBe(false);
    // No catalogue: the background sends the panel its sentences in the worker's language.
    for (const f of ['lib/i18n/vi.ts', 'lib/i18n/en.ts', 'lib/i18n/index.ts']) expect(files.has(f), f).toBe(false);
  });

  it.each(['entrypoints/popup/main.tsx', 'entrypoints/options/main.tsx', 'entrypoints/popup/early.ts'])(
    '%s reaches neither the API client, zod, the public-suffix list nor otplib',
    (entry) => {
      const { files, packages } = graph(entry);
      for (const pkg of ['zod', 'otplib', 'tldts']) expect(packages.has(pkg), pkg).toBe(false);
      for (const f of heavyForPages) expect(files.has(f), f).toBe(false);
    },
  );
});
