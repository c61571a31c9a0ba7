/**
 * Where the clipboard can be read and written from the background: an
 * offscreen document in Chromium MV3 (the service worker has no DOM), the
 * background page itself in Firefox MV2. See ./clipboard.
 */
import { clearIfHolds, type ClearOutcome, type ClipboardIo } from './clipboard';

/** The message the offscreen document answers (it has only runtime messaging). */
export interface OffscreenClearMessage {
  ecClipboard: 'clear';
  digest: string;
}

export const OFFSCREEN_PATH = 'offscreen.html';

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?: () => Promise<boolean>;
}

interface RuntimeApi {
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown>;
}

/** A page's own clipboard through execCommand (no focus needed; with clipboardRead / clipboardWrite). */
export function execCommandClipboard(doc: Document): ClipboardIo {
  return {
    async read() {
      const area = doc.createElement('textarea');
      doc.body.append(area);
      area.focus();
      try {
        if (!doc.execCommand('paste')) throw new Error('paste refused');
        return area.value;
      } finally {
        area.remove();
      }
    },
    async write(text) {
      const onCopy = (e: ClipboardEvent) => {
        e.clipboardData?.setData('text/plain', text);
        e.preventDefault();
      };
      doc.addEventListener('copy', onCopy, true);
      try {
        if (!doc.execCommand('copy')) throw new Error('copy refused');
      } finally {
        doc.removeEventListener('copy', onCopy, true);
      }
    },
  };
}

/** The navigator clipboard where a background page has it (Firefox), else execCommand. */
function pageClipboard(): ClipboardIo {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  const fallback = typeof document !== 'undefined' ? execCommandClipboard(document) : null;
  return {
    async read() {
      try {
        if (nav?.clipboard?.readText) return await nav.clipboard.readText();
      } catch {
        /* fall back */
      }
      if (!fallback) throw new Error('no clipboard');
      return fallback.read();
    },
    async write(text) {
      try {
        if (nav?.clipboard?.writeText) return await nav.clipboard.writeText(text);
      } catch {
        /* fall back */
      }
      if (!fallback) throw new Error('no clipboard');
      return fallback.write(text);
    },
  };
}

/** The platform's check-and-clear for the background's clipboard guard. */
export function platformClear(runtime: RuntimeApi, offscreen: OffscreenApi | undefined): (digest: string) => Promise<ClearOutcome> {
  if (!offscreen?.createDocument) return (digest) => clearIfHolds(digest, pageClipboard());
  return async (digest) => {
    try {
      if (!(await offscreen.hasDocument?.().catch(() => false))) {
        await offscreen.createDocument({
          url: runtime.getURL(`/${OFFSCREEN_PATH}`),
          reasons: ['CLIPBOARD'],
          justification: 'Clear a password or code the worker copied, 60 seconds later, if the clipboard still holds it.',
        });
      }
      const message: OffscreenClearMessage = { ecClipboard: 'clear', digest };
      const answer = await runtime.sendMessage(message);
      return answer === 'cleared' || answer === 'kept' ? answer : 'failed';
    } catch {
      return 'failed';
    } finally {
      await offscreen.closeDocument().catch(() => undefined);
    }
  };
}
