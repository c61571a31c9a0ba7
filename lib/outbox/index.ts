export { createOutbox, OUTBOX_ALARM } from './outbox';
export type { Outbox } from './outbox';
export { outboxItem, type OutboxEntry, type ReportKind } from './store';
export { backoffDelay, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from './policy';
