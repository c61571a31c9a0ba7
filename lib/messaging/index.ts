/**
 * The message protocol, one typed map per direction. Each map has its own
 * messenger and, in the background, its own sender guard: extension pages may
 * ask for state and act on the task; content scripts of the task's frames may
 * ask only for what a fill needs; the background talks to tabs. A message of
 * one map cannot be sent through another, so nobody implements a message it
 * only sends.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ApiErrorInit } from '../api';
import type { HostReach } from '../domain';
import type { JourneyAnswer, JourneyEvent, JourneyView } from '../journey';
import type { SignalRequest } from '../platforms';
import type { OutboxEntry } from '../outbox';
import type { PanelText } from '../panel';
import type { PanelPrefs, Settings } from '../settings';
import type { ActiveTask, HistoryEntry } from '../task';
import type { ClockOffset } from '../totp';

/** What the popup and options page render. Secrets are included only for extension pages. */
export interface AppState {
  settings: Settings;
  configured: boolean;
  active: ActiveTask | null;
  outbox: OutboxEntry[];
  history: HistoryEntry[];
  /** The API server's clock against this PC's (null until the API answered once); the popup warns past 30 s. */
  clock: ClockOffset | null;
}

/** A failed action, in a form that survives messaging (Error objects do not). */
export type ActionError = {
  kind: ApiErrorInit['kind'] | 'no_task' | 'no_work' | 'busy' | 'invalid_input' | 'bad_domain' | 'no_site_tab' | 'no_editor' | 'unsaved_edits';
  detail?: ApiErrorInit;
};
export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: ActionError };

export interface TotpNow {
  code: string;
  /** Seconds left in the current window. */
  remaining: number;
  /** The window's length in seconds (30 unless the secret says otherwise). */
  period?: number;
}

/**
 * Only what a content script needs: no API key, no TOTP secret, and no
 * one-time code either (DESIGN "Security rules": the code goes to a page only
 * when that page shows a code field — `getOneTimeCode`). `scope: 'gmail'` is
 * sent to Google's sign-in pages and carries the task's Gmail account only
 * (email, pass_mail; its TOTP on request): there username/website/links are empty.
 */
export interface FillData {
  scope: 'task' | 'gmail';
  taskId: string;
  domain: string;
  /** How far from `domain` the data may be used (lib/domain `HostReach`). */
  hostReach: HostReach;
  username: string;
  email: string;
  password: string;
  website: string;
  links: string[];
  /** The task has a TOTP secret: a page showing a code field may ask `getOneTimeCode`. */
  hasOneTimeCode: boolean;
  autofillMode: Settings['autofillMode'];
  autoSubmitLogin: boolean;
  appendLinksToBio: boolean;
  language: Settings['language'];
  /** The journey as far as this page needs it (task scope only). */
  journey?: JourneyView;
}

/** The fill data as a page holds it: with the one-time code once a visible code field asked for it. */
export type PageFillData = FillData & { totp?: TotpNow | null };

/** What one fill pass did, as the background's `fillNow` caller sees it. */
export interface FillReport {
  url: string;
  filled: number;
  skipped: string[];
}

/** Extension pages (popup, options) → background. Answered only to extension pages. */
export interface PageProtocol {
  getState(): AppState;
  saveSettings(data: Partial<Settings>): ActionResult<Settings>;
  testConnection(data: { apiBaseUrl: string; apiKey: string }): ActionResult<{ tasksWaiting: number }>;
  pullTask(): ActionResult<ActiveTask>;
  verifyActiveTask(): ActionResult<ActiveTask>;
  completeTask(data: { linkPost?: string; note?: string }): ActionResult;
  failTask(data: { reason: string; note?: string }): ActionResult;
  dropActiveTask(): ActionResult;
  getTotp(): TotpNow | null;
  /** Sends every waiting report now; answers when that try is over, with what it did. */
  retryOutbox(): ActionResult<{ sent: number; waiting: number; paused: number; dead: number }>;
  dismissOutboxEntry(data: { id: string }): ActionResult;
  openTaskSite(): ActionResult;
  fillActiveTab(): ActionResult;
  /** Opens the account's profile editor in the task's tab (known once the journey found it). */
  goProfileEditor(): ActionResult;
  /** The popup copied a secret: cleared from the clipboard in 60 s if still there (lib/background/clipboard). */
  clipboardCopied(data: { text: string }): void;
}

/** Content scripts (the task's frames, Google's sign-in) → background. Checked against the sender frame. */
export interface ContentProtocol {
  getFillData(): FillData | null;
  /** The current TOTP code, asked by a page only when it shows a visible one-time-code field. */
  getOneTimeCode(): TotpNow | null;
  /** The panel's sentences in the worker's language and where the worker keeps it; asked once per page. */
  getPanelSetup(): { text: PanelText; prefs: PanelPrefs };
  savePanelPrefs(data: PanelPrefs): void;
  /** The panel's way to the popup, where the task is reported. */
  openPopup(): void;
  /** What this page shows of the journey; the answer may ask the page to move on (it checks for unsaved edits first). */
  journeyEvent(data: JourneyEvent): JourneyAnswer;
  /** What the journey wants read on this page to recognise the site's platform (the registry stays in the background). */
  journeySignals(): SignalRequest | null;
}

/** Background → content script of one tab. */
export interface TabProtocol {
  fillNow(): FillReport | null;
  /** The active task changed (started, reported, dropped): ask getFillData again. Carries nothing. */
  taskChanged(): void;
  /** Go to a page of the task's site, unless this page holds the worker's unsaved edits. */
  navigate(data: { url: string }): { done: boolean; reason?: 'unsaved' };
}

export const pageMessenger = defineExtensionMessaging<PageProtocol>();
export const contentMessenger = defineExtensionMessaging<ContentProtocol>();
export const tabMessenger = defineExtensionMessaging<TabProtocol>();

/** Extension pages' way to the background (the popup and options call this). */
export const sendMessage = pageMessenger.sendMessage;

/** Removes every listener of every map in this context (a background restarted in tests). */
export function removeAllListeners(): void {
  pageMessenger.removeAllListeners();
  contentMessenger.removeAllListeners();
  tabMessenger.removeAllListeners();
}
