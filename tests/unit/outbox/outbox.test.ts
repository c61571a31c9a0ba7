import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiError } from '../../../lib/api';
import {
  backoffDelay,
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  createOutbox,
  OUTBOX_ALARM,
  type Outbox,
} from '../../../lib/outbox';
import { historyItem, markDelivered, type HistoryEntry } from '../../../lib/task';
import { outboxItem } from '../../../lib/outbox';
import { FakeApi, makeTask } from './fake-api';

let clock = 1_800_000_000_000;
let api: FakeApi;
let outbox: Outbox;
let getClientError: ApiError | null;

const alarmEvent = () => ({ name: OUTBOX_ALARM, scheduledTime: clock, persistAcrossSessions: false });

function connecting(id: string) {
  return makeTask(id, { status: 'connecting' });
}

async function enqueueComplete(taskId = 't1', body: Record<string, string> = {}) {
  const history: HistoryEntry = { taskId, domain: `${taskId}.example.test`, outcome: 'complete', startedAt: clock - 1000, finishedAt: clock, delivered: false };
  return outbox.enqueue({ taskId, domain: `${taskId}.example.test`, kind: 'complete', body }, async () => [
    { item: historyItem, value: [history, ...(await historyItem.getValue())] },
  ]);
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = 1_800_000_000_000;
  api = new FakeApi([connecting('t1'), connecting('t2')]);
  getClientError = null;
  outbox = createOutbox({
    getClient: async () => {
      if (getClientError) throw getClientError;
      return api;
    },
    now: () => clock,
    random: () => 0, // lowest jitter: delays are exact
    onAcked: markDelivered, // as the background wires it
  });
  // The fake browser awaits what a listener returns, so a test's alarm waits for the flush.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  fakeBrowser.alarms.onAlarm.addListener((a) => outbox.handleAlarm(a));
});

describe('outbox: saved first, then sent', () => {
  it('enqueue stores the entry and arms the alarm before anything is sent', async () => {
    const entry = await enqueueComplete('t1', { link_post: 'https://t1.example.test/u/me' });
    expect(api.calls).toHaveLength(0);
    const stored = await outboxItem.getValue();
    expect(stored).toEqual([expect.objectContaining({ id: entry.id, taskId: 't1', state: 'pending', attempts: 0 })]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeDefined();
    expect((await historyItem.getValue())[0]).toMatchObject({ taskId: 't1', delivered: false });
  });

  it('a 2xx removes the entry, marks history delivered and clears the alarm', async () => {
    await enqueueComplete('t1', { link_post: 'https://t1.example.test/u/me' });
    const summary = await outbox.flush();
    expect(summary.acked).toBe(1);
    expect(api.reports).toEqual([{ id: 't1', kind: 'complete', body: { link_post: 'https://t1.example.test/u/me' } }]);
    expect(await outboxItem.getValue()).toEqual([]);
    expect((await historyItem.getValue())[0]!.delivered).toBe(true);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });

  it('fail reports send error_message and note', async () => {
    await outbox.enqueue({ taskId: 't2', domain: 'x', kind: 'fail', body: { error_message: 'Profile locked', note: 'n' } });
    await outbox.flush();
    expect(api.reports).toEqual([{ id: 't2', kind: 'fail', body: { error_message: 'Profile locked', note: 'n' } }]);
    expect(api.tasks.get('t2')!.status).toBe('connect_failed');
  });
});

describe('outbox: retry with backoff', () => {
  it('network error: kept, attempts counted, next try after the backoff, sent by the alarm', async () => {
    api.fail('complete', { type: 'error', error: { kind: 'network' } });
    await enqueueComplete();
    const s = await outbox.flush();
    expect(s.retrying).toBe(1);
    const [e] = await outboxItem.getValue();
    expect(e).toMatchObject({ state: 'pending', attempts: 1, lastError: { kind: 'network' } });
    expect(e!.nextAttemptAt).toBe(clock + BACKOFF_BASE_MS / 2);
    const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(alarm?.scheduledTime).toBe(e!.nextAttemptAt);

    // An early alarm (or popup open) sends nothing.
    await fakeBrowser.alarms.onAlarm.trigger(alarmEvent());
    expect(api.count('complete')).toBe(1);

    clock = e!.nextAttemptAt;
    await fakeBrowser.alarms.onAlarm.trigger(alarmEvent());
    expect(api.count('complete')).toBe(2);
    expect(await outboxItem.getValue()).toEqual([]);
    expect(api.reports).toHaveLength(1);
  });

  it('backoff doubles per attempt with jitter in [0.5, 1] and is capped', () => {
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(1, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(3, () => 1)).toBe(BACKOFF_BASE_MS * 4);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_CAP_MS);
    for (let a = 1; a < 12; a++) {
      const d = backoffDelay(a, Math.random);
      const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (a - 1));
      expect(d).toBeGreaterThanOrEqual(full / 2);
      expect(d).toBeLessThanOrEqual(full);
    }
  });

  it('429 honours Retry-After; 5xx retries too', async () => {
    api.fail('complete', { type: 'error', error: { kind: 'rate_limited', status: 429, retryAfterMs: 120_000 } });
    await enqueueComplete();
    await outbox.flush();
    let [e] = await outboxItem.getValue();
    expect(e!.nextAttemptAt).toBe(clock + 120_000);

    api.fail('complete', { type: 'error', error: { kind: 'server', status: 503 } });
    clock = e!.nextAttemptAt;
    await outbox.flush();
    [e] = await outboxItem.getValue();
    expect(e).toMatchObject({ attempts: 2, state: 'pending', lastError: { kind: 'server', status: 503 } });
    expect(e!.nextAttemptAt).toBe(clock + BACKOFF_BASE_MS); // attempt 2: 60 s × 0.5
  });

  it('the alarm is re-created by schedule() after a restart wiped it', async () => {
    api.fail('complete', { type: 'error', error: { kind: 'timeout' } });
    await enqueueComplete();
    await outbox.flush();
    await fakeBrowser.alarms.clearAll();
    await outbox.schedule();
    const [e] = await outboxItem.getValue();
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(e!.nextAttemptAt);
  });
});

describe('outbox: lost responses are neither stuck nor harmful', () => {
  it('the server completed but the response was lost: the retry GETs the status and acknowledges, no second POST', async () => {
    api.fail('complete', { type: 'drop-after-act' });
    await enqueueComplete();
    await outbox.flush();
    expect(api.tasks.get('t1')!.status).toBe('completed');
    expect(await outboxItem.getValue()).toHaveLength(1);

    clock += BACKOFF_BASE_MS;
    const s = await outbox.flush();
    expect(s.acked).toBe(1);
    expect(api.count('complete')).toBe(1);
    expect(api.calls.at(-1)).toEqual({ method: 'get', id: 't1', status: 'completed' });
    expect(api.reports).toHaveLength(1);
    expect(await outboxItem.getValue()).toEqual([]);
    expect((await historyItem.getValue())[0]!.delivered).toBe(true);
  });

  it('a fail whose answer was lost and which the server already re-queued (back to connect) is acknowledged, not dead', async () => {
    api.fail('fail', { type: 'drop-after-act' });
    await outbox.enqueue({ taskId: 't1', domain: 't1.example.test', kind: 'fail', body: { error_message: 'Profile is locked' } });
    await outbox.flush();
    expect(api.tasks.get('t1')!.status).toBe('connect_failed');
    api.tasks.get('t1')!.status = 'connect'; // the retry manager re-queued it
    clock += BACKOFF_BASE_MS;
    const s = await outbox.flush();
    expect(s.acked).toBe(1);
    expect(api.count('fail')).toBe(1);
    expect(api.reports).toHaveLength(1);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('a complete is never acknowledged by a re-queued task (connect is not where a complete leads)', async () => {
    api.fail('complete', { type: 'error', error: { kind: 'network' } });
    await enqueueComplete();
    await outbox.flush();
    api.tasks.get('t1')!.status = 'connect';
    clock += BACKOFF_BASE_MS;
    const s = await outbox.flush();
    expect(s.acked).toBe(0);
    expect((await outboxItem.getValue())[0]).toMatchObject({ state: 'dead' });
  });

  it('the server did not act (still connecting): the retry sends it', async () => {
    api.fail('complete', { type: 'error', error: { kind: 'network' } });
    await enqueueComplete();
    await outbox.flush();
    clock += BACKOFF_BASE_MS;
    await outbox.flush();
    expect(api.count('complete')).toBe(2);
    expect(api.reports).toHaveLength(1);
  });

  it('a refused resend is checked with GET: already in the target status = acknowledged', async () => {
    api.tasks.get('t1')!.status = 'completed'; // e.g. reported from another device
    await enqueueComplete();
    const s = await outbox.flush();
    expect(s.acked).toBe(1);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('refused and the task is elsewhere (re-queued, taken over): dead with the status, kept until dismissed', async () => {
    api.tasks.get('t1')!.status = 'connect';
    const entry = await enqueueComplete();
    const s = await outbox.flush();
    expect(s.dead).toBe(1);
    const [e] = await outboxItem.getValue();
    expect(e).toMatchObject({ state: 'dead', lastError: { kind: 'wrong_status', currentStatus: 'connect' } });
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
    await outbox.flush();
    expect(api.count('complete')).toBe(1); // dead entries are not resent by flushes
    expect(await outbox.dismiss(entry.id)).toBe(true);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('task gone (404) and 400 are dead; a pending entry cannot be dismissed', async () => {
    api.tasks.delete('t1');
    api.fail('fail', { type: 'error', error: { kind: 'bad_request', status: 400 } });
    await enqueueComplete('t1');
    await outbox.enqueue({ taskId: 't2', domain: 'x', kind: 'fail', body: { error_message: 'r' } });
    await outbox.flush();
    const entries = await outboxItem.getValue();
    expect(entries.map((e) => [e.taskId, e.state, e.lastError?.kind])).toEqual([
      ['t1', 'dead', 'not_found'],
      ['t2', 'dead', 'bad_request'],
    ]);

    api.fail('complete', { type: 'error', error: { kind: 'network' } });
    api.tasks.set('t3', connecting('t3'));
    const pending = await enqueueComplete('t3');
    await outbox.flush();
    expect(await outbox.dismiss(pending.id)).toBe(false);
    expect((await outboxItem.getValue()).some((e) => e.id === pending.id)).toBe(true);
  });

  it('retryAll gives dead entries another chance', async () => {
    api.tasks.get('t1')!.status = 'connect';
    await enqueueComplete();
    await outbox.flush();
    api.tasks.get('t1')!.status = 'connecting';
    await outbox.retryAll();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(api.reports).toHaveLength(1);
  });
});

describe('outbox: 401 pauses everything until settings change', () => {
  it('unauthorized pauses all entries; flushes do not send; resume() sends them', async () => {
    api.fail('complete', { type: 'error', error: { kind: 'unauthorized', status: 401 } });
    await enqueueComplete('t1');
    await outbox.enqueue({ taskId: 't2', domain: 'x', kind: 'fail', body: { error_message: 'r' } });
    const s = await outbox.flush();
    expect(s.paused).toBe(1);
    expect((await outboxItem.getValue()).map((e) => e.state)).toEqual(['paused', 'paused']);
    expect(api.count('fail')).toBe(0); // the second was not tried with a refused key
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();

    clock += 3_600_000;
    await outbox.flush();
    expect(api.calls).toHaveLength(1);

    await outbox.resume();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(api.reports.map((r) => r.id).sort()).toEqual(['t1', 't2']);
  });

  it('no key configured: paused, not dropped', async () => {
    getClientError = new ApiError({ kind: 'config', serverMessage: 'API key is empty' });
    await enqueueComplete();
    await outbox.flush();
    expect((await outboxItem.getValue())[0]).toMatchObject({ state: 'paused', lastError: { kind: 'config' } });
    getClientError = null;
    await outbox.resume();
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('a later report that goes through un-pauses the others', async () => {
    api.fail('complete', { type: 'error', error: { kind: 'unauthorized', status: 401 } });
    await enqueueComplete('t1');
    await outbox.flush();
    await outbox.enqueue({ taskId: 't2', domain: 'x', kind: 'fail', body: { error_message: 'r' } });
    await outbox.flush();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(api.reports.map((r) => r.id).sort()).toEqual(['t1', 't2']);
  });
});

describe('outbox: one flush at a time', () => {
  it('concurrent triggers send each report once', async () => {
    await enqueueComplete('t1');
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush(), fakeBrowser.alarms.onAlarm.trigger(alarmEvent())]);
    expect(api.count('complete')).toBe(1);
    expect(api.reports).toHaveLength(1);
  });

  it('a report enqueued during a flush is sent by that flush (another pass), nothing is overwritten', async () => {
    await enqueueComplete('t1');
    const first = outbox.flush();
    await enqueueComplete('t2');
    const second = outbox.flush();
    expect(second).toBe(first);
    await first;
    expect(api.reports.map((r) => r.id)).toEqual(['t1', 't2']);
    expect(await outboxItem.getValue()).toEqual([]);
    expect((await historyItem.getValue()).every((h) => h.delivered)).toBe(true);
  });
});
