export { createOutbox, OUTBOX_ALARM } from './outbox';
export type { Outbox, OutboxDeps, NewReport, FlushSummary } from './outbox';
export { outboxItem, type OutboxEntry, type ReportKind } from './store';
export { deliver } from './deliver';
export {
  applyOutcome,
  backoffDelay,
  dueEntries,
  nextWakeUp,
  targetStatus,
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  RETRY_AFTER_CAP_MS,
} from './policy';
export type { DeliveryOutcome } from './policy';
