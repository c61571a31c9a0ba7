import { storage, update } from '../storage';
import type { ClockOffset } from '../totp';

/** Smaller changes are the Date header's own rounding: not worth a storage write. */
const REWRITE_DELTA_MS = 1_500;
const REWRITE_AGE_MS = 10 * 60_000;

/** The API server's clock against this PC's (lib/totp `ClockOffset`), kept by the background. */
export const clockItem = storage.defineItem<ClockOffset | null>('local:clockOffset', { fallback: null, version: 1 });

/** Keeps the latest offset (written only when it moved or is old). */
export async function recordOffset(offsetMs: number, at: number = Date.now()): Promise<void> {
  await update(clockItem, (current) => {
    if (current && Math.abs(current.offsetMs - offsetMs) < REWRITE_DELTA_MS && at - current.measuredAt < REWRITE_AGE_MS) return current;
    return { offsetMs, measuredAt: at };
  });
}

/** Now on the server's clock (the local clock when nothing was measured yet). */
export async function serverNow(local: number = Date.now()): Promise<number> {
  const clock = await clockItem.getValue();
  return local + (clock?.offsetMs ?? 0);
}
