/** Shapes shared by the sandbox server, its control API and tests. */

export type TaskStatus = 'register' | 'connect' | 'connecting' | 'completed' | 'connect_failed' | (string & {});

/**
 * A task as seeded or added through the control API. Every field except
 * `status` is sent by the API as is (unknown extra fields too), so tests can
 * make the server send odd data (`entity_connect: null`, numbers, …).
 */
/** Text fields are strings on the real API; numbers and null are allowed here to test tolerance. */
type Text = string | number | null;

export interface SandboxTask {
  id: string;
  request_id?: Text;
  domain: string;
  website?: Text;
  email?: Text;
  username?: Text;
  password?: Text;
  pass_mail?: Text;
  twofa?: Text;
  app_password?: Text;
  entity_connect?: unknown;
  status: TaskStatus;
  [extra: string]: unknown;
}

export type ReportAction = 'complete' | 'fail';

/** One accepted complete/fail, with the body the client sent. */
export interface ReportLogEntry {
  action: ReportAction;
  body: Record<string, unknown>;
  /** ISO time. */
  at: string;
}

/** What `GET /__control/tasks/:id` returns. */
export interface ControlTaskView {
  task: SandboxTask;
  status: TaskStatus;
  deleted: boolean;
  /** Accepted `start` calls (0 or 1 per time the task was in `connect`). */
  starts: number;
  retry_count: number;
  max_retries: number;
  reports: ReportLogEntry[];
}

export type FaultMode =
  | 'none'
  | 'drop-after-act'
  | 'error500'
  | 'down'
  | 'latency'
  | 'html-error'
  | 'malformed-json'
  | 'rate-limit'
  | 'status';

export interface FaultSpec {
  mode: FaultMode;
  /** How many matching API requests it affects; unlimited when absent. */
  count?: number;
  /** For `latency` (default 1000). */
  latencyMs?: number;
  /** Substring of the request path (e.g. '/complete'); all API requests when absent. */
  match?: string;
  /** HTTP status for `error500` (default 500), `html-error` (default 200) and `status` (required). */
  status?: number;
  /** Retry-After seconds for `rate-limit` (default 2) or any other mode when given. */
  retryAfterSec?: number;
  /** JSON body for `status` (default `{success:false,message:"forced status"}`). */
  body?: unknown;
}

export interface RequestLogEntry {
  method: string;
  /** Path and query as received (the key is a header, so never here). */
  path: string;
  /** ISO time. */
  time: string;
  keyOk: boolean;
  /** Status answered; absent when the socket was destroyed. */
  status?: number;
  /** The fault that shaped this request, if any. */
  fault?: FaultMode;
}

/** The editable fields of a demo site's profile. */
export const PROFILE_FIELDS = [
  'display_name',
  'email',
  'location',
  'website',
  'bio',
  'twitter',
  'facebook',
  'linkedin',
  'youtube',
  'instagram',
  'github',
  'other_link_1',
  'other_link_2',
  'other_link_3',
  'avatar_url',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileFields = Record<ProfileField, string>;

export interface SiteProfile {
  host: string;
  taskId: string;
  username: string;
  fields: ProfileFields;
  /** ISO time of the last save, or null while never saved. */
  savedAt: string | null;
  saveCount: number;
}

export interface SiteEvent {
  at: string;
  event: 'login' | 'login-failed' | '2fa' | '2fa-failed' | 'profile-saved' | 'profile-rejected' | 'logout';
  username?: string;
}

/** What `GET /__control/sites/:host` returns. */
export interface SiteView {
  host: string;
  /** The most recently saved profile on this host, or null. */
  profile: SiteProfile | null;
  profiles: SiteProfile[];
  events: SiteEvent[];
}
