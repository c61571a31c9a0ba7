export { createOutbox, OUTBOX_ALARM } from './outbox';
export type { Outbox, OutboxDeps, NewReport, FlushSummary, ExtraWrite } from './outbox';
export { deliver } from './deliver';
export { withStorageLock } from './lock';
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
