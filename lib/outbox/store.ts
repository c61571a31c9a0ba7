import type { ApiErrorInit } from '../api';
import { storage } from '../storage';

export type ReportKind = 'complete' | 'fail';

/** One report waiting for the server's acknowledgement. */
export interface OutboxEntry {
  id: string;
  taskId: string;
  domain: string;
  kind: ReportKind;
  body: Record<string, string>;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** pending: will be sent; paused: waiting for a working key; dead: can never succeed, kept until dismissed. */
  state: 'pending' | 'paused' | 'dead';
  lastError?: ApiErrorInit;
}

export const outboxItem = storage.defineItem<OutboxEntry[]>('local:outbox', { fallback: [], version: 1 });
