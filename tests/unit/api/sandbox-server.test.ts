import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../sandbox/http';
import { SEED_IDS, seedTasks, startSandbox, type ControlTaskView, type Sandbox } from '../../sandbox/server';

const KEY = 'sandbox-test-key-93c1';
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ apiKey: KEY });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  await control('POST', '/reset');
});

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: { success: boolean; data?: unknown; message?: string } }> {
  const res = await fetch(`${sb.origin}/__control${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function controlTask(id: string): Promise<ControlTaskView> {
  const r = await control('GET', `/tasks/${id}`);
  expect(r.status).toBe(200);
  return r.json.data as ControlTaskView;
}

async function api(method: string, path: string, opts: { key?: string | null; body?: string | object } = {}) {
  const headers: Record<string, string> = {};
  if (opts.key !== null) headers['X-API-Key'] = opts.key ?? KEY;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sb.apiBase}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

describe('API contract (raw HTTP)', () => {
  it('requires X-API-Key on every route and changes nothing without it', async () => {
    const id = SEED_IDS.social;
    for (const [method, path] of [
      ['GET', '/links'],
      ['GET', `/links/${id}`],
      ['POST', `/links/${id}/start`],
      ['POST', `/links/${id}/complete`],
      ['POST', `/links/${id}/fail`],
    ] as const) {
      for (const key of [null, 'wrong', '']) {
        const r = await api(method, path, { key, body: method === 'POST' ? { error_message: 'x' } : undefined });
        expect(r.status, `${method} ${path} key=${key}`).toBe(401);
        expect(r.json).toEqual({ success: false, message: 'invalid api key' });
      }
    }
    expect((await controlTask(id)).status).toBe('connect');
  });

  it('lists with limit default 5, max 1000, filtered by status, without status in the task JSON', async () => {
    const def = await api('GET', '/links');
    expect(def.json).toMatchObject({ success: true });
    expect(def.json!.data).toHaveLength(5);
    const all = await api('GET', '/links?limit=1000');
    expect(all.json!.data).toHaveLength(10);
    const big = await api('GET', '/links?limit=100000&status=connect');
    expect(big.json!.data).toHaveLength(8);
    const first = (def.json!.data as Record<string, unknown>[])[0]!;
    expect(Object.keys(first).sort()).toEqual(
      ['id', 'request_id', 'domain', 'website', 'email', 'username', 'pass_mail', 'twofa', 'app_password', 'password', 'entity_connect'].sort(),
    );
    for (const bad of ['0', '-1', 'abc', '2.5']) expect((await api('GET', `/links?limit=${bad}`)).status).toBe(400);
    expect((await api('GET', '/links?status=nothing')).json!.data).toEqual([]);
  });

  it('get answers the two documented 404 bodies exactly', async () => {
    expect((await api('GET', '/links/does-not-exist')).json).toEqual({ success: false, message: 'task not found' });
    const r = await api('GET', `/links/${SEED_IDS.register}?status=connect`);
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ success: false, message: 'task not in expected status', current_status: 'register', expected: 'connect' });
    const ok = await api('GET', `/links/${SEED_IDS.register}?status=register`);
    expect(ok.json).toMatchObject({ success: true, data: { id: SEED_IDS.register, domain: 'demo-social.test' } });
  });

  it('start is accepted only from connect; otherwise 409 with current_status', async () => {
    const r = await api('POST', `/links/${SEED_IDS.social}/start`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: true });
    const again = await api('POST', `/links/${SEED_IDS.social}/start`);
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ success: false, message: 'task not in expected status', current_status: 'connecting', expected: 'connect' });
    expect((await api('POST', `/links/${SEED_IDS.completed}/start`)).json).toMatchObject({ current_status: 'completed' });
  });

  it('validates complete/fail bodies with 400', async () => {
    await api('POST', `/links/${SEED_IDS.social}/start`);
    expect((await api('POST', `/links/${SEED_IDS.social}/complete`, { body: '{not json' })).status).toBe(400);
    expect((await api('POST', `/links/${SEED_IDS.social}/complete`, { body: '[1,2]' })).status).toBe(400);
    expect((await api('POST', `/links/${SEED_IDS.social}/complete`, { body: { link_post: 42 } })).status).toBe(400);
    for (const body of [{}, { error_message: '' }, { error_message: '   ' }, { error_message: 7 }, { error_message: 'z'.repeat(1001) }]) {
      const r = await api('POST', `/links/${SEED_IDS.social}/fail`, { body });
      expect(r.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(r.json).toMatchObject({ success: false });
    }
    const v = await controlTask(SEED_IDS.social);
    expect(v).toMatchObject({ status: 'connecting', reports: [] });
  });

  it('answers 405 for a wrong method, text 404 for an unknown API route, HTML 404 outside the API, 204 to a CORS preflight', async () => {
    expect((await api('POST', '/links')).status).toBe(405);
    expect((await api('GET', `/links/${SEED_IDS.social}/start`)).status).toBe(405);
    const unknown = await api('GET', '/tasks');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toBeUndefined();
    const outside = await fetch(`${sb.origin}/api/v1/links`, { headers: { 'X-API-Key': KEY } });
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toContain('text/html');
    const pre = await fetch(`${sb.apiBase}/links`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('X-API-Key');
  });
});

describe('state machine through the control API', () => {
  it('connect → connecting → completed, with one report', async () => {
    await api('POST', `/links/${SEED_IDS.wp}/start`);
    await api('POST', `/links/${SEED_IDS.wp}/complete`, { body: { link_post: 'https://demo-wp.test/author/lumenbakery/', note: 'ok' } });
    const v = await controlTask(SEED_IDS.wp);
    expect(v).toMatchObject({ status: 'completed', starts: 1, deleted: false });
    expect(v.reports).toEqual([{ action: 'complete', body: { link_post: 'https://demo-wp.test/author/lumenbakery/', note: 'ok' }, at: expect.any(String) }]);
    // A duplicate complete is refused and not logged.
    expect((await api('POST', `/links/${SEED_IDS.wp}/complete`, { body: {} })).status).toBe(409);
    expect((await controlTask(SEED_IDS.wp)).reports).toHaveLength(1);
  });

  it('fail → connect_failed; the retry manager re-queues while retry_count < max_retries', async () => {
    const id = SEED_IDS.dev;
    for (let round = 1; round <= 3; round++) {
      expect((await api('POST', `/links/${id}/start`)).status).toBe(200);
      expect((await api('POST', `/links/${id}/fail`, { body: { error_message: `round ${round}` } })).status).toBe(200);
      const v = await controlTask(id);
      expect(v).toMatchObject({ status: 'connect_failed', retry_count: round });
      const rq = await control('POST', '/requeue');
      expect(rq.json.data).toEqual({ requeued: round < 3 ? [id] : [] });
    }
    const v = await controlTask(id);
    expect(v.status).toBe('connect_failed');
    expect(v.reports.map((r) => r.body.error_message)).toEqual(['round 1', 'round 2', 'round 3']);
  });

  it('reset replaces the seed; add fills defaults; duplicates are refused', async () => {
    const r = await control('POST', '/reset', { tasks: [{ id: 't1', domain: 'wp.test', username: 'admin', password: 'pw' }] });
    expect(r.json.data).toEqual({ tasks: 1 });
    const added = await control('POST', '/tasks', [{ domain: 'x.test' }, { status: 'register', entity_connect: null }]);
    expect(added.status).toBe(201);
    const views = added.json.data as ControlTaskView[];
    expect(views).toHaveLength(2);
    expect(views[0]!.task.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(views[0]).toMatchObject({ status: 'connect', task: { domain: 'x.test', entity_connect: expect.any(Array) } });
    expect(views[1]).toMatchObject({ status: 'register', task: { entity_connect: null } });
    expect((await control('POST', '/tasks', { id: 't1', domain: 'dup.test' })).status).toBe(400);
    expect((await control('GET', '/tasks')).json.data).toHaveLength(3);
    expect((await control('GET', '/tasks/t1')).json.data).toMatchObject({ task: { username: 'admin', password: 'pw' } });
    expect((await control('GET', '/tasks/nope')).status).toBe(404);
    // Back to the seed.
    await control('POST', '/reset');
    expect((await control('GET', '/tasks')).json.data).toHaveLength(seedTasks().length);
  });

  it('PATCH edits status and fields; DELETE soft-deletes', async () => {
    const p = await control('PATCH', `/tasks/${SEED_IDS.completed}`, { status: 'connect', website: 'https://new.example' });
    expect(p.json.data).toMatchObject({ status: 'connect', task: { website: 'https://new.example' } });
    expect((await api('POST', `/links/${SEED_IDS.completed}/start`)).status).toBe(200);
    const d = await control('DELETE', `/tasks/${SEED_IDS.completed}`);
    expect(d.json.data).toMatchObject({ deleted: true });
    expect((await api('GET', `/links/${SEED_IDS.completed}`)).json).toEqual({ success: false, message: 'task not found' });
  });

  it('the seed has 8 connect tasks on demo hosts, twofa in several forms, a javascript: link and a duplicate', () => {
    const seed = seedTasks();
    const connect = seed.filter((t) => t.status === 'connect');
    expect(connect).toHaveLength(8);
    expect(new Set(connect.map((t) => t.domain)).size).toBe(8);
    for (const t of connect) {
      expect(t.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect((t.entity_connect as string[]).length).toBeGreaterThanOrEqual(3);
      expect((t.entity_connect as string[]).length).toBeLessThanOrEqual(12);
    }
    const twofa = seed.map((t) => t.twofa);
    expect(twofa).toContain('JBSWY3DPEHPK3PXP');
    expect(twofa.some((s) => typeof s === 'string' && /^[a-z2-7 ]+$/.test(s) && s.includes(' '))).toBe(true);
    expect(twofa.some((s) => typeof s === 'string' && s.startsWith('otpauth://'))).toBe(true);
    const forum = seed.find((t) => t.id === SEED_IDS.forum)!.entity_connect as string[];
    expect(forum.some((u) => u.startsWith('javascript:'))).toBe(true);
    expect(new Set(forum).size).toBeLessThan(forum.length);
    expect(seed.map((t) => t.status)).toEqual(expect.arrayContaining(['register', 'completed']));
  });
});

describe('faults', () => {
  it('count limits how many matching requests are affected, then the fault turns off', async () => {
    const set = await control('POST', '/faults', { mode: 'error500', count: 2, match: '/links' });
    expect(set.json.data).toMatchObject({ mode: 'error500', remaining: 2 });
    expect((await api('GET', '/links')).status).toBe(500);
    expect((await control('GET', '/faults')).json.data).toMatchObject({ remaining: 1 });
    expect((await api('GET', '/links')).status).toBe(500);
    expect((await api('GET', '/links')).status).toBe(200);
    expect((await control('GET', '/faults')).json.data).toMatchObject({ mode: 'none' });
  });

  it('match restricts the fault to paths containing it', async () => {
    await control('POST', '/faults', { mode: 'rate-limit', match: '/complete', retryAfterSec: 9 });
    await api('POST', `/links/${SEED_IDS.social}/start`);
    expect((await api('GET', '/links')).status).toBe(200);
    const r = await api('POST', `/links/${SEED_IDS.social}/complete`, { body: {} });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('9');
    expect((await controlTask(SEED_IDS.social)).status).toBe('connecting');
    await control('POST', '/faults', { mode: 'none' });
    expect((await api('POST', `/links/${SEED_IDS.social}/complete`, { body: {} })).status).toBe(200);
  });

  it('drop-after-act acts, then drops the connection; down drops without acting', async () => {
    await control('POST', '/faults', { mode: 'drop-after-act', match: '/start', count: 1 });
    await expect(api('POST', `/links/${SEED_IDS.social}/start`)).rejects.toThrow();
    expect((await controlTask(SEED_IDS.social)).status).toBe('connecting');
    await control('POST', '/faults', { mode: 'down', match: '/start', count: 1 });
    await expect(api('POST', `/links/${SEED_IDS.wp}/start`)).rejects.toThrow();
    expect((await controlTask(SEED_IDS.wp)).status).toBe('connect');
  });

  it('html-error, malformed-json and status answer without acting', async () => {
    await control('POST', '/faults', { mode: 'html-error', count: 1 });
    const h = await api('POST', `/links/${SEED_IDS.social}/start`);
    expect(h.status).toBe(200);
    expect(h.headers.get('content-type')).toContain('text/html');
    await control('POST', '/faults', { mode: 'malformed-json', count: 1 });
    const m = await api('POST', `/links/${SEED_IDS.social}/start`);
    expect(m.headers.get('content-type')).toContain('application/json');
    expect(m.json).toBeUndefined();
    await control('POST', '/faults', { mode: 'status', status: 403, count: 1 });
    expect((await api('POST', `/links/${SEED_IDS.social}/start`)).status).toBe(403);
    expect((await controlTask(SEED_IDS.social)).status).toBe('connect');
  });

  it('refuses malformed fault specs', async () => {
    expect((await control('POST', '/faults', { mode: 'explode' })).status).toBe(400);
    expect((await control('POST', '/faults', { mode: 'status' })).status).toBe(400);
    expect((await control('POST', '/faults', { mode: 'latency', latencyMs: -5 })).status).toBe(400);
    expect((await control('GET', '/faults')).json.data).toMatchObject({ mode: 'none' });
  });
});

describe('request log', () => {
  it('records method, path, time, keyOk, status and fault — never the key', async () => {
    await control('DELETE', '/log');
    await api('GET', '/links?limit=1');
    await api('GET', '/links', { key: 'a-wrong-key-xyz' });
    await control('POST', '/faults', { mode: 'error500', count: 1 });
    await api('GET', `/links/${SEED_IDS.social}`);
    const log = (await control('GET', '/log')).json.data as Array<Record<string, unknown>>;
    expect(log).toEqual([
      { method: 'GET', path: '/api/v1/entity/links?limit=1', time: expect.any(String), keyOk: true, status: 200 },
      { method: 'GET', path: '/api/v1/entity/links', time: expect.any(String), keyOk: false, status: 401 },
      { method: 'GET', path: `/api/v1/entity/links/${SEED_IDS.social}`, time: expect.any(String), keyOk: true, status: 500, fault: 'error500' },
    ]);
    const raw = JSON.stringify(log);
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain('a-wrong-key-xyz');
  });
});

describe('lifecycle', () => {
  it('control routes answer only loopback peers', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('10.0.0.5')).toBe(false);
    expect(isLoopbackAddress('::ffff:192.168.1.2')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });

  it('close() resolves with a keep-alive socket open and a delayed answer pending', async () => {
    const other = await startSandbox();
    other.setFault({ mode: 'latency', latencyMs: 60_000 });
    // A raw keep-alive request that will never be answered before close.
    const pending = new Promise<string>((resolve) => {
      const req = request(`${other.apiBase}/links`, { headers: { 'X-API-Key': other.apiKey, Connection: 'keep-alive' } }, (res) => {
        res.resume();
        res.on('end', () => resolve('answered'));
      });
      req.on('error', () => resolve('closed'));
      req.end();
    });
    // Wait until the server has the request (the fault counted it).
    await expect.poll(() => other.requestLog().length).toBe(1);
    await other.close();
    expect(await pending).toBe('closed');
    await expect(fetch(`${other.apiBase}/links`)).rejects.toThrow();
  });

  it('the CLI starts on the given port, prints the URLs and the key, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/sandbox/cli.ts', '--port', '0', '--key', 'cli-key'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => out, { timeout: 15_000 }).toContain('Ctrl+C');
      const apiBase = /API base URL : (\S+)/.exec(out)?.[1];
      expect(apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/entity$/);
      expect(out).toContain('API key      : cli-key');
      expect(out).toMatch(/http:\/\/demo-social\.test:\d+\/login/);
      const res = await fetch(`${apiBase}/links?limit=2&status=connect`, { headers: { 'X-API-Key': 'cli-key' } });
      expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(2);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
