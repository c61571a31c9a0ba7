import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../../lib/background';
import { removeAllListeners } from '../../../lib/messaging';
import { OUTBOX_ALARM } from '../../../lib/outbox';
import { activeTaskItem, type ActiveTask } from '../../../lib/task';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/settings';
import { outboxItem } from '../../../lib/outbox';
import { startSandbox, type Sandbox } from '../../sandbox/server';

/** Start-up of the whole background against the real sandbox API. */
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ tasks: [] });
});
afterAll(async () => {
  await sb.close();
});

beforeEach(async () => {
  fakeBrowser.reset();
  removeAllListeners();
  // @webext-core/messaging talks to `chrome.runtime`; the fake browser stands in.
  (globalThis as { chrome?: unknown }).chrome = fakeBrowser;
  sb.reset([{ id: 'live', domain: 'live.test', status: 'connecting' }]);
  sb.setFault({ mode: 'none' });
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBaseUrl: sb.apiBase, apiKey: sb.apiKey });
});

const stored = (id: string, domain = `${id}.test`): ActiveTask => ({ task: { id, domain, entity_connect: [] }, startedAt: 1 });

describe('background start-up', () => {
  it('verifies the restored task: still connecting → no problem', async () => {
    await activeTaskItem.setValue({ ...stored('live'), problem: { kind: 'unverified', at: 1 } });
    await startBackground().ready;
    expect((await activeTaskItem.getValue())!.problem).toBeUndefined();
    expect(sb.requestLog().some((r) => r.path.includes('/links/live?status=connecting'))).toBe(true);
  });

  it('the task moved on while the browser was closed → wrong_status with the current status', async () => {
    sb.patchTask('live', { status: 'completed' });
    await activeTaskItem.setValue(stored('live'));
    await startBackground().ready;
    expect((await activeTaskItem.getValue())!.problem).toMatchObject({ kind: 'wrong_status', currentStatus: 'completed' });
  });

  it('the task is gone → gone; the server unreachable → unverified', async () => {
    await activeTaskItem.setValue(stored('missing'));
    await startBackground().ready;
    expect((await activeTaskItem.getValue())!.problem).toMatchObject({ kind: 'gone' });

    removeAllListeners();
    sb.setFault({ mode: 'down' });
    await activeTaskItem.setValue(stored('live'));
    await startBackground().ready;
    expect((await activeTaskItem.getValue())!.problem).toMatchObject({ kind: 'unverified' });
  });

  it('flushes a report left in the outbox by the previous run and re-arms nothing when done', async () => {
    await outboxItem.setValue([
      { id: 'o1', taskId: 'live', domain: 'live.test', kind: 'complete', body: {}, createdAt: 1, attempts: 0, nextAttemptAt: 1, state: 'pending' },
    ]);
    await startBackground().ready;
    expect(sb.task('live')!.status).toBe('completed');
    expect(await outboxItem.getValue()).toEqual([]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });

  it('handles messages: an extension page gets the state; a web page sender is refused', async () => {
    const { ready } = startBackground();
    await ready;
    const { sendMessage, contentMessenger } = await import('../../../lib/messaging');
    // fakeBrowser.runtime.sendMessage passes an empty sender: not an extension page, not a task frame.
    await expect(sendMessage('getState')).rejects.toThrow(/forbidden/);
    await expect(contentMessenger.sendMessage('getFillData')).rejects.toThrow(/forbidden/);
  });
});
