/**
 * Sandbox of the Likepion Entity API (connect phase) plus demo target sites,
 * for tests and demos. Importing this file has no side effects; call
 * `startSandbox()`. See README.md beside it for the control API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_PREFIX, handleApi } from './api';
import { handleControl } from './control';
import {
  BodyTooLarge,
  LOOPBACK_NAMES,
  hostName,
  html,
  isLoopbackAddress,
  json,
  parseJson,
  readBody,
  writeReply,
  type Reply,
} from './http';
import { seedTasks } from './seed';
import { handleSite } from './sites';
import { handleJourney, journeySite } from './journeys';
import { SandboxState, nowIso, type ActiveFault } from './state';
import type { ControlTaskView, FaultSpec, RequestLogEntry, SandboxTask, SiteView } from './types';

export type * from './types';
export { SEED_IDS, DEMO_HOSTS, seedTasks } from './seed';
export { totpNow, verifyTotp, parseTotpSecret } from './totp';

export const DEFAULT_API_KEY = 'sandbox-key';
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_FIXTURES_DIR = path.resolve(HERE, '../fixtures/pages');

export interface SandboxOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  apiKey?: string;
  /** Replaces the demo seed; missing fields get defaults (status `connect`). */
  tasks?: Array<Partial<SandboxTask>>;
  /** Folder served at /fixtures/<name>.html (default tests/fixtures/pages). */
  fixturesDir?: string;
  /**
   * A fixture run: on a site's host, anything but an existing fixture answers 204 No Content,
   * so a move of the page elsewhere (the journey's own, to a login or an editor it found)
   * leaves the fixture's document in place to be read — as the Chromium corpus harness does
   * with its route.
   */
  fixturesOnly?: boolean;
}

export interface Sandbox {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** http://127.0.0.1:<port>/api/v1/entity — the extension's "API base URL". */
  apiBase: string;
  port: number;
  apiKey: string;
  /** http://<host>:<port><path> — a demo site page (needs host mapping in a browser). */
  siteUrl(host: string, pathname?: string): string;
  /** In-process equivalents of the control API. */
  reset(tasks?: Array<Partial<SandboxTask>>): void;
  addTasks(tasks: Array<Partial<SandboxTask>>): SandboxTask[];
  task(id: string): ControlTaskView | undefined;
  tasks(): ControlTaskView[];
  patchTask(id: string, changes: Record<string, unknown>): ControlTaskView | undefined;
  setFault(spec: FaultSpec): void;
  /** The API's `Date` header runs this far ahead of the real clock (negative: behind). */
  setClockSkew(ms: number): void;
  requestLog(): RequestLogEntry[];
  site(host: string): SiteView;
  readonly state: SandboxState;
  /** Stops listening and destroys every open socket at once. */
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'X-API-Key, Content-Type, Accept',
  'Access-Control-Expose-Headers': 'Retry-After, Date',
  'Access-Control-Max-Age': '600',
};

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const apiKey = opts.apiKey ?? DEFAULT_API_KEY;
  const fixturesDir = path.resolve(opts.fixturesDir ?? DEFAULT_FIXTURES_DIR);
  const state = new SandboxState(opts.tasks ?? seedTasks());
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      // Never echo request data (headers hold the key): a fixed message only.
      if (!(err instanceof BodyTooLarge)) console.error('[sandbox] handler error:', err instanceof Error ? err.message : err);
      writeReply(res, err instanceof BodyTooLarge ? json(413, { success: false, message: 'body too large' }) : json(500, { success: false, message: 'sandbox error' }));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Test servers should not keep idle keep-alive sockets for long.
  server.keepAliveTimeout = 2_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const host = hostName(req.headers.host);

    if (url.pathname === '/__control' || url.pathname.startsWith('/__control/')) {
      if (!isLoopbackAddress(req.socket.remoteAddress)) return writeReply(res, json(403, { success: false, message: 'loopback only' }));
      const body = await readBody(req);
      return writeReply(res, handleControl(state, method, url, body));
    }

    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return api(req, res, url, method);

    if (url.pathname.startsWith('/fixtures/')) {
      const reply = await fixture(url.pathname.slice('/fixtures/'.length));
      return writeReply(res, opts.fixturesOnly && reply.status === 404 ? { status: 204, text: '' } : reply);
    }
    if (opts.fixturesOnly && !LOOPBACK_NAMES.has(host)) return writeReply(res, { status: 204, text: '' });
    if (url.pathname === '/favicon.ico') return writeReply(res, { status: 204, text: '' });

    if (!LOOPBACK_NAMES.has(host) && journeySite(host)) {
      const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
      return writeReply(res, handleJourney(state, { method, host, url, headers: req.headers, body }));
    }

    if (!LOOPBACK_NAMES.has(host)) {
      const body = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
      const form = new URLSearchParams(body.toString('utf8'));
      return writeReply(res, handleSite(state, { method, host, url, cookieHeader: req.headers.cookie, form }));
    }

    if (url.pathname === '/' && method === 'GET') return writeReply(res, html(200, indexPage()));
    return writeReply(res, html(404, '<!doctype html><title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on this server.</p>'));
  }

  let clockSkewMs = 0;

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    if (method === 'OPTIONS') return writeReply(res, { status: 204, text: '', headers: CORS });
    const keyHeader = req.headers['x-api-key'];
    const keyOk = typeof keyHeader === 'string' && keyHeader === apiKey;
    const entry = state.logRequest({ method, path: url.pathname + url.search, time: nowIso(), keyOk });
    const fault = state.takeFault(url.pathname);
    if (fault) entry.fault = fault.mode;

    if (fault?.mode === 'down') {
      req.socket.destroy();
      return;
    }
    const raw = await readBody(req);
    const canned = fault && cannedReply(fault);
    const send = (reply: Reply) => {
      entry.status = reply.status;
      // The API's clock, as a real server's Date header gives it (skewed on request, to test the TOTP clock).
      const date = new Date(Date.now() + clockSkewMs).toUTCString();
      writeReply(res, { ...reply, headers: { ...CORS, Date: date, ...reply.headers } });
    };
    if (canned) return send(canned);

    let body: unknown;
    let badJson = false;
    try {
      body = parseJson(raw);
    } catch {
      badJson = true;
    }
    const reply = handleApi(state, { method, path: url.pathname.slice(API_PREFIX.length), query: url.searchParams, keyOk, body, badJson });
    if (fault?.retryAfterSec !== undefined) reply.headers = { ...reply.headers, 'Retry-After': String(fault.retryAfterSec) };

    if (fault?.mode === 'drop-after-act') {
      // The server acted; the client never hears about it.
      req.socket.destroy();
      return;
    }
    if (fault?.mode === 'latency') {
      // The action already happened; only the answer is late.
      const t = setTimeout(() => {
        timers.delete(t);
        send(reply);
      }, Math.max(0, fault.latencyMs ?? 1000));
      timers.add(t);
      return;
    }
    send(reply);
  }

  async function fixture(name: string): Promise<Reply> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      decoded = '';
    }
    // One file name, no folders: nothing outside the fixtures folder is reachable.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.html$/.test(decoded) || decoded.includes('..')) {
      return html(404, '<!doctype html><title>Not found</title><h1>No such fixture</h1>');
    }
    try {
      const text = await readFile(path.join(fixturesDir, decoded), 'utf8');
      return html(200, text);
    } catch {
      return html(404, '<!doctype html><title>Not found</title><h1>No such fixture</h1>');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('sandbox: no TCP address');
  const port = address.port;
  const origin = `http://127.0.0.1:${port}`;

  function indexPage(): string {
    const hosts = [...new Set(state.records().map((r) => String(r.task.domain)))];
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Entity API sandbox</title></head><body>
<h1>Entity API sandbox</h1>
<p>API base URL: <code>${origin}${API_PREFIX}</code> (header <code>X-API-Key</code>)</p>
<p>Control API: <a href="/__control/tasks">/__control/tasks</a>, <a href="/__control/log">/__control/log</a></p>
<h2>Demo sites</h2><ul>${hosts.map((h) => `<li>http://${h}:${port}/login</li>`).join('')}</ul>
</body></html>`;
  }

  return {
    origin,
    apiBase: `${origin}${API_PREFIX}`,
    port,
    apiKey,
    siteUrl: (host, pathname = '/') => `http://${host}:${port}${pathname.startsWith('/') ? pathname : `/${pathname}`}`,
    reset: (tasks) => state.reset(tasks ?? seedTasks()),
    addTasks: (tasks) => state.addTasks(tasks),
    task: (id) => state.view(id),
    tasks: () => state.views(),
    patchTask: (id, changes) => state.patch(id, changes),
    setFault: (spec) => void state.setFault(spec),
    setClockSkew: (ms) => {
      clockSkewMs = ms;
    },
    requestLog: () => structuredClone(state.requestLog),
    site: (host) => state.siteView(host.toLowerCase()),
    state,
    close: () => {
      if (closing) return Promise.resolve();
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
    },
  };
}

/** Replies that stand in for the real handler (a proxy or a broken server answering). */
function cannedReply(f: ActiveFault): Reply | undefined {
  const retry = f.retryAfterSec !== undefined ? { 'Retry-After': String(f.retryAfterSec) } : undefined;
  switch (f.mode) {
    case 'error500':
      return json(f.status ?? 500, { success: false, message: 'internal server error' }, retry);
    case 'rate-limit':
      return json(429, { success: false, message: 'too many requests' }, { 'Retry-After': String(f.retryAfterSec ?? 2) });
    case 'html-error':
      return html(
        f.status ?? 200,
        '<!doctype html><html><head><title>Service temporarily unavailable</title></head><body><h1>Service temporarily unavailable</h1><p>The server is down for maintenance. Please try again later.</p><hr><address>nginx</address></body></html>',
        retry,
      );
    case 'malformed-json':
      return { status: 200, text: '{"success":true,"data":[{"id":"3f6c2a1e-8d4b', contentType: 'application/json; charset=utf-8' };
    case 'status':
      return json(f.status ?? 500, f.body ?? { success: false, message: 'forced status' }, retry);
    default:
      return undefined;
  }
}
