/**
 * The Entity API (connect phase) as documented in /work/shared/API.md, under
 * /api/v1/entity. Pure request → Reply; the server applies faults around it.
 */
import type { SandboxState } from './state';
import { nowIso } from './state';
import type { SandboxTask } from './types';
import { json, type Reply } from './http';

export const API_PREFIX = '/api/v1/entity';
export const FAIL_MESSAGE_MAX = 1000;
export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 1000;

const notFound = (): Reply => json(404, { success: false, message: 'task not found' });
const unauthorized = (): Reply => json(401, { success: false, message: 'invalid api key' });
const badRequest = (message: string): Reply => json(400, { success: false, message });
const conflict = (current: string, expected: string): Reply =>
  json(409, { success: false, message: 'task not in expected status', current_status: current, expected });

/** The task as the API sends it: every stored field except the status. */
export function wireTask(task: SandboxTask): Record<string, unknown> {
  const { status: _status, ...wire } = task;
  return structuredClone(wire);
}

export interface ApiRequest {
  method: string;
  /** Path after API_PREFIX, e.g. "/links/abc/start". */
  path: string;
  query: URLSearchParams;
  keyOk: boolean;
  /** Parsed JSON body; `undefined` when empty. */
  body: unknown;
  /** True when the body was not valid JSON. */
  badJson: boolean;
}

export function handleApi(state: SandboxState, req: ApiRequest): Reply {
  if (!req.keyOk) return unauthorized();

  if (req.path === '/links') {
    if (req.method !== 'GET') return methodNotAllowed('GET');
    return listTasks(state, req.query);
  }
  const m = /^\/links\/([^/]+)(?:\/(start|complete|fail))?$/.exec(req.path);
  if (!m) return { status: 404, text: '404 page not found' };
  let id: string;
  try {
    id = decodeURIComponent(m[1]!);
  } catch {
    return notFound();
  }
  const action = m[2];
  if (!action) {
    if (req.method !== 'GET') return methodNotAllowed('GET');
    return getTask(state, id, req.query.get('status'));
  }
  if (req.method !== 'POST') return methodNotAllowed('POST');
  const rec = state.record(id);
  if (!rec) return notFound();
  if (req.badJson) return badRequest('invalid JSON body');
  const body = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest('body must be a JSON object');
  const b = body as Record<string, unknown>;

  if (action === 'start') {
    if (rec.task.status !== 'connect') return conflict(rec.task.status, 'connect');
    rec.task.status = 'connecting';
    rec.starts += 1;
    return json(200, { success: true, message: 'task started', data: { id, status: 'connecting' } });
  }

  if (action === 'complete') {
    for (const k of ['link_post', 'link_profile', 'note'] as const) {
      if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'string') return badRequest(`${k} must be a string`);
    }
    if (rec.task.status !== 'connecting') return conflict(rec.task.status, 'connecting');
    rec.task.status = 'completed';
    rec.reports.push({ action: 'complete', body: structuredClone(b), at: nowIso() });
    return json(200, { success: true, message: 'task completed', data: { id, status: 'completed' } });
  }

  // fail
  const msg = b.error_message;
  if (typeof msg !== 'string' || !msg.trim()) return badRequest('error_message is required');
  if (msg.length > FAIL_MESSAGE_MAX) return badRequest(`error_message must be at most ${FAIL_MESSAGE_MAX} characters`);
  if (b.note !== undefined && b.note !== null && typeof b.note !== 'string') return badRequest('note must be a string');
  if (rec.task.status !== 'connecting') return conflict(rec.task.status, 'connecting');
  rec.task.status = 'connect_failed';
  rec.retry_count += 1;
  rec.reports.push({ action: 'fail', body: structuredClone(b), at: nowIso() });
  return json(200, { success: true, message: 'task marked as failed', data: { id, status: 'connect_failed' } });
}

function listTasks(state: SandboxState, query: URLSearchParams): Reply {
  const rawLimit = query.get('limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null && rawLimit !== '') {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) return badRequest('limit must be a positive integer');
    limit = Math.min(MAX_LIMIT, Number(rawLimit));
  }
  const status = query.get('status');
  // Listing never reserves: the same task is listed until someone starts it.
  const data = state
    .records()
    .filter((r) => !r.deleted && (!status || r.task.status === status))
    .slice(0, limit)
    .map((r) => wireTask(r.task));
  return json(200, { success: true, data });
}

function getTask(state: SandboxState, id: string, expected: string | null): Reply {
  const rec = state.record(id);
  if (!rec) return notFound();
  if (expected && rec.task.status !== expected) {
    return json(404, { success: false, message: 'task not in expected status', current_status: rec.task.status, expected });
  }
  return json(200, { success: true, data: wireTask(rec.task) });
}

function methodNotAllowed(allow: string): Reply {
  return json(405, { success: false, message: 'method not allowed' }, { Allow: allow });
}
