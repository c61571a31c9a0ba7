import type { HistoryEntry } from '../../lib/storage';

/** Completed / failed since local midnight. */
export function todayCounts(history: readonly HistoryEntry[], now: number = Date.now()): { completed: number; failed: number } {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const from = midnight.getTime();
  let completed = 0;
  let failed = 0;
  for (const entry of history) {
    if (entry.finishedAt < from || entry.finishedAt > now + 60_000) continue;
    if (entry.outcome === 'complete') completed++;
    else failed++;
  }
  return { completed, failed };
}

/** Newest first, at most `limit`. */
export function recentHistory(history: readonly HistoryEntry[], limit = 10): HistoryEntry[] {
  return [...history].sort((a, b) => b.finishedAt - a.finishedAt).slice(0, limit);
}
