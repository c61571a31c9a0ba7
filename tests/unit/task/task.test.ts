import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiError } from '../../../lib/api';
import { createOutbox, type Outbox } from '../../../lib/outbox';
import { activeTaskItem, historyItem, type ActiveTask, type HistoryEntry } from '../../../lib/task';
import { outboxItem } from '../../../lib/outbox';
import { checkComplete, checkFail, countToday, markDelivered } from '../../../lib/task';
import { createTaskService, withLinkCap, type TaskService } from '../../../lib/task/service';
import { FakeApi, makeTask } from '../outbox/fake-api';

let clock = 1_800_000_000_000;
let api: FakeApi;
let outbox: Outbox;
let service: TaskService;
let changes: (ActiveTask | null)[];
let clientError: ApiError | null;

function setup(tasks = [makeTask('a'), makeTask('b'), makeTask('c')]) {
  api = new FakeApi(tasks);
  const getClient = async () => {
    if (clientError) throw clientError;
    return api;
  };
  outbox = createOutbox({ getClient, now: () => clock, random: () => 0, onAcked: markDelivered });
  changes = [];
  service = createTaskService({ getClient, outbox, now: () => clock, onActiveChange: (a) => changes.push(a) });
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = 1_800_000_000_000;
  clientError = null;
  setup();
});

describe('pullTask', () => {
  it('starts the first task and stores it with startedAt', async () => {
    const r = await service.pullTask();
    expect(r.ok).toBe(true);
    const active = await activeTaskItem.getValue();
    expect(active).toMatchObject({ task: { id: 'a', domain: 'a.example.test', status: 'connecting' }, startedAt: clock });
    expect(api.tasks.get('a')!.status).toBe('connecting');
    expect(api.calls.find((c) => c.method === 'list')).toEqual({ method: 'list', status: 'connect' });
    expect(changes).toEqual([active]);
  });

  it('skips tasks another worker started first (wrong_status / not_found) and takes the next', async () => {
    api.fail('start', { type: 'error', error: { kind: 'wrong_status', status: 409, currentStatus: 'connecting' } });
    api.fail('start', { type: 'error', error: { kind: 'not_found', status: 404 } });
    const r = await service.pullTask();
    expect(r).toMatchObject({ ok: true, value: { task: { id: 'c' } } });
    expect(api.calls.filter((c) => c.method === 'start').map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('no task can be started → no_work, nothing stored', async () => {
    for (const id of ['a', 'b', 'c']) api.tasks.get(id)!.status = 'register';
    expect(await service.pullTask()).toEqual({ ok: false, error: { kind: 'no_work' } });
    setup([makeTask('x')]);
    api.fail('start', { type: 'error', error: { kind: 'wrong_status', status: 409 } });
    expect(await service.pullTask()).toEqual({ ok: false, error: { kind: 'no_work' } });
    expect(await activeTaskItem.getValue()).toBeNull();
  });

  it('refuses to pull while a task is active (busy), without calling the API', async () => {
    await service.pullTask();
    const calls = api.calls.length;
    expect(await service.pullTask()).toEqual({ ok: false, error: { kind: 'busy' } });
    expect(api.calls.length).toBe(calls);
    expect(api.tasks.get('b')!.status).toBe('connect');
  });

  it('a double click pulls once', async () => {
    const [r1, r2] = await Promise.all([service.pullTask(), service.pullTask()]);
    expect(r1).toEqual(r2);
    expect(api.count('start')).toBe(1);
  });

  it('network / auth errors come back as ActionError kinds, without secrets', async () => {
    api.fail('list', { type: 'error', error: { kind: 'unauthorized', status: 401, serverMessage: 'invalid api key' } });
    const r = await service.pullTask();
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', detail: { kind: 'unauthorized', status: 401, serverMessage: 'invalid api key' } } });
    api.fail('start', { type: 'error', error: { kind: 'network' } });
    expect(await service.pullTask()).toMatchObject({ ok: false, error: { kind: 'network' } });
    clientError = new ApiError({ kind: 'config', serverMessage: 'API key is empty' });
    expect(await service.pullTask()).toMatchObject({ ok: false, error: { kind: 'config' } });
  });

  it('a start whose answer was lost after the server acted is adopted, not left stranded in connecting', async () => {
    api.fail('start', { type: 'drop-after-act' });
    const r = await service.pullTask();
    expect(r.ok && r.value.task.id).toBe('a');
    expect(api.tasks.get('a')!.status).toBe('connecting');
    expect(api.calls.filter((c) => c.method === 'get')).toEqual([{ method: 'get', id: 'a', status: 'connecting' }]);
  });

  it('a start that never reached the server is reported as the network error it is', async () => {
    api.fail('start', { type: 'error', error: { kind: 'network' } });
    expect(await service.pullTask()).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(api.tasks.get('a')!.status).toBe('connect');
    expect(await activeTaskItem.getValue()).toBeNull();
  });

  it('flushes the outbox before pulling', async () => {
    await service.pullTask();
    api.fail('complete', { type: 'error', error: { kind: 'network' } });
    await service.completeTask({});
    await service.lastFlush();
    expect(await outboxItem.getValue()).toHaveLength(1);
    clock += 60_000;
    await service.pullTask();
    const methods = api.calls.map((c) => c.method);
    // the pending report (GET check, then complete) happens before the list of the next pull
    expect(methods.lastIndexOf('complete')).toBeLessThan(methods.lastIndexOf('list'));
    expect(await outboxItem.getValue()).toEqual([]);
  });
});

describe('completeTask / failTask', () => {
  beforeEach(async () => {
    await service.pullTask();
    changes = [];
  });

  it('complete: queued (saved), active cleared, history recorded, then delivered', async () => {
    clock += 90_000;
    expect(await service.completeTask({ linkPost: ' https://a.example.test/u/me ', note: 'done' })).toEqual({ ok: true, value: undefined });
    // Saved before the send resolves.
    expect((await outboxItem.getValue())[0]).toMatchObject({ taskId: 'a', kind: 'complete', body: { link_post: 'https://a.example.test/u/me', note: 'done' } });
    expect(await activeTaskItem.getValue()).toBeNull();
    expect(changes).toEqual([null]);
    const [h] = await historyItem.getValue();
    expect(h).toEqual({ taskId: 'a', domain: 'a.example.test', outcome: 'complete', startedAt: clock - 90_000, finishedAt: clock, delivered: false });
    await service.lastFlush();
    expect(api.reports).toEqual([{ id: 'a', kind: 'complete', body: { link_post: 'https://a.example.test/u/me', note: 'done' } }]);
    expect((await historyItem.getValue())[0]!.delivered).toBe(true);
  });

  it('complete without a link omits link_post', async () => {
    await service.completeTask({ linkPost: '  ' });
    await service.lastFlush();
    expect(api.reports[0]!.body).toEqual({});
  });

  it('fail: reason trimmed and recorded', async () => {
    expect(await service.failTask({ reason: '  Profile locked  ' })).toEqual({ ok: true, value: undefined });
    await service.lastFlush();
    expect(api.reports).toEqual([{ id: 'a', kind: 'fail', body: { error_message: 'Profile locked' } }]);
    expect((await historyItem.getValue())[0]).toMatchObject({ outcome: 'fail', reason: 'Profile locked', delivered: true });
  });

  it.each([
    ['javascript: link', { linkPost: 'javascript:alert(1)' }],
    ['not a URL', { linkPost: 'profile page' }],
    ['ftp link', { linkPost: 'ftp://a.example.test/x' }],
    ['note too long', { note: 'x'.repeat(5001) }],
  ])('complete refuses %s and keeps the task', async (_n, input) => {
    expect(await service.completeTask(input)).toEqual({ ok: false, error: { kind: 'invalid_input' } });
    expect(await outboxItem.getValue()).toEqual([]);
    expect(await activeTaskItem.getValue()).not.toBeNull();
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['1001 characters', 'x'.repeat(1001)],
  ])('fail refuses a %s reason', async (_n, reason) => {
    expect(await service.failTask({ reason })).toEqual({ ok: false, error: { kind: 'invalid_input' } });
    expect(await outboxItem.getValue()).toEqual([]);
    expect(await activeTaskItem.getValue()).not.toBeNull();
  });

  it('1000 characters is accepted', async () => {
    expect((await service.failTask({ reason: 'y'.repeat(1000) })).ok).toBe(true);
  });

  it('with no active task: no_task', async () => {
    await service.dropActiveTask();
    expect(await service.completeTask({})).toEqual({ ok: false, error: { kind: 'no_task' } });
    expect(await service.failTask({ reason: 'x' })).toEqual({ ok: false, error: { kind: 'no_task' } });
    expect(await service.dropActiveTask()).toEqual({ ok: false, error: { kind: 'no_task' } });
  });

  it('the report survives a network fault and the next task can be pulled meanwhile', async () => {
    api.fail('complete', { type: 'error', error: { kind: 'network' } });
    await service.completeTask({});
    await service.lastFlush();
    expect((await outboxItem.getValue())[0]).toMatchObject({ state: 'pending', attempts: 1 });
    expect((await service.pullTask()).ok).toBe(true);
  });

  it('dropActiveTask forgets the local copy only', async () => {
    expect(await service.dropActiveTask()).toEqual({ ok: true, value: undefined });
    expect(await activeTaskItem.getValue()).toBeNull();
    expect(api.tasks.get('a')!.status).toBe('connecting');
    expect(await outboxItem.getValue()).toEqual([]);
    expect(changes).toEqual([null]);
  });
});

describe('verifyActiveTask', () => {
  beforeEach(async () => {
    await service.pullTask();
  });

  it('still connecting: problem cleared', async () => {
    await activeTaskItem.setValue({ ...(await activeTaskItem.getValue())!, problem: { kind: 'unverified', at: 1 } });
    const r = await service.verifyActiveTask();
    expect(r.ok).toBe(true);
    expect((await activeTaskItem.getValue())!.problem).toBeUndefined();
    expect(api.calls.at(-1)).toEqual({ method: 'get', id: 'a', status: 'connecting' });
  });

  it('task gone → problem gone', async () => {
    api.tasks.delete('a');
    await service.verifyActiveTask();
    expect((await activeTaskItem.getValue())!.problem).toEqual({ kind: 'gone', at: clock });
  });

  it('another status → problem wrong_status with the current status', async () => {
    api.tasks.get('a')!.status = 'connect';
    await service.verifyActiveTask();
    expect((await activeTaskItem.getValue())!.problem).toEqual({ kind: 'wrong_status', currentStatus: 'connect', at: clock });
  });

  it('network failure → unverified; the task is kept', async () => {
    api.fail('get', { type: 'error', error: { kind: 'network' } });
    const r = await service.verifyActiveTask();
    expect(r.ok).toBe(true);
    expect(await activeTaskItem.getValue()).toMatchObject({ task: { id: 'a' }, problem: { kind: 'unverified' } });
  });

  it('a refused key is an error, not a verdict on the task', async () => {
    api.fail('get', { type: 'error', error: { kind: 'unauthorized', status: 401 } });
    expect(await service.verifyActiveTask()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect((await activeTaskItem.getValue())!.problem).toBeUndefined();
  });

  it('keeps the journey, including what it learnt while the server was asked', async () => {
    const journey = { stage: 'editor' as const, autoMoved: ['login' as const], filled: {}, problems: [], siteUrl: 'https://a.example.test/' };
    await activeTaskItem.setValue({ ...(await activeTaskItem.getValue())!, journey });
    const getTask = api.getTask.bind(api);
    api.getTask = async (...args: Parameters<typeof getTask>) => {
      const answer = await getTask(...args);
      // A page event lands while the answer is on its way.
      const current = (await activeTaskItem.getValue())!;
      await activeTaskItem.setValue({ ...current, journey: { ...current.journey!, saveAttemptAt: 5 } });
      return answer;
    };
    expect((await service.verifyActiveTask()).ok).toBe(true);
    expect((await activeTaskItem.getValue())!.journey).toEqual({ ...journey, saveAttemptAt: 5 });
  });

  it('no active task → no_task', async () => {
    await service.dropActiveTask();
    expect(await service.verifyActiveTask()).toEqual({ ok: false, error: { kind: 'no_task' } });
  });
});

describe('pure helpers', () => {
  it('checkComplete / checkFail', () => {
    expect(checkComplete({ linkPost: 'http://plain-http.test/p' })).toEqual({ ok: true, value: { link_post: 'http://plain-http.test/p' } });
    expect(checkComplete({ linkPost: 'https://user:pw@x.test/' })).toEqual({ ok: false, field: 'linkPost' });
    expect(checkComplete({ linkPost: 42 })).toEqual({ ok: false, field: 'linkPost' });
    expect(checkFail({ reason: 'r', note: ' n ' })).toEqual({ ok: true, value: { error_message: 'r', note: 'n' } });
    expect(checkFail({})).toEqual({ ok: false, field: 'reason' });
  });

  it('countToday counts today only, by outcome', () => {
    const now = new Date(2026, 10, 28, 15, 0, 0).getTime();
    const h = (outcome: 'complete' | 'fail', finishedAt: number): HistoryEntry => ({ taskId: 'x', domain: 'd', outcome, startedAt: finishedAt - 1, finishedAt, delivered: true });
    const midnight = new Date(2026, 10, 28, 0, 0, 0).getTime();
    expect(
      countToday([h('complete', now - 1000), h('fail', now - 2000), h('complete', midnight), h('complete', midnight - 1)], now),
    ).toEqual({ completed: 2, failed: 1 });
  });

  it('a report made by the background a moment after the popup last ticked counts at once', () => {
    const now = new Date(2026, 10, 28, 15, 0, 0).getTime();
    const h: HistoryEntry = { taskId: 'x', domain: 'd', outcome: 'complete', startedAt: now - 60_000, finishedAt: now + 800, delivered: false };
    expect(countToday([h], now)).toEqual({ completed: 1, failed: 0 });
    expect(countToday([{ ...h, finishedAt: now + 2 * 3_600_000 }], now)).toEqual({ completed: 0, failed: 0 });
  });
});

describe('double reports', () => {
  it('complete clicked twice at once (popup + shortcut) queues one report', async () => {
    await service.pullTask();
    const [a, b] = await Promise.all([service.completeTask({}), service.completeTask({})]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await outboxItem.getValue()).toHaveLength(1);
    expect(await historyItem.getValue()).toHaveLength(1);
    await service.lastFlush();
    expect(api.reports).toHaveLength(1);
  });
});

describe('a task with more links than the API allows', () => {
  it('keeps the first 150 and says how many were left out (no 300,000-link fill passes)', async () => {
    const links = Array.from({ length: 300_000 }, (_, i) => `https://site${i}.example/u/jane`);
    api.tasks.set('big', makeTask('big', { entity_connect: links }));
    for (const id of [...api.tasks.keys()]) if (id !== 'big') api.tasks.delete(id);
    const r = await service.pullTask();
    expect(r.ok).toBe(true);
    const active = (await activeTaskItem.getValue())!;
    expect(active.task.entity_connect).toHaveLength(150);
    expect(active.task.entity_connect![149]).toBe(links[149]);
    expect(active.linksDropped).toBe(299_850);
  });

  it('a task within the limit carries no count', () => {
    const active = withLinkCap({ task: makeTask('t', { entity_connect: ['https://a.example/'] }), startedAt: 1 });
    expect(active.linksDropped).toBeUndefined();
    expect(active.task.entity_connect).toEqual(['https://a.example/']);
  });
});
