/**
 * Control API under /__control (no key; loopback only): tests seed tasks,
 * inspect state and report logs, inject faults and read demo-site profiles.
 */
import { json, parseJson, type Reply } from './http';
import { seedTasks } from './seed';
import type { SandboxState } from './state';
import type { FaultMode, FaultSpec, ProfileFields, SandboxTask } from './types';
import { PROFILE_FIELDS } from './types';
import { handleJourneyControl } from './journeys/control';

const FAULT_MODES: readonly FaultMode[] = [
  'none',
  'drop-after-act',
  'error500',
  'down',
  'latency',
  'html-error',
  'malformed-json',
  'rate-limit',
  'status',
];

const bad = (message: string): Reply => json(400, { success: false, message });
const missing = (message = 'not found'): Reply => json(404, { success: false, message });
const ok = (data: unknown): Reply => json(200, { success: true, data });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function handleControl(state: SandboxState, method: string, url: URL, raw: Buffer): Reply {
  let body: unknown;
  try {
    body = parseJson(raw);
  } catch {
    return bad('invalid JSON body');
  }
  const p = url.pathname.replace(/\/+$/, '');
  const seg = p.split('/').slice(2).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const [root, id, extra] = seg;

  try {
    if (root === undefined && method === 'GET') {
      return ok({
        routes: [
          'POST /__control/reset {tasks?}',
          'GET|POST /__control/tasks',
          'GET|PATCH|DELETE /__control/tasks/:id',
          'POST /__control/requeue',
          'GET|POST /__control/faults',
          'GET|DELETE /__control/log',
          'GET|POST /__control/sites/:host',
          'GET /__control/journeys[/:host[/accounts/:username]]',
          'POST /__control/journeys/:host/reset {username?}',
          'POST /__control/journeys/:host/sessions {username, remember?}',
          'PUT /__control/journeys/:host/accounts/:username/saved {fields}',
        ],
      });
    }

    if (root === 'reset' && method === 'POST' && !id) {
      if (body !== undefined && !isObject(body)) return bad('body must be {tasks?: [...]}');
      const tasks = body?.tasks;
      if (tasks !== undefined && !Array.isArray(tasks)) return bad('tasks must be an array');
      state.reset((tasks as Array<Partial<SandboxTask>> | undefined) ?? seedTasks());
      return ok({ tasks: state.views().length });
    }

    if (root === 'tasks') {
      if (!id) {
        if (method === 'GET') return ok(state.views());
        if (method === 'POST') {
          const list = Array.isArray(body) ? body : isObject(body) ? [body] : undefined;
          if (!list || !list.every(isObject)) return bad('body must be a task object or an array of them');
          return json(201, { success: true, data: state.addTasks(list as Array<Partial<SandboxTask>>).map((t) => state.view(t.id)) });
        }
      } else if (!extra) {
        if (method === 'GET') return state.view(id) ? ok(state.view(id)) : missing('task not found');
        if (method === 'PATCH') {
          if (!isObject(body)) return bad('body must be an object of fields to change');
          const v = state.patch(id, body);
          return v ? ok(v) : missing('task not found');
        }
        if (method === 'DELETE') {
          const v = state.patch(id, { deleted: true });
          return v ? ok(v) : missing('task not found');
        }
      }
    }

    if (root === 'journeys') return handleJourneyControl(state, method, seg.slice(1), body);

    if (root === 'requeue' && method === 'POST' && !id) return ok({ requeued: state.requeue() });

    if (root === 'faults' && !id) {
      if (method === 'GET') return ok(publicFault(state));
      if (method === 'POST') {
        const spec = parseFault(body);
        if (typeof spec === 'string') return bad(spec);
        state.setFault(spec);
        return ok(publicFault(state));
      }
    }

    if (root === 'log' && !id) {
      if (method === 'GET') return ok(state.requestLog);
      if (method === 'DELETE') {
        state.requestLog = [];
        return ok({ cleared: true });
      }
    }

    if (root === 'sites' && id && !extra) {
      const host = id.toLowerCase();
      if (method === 'GET') return ok(state.siteView(host));
      if (method === 'POST') {
        // Preset an account's profile (as if saved at register time), without counting a save.
        if (!isObject(body) || !isObject(body.fields)) return bad('body must be {username?, fields: {...}}');
        const accounts = state.accounts(host);
        const who = typeof body.username === 'string' ? body.username.toLowerCase() : undefined;
        const task = who ? accounts.find((t) => String(t.username ?? '').toLowerCase() === who) : accounts[0];
        if (!task) return missing('no account on this host');
        const fields: Partial<ProfileFields> = {};
        for (const k of PROFILE_FIELDS) if (typeof body.fields[k] === 'string') fields[k] = body.fields[k];
        state.saveProfile(host, task, fields, false);
        return ok(state.siteView(host));
      }
    }
  } catch (err) {
    return bad(err instanceof Error ? err.message : 'bad request');
  }

  return missing('no such control route');
}

function publicFault(state: SandboxState) {
  const { remaining, ...spec } = state.fault;
  return { ...spec, remaining: Number.isFinite(remaining) ? remaining : null };
}

function parseFault(body: unknown): FaultSpec | string {
  if (!isObject(body)) return 'body must be a fault object';
  const mode = body.mode as FaultMode;
  if (!FAULT_MODES.includes(mode)) return `mode must be one of ${FAULT_MODES.join(', ')}`;
  const num = (k: string) => (body[k] === undefined || body[k] === null ? undefined : Number(body[k]));
  const spec: FaultSpec = { mode };
  for (const k of ['count', 'latencyMs', 'status', 'retryAfterSec'] as const) {
    const v = num(k);
    if (v === undefined) continue;
    if (!Number.isFinite(v) || v < 0) return `${k} must be a non-negative number`;
    spec[k] = v;
  }
  if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) return 'status must be an HTTP status';
  if (mode === 'status' && spec.status === undefined) return 'mode "status" needs a status';
  if (body.match !== undefined) {
    if (typeof body.match !== 'string') return 'match must be a string';
    spec.match = body.match;
  }
  if (body.body !== undefined) spec.body = body.body;
  return spec;
}
