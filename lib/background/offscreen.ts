/**
 * The offscreen document's one job (Chromium MV3, ./clipboard-platform):
 * answer the background's `{ ecClipboard: 'clear', digest }` by emptying the
 * clipboard if it still holds that text. It has runtime messaging only.
 */
import { clearIfHolds } from './clipboard';
import { execCommandClipboard, type OffscreenClearMessage } from './clipboard-platform';

interface OnMessage {
  onMessage: { addListener(fn: (message: unknown) => Promise<unknown> | undefined): void };
}

function isClear(m: unknown): m is OffscreenClearMessage {
  return !!m && typeof m === 'object' && (m as OffscreenClearMessage).ecClipboard === 'clear' && typeof (m as OffscreenClearMessage).digest === 'string';
}

export function answerOffscreenClear(runtime: OnMessage, doc: Document): void {
  runtime.onMessage.addListener((message) => (isClear(message) ? clearIfHolds(message.digest, execCommandClipboard(doc)) : undefined));
}
