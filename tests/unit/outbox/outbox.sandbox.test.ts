import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient } from '../../../lib/api';
import { createOutbox, type Outbox } from '../../../lib/outbox';
import { activeTaskItem } from '../../../lib/task';
import { outboxItem } from '../../../lib/outbox';
import { createTaskService, type TaskService } from '../../../lib/task/service';
import { startSandbox, type Sandbox } from '../../sandbox/server';

/** The outbox and the task service over real HTTP against the sandbox API (faults included). */
let sb: Sandbox;
let clock: number;
let outbox: Outbox;
let service: TaskService;
let apiKey: string;

beforeAll(async () => {
  sb = await startSandbox({ tasks: [] });
});
afterAll(async () => {
  await sb.close();
});

beforeEach(() => {
  fakeBrowser.reset();
  sb.reset([
    { id: 'task-1', domain: 'one.test', status: 'connect' },
    { id: 'task-2', domain: 'two.test', status: 'connect' },
  ]);
  clock = Date.now();
  apiKey = sb.apiKey;
  const getClient = async () => createApiClient({ baseUrl: sb.apiBase, apiKey, timeoutMs: 2000 });
  outbox = createOutbox({ getClient, now: () => clock, random: () => 0 });
  service = createTaskService({ getClient, outbox, now: () => clock });
});

async function pullAndReport(kind: 'complete' | 'fail') {
  const pulled = await service.pullTask();
  if (!pulled.ok) throw new Error(pulled.error.kind);
  const r = kind === 'complete' ? await service.completeTask({ linkPost: 'https://one.test/u/me' }) : await service.failTask({ reason: 'locked' });
  expect(r.ok).toBe(true);
  await service.lastFlush();
  return pulled.value.task.id;
}

describe('outbox over real HTTP', () => {
  it('pull starts a task on the server; complete reaches it exactly once', async () => {
    const id = await pullAndReport('complete');
    expect(sb.task(id)!.status).toBe('completed');
    expect(sb.task(id)!.reports).toHaveLength(1);
    expect(sb.task(id)!.reports[0]!.body).toMatchObject({ link_post: 'https://one.test/u/me' });
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('pull skips a task another worker started', async () => {
    sb.patchTask('task-1', { status: 'connecting' });
    const r = await service.pullTask();
    expect(r).toMatchObject({ ok: true, value: { task: { id: 'task-2' } } });
  });

  it('response dropped after the server acted: acknowledged by GET, reported once', async () => {
    sb.setFault({ mode: 'drop-after-act', match: '/complete', count: 1 });
    const id = await pullAndReport('complete');
    expect(sb.task(id)!.status).toBe('completed');
    expect(await outboxItem.getValue()).toHaveLength(1);
    clock += 60_000;
    await outbox.flush();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(sb.task(id)!.reports).toHaveLength(1);
  });

  it('server down, then 500, then 429 with Retry-After: kept and retried until it goes through', async () => {
    sb.setFault({ mode: 'down', match: '/fail', count: 1 });
    const id = await pullAndReport('fail');
    let [e] = await outboxItem.getValue();
    expect(e).toMatchObject({ state: 'pending', lastError: { kind: 'network' } });

    sb.setFault({ mode: 'error500', match: '/fail', count: 1 });
    clock = e!.nextAttemptAt;
    await outbox.flush();
    [e] = await outboxItem.getValue();
    expect(e).toMatchObject({ state: 'pending', attempts: 2, lastError: { kind: 'server', status: 500 } });

    sb.setFault({ mode: 'rate-limit', match: '/fail', count: 1, retryAfterSec: 600 });
    clock = e!.nextAttemptAt;
    await outbox.flush();
    [e] = await outboxItem.getValue();
    expect(e!.lastError?.kind).toBe('rate_limited');
    expect(e!.nextAttemptAt).toBeGreaterThanOrEqual(clock + 599_000);

    clock = e!.nextAttemptAt;
    await outbox.flush();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(sb.task(id)!.status).toBe('connect_failed');
    expect(sb.task(id)!.reports).toHaveLength(1);
  });

  it('a wrong key pauses the outbox; a fixed key resumes it', async () => {
    const pulled = await service.pullTask();
    expect(pulled.ok).toBe(true);
    apiKey = 'wrong-key';
    await service.completeTask({});
    await service.lastFlush();
    expect((await outboxItem.getValue())[0]).toMatchObject({ state: 'paused', lastError: { kind: 'unauthorized', status: 401 } });
    apiKey = sb.apiKey;
    await outbox.resume();
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('the task was re-queued by the server meanwhile: dead, with the status', async () => {
    const pulled = await service.pullTask();
    const id = pulled.ok ? pulled.value.task.id : '';
    sb.patchTask(id, { status: 'connect' });
    await service.completeTask({});
    await service.lastFlush();
    expect((await outboxItem.getValue())[0]).toMatchObject({ state: 'dead', lastError: { kind: 'wrong_status' } });
    expect(await activeTaskItem.getValue()).toBeNull();
  });
});
