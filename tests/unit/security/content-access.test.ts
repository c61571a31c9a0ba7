import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notifyTaskChanged, restrictStorageToExtension, startBackground, type NotifyTabsApi } from '../../../lib/background';
import { removeAllListeners } from '../../../lib/messaging';

/**
 * "The API key stays in the extension": content scripts may neither read
 * storage.local nor receive its change events (which carry new values: the
 * settings with the key, the active task with its passwords).
 */

describe('storage.local is restricted to the extension where the browser allows it', () => {
  it('asks for TRUSTED_CONTEXTS; reports false where there is no such switch or it fails', async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    expect(await restrictStorageToExtension({ setAccessLevel })).toBe(true);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });

    expect(await restrictStorageToExtension({})).toBe(false);
    expect(await restrictStorageToExtension(undefined)).toBe(false);
    expect(
      await restrictStorageToExtension({
        setAccessLevel: async () => {
          throw new Error('not supported for this area');
        },
      }),
    ).toBe(false);
  });

  it('the background restricts storage.local first thing at start-up', async () => {
    fakeBrowser.reset();
    removeAllListeners();
    (globalThis as { chrome?: unknown }).chrome = fakeBrowser;
    const setAccessLevel = vi.fn(async () => undefined);
    (fakeBrowser.storage.local as unknown as { setAccessLevel: unknown }).setAccessLevel = setAccessLevel;
    try {
      const { ready } = startBackground();
      // Called synchronously in startBackground, before any listener can serve a content script.
      expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
      await ready;
    } finally {
      delete (fakeBrowser.storage.local as unknown as { setAccessLevel?: unknown }).setAccessLevel;
      removeAllListeners();
    }
  });
});

describe('task changes reach content scripts by message, not by storage events', () => {
  beforeEach(() => fakeBrowser.reset());

  it('every tab is told; tabs without our script (rejections) are skipped quietly', async () => {
    const sent: number[] = [];
    const tabs = { query: async () => [{ id: 1 }, { id: 2 }, {}, { id: 3 }] } as unknown as NotifyTabsApi;
    const reached = await notifyTaskChanged(tabs, async (id) => {
      sent.push(id);
      if (id === 2) throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(sent.sort()).toEqual([1, 2, 3]);
    expect(reached).toBe(2);
  });

  it('a failing tab query does not throw', async () => {
    const send = vi.fn(async () => undefined);
    expect(
      await notifyTaskChanged({
        query: async () => {
          throw new Error('no tabs API');
        },
      }, send),
    ).toBe(0);
    expect(send).not.toHaveBeenCalled();
  });
});

/** Files reachable from an entry by value imports (type-only imports are erased by the compiler). */
function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"](\.[^'"]+)['"]/gms)) {
      const base = path.resolve(path.dirname(file), m[2]!);
      const found = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base].find((p) => existsSync(p) && p.match(/\.tsx?$/));
      if (found) visit(found);
    }
  };
  visit(path.resolve(entry));
  return [...seen];
}

describe('the content script never touches extension storage', () => {
  // The task page's script and the panel's, which the background runs in it after the first fill.
  const files = [...new Set([...importGraph('entrypoints/task-page.ts'), ...importGraph('entrypoints/task-panel.ts')])];

  it('walks the real import graph (page, panel, autofill, journey, messaging)', () => {
    const rel = files.map((f) => path.relative(process.cwd(), f));
    expect(rel).toContain('lib/page/controller.ts');
    expect(rel).toContain('lib/panel/view.ts');
    expect(rel).toContain('lib/journey/page.ts');
    expect(rel).toContain('lib/messaging/index.ts');
    expect(rel.some((f) => f.startsWith('lib/autofill/'))).toBe(true);
    // The API client and the stored items are background-only.
    expect(rel.some((f) => f.startsWith('lib/api/') || f.startsWith('lib/storage/') || f.startsWith('lib/background/'))).toBe(false);
  });

  it.each(['storage.onChanged', 'storage.local', 'storage.sync', 'storage.session', "'wxt/utils/storage'"])('no %s anywhere in it', (needle) => {
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(needle);
  });

  it('listens for taskChanged instead', () => {
    expect(readFileSync('lib/page/wire.ts', 'utf8')).toMatch(/onMessage\(\s*'taskChanged'/);
  });
});
