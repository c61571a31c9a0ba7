/**
 * The worker-facing text of the extension, in Vietnamese (default) and
 * English. Framework-free and dependency-free on purpose: the popup, the
 * options page and the content script's in-page panel all import it, and the
 * language is the one chosen in the extension's settings, not the browser's.
 */
import type { ApiErrorInit } from '../api';
import type { ActionError } from '../messaging';
import type { Language } from '../settings';
import { en } from './en';
import { vi } from './vi';

export type { Language };
export type MessageKey = keyof typeof vi;

/** `'a {x} b {y}'` → `'x' | 'y'`. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
export type MessageParams<K extends MessageKey> = { [P in Placeholders<(typeof vi)[K]>]: string | number };
/** Keys without placeholders take no params; the others require every one of them. */
type ParamArgs<K extends MessageKey> = [Placeholders<(typeof vi)[K]>] extends [never] ? [] : [params: MessageParams<K>];

const DEFAULT_LANGUAGE: Language = 'vi';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
export const catalogues: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { vi, en };

export function isLanguage(value: unknown): value is Language {
  return value === 'vi' || value === 'en';
}

/** Anything unknown (an old setting, a missing value) falls back to Vietnamese. */
export function resolveLanguage(value: unknown): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

export function t<K extends MessageKey>(lang: Language, key: K, ...args: ParamArgs<K>): string {
  const catalogue = catalogues[resolveLanguage(lang)];
  const template = catalogue[key] ?? vi[key] ?? key;
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The in-page panel's sentences in one language (sent to the content script, which has no catalogue). */
export function panelText(lang: Language): Record<Extract<MessageKey, `panel.${string}`>, string> {
  const catalogue = catalogues[resolveLanguage(lang)];
  const out: Record<string, string> = {};
  for (const key of Object.keys(vi) as MessageKey[]) if (key.startsWith('panel.')) out[key] = catalogue[key] ?? vi[key];
  return out as Record<Extract<MessageKey, `panel.${string}`>, string>;
}

/** Every `{placeholder}` name in a template, sorted (used by the parity test). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** Sets `<html lang>` so screen readers and hyphenation follow the chosen language. */
export function applyDocumentLanguage(doc: Document, lang: Language): void {
  doc.documentElement.lang = resolveLanguage(lang);
}

export type ErrorKind = ActionError['kind'];
/**
 * Where the error happened changes what it means to the worker: a 404 while
 * testing the connection means a wrong URL, while reporting a task it means
 * the task is gone.
 */
export type ErrorContext = 'task' | 'connection';

const ERROR_KEYS: Record<ErrorKind, MessageKey> = {
  config: 'error.config',
  network: 'error.network',
  timeout: 'error.timeout',
  unauthorized: 'error.unauthorized',
  not_found: 'error.not_found',
  wrong_status: 'error.wrong_status',
  rate_limited: 'error.rate_limited',
  server: 'error.server',
  bad_request: 'error.bad_request',
  invalid_response: 'error.invalid_response',
  no_task: 'error.no_task',
  no_work: 'error.no_work',
  busy: 'error.busy',
  invalid_input: 'error.invalid_input',
  bad_domain: 'error.bad_domain',
  no_site_tab: 'error.no_site_tab',
  no_editor: 'error.no_editor',
  unsaved_edits: 'error.unsaved_edits',
};

const CONNECTION_KEYS: Partial<Record<ErrorKind, MessageKey>> = {
  not_found: 'error.conn.not_found',
  invalid_response: 'error.conn.invalid_response',
  config: 'error.conn.config',
  unauthorized: 'error.conn.unauthorized',
  bad_request: 'error.conn.bad_request',
  wrong_status: 'error.conn.bad_request',
};

/** Kinds where the server's own words help the worker (they never contain our secrets). */
const SHOW_SERVER_MESSAGE = new Set<ErrorKind>(['server', 'bad_request', 'wrong_status', 'rate_limited', 'not_found']);

function isActionError(e: ActionError | ApiErrorInit): e is ActionError {
  return 'detail' in e || !('status' in e || 'serverMessage' in e || 'currentStatus' in e);
}

/**
 * One plain sentence (or two) for an `ActionError`, an `ApiErrorInit` or a
 * bare kind, in the worker's language. Unknown kinds get a generic message
 * instead of crashing.
 */
export function describeError(
  lang: Language,
  error: ActionError | ApiErrorInit | ErrorKind | null | undefined,
  context: ErrorContext = 'task',
): string {
  if (!error) return t(lang, 'error.unknown');
  const kind: ErrorKind = typeof error === 'string' ? error : error.kind;
  const detail: ApiErrorInit | undefined =
    typeof error === 'string' ? undefined : isActionError(error) ? error.detail : error;

  let text: string;
  const connectionKey = context === 'connection' ? CONNECTION_KEYS[kind] : undefined;
  const page = htmlAnswer(kind, detail);
  if (page === 'maintenance') {
    // A web page instead of JSON on a 2xx: a maintenance or captive-portal page. "(HTTP 200)" would only confuse.
    return t(lang, 'error.maintenance');
  } else if (connectionKey) {
    text = t(lang, connectionKey as 'error.conn.not_found');
  } else if (page === 'not_the_api') {
    text = t(lang, 'error.notTheApi');
  } else if (kind === 'wrong_status' && detail?.currentStatus) {
    text = t(lang, 'error.wrong_status_current', { status: describeStatus(lang, detail.currentStatus) });
  } else {
    const key = ERROR_KEYS[kind];
    text = key ? t(lang, key as 'error.unknown') : t(lang, 'error.unknown');
  }

  const extras: string[] = [];
  const serverMessage = detail?.serverMessage?.trim();
  if (serverMessage && SHOW_SERVER_MESSAGE.has(kind)) extras.push(t(lang, 'error.serverSaid', { message: serverMessage }));
  if (detail?.status && kind !== 'network' && kind !== 'timeout') extras.push(t(lang, 'error.httpStatus', { status: detail.status }));
  return extras.length ? `${text} (${extras.join('; ')})` : text;
}

/**
 * lib/api marks answers that were a web page, not the API's JSON
 * (`htmlPage`): on a 2xx or a 5xx that is a maintenance / portal / gateway
 * page, on a 404 a wrong base URL (a site's HTML 404).
 */
export function htmlAnswer(kind: ErrorKind, detail: ApiErrorInit | undefined): 'maintenance' | 'not_the_api' | null {
  if (!detail || (kind !== 'invalid_response' && kind !== 'server')) return null;
  const hint = detail.serverMessage ?? '';
  if (kind === 'invalid_response' && (detail.status === 404 || /not the entity api/i.test(hint))) return 'not_the_api';
  const html = detail.htmlPage === true || (kind === 'invalid_response' && /not json|html/i.test(hint));
  const status = detail.status;
  if (html && (status === undefined || (status >= 200 && status < 300) || status >= 500)) return 'maintenance';
  return null;
}

const STATUS_KEYS: Record<string, MessageKey> = {
  connect: 'status.connect',
  connecting: 'status.connecting',
  completed: 'status.completed',
  connect_failed: 'status.connect_failed',
  register: 'status.register',
};

/** An API task status (`connect_failed`) as a word of the worker's language; an unknown code is shown as it is, marked unknown. */
export function describeStatus(lang: Language, status: string): string {
  const key = Object.prototype.hasOwnProperty.call(STATUS_KEYS, status) ? STATUS_KEYS[status] : undefined;
  return key ? t(lang, key as 'status.connect') : t(lang, 'status.other', { status });
}

/** Preset failure reasons, in the order the popup and panel show them. */
export const FAIL_PRESETS = [
  'fail.preset.loginFailed',
  'fail.preset.banned',
  'fail.preset.noLinkFields',
  'fail.preset.siteDown',
  'fail.preset.captcha',
  'fail.preset.totpRejected',
  'fail.preset.emailVerify',
  'fail.preset.accountMissing',
] as const satisfies readonly MessageKey[];

/** `65_000` → `1:05`, `3_725_000` → `1:02:05`; negatives count as 0. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Clock time (24 h) for today, date + time for older moments. */
export function formatTime(lang: Language, at: number, now: number = Date.now()): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit', hour12: false }
    : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
  return new Intl.DateTimeFormat(LOCALES[resolveLanguage(lang)], options).format(date);
}
