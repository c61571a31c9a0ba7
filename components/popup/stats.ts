import type { OutboxEntry } from '../../lib/outbox';
import { FUTURE_SLACK_MS, type HistoryEntry } from '../../lib/task';

/** Newest first, at most `limit`. */
export function recentHistory(history: readonly HistoryEntry[], limit = 10): HistoryEntry[] {
  return [...history].sort((a, b) => b.finishedAt - a.finishedAt).slice(0, limit);
}

function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Tasks per hour today: today's finished tasks over the time spent on them
 * (start to report), so breaks between tasks do not drag the rate down.
 * `null` until there is at least a minute of work to divide by.
 */
export function tasksPerHour(history: readonly HistoryEntry[], now: number): number | null {
  const from = startOfDay(now);
  let done = 0;
  let worked = 0;
  for (const h of history) {
    if (h.finishedAt < from || h.finishedAt > now + FUTURE_SLACK_MS) continue;
    done += 1;
    worked += Math.max(0, h.finishedAt - Math.max(h.startedAt, from));
  }
  if (done === 0 || worked < 60_000) return null;
  return done / (worked / 3_600_000);
}

/** The newest report, and whether the server has acknowledged it (delivered and no longer waiting in the outbox). */
export function lastReport(history: readonly HistoryEntry[], outbox: readonly OutboxEntry[]): { entry: HistoryEntry; delivered: boolean } | null {
  const [entry] = recentHistory(history, 1);
  if (!entry) return null;
  const waiting = outbox.some((o) => o.taskId === entry.taskId && o.kind === entry.outcome);
  return { entry, delivered: entry.delivered && !waiting };
}
