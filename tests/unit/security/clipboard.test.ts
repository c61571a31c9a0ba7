// @vitest-environment happy-dom
/**
 * DESIGN "Security rules": a secret copied to the clipboard is cleared after
 * 60 seconds if the clipboard still holds it. The background keeps a digest,
 * never the secret; the alarm wakes it; the platform's clipboard (offscreen
 * document in Chromium, the background page in Firefox) is emptied only when
 * it still holds what was copied. Fakes for the browser APIs.
 */
import { describe, expect, it, vi } from 'vitest';
import { CLIPBOARD_ALARM, CLIPBOARD_CLEAR_MS, clearIfHolds, createClipboardGuard, digestOf, type ClipboardIo } from '../../../lib/background/clipboard';
import { platformClear, OFFSCREEN_PATH } from '../../../lib/background/clipboard-platform';
import { answerOffscreenClear } from '../../../lib/background/offscreen';

const SECRET = 'P4ss-Only-For-Site!';

function fakeClipboard(initial = ''): ClipboardIo & { text: string; writes: string[] } {
  const c = {
    text: initial,
    writes: [] as string[],
    read: async () => c.text,
    write: async (t: string) => {
      c.writes.push(t);
      c.text = t;
    },
  };
  return c;
}

function fakeSession() {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (k: string) => (data.has(k) ? { [k]: data.get(k) } : {}),
    set: async (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    remove: async (k: string) => void data.delete(k),
  };
}

describe('clearIfHolds', () => {
  it('empties the clipboard that still holds the copied secret', async () => {
    const cb = fakeClipboard(SECRET);
    expect(await clearIfHolds(await digestOf(SECRET), cb)).toBe('cleared');
    expect(cb.text).toBe('');
  });
  it('leaves alone a clipboard that now holds something else the worker copied', async () => {
    const cb = fakeClipboard('the worker copied this later');
    expect(await clearIfHolds(await digestOf(SECRET), cb)).toBe('kept');
    expect(cb.text).toBe('the worker copied this later');
    expect(cb.writes).toEqual([]);
  });
  it('a clipboard that cannot be read is not written', async () => {
    const write = vi.fn(async () => undefined);
    expect(await clearIfHolds(await digestOf(SECRET), { read: async () => Promise.reject(new Error('denied')), write })).toBe('failed');
    expect(write).not.toHaveBeenCalled();
  });
});

describe('the background clipboard guard', () => {
  it('sets a 60 s alarm, keeps only a digest (never the secret), and clears when the alarm fires', async () => {
    const session = fakeSession();
    const alarms = { create: vi.fn(), clear: vi.fn() };
    const cb = fakeClipboard();
    const guard = createClipboardGuard({ alarms, session, now: () => 1_000, clear: (d) => clearIfHolds(d, cb) });
    cb.text = SECRET; // the popup wrote it
    await guard.copied(SECRET);
    expect(alarms.create).toHaveBeenCalledWith(CLIPBOARD_ALARM, { when: 1_000 + CLIPBOARD_CLEAR_MS });
    expect(JSON.stringify([...session.data])).not.toContain(SECRET);
    expect(await guard.handleAlarm({ name: 'outbox-flush' })).toBeNull();
    expect(cb.text).toBe(SECRET);
    expect(await guard.handleAlarm({ name: CLIPBOARD_ALARM })).toBe('cleared');
    expect(cb.text).toBe('');
    // once: a second alarm has nothing to do
    expect(await guard.handleAlarm({ name: CLIPBOARD_ALARM })).toBeNull();
  });

  it('the last copy is the one watched; what the worker copied since is kept', async () => {
    const session = fakeSession();
    const cb = fakeClipboard();
    const guard = createClipboardGuard({ alarms: { create: vi.fn(), clear: vi.fn() }, session, clear: (d) => clearIfHolds(d, cb) });
    await guard.copied('123456');
    await guard.copied(SECRET);
    cb.text = 'https://example.com/my-own-link';
    expect(await guard.handleAlarm({ name: CLIPBOARD_ALARM })).toBe('kept');
    expect(cb.text).toBe('https://example.com/my-own-link');
  });

  it('an empty or non-text copy sets nothing', async () => {
    const alarms = { create: vi.fn(), clear: vi.fn() };
    const guard = createClipboardGuard({ alarms, session: fakeSession(), clear: vi.fn() });
    await guard.copied('');
    await guard.copied(42 as unknown as string);
    expect(alarms.create).not.toHaveBeenCalled();
  });
});

describe('the platforms', () => {
  it('Chromium: an offscreen document (reason CLIPBOARD) is opened, asked, and closed', async () => {
    const cb = fakeClipboard(SECRET);
    const listeners: ((m: unknown) => Promise<unknown> | undefined)[] = [];
    // the offscreen page's side, on its own fake runtime
    answerOffscreenClear({ onMessage: { addListener: (fn) => listeners.push(fn) } }, document as unknown as Document);
    const offscreen = { createDocument: vi.fn(async () => undefined), closeDocument: vi.fn(async () => undefined), hasDocument: vi.fn(async () => false) };
    const runtime = {
      getURL: (p: string) => `chrome-extension://id${p}`,
      // deliver to the offscreen page, with the fake clipboard standing in for execCommand
      sendMessage: async (m: unknown) => {
        expect(listeners[0]!({ ...(m as object), probe: true })).toBeDefined();
        return clearIfHolds((m as { digest: string }).digest, cb);
      },
    };
    expect(await platformClear(runtime, offscreen)(await digestOf(SECRET))).toBe('cleared');
    expect(offscreen.createDocument).toHaveBeenCalledWith(expect.objectContaining({ url: `chrome-extension://id/${OFFSCREEN_PATH}`, reasons: ['CLIPBOARD'] }));
    expect(offscreen.closeDocument).toHaveBeenCalled();
    expect(cb.text).toBe('');
  });

  it('the offscreen page answers only its own message', () => {
    const listeners: ((m: unknown) => Promise<unknown> | undefined)[] = [];
    answerOffscreenClear({ onMessage: { addListener: (fn) => listeners.push(fn) } }, document as unknown as Document);
    expect(listeners[0]!({ type: 'getState' })).toBeUndefined();
    expect(listeners[0]!({ ecClipboard: 'clear' })).toBeUndefined();
  });

  it('Firefox: no offscreen API, the background page uses its own clipboard', async () => {
    const cb = fakeClipboard(SECRET);
    vi.stubGlobal('navigator', { clipboard: { readText: cb.read, writeText: cb.write } });
    try {
      expect(await platformClear({ getURL: (p) => p, sendMessage: vi.fn() }, undefined)(await digestOf(SECRET))).toBe('cleared');
      expect(cb.text).toBe('');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a failing offscreen document reports failed and is still closed', async () => {
    const offscreen = { createDocument: vi.fn(async () => Promise.reject(new Error('nope'))), closeDocument: vi.fn(async () => undefined) };
    expect(await platformClear({ getURL: (p) => p, sendMessage: vi.fn() }, offscreen)('x')).toBe('failed');
    expect(offscreen.closeDocument).toHaveBeenCalled();
  });
});
