import type { HistoryEntry } from '../../lib/task';

/** Newest first, at most `limit`. */
export function recentHistory(history: readonly HistoryEntry[], limit = 10): HistoryEntry[] {
  return [...history].sort((a, b) => b.finishedAt - a.finishedAt).slice(0, limit);
}
