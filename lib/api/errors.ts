/**
 * One error type for every API failure. `kind` is what callers act on:
 * the outbox retries `network`/`timeout`/`rate_limited`/`server`, pauses on
 * `unauthorized`, and gives up (visibly) on the rest.
 */
export type ApiErrorKind =
  | 'config' // no key / unusable base URL: nothing was sent
  | 'network'
  | 'timeout'
  | 'unauthorized' // 401 / 403
  | 'not_found' // 404 "task not found"
  | 'wrong_status' // 404 with current_status, 409, or a rejected start/complete/fail
  | 'rate_limited' // 429
  | 'server' // 5xx
  | 'bad_request' // other 4xx (our request was refused as invalid)
  | 'invalid_response'; // not JSON, or not the documented shape

export interface ApiErrorInit {
  kind: ApiErrorKind;
  status?: number;
  /** The server's own `message`, trimmed; never contains our secrets. */
  serverMessage?: string;
  currentStatus?: string;
  expectedStatus?: string;
  retryAfterMs?: number;
  /** The answer was a web page, not JSON (a maintenance page, a proxy's error, a login portal). */
  htmlPage?: boolean;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly currentStatus?: string;
  readonly expectedStatus?: string;
  readonly retryAfterMs?: number;
  readonly htmlPage?: boolean;

  constructor(init: ApiErrorInit) {
    // The message is for developers' consoles; workers see lib/i18n's text.
    super(
      `API ${init.kind}${init.status ? ` (HTTP ${init.status})` : ''}${init.serverMessage ? `: ${init.serverMessage}` : ''}`,
    );
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.currentStatus = init.currentStatus;
    this.expectedStatus = init.expectedStatus;
    this.retryAfterMs = init.retryAfterMs;
    this.htmlPage = init.htmlPage;
  }

  /** Worth trying again later without anyone changing anything. */
  get retryable(): boolean {
    return ['network', 'timeout', 'rate_limited', 'server'].includes(this.kind);
  }

  /** A plain, serialisable copy for storage and messages. */
  toJSON(): ApiErrorInit {
    return {
      kind: this.kind,
      status: this.status,
      serverMessage: this.serverMessage,
      currentStatus: this.currentStatus,
      expectedStatus: this.expectedStatus,
      retryAfterMs: this.retryAfterMs,
      ...(this.htmlPage && { htmlPage: true }),
    };
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
