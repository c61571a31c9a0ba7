import type { ApiErrorInit, ApiErrorKind } from '../api';
import type { OutboxEntry, ReportKind } from './store';

/**
 * Pure rules of the report outbox: what a send result means for an entry and
 * when to try again. No storage, no network: unit-testable on their own.
 */

/** Alarms fire at most every 30 s in packed Chrome builds, so a shorter base buys nothing. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 30 * 60_000;
/** A Retry-After longer than this is treated as this (a bad header must not park a report for days). */
const RETRY_AFTER_CAP_MS = 60 * 60_000;

/** The status the server shows once a report of this kind went through. */
export function targetStatus(kind: ReportKind): 'completed' | 'connect_failed' {
  return kind === 'complete' ? 'completed' : 'connect_failed';
}

/** Errors after which the server may or may not have acted: check before sending again. */
const AMBIGUOUS: ReadonlySet<ApiErrorKind> = new Set(['network', 'timeout', 'server', 'invalid_response']);
export function lastAttemptWasAmbiguous(entry: OutboxEntry): boolean {
  return !!entry.lastError && AMBIGUOUS.has(entry.lastError.kind);
}

export type DeliveryOutcome =
  /** The server holds the report: by a 2xx, or because a GET shows the target status. */
  | { type: 'acked'; via: 'response' | 'status' }
  /** Try later (network, timeout, 429, 5xx, odd body). */
  | { type: 'retry'; error: ApiErrorInit }
  /** The key is refused or missing: the whole outbox waits for new settings. */
  | { type: 'pause'; error: ApiErrorInit }
  /** Can never succeed as it is (task gone, in another status, request refused): kept until dismissed. */
  | { type: 'dead'; error: ApiErrorInit };

/** Exponential backoff with jitter (0.5–1 ×), never earlier than Retry-After. */
export function backoffDelay(attempts: number, random: () => number, retryAfterMs?: number): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exp * (0.5 + random() * 0.5));
  const floor = retryAfterMs === undefined ? 0 : Math.min(RETRY_AFTER_CAP_MS, Math.max(0, retryAfterMs));
  return Math.max(jittered, floor);
}

/**
 * The entry after one delivery attempt, or null when it is acknowledged and
 * leaves the outbox. `pause` is applied to the whole outbox by the caller.
 */
export function applyOutcome(
  entry: OutboxEntry,
  outcome: DeliveryOutcome,
  now: number,
  random: () => number,
): OutboxEntry | null {
  if (outcome.type === 'acked') return null;
  const attempts = entry.attempts + 1;
  if (outcome.type === 'retry') {
    return {
      ...entry,
      attempts,
      state: 'pending',
      lastError: outcome.error,
      nextAttemptAt: now + backoffDelay(attempts, random, outcome.error.retryAfterMs),
    };
  }
  if (outcome.type === 'pause') return { ...entry, attempts, state: 'paused', lastError: outcome.error, nextAttemptAt: now };
  return { ...entry, attempts, state: 'dead', lastError: outcome.error, nextAttemptAt: now };
}

/** Entries to send now, oldest first. */
export function dueEntries(entries: readonly OutboxEntry[], now: number): OutboxEntry[] {
  return entries
    .filter((e) => e.state === 'pending' && e.nextAttemptAt <= now)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** When the alarm should next fire, or null when nothing is waiting. */
export function nextWakeUp(entries: readonly OutboxEntry[]): number | null {
  let min: number | null = null;
  for (const e of entries) if (e.state === 'pending' && (min === null || e.nextAttemptAt < min)) min = e.nextAttemptAt;
  return min;
}
