import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ApiErrorInit } from '../api';
import type { ActiveTask, HistoryEntry, OutboxEntry, Settings } from '../storage';

/** What the popup and options page render. Secrets are included only for extension pages. */
export interface AppState {
  settings: Settings;
  configured: boolean;
  active: ActiveTask | null;
  outbox: OutboxEntry[];
  history: HistoryEntry[];
}

/** A failed action, in a form that survives messaging (Error objects do not). */
export type ActionError = { kind: ApiErrorInit['kind'] | 'no_task' | 'no_work' | 'busy' | 'invalid_input' | 'bad_domain' | 'no_site_tab'; detail?: ApiErrorInit };
export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: ActionError };

export interface TotpNow {
  code: string;
  /** Seconds left in the current 30 s window. */
  remaining: number;
}

/**
 * Only what a content script needs: no API key, no TOTP secret (the code is
 * computed in the background). `scope: 'gmail'` is sent to Google's sign-in
 * pages and carries the task's Gmail account only (email, pass_mail, its TOTP):
 * there username/website/links are empty.
 */
export interface FillData {
  scope: 'task' | 'gmail';
  taskId: string;
  domain: string;
  username: string;
  email: string;
  password: string;
  website: string;
  links: string[];
  totp: TotpNow | null;
  autofillMode: Settings['autofillMode'];
  autoSubmitLogin: boolean;
  appendLinksToBio: boolean;
  language: Settings['language'];
}

export interface FillReport {
  url: string;
  filled: number;
  skipped: string[];
}

interface ProtocolMap {
  // extension pages → background
  getState(): AppState;
  saveSettings(data: Partial<Settings>): ActionResult<Settings>;
  testConnection(data: { apiBaseUrl: string; apiKey: string }): ActionResult<{ tasksWaiting: number }>;
  pullTask(): ActionResult<ActiveTask>;
  verifyActiveTask(): ActionResult<ActiveTask>;
  completeTask(data: { linkPost?: string; note?: string }): ActionResult;
  failTask(data: { reason: string; note?: string }): ActionResult;
  dropActiveTask(): ActionResult;
  getTotp(): TotpNow | null;
  retryOutbox(): ActionResult;
  dismissOutboxEntry(data: { id: string }): ActionResult;
  openTaskSite(): ActionResult;
  fillActiveTab(): ActionResult;

  // content script (task domain) → background; checked by sender
  getFillData(): FillData | null;
  reportFill(data: FillReport): void;
  panelComplete(): ActionResult;
  panelFail(data: { reason: string }): ActionResult;

  // background → content script
  fillNow(): FillReport | null;
  /** The active task changed (started, reported, dropped): ask getFillData again. Carries nothing. */
  taskChanged(): void;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
export type { ProtocolMap };
