import type { OutboxEntry } from '../outbox';
import { write, type Write } from '../storage';
import { historyItem, type HistoryEntry } from './store';

/** How many finished tasks are kept (newest first); enough for a long day and a few more. */
const HISTORY_MAX = 500;

export function addHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...history].slice(0, HISTORY_MAX);
}

/** How far ahead of the caller's `now` a finished task may be and still count (the popup ticks once a second). */
export const FUTURE_SLACK_MS = 60_000;

/** Today's counters (local calendar day), computed from the history: no second source of truth. */
export function countToday(history: readonly HistoryEntry[], now: number = Date.now()): { completed: number; failed: number } {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const from = start.getTime();
  let completed = 0;
  let failed = 0;
  for (const h of history) {
    // A report made a moment ago by the background may be ahead of a page's clock tick.
    if (h.finishedAt < from || h.finishedAt > now + FUTURE_SLACK_MS) continue;
    if (h.outcome === 'complete') completed += 1;
    else failed += 1;
  }
  return { completed, failed };
}

/**
 * The outbox's acknowledgement hook: the task's history line becomes
 * delivered in the same storage write as the outbox change.
 */
export async function markDelivered(entry: Pick<OutboxEntry, 'taskId' | 'kind'>, at: number = Date.now()): Promise<Write[]> {
  const history = await historyItem.getValue();
  const i = history.findIndex((h) => h.taskId === entry.taskId && h.outcome === entry.kind && !h.delivered);
  if (i < 0) return [];
  return [write(historyItem, history.map((h, j) => (j === i ? { ...h, delivered: true, deliveredAt: at } : h)))];
}
