/**
 * The task on the worker's side. This entry is light (types, stored items,
 * history, input checks) so extension pages can use it; the service that
 * talks to the API is the named heavy entry `lib/task/service`.
 */
export { checkComplete, checkFail } from './validate';
export { countToday, markDelivered, FUTURE_SLACK_MS } from './history';
export { activeTaskItem, historyItem, type ActiveTask, type HistoryEntry } from './store';
export { updateJourney, taskLinks } from './journey';
export type { TaskService } from './service';
