import { ApiError } from './errors';
import {
  CompleteBodySchema,
  ErrorEnvelope,
  FailBodySchema,
  SuccessEnvelope,
  TaskListSchema,
  TaskSchema,
  type CompleteBody,
  type FailBody,
  type Task,
} from './schemas';

import { DEFAULT_TIMEOUT_MS } from './defaults';
import { checkApiBaseUrl, isSafeTaskId } from '../rules';

/** Server messages are shown to workers; keep them short. */
const MAX_SERVER_MESSAGE = 300;

export interface ApiClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Every answer's `Date` header with the local moments around the request (the TOTP clock). */
  onServerTime?: (dateHeader: string | null, sentAt: number, receivedAt: number) => void;
}

const BASE_PROBLEMS = {
  not_url: 'base URL is not a URL',
  scheme: 'base URL must be http(s)',
  credentials: 'base URL must not contain credentials',
  insecure: 'base URL must be https (plain http only for localhost and .test)',
} as const;

/** Checks and normalises a base URL (lib/rules `checkApiBaseUrl`); throws ApiError('config') otherwise. */
function normalizeBaseUrl(raw: string): string {
  const checked = checkApiBaseUrl(raw);
  if (!checked.ok) throw new ApiError({ kind: 'config', serverMessage: BASE_PROBLEMS[checked.problem] });
  return checked.url;
}

export interface ApiClient {
  readonly baseUrl: string;
  listTasks(opts?: { limit?: number; status?: string }): Promise<Task[]>;
  getTask(id: string, opts?: { status?: string }): Promise<Task>;
  startTask(id: string): Promise<unknown>;
  completeTask(id: string, body?: CompleteBody): Promise<unknown>;
  failTask(id: string, body: FailBody): Promise<unknown>;
}

/** A task id in a path: only ids of `isSafeTaskId` (no `..`, `/` or encoded tricks) are ever sent. */
function taskPath(id: string): string {
  if (!isSafeTaskId(id)) throw new ApiError({ kind: 'bad_request', serverMessage: 'task id is not usable' });
  return id;
}

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const baseUrl = normalizeBaseUrl(opts.baseUrl);
  const apiKey = opts.apiKey.trim();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, mode: Mode = 'data'): Promise<unknown> {
    if (!apiKey) throw new ApiError({ kind: 'config', serverMessage: 'API key is empty' });
    // Header values must be ISO-8859-1; a pasted key with odd characters would
    // otherwise throw a TypeError that looks like a network fault.
    if (!/^[\x21-\x7e]+$/.test(apiKey)) {
      throw new ApiError({ kind: 'config', serverMessage: 'API key has characters that cannot be sent' });
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let res: Response;
    let raw: string;
    const sentAt = Date.now();
    try {
      res = await doFetch(`${baseUrl}${path}`, {
        method,
        headers: {
          'X-API-Key': apiKey,
          Accept: 'application/json',
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
      raw = await res.text();
      try {
        opts.onServerTime?.(res.headers.get('date'), sentAt, Date.now());
      } catch {
        // the clock is a help; a broken hook must not fail the call
      }
    } catch {
      // The underlying error may echo the URL; it never carries the key, but
      // we keep only the kind so nothing unexpected reaches a log.
      throw new ApiError({ kind: timedOut ? 'timeout' : 'network' });
    } finally {
      clearTimeout(timer);
    }
    try {
      return interpret(res, raw, mode);
    } catch (e) {
      // Servers may echo the key they refused ("invalid api key: …"): it must not live on in
      // an error that is stored, shown or logged.
      if (e instanceof ApiError && e.serverMessage?.includes(apiKey)) {
        throw new ApiError({ ...e.toJSON(), serverMessage: e.serverMessage.split(apiKey).join('***') });
      }
      throw e;
    }
  }

  return {
    baseUrl,
    async listTasks({ limit = 5, status = 'connect' } = {}) {
      // NaN / Infinity would otherwise be sent as "limit=NaN".
      const n = Number.isFinite(limit) ? Math.max(1, Math.min(1000, Math.trunc(limit))) : 5;
      const data = await call('GET', `/links?limit=${n}&status=${encodeURIComponent(status)}`);
      return parse(TaskListSchema, data);
    },
    async getTask(id, { status } = {}) {
      const q = status ? `?status=${encodeURIComponent(status)}` : '';
      return parse(TaskSchema, await call('GET', `/links/${taskPath(id)}${q}`));
    },
    startTask: (id) => call('POST', `/links/${taskPath(id)}/start`, {}, 'action'),
    async completeTask(id, body = {}) {
      // safeParse, not parse: a bad link_post must reject with an ApiError, never throw a ZodError.
      const checked = CompleteBodySchema.safeParse(body);
      if (!checked.success) throw new ApiError({ kind: 'bad_request', serverMessage: 'link_post must be a URL' });
      return call('POST', `/links/${taskPath(id)}/complete`, checked.data, 'action');
    },
    async failTask(id, body) {
      const checked = FailBodySchema.safeParse(body);
      if (!checked.success) throw new ApiError({ kind: 'bad_request', serverMessage: 'error_message must be 1–1000 characters' });
      return call('POST', `/links/${taskPath(id)}/fail`, checked.data, 'action');
    },
  };
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) throw new ApiError({ kind: 'invalid_response', serverMessage: 'unexpected data shape' });
  return r.data;
}

function retryAfter(res: Response): number | undefined {
  const h = res.headers.get('Retry-After');
  if (!h) return undefined;
  const secs = Number(h);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * `data`: list/get, whose answer must be the documented success envelope.
 * `action`: start/complete/fail, whose bodies are undocumented: any 2xx JSON
 * (or an empty 2xx) is an acknowledgement unless it says `success: false`.
 */
type Mode = 'data' | 'action';

/** Turns a response into `data`, or the ApiError that describes it. */
function interpret(res: Response, raw: string, mode: Mode): unknown {
  let json: unknown;
  let isJson = true;
  try {
    json = raw.length ? JSON.parse(raw) : undefined;
  } catch {
    isJson = false;
  }
  const err = isJson ? ErrorEnvelope.safeParse(json) : undefined;
  const serverMessage = err?.success ? err.data.message?.slice(0, MAX_SERVER_MESSAGE) : undefined;
  const status = res.status;
  const htmlPage = !isJson && (/^\s*</.test(raw) || /text\/html/i.test(res.headers.get('content-type') ?? '')) ? true : undefined;

  if (res.ok) {
    if (!isJson) throw new ApiError({ kind: 'invalid_response', status, serverMessage: 'not JSON', htmlPage });
    if (err?.success) {
      // A 2xx that says success:false is a rejection of what we asked.
      throw new ApiError({ kind: 'wrong_status', status, serverMessage, currentStatus: err.data.current_status });
    }
    const ok = SuccessEnvelope.safeParse(json);
    if (ok.success) return ok.data.data;
    if (mode === 'action') return json;
    throw new ApiError({ kind: 'invalid_response', status, serverMessage: 'no success envelope' });
  }

  const base = { status, serverMessage, ...(htmlPage && { htmlPage }) };
  if (status === 401 || status === 403) throw new ApiError({ kind: 'unauthorized', ...base });
  if (status === 429) throw new ApiError({ kind: 'rate_limited', ...base, retryAfterMs: retryAfter(res) });
  if (status >= 500) throw new ApiError({ kind: 'server', ...base, retryAfterMs: retryAfter(res) });
  if (status === 404) {
    if (err?.success && (err.data.current_status || /status/i.test(err.data.message ?? ''))) {
      throw new ApiError({
        kind: 'wrong_status',
        ...base,
        currentStatus: err.data.current_status,
        expectedStatus: err.data.expected,
      });
    }
    // A 404 without our error envelope (an HTML page) means a wrong base URL, not a missing task.
    if (!err?.success) throw new ApiError({ kind: 'invalid_response', ...base, serverMessage: 'not the Entity API' });
    throw new ApiError({ kind: 'not_found', ...base });
  }
  if (status === 409 || (status === 400 && /status/i.test(serverMessage ?? ''))) {
    throw new ApiError({ kind: 'wrong_status', ...base, currentStatus: err?.success ? err.data.current_status : undefined });
  }
  if (status === 408) throw new ApiError({ kind: 'timeout', ...base });
  throw new ApiError({ kind: 'bad_request', ...base });
}
