import { storage } from 'wxt/utils/storage';
import type { Task } from '../api';
import type { ApiErrorInit } from '../api';
import { DEFAULT_API_BASE_URL } from '../api/defaults';

/**
 * Every persisted item, in one place. Only the background writes these
 * (single writer: no lost updates); pages and content scripts read state
 * through messages.
 */

export type Language = 'vi' | 'en';
export type AutofillMode = 'auto' | 'manual';

export interface Settings {
  apiBaseUrl: string;
  apiKey: string;
  language: Language;
  autofillMode: AutofillMode;
  autoSubmitLogin: boolean;
  appendLinksToBio: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  apiBaseUrl: DEFAULT_API_BASE_URL,
  apiKey: '',
  language: 'vi',
  autofillMode: 'auto',
  autoSubmitLogin: false,
  appendLinksToBio: true,
};

/** What the extension knows about the task it is working on. */
export interface ActiveTask {
  task: Task;
  /** When start was acknowledged (ms since epoch). */
  startedAt: number;
  /** Set when the server no longer agrees the task is ours ("connecting"). */
  problem?: { kind: 'gone' | 'wrong_status' | 'unverified'; currentStatus?: string; at: number };
}

export type ReportKind = 'complete' | 'fail';

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

export interface HistoryEntry {
  taskId: string;
  domain: string;
  outcome: ReportKind;
  reason?: string;
  startedAt: number;
  finishedAt: number;
  /** Filled in when the outbox hears back. */
  delivered: boolean;
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});
export const activeTaskItem = storage.defineItem<ActiveTask | null>('local:activeTask', {
  fallback: null,
  version: 1,
});
export const outboxItem = storage.defineItem<OutboxEntry[]>('local:outbox', { fallback: [], version: 1 });
export const historyItem = storage.defineItem<HistoryEntry[]>('local:history', { fallback: [], version: 1 });

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}
