import type { Task } from '../api';
import type { Journey } from '../journey';
import type { ReportKind } from '../outbox';
import { storage } from '../storage';

/** What the extension knows about the task it is working on. */
export interface ActiveTask {
  task: Task;
  /** When start was acknowledged (ms since epoch). */
  startedAt: number;
  /** Set when the server no longer agrees the task is ours ("connecting"). */
  problem?: { kind: 'gone' | 'wrong_status' | 'unverified'; currentStatus?: string; at: number };
  /** Links beyond LINKS_MAX (lib/rules) that the API sent and the extension left out. */
  linksDropped?: number;
  /** How far the task journey got (lib/journey); the report's summary is read from it. */
  journey?: Journey & { summary?: string };
}

/** One finished task, newest first in the history. */
export interface HistoryEntry {
  taskId: string;
  domain: string;
  outcome: ReportKind;
  reason?: string;
  startedAt: number;
  finishedAt: number;
  /** Filled in when the outbox hears back. */
  delivered: boolean;
  /** When the server acknowledged the report. */
  deliveredAt?: number;
}

export const activeTaskItem = storage.defineItem<ActiveTask | null>('local:activeTask', { fallback: null, version: 1 });
export const historyItem = storage.defineItem<HistoryEntry[]>('local:history', { fallback: [], version: 1 });
