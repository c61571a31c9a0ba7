import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, isApiError, type ApiClient, type ApiErrorKind } from '../../../lib/api';
import { FAIL_REASON_MAX } from '../../../lib/rules';
import { SEED_IDS, startSandbox, type Sandbox } from '../../sandbox/server';

// A distinctive key, so a leak anywhere in an error is easy to spot.
const KEY = 'sk-live-SECRET-7f3a9b21c4';
const WRONG_KEY = 'sk-live-WRONG-55e1d0aa';

let sb: Sandbox;
let client: ApiClient;

beforeAll(async () => {
  sb = await startSandbox({ apiKey: KEY });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
  client = createApiClient({ baseUrl: sb.apiBase, apiKey: KEY, timeoutMs: 5_000 });
});
afterEach(() => {
  sb.setFault({ mode: 'none' });
});

/** Runs `fn`, expects an ApiError of `kind`, and checks no secret leaks from it. */
async function expectApiError(fn: () => Promise<unknown>, kind: ApiErrorKind, secrets: string[] = [KEY]): Promise<ApiError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(isApiError(caught), `expected an ApiError, got ${String(caught)}`).toBe(true);
  const err = caught as ApiError;
  expect(err.kind).toBe(kind);
  for (const s of secrets) {
    expect(err.message).not.toContain(s);
    expect(String(err)).not.toContain(s);
    expect(JSON.stringify(err)).not.toContain(s);
    expect(err.stack ?? '').not.toContain(s);
  }
  return err;
}

const apiRequests = () => sb.requestLog().length;

describe('documented calls over real HTTP', () => {
  it('lists connect tasks with the default limit of 5 and the documented fields', async () => {
    const tasks = await client.listTasks();
    expect(tasks).toHaveLength(5);
    expect(sb.requestLog().at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/entity/links?limit=5&status=connect', keyOk: true, status: 200 });
    const first = tasks[0]!;
    expect(first).toMatchObject({
      id: SEED_IDS.social,
      domain: 'demo-social.test',
      username: 'lumenbakery',
      email: 'lumenbakery.seo@gmail.com',
      password: 'Lb#2024!socialQ',
      twofa: 'JBSWY3DPEHPK3PXP',
      website: 'https://lumenbakery.example',
    });
    expect(first.entity_connect).toHaveLength(8);
    expect(tasks.every((t) => t.id && t.domain)).toBe(true);
  });

  it('passes limit and status, and clamps limit to 1..1000', async () => {
    expect(await client.listTasks({ limit: 2 })).toHaveLength(2);
    expect(await client.listTasks({ limit: 5000 })).toHaveLength(8);
    expect(sb.requestLog().at(-1)?.path).toBe('/api/v1/entity/links?limit=1000&status=connect');
    await client.listTasks({ limit: 0 });
    expect(sb.requestLog().at(-1)?.path).toBe('/api/v1/entity/links?limit=1&status=connect');
    await client.listTasks({ limit: Number.NaN });
    expect(sb.requestLog().at(-1)?.path).toBe('/api/v1/entity/links?limit=5&status=connect');
    const registered = await client.listTasks({ status: 'register' });
    expect(registered.map((t) => t.id)).toEqual([SEED_IDS.register]);
  });

  it('listing does not reserve: the same task is listed until started', async () => {
    const a = await client.listTasks({ limit: 1 });
    const b = await client.listTasks({ limit: 1 });
    expect(a[0]!.id).toBe(b[0]!.id);
    await client.startTask(a[0]!.id);
    const c = await client.listTasks({ limit: 1 });
    expect(c[0]!.id).not.toBe(a[0]!.id);
  });

  it('gets one task, with and without a status assertion', async () => {
    const t = await client.getTask(SEED_IDS.forum);
    expect(t.id).toBe(SEED_IDS.forum);
    expect(t.entity_connect).toContain('javascript:alert(document.cookie)');
    const same = await client.getTask(SEED_IDS.forum, { status: 'connect' });
    expect(same).toEqual(t);
    expect(sb.requestLog().at(-1)?.path).toBe(`/api/v1/entity/links/${SEED_IDS.forum}?status=connect`);
  });

  it('start moves connect → connecting', async () => {
    await client.startTask(SEED_IDS.wp);
    expect(sb.task(SEED_IDS.wp)).toMatchObject({ status: 'connecting', starts: 1 });
    expect((await client.getTask(SEED_IDS.wp, { status: 'connecting' })).id).toBe(SEED_IDS.wp);
  });

  it('complete sends link_post and note, moves connecting → completed, reported once', async () => {
    await client.startTask(SEED_IDS.social);
    await client.completeTask(SEED_IDS.social, { link_post: 'https://demo-social.test/lumenbakery', note: 'All 4 social links updated' });
    const v = sb.task(SEED_IDS.social)!;
    expect(v.status).toBe('completed');
    expect(v.reports).toHaveLength(1);
    expect(v.reports[0]).toMatchObject({
      action: 'complete',
      body: { link_post: 'https://demo-social.test/lumenbakery', note: 'All 4 social links updated' },
    });
  });

  it('complete accepts the link_profile alias and an empty body', async () => {
    await client.startTask(SEED_IDS.wp);
    await client.completeTask(SEED_IDS.wp, { link_profile: 'https://demo-wp.test/author/lumenbakery/' });
    expect(sb.task(SEED_IDS.wp)!.reports[0]!.body).toEqual({ link_profile: 'https://demo-wp.test/author/lumenbakery/' });
    await client.startTask(SEED_IDS.blog);
    await client.completeTask(SEED_IDS.blog);
    expect(sb.task(SEED_IDS.blog)).toMatchObject({ status: 'completed', reports: [{ action: 'complete', body: {} }] });
  });

  it('fail sends error_message (and note), moves connecting → connect_failed', async () => {
    await client.startTask(SEED_IDS.dev);
    await client.failTask(SEED_IDS.dev, { error_message: 'Profile is locked or restricted from editing', note: 'tried twice' });
    const v = sb.task(SEED_IDS.dev)!;
    expect(v).toMatchObject({ status: 'connect_failed', retry_count: 1 });
    expect(v.reports).toEqual([
      { action: 'fail', body: { error_message: 'Profile is locked or restricted from editing', note: 'tried twice' }, at: expect.any(String) },
    ]);
  });

  it('a fail reason of exactly 1000 characters is sent', async () => {
    await client.startTask(SEED_IDS.dev);
    const reason = 'x'.repeat(FAIL_REASON_MAX);
    await client.failTask(SEED_IDS.dev, { error_message: reason });
    expect(sb.task(SEED_IDS.dev)!.reports[0]!.body.error_message).toBe(reason);
  });

  it('accepts any 2xx JSON acknowledgement of start/complete/fail (bodies are undocumented)', async () => {
    sb.setFault({ mode: 'status', status: 200, body: { message: 'ok' }, count: 1 });
    await expect(client.startTask(SEED_IDS.social)).resolves.toEqual({ message: 'ok' });
    sb.setFault({ mode: 'status', status: 201, body: { success: true }, count: 1 });
    await expect(client.completeTask(SEED_IDS.social)).resolves.toEqual({ success: true });
    sb.setFault({ mode: 'status', status: 204, count: 1 });
    await expect(client.failTask(SEED_IDS.social, { error_message: 'x' })).resolves.toBeUndefined();
    // …but list/get still need the documented envelope.
    sb.setFault({ mode: 'status', status: 204, count: 1 });
    await expectApiError(() => client.listTasks(), 'invalid_response');
  });

  it('tolerates unknown fields and keeps them', async () => {
    const t = await client.getTask(SEED_IDS.music);
    expect(t).toMatchObject({ first_name: 'Northwind', last_name: 'Plumbing', about: 'Family plumbing company since 1998.' });
    sb.addTasks([{ id: 'extra-1', domain: 'odd.test', status: 'connect', retry_policy: { max: 3 }, tags: ['a'], created_at: 1700000000 }]);
    const odd = await client.getTask('extra-1');
    expect(odd).toMatchObject({ id: 'extra-1', domain: 'odd.test', retry_policy: { max: 3 }, tags: ['a'] });
  });

  it('tolerates entity_connect null, missing or holding non-strings, and numbers/nulls in text fields', async () => {
    sb.reset([
      { id: 'n1', domain: 'a.test', entity_connect: null, status: 'connect' },
      { id: 'n2', domain: 'b.test', entity_connect: [1, null, { url: 'https://x' }, 'https://ok.test/u', ['nested'], true], status: 'connect' },
      { id: 'n3', domain: 'c.test', entity_connect: undefined, password: 123456, twofa: null, email: null, status: 'connect' },
    ]);
    const [a, b, c] = await client.listTasks({ limit: 10 });
    expect(a!.entity_connect).toEqual([]);
    expect(b!.entity_connect).toEqual(['https://ok.test/u']);
    expect(c!.password).toBe('123456');
    expect(c!.twofa).toBe('');
    expect(c!.email).toBe('');
    expect(c!.entity_connect ?? []).toEqual([]);
  });

  it('accepts a base URL with a trailing slash', async () => {
    const c = createApiClient({ baseUrl: `${sb.apiBase}/`, apiKey: KEY });
    expect(c.baseUrl).toBe(sb.apiBase);
    expect(await c.listTasks({ limit: 1 })).toHaveLength(1);
  });
});

describe('every error kind, with no secret in the error', () => {
  it('config: empty key, unsendable key, bad base URLs — nothing is sent', async () => {
    const before = apiRequests();
    await expectApiError(() => createApiClient({ baseUrl: sb.apiBase, apiKey: '  ' }).listTasks(), 'config');
    await expectApiError(() => createApiClient({ baseUrl: sb.apiBase, apiKey: 'clé-secrète' }).listTasks(), 'config', ['clé-secrète']);
    for (const baseUrl of ['not a url', 'ftp://127.0.0.1/api', `http://user:${KEY}@127.0.0.1/api`]) {
      await expectApiError(async () => createApiClient({ baseUrl, apiKey: KEY }), 'config');
    }
    expect(apiRequests()).toBe(before);
  });

  it('network: the server is closed', async () => {
    const gone = await startSandbox({ apiKey: KEY });
    const base = gone.apiBase;
    await gone.close();
    const c = createApiClient({ baseUrl: base, apiKey: KEY, timeoutMs: 5_000 });
    const err = await expectApiError(() => c.listTasks(), 'network');
    expect(err.retryable).toBe(true);
    expect(err.status).toBeUndefined();
  });

  it('network: the server drops the connection (down) and nothing happens', async () => {
    sb.setFault({ mode: 'down', match: '/start' });
    await expectApiError(() => client.startTask(SEED_IDS.social), 'network');
    expect(sb.task(SEED_IDS.social)).toMatchObject({ status: 'connect', starts: 0 });
  });

  it('network after the server acted (drop-after-act): a retry then sees wrong_status completed', async () => {
    await client.startTask(SEED_IDS.social);
    sb.setFault({ mode: 'drop-after-act', match: '/complete', count: 1 });
    await expectApiError(() => client.completeTask(SEED_IDS.social, { note: 'done' }), 'network');
    expect(sb.task(SEED_IDS.social)).toMatchObject({ status: 'completed', reports: [{ action: 'complete' }] });
    const err = await expectApiError(() => client.completeTask(SEED_IDS.social, { note: 'done' }), 'wrong_status');
    expect(err.currentStatus).toBe('completed');
    expect(sb.task(SEED_IDS.social)!.reports).toHaveLength(1);
    // The documented way to check: the task is in the target status.
    expect((await client.getTask(SEED_IDS.social, { status: 'completed' })).id).toBe(SEED_IDS.social);
  });

  it('timeout: the answer comes later than the client waits', async () => {
    sb.setFault({ mode: 'latency', latencyMs: 3_000, count: 1 });
    const c = createApiClient({ baseUrl: sb.apiBase, apiKey: KEY, timeoutMs: 150 });
    const err = await expectApiError(() => c.listTasks(), 'timeout');
    expect(err.retryable).toBe(true);
  });

  it('a slow answer within the timeout is fine', async () => {
    sb.setFault({ mode: 'latency', latencyMs: 50, count: 1 });
    expect(await client.listTasks({ limit: 1 })).toHaveLength(1);
    expect(sb.requestLog().at(-1)).toMatchObject({ fault: 'latency', status: 200 });
  });

  it('unauthorized: 401 for a wrong key — the server says keyOk false and the wrong key does not leak', async () => {
    const c = createApiClient({ baseUrl: sb.apiBase, apiKey: WRONG_KEY });
    const err = await expectApiError(() => c.listTasks(), 'unauthorized', [KEY, WRONG_KEY]);
    expect(err).toMatchObject({ status: 401, serverMessage: 'invalid api key' });
    expect(err.retryable).toBe(false);
    expect(sb.requestLog().at(-1)).toMatchObject({ keyOk: false, status: 401 });
    expect(JSON.stringify(sb.requestLog())).not.toContain(WRONG_KEY);
  });

  it('unauthorized: 403', async () => {
    sb.setFault({ mode: 'status', status: 403, body: { success: false, message: 'api key disabled' }, count: 1 });
    const err = await expectApiError(() => client.getTask(SEED_IDS.social), 'unauthorized');
    expect(err).toMatchObject({ status: 403, serverMessage: 'api key disabled' });
  });

  it('not_found: 404 task not found (get, start, complete, fail)', async () => {
    const err = await expectApiError(() => client.getTask('00000000-0000-4000-8000-000000000000'), 'not_found');
    expect(err).toMatchObject({ status: 404, serverMessage: 'task not found' });
    await expectApiError(() => client.startTask('nope'), 'not_found');
    await expectApiError(() => client.completeTask('nope'), 'not_found');
    await expectApiError(() => client.failTask('nope', { error_message: 'x' }), 'not_found');
  });

  it('not_found: a soft-deleted task', async () => {
    sb.patchTask(SEED_IDS.video, { deleted: true });
    await expectApiError(() => client.getTask(SEED_IDS.video), 'not_found');
    expect((await client.listTasks({ limit: 100 })).map((t) => t.id)).not.toContain(SEED_IDS.video);
  });

  it('wrong_status: 404 with current_status and expected', async () => {
    const err = await expectApiError(() => client.getTask(SEED_IDS.register, { status: 'connect' }), 'wrong_status');
    expect(err).toMatchObject({ status: 404, currentStatus: 'register', expectedStatus: 'connect' });
  });

  it('wrong_status: start of a task not in connect (register, and a second start)', async () => {
    const err = await expectApiError(() => client.startTask(SEED_IDS.register), 'wrong_status');
    expect(err).toMatchObject({ status: 409, currentStatus: 'register' });
    await client.startTask(SEED_IDS.social);
    const again = await expectApiError(() => client.startTask(SEED_IDS.social), 'wrong_status');
    expect(again.currentStatus).toBe('connecting');
    expect(sb.task(SEED_IDS.social)!.starts).toBe(1);
  });

  it('wrong_status: complete or fail of a task not in connecting', async () => {
    const c = await expectApiError(() => client.completeTask(SEED_IDS.social), 'wrong_status');
    expect(c.currentStatus).toBe('connect');
    const f = await expectApiError(() => client.failTask(SEED_IDS.completed, { error_message: 'x' }), 'wrong_status');
    expect(f.currentStatus).toBe('completed');
    expect(sb.task(SEED_IDS.social)!.reports).toEqual([]);
  });

  it('wrong_status: a 2xx that says success:false', async () => {
    sb.setFault({ mode: 'status', status: 200, body: { success: false, message: 'task already completed' }, count: 1 });
    const err = await expectApiError(() => client.startTask(SEED_IDS.social), 'wrong_status');
    expect(err.serverMessage).toBe('task already completed');
  });

  it('rate_limited: 429 with Retry-After', async () => {
    sb.setFault({ mode: 'rate-limit', retryAfterSec: 7, count: 1 });
    const err = await expectApiError(() => client.listTasks(), 'rate_limited');
    expect(err).toMatchObject({ status: 429, retryAfterMs: 7_000 });
    expect(err.retryable).toBe(true);
  });

  it('server: 500, and 503 with Retry-After; nothing happens on the server', async () => {
    await client.startTask(SEED_IDS.social);
    sb.setFault({ mode: 'error500', match: '/complete', count: 1 });
    const err = await expectApiError(() => client.completeTask(SEED_IDS.social), 'server');
    expect(err.status).toBe(500);
    expect(sb.task(SEED_IDS.social)).toMatchObject({ status: 'connecting', reports: [] });
    sb.setFault({ mode: 'error500', status: 503, retryAfterSec: 30, count: 1 });
    const e503 = await expectApiError(() => client.listTasks(), 'server');
    expect(e503).toMatchObject({ status: 503, retryAfterMs: 30_000 });
  });

  it('server: an HTML 502 gateway page is a server error, not a bad response', async () => {
    sb.setFault({ mode: 'html-error', status: 502, count: 1 });
    const err = await expectApiError(() => client.listTasks(), 'server');
    expect(err.status).toBe(502);
  });

  it('bad_request: another 4xx from the server', async () => {
    sb.setFault({ mode: 'status', status: 400, body: { success: false, message: 'invalid request' }, count: 1 });
    const err = await expectApiError(() => client.getTask(SEED_IDS.social), 'bad_request');
    expect(err).toMatchObject({ status: 400, serverMessage: 'invalid request' });
    sb.setFault({ mode: 'status', status: 422, body: { success: false, message: 'unprocessable' }, count: 1 });
    await expectApiError(() => client.getTask(SEED_IDS.social), 'bad_request');
  });

  it('bad_request before sending: a fail reason over 1000 characters, empty, or blank', async () => {
    await client.startTask(SEED_IDS.social);
    const before = apiRequests();
    for (const error_message of ['x'.repeat(FAIL_REASON_MAX + 1), '', '   ']) {
      await expectApiError(() => client.failTask(SEED_IDS.social, { error_message }), 'bad_request');
    }
    expect(apiRequests()).toBe(before);
    expect(sb.task(SEED_IDS.social)).toMatchObject({ status: 'connecting', reports: [] });
  });

  it('bad_request before sending: a link_post that is not a URL (rejects, never throws synchronously)', async () => {
    await client.startTask(SEED_IDS.social);
    const before = apiRequests();
    let p: Promise<unknown> | undefined;
    expect(() => {
      p = client.completeTask(SEED_IDS.social, { link_post: 'not a url' });
    }).not.toThrow();
    await expectApiError(() => p!, 'bad_request');
    expect(apiRequests()).toBe(before);
  });

  it('the sandbox itself refuses a fail reason over 1000 characters with 400', async () => {
    await client.startTask(SEED_IDS.social);
    const res = await fetch(`${sb.apiBase}/links/${SEED_IDS.social}/fail`, {
      method: 'POST',
      headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ error_message: 'y'.repeat(1001) }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false });
    expect(sb.task(SEED_IDS.social)!.status).toBe('connecting');
  });

  it('invalid_response: an HTML page with 200 (captive portal / proxy)', async () => {
    sb.setFault({ mode: 'html-error', count: 1 });
    const err = await expectApiError(() => client.listTasks(), 'invalid_response');
    expect(err.status).toBe(200);
  });

  it('invalid_response: an HTML 200 on complete is not an acknowledgement', async () => {
    await client.startTask(SEED_IDS.social);
    sb.setFault({ mode: 'html-error', match: '/complete', count: 1 });
    await expectApiError(() => client.completeTask(SEED_IDS.social), 'invalid_response');
  });

  it('invalid_response: malformed JSON', async () => {
    sb.setFault({ mode: 'malformed-json', count: 1 });
    await expectApiError(() => client.listTasks(), 'invalid_response');
  });

  it('invalid_response: the wrong shape', async () => {
    sb.setFault({ mode: 'status', status: 200, body: { success: true, data: { tasks: [] } }, count: 1 });
    await expectApiError(() => client.listTasks(), 'invalid_response');
    sb.setFault({ mode: 'status', status: 200, body: { data: [] }, count: 1 });
    await expectApiError(() => client.listTasks(), 'invalid_response');
    sb.setFault({ mode: 'status', status: 200, body: { success: true, data: [{ id: 'x' }] }, count: 1 });
    await expectApiError(() => client.listTasks(), 'invalid_response');
    sb.setFault({ mode: 'status', status: 200, body: { success: true, data: [] }, count: 1 });
    await expectApiError(() => client.getTask(SEED_IDS.social), 'invalid_response');
  });

  it('invalid_response: a 404 HTML page from a wrong base URL, not "task not found"', async () => {
    const wrong = createApiClient({ baseUrl: `${sb.origin}/api/v1`, apiKey: KEY });
    const err = await expectApiError(() => wrong.getTask(SEED_IDS.social), 'invalid_response');
    expect(err.status).toBe(404);
    await expectApiError(() => wrong.listTasks(), 'invalid_response');
  });
});

describe('listTasks tolerates a malformed task in the list', () => {
  it('skips the task without a domain and keeps the good ones in order', async () => {
    const { startSandbox } = await import('../../sandbox/server');
    const sb = await startSandbox({ tasks: [] });
    try {
      sb.addTasks([{ id: 'good-1', domain: 'a.test' }, { id: 'good-2', domain: 'b.test' }]);
      sb.patchTask('good-1', { domain: null });
      const client = createApiClient({ baseUrl: sb.apiBase, apiKey: sb.apiKey });
      const tasks = await client.listTasks({ limit: 10 });
      expect(tasks.map((t) => t.id)).toEqual(['good-2']);
    } finally {
      await sb.close();
    }
  });
});

describe('task ids never smuggle a path', () => {
  it.each(['..', '../start', 'a/b', '%2e%2e', '.'])('%j is refused before any request', async (id) => {
    const before = apiRequests();
    await expectApiError(() => client.startTask(id), 'bad_request');
    await expectApiError(() => client.getTask(id), 'bad_request');
    await expectApiError(() => client.completeTask(id, {}), 'bad_request');
    await expectApiError(() => client.failTask(id, { error_message: 'x' }), 'bad_request');
    expect(apiRequests()).toBe(before);
  });

  it('a listed task whose id is unusable is skipped like any malformed task', async () => {
    sb.reset([
      { id: '..', domain: 'evil.test', status: 'connect' },
      { id: 'good-1', domain: 'good.test', status: 'connect' },
    ]);
    const tasks = await client.listTasks({ status: 'connect' });
    expect(tasks.map((t) => t.id)).toEqual(['good-1']);
  });
});

describe('the API key only travels over https (or to loopback / .test)', () => {
  it('a plain-http base on the open network is a config error; nothing is sent', () => {
    expect(() => createApiClient({ baseUrl: 'http://manager.example.com/api/v1/entity', apiKey: KEY })).toThrow(ApiError);
    expect(createApiClient({ baseUrl: sb.apiBase, apiKey: KEY }).baseUrl).toBe(sb.apiBase);
  });
});
