/**
 * DESIGN "Security rules": a secret copied to the clipboard is cleared after
 * 60 seconds if the clipboard still holds it. The popup copies (a person's
 * click) and tells the background (`clipboardCopied`); the background keeps
 * only a SHA-256 digest of it in session storage and sets an alarm (so a
 * sleeping service worker still wakes for it). When the alarm fires, the
 * clipboard is read and emptied only if it still holds what we copied:
 * - Chromium (MV3): the service worker has no clipboard, so an offscreen
 *   document (reason CLIPBOARD) does the reading and the clearing;
 * - Firefox (MV2): the background page itself (clipboardRead / clipboardWrite).
 */

export const CLIPBOARD_ALARM = 'clipboard-clear';
export const CLIPBOARD_CLEAR_MS = 60_000;
const PENDING_KEY = 'clipboardPending';

export type ClearOutcome = 'cleared' | 'kept' | 'failed';

/** SHA-256 of a text, hex: what the background remembers instead of the secret. */
export async function digestOf(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ClipboardIo {
  read(): Promise<string>;
  write(text: string): Promise<void>;
}

/** Empties the clipboard if (and only if) it still holds the text with this digest. */
export async function clearIfHolds(digest: string, io: ClipboardIo): Promise<ClearOutcome> {
  try {
    const now = await io.read();
    if ((await digestOf(now)) !== digest) return 'kept';
    await io.write('');
    return 'cleared';
  } catch {
    return 'failed';
  }
}

interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface ClipboardGuardDeps {
  alarms: { create(name: string, info: { when: number }): unknown; clear(name: string): unknown };
  /** In-memory storage that survives the worker's sleep (storage.session). */
  session: SessionArea;
  /** Runs the platform's check-and-clear (offscreen document or background page). */
  clear(digest: string): Promise<ClearOutcome>;
  now?: () => number;
}

export interface ClipboardGuard {
  copied(text: string): Promise<void>;
  handleAlarm(alarm: { name: string }): Promise<ClearOutcome | null>;
}

export function createClipboardGuard(deps: ClipboardGuardDeps): ClipboardGuard {
  const now = deps.now ?? Date.now;
  return {
    async copied(text) {
      if (typeof text !== 'string' || text === '') return;
      // The last copy wins: an earlier one is either overwritten on the clipboard or the same text.
      await deps.session.set({ [PENDING_KEY]: { digest: await digestOf(text), at: now() } });
      await deps.alarms.create(CLIPBOARD_ALARM, { when: now() + CLIPBOARD_CLEAR_MS });
    },
    async handleAlarm(alarm) {
      if (alarm.name !== CLIPBOARD_ALARM) return null;
      const pending = (await deps.session.get(PENDING_KEY))[PENDING_KEY] as { digest?: unknown } | undefined;
      await deps.session.remove(PENDING_KEY);
      if (!pending || typeof pending.digest !== 'string') return null;
      return deps.clear(pending.digest);
    },
  };
}
