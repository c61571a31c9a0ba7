import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient } from '../../../lib/api';
import { clockItem, recordOffset, serverNow, trackServerClock } from '../../../lib/background';
import { currentTotp, offsetFrom } from '../../../lib/totp';
import { startSandbox, totpNow, type Sandbox } from '../../sandbox/server';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ tasks: [{ id: 't1', domain: 'clock.test', status: 'connect' }] });
});
afterAll(() => sb.close());
beforeEach(() => {
  fakeBrowser.reset();
  sb.setClockSkew(0);
});

describe('one-time codes follow the API server clock', () => {
  it('reads the offset from a Date header (second resolution, middle of the request)', () => {
    const at = Date.parse('2026-12-02T10:00:00.000Z');
    expect(offsetFrom('Wed, 02 Dec 2026 10:03:00 GMT', at, at + 200)).toBe(180_000 + 500 - 100);
    expect(offsetFrom(null, at, at)).toBeNull();
    expect(offsetFrom('not a date', at, at)).toBeNull();
  });

  it('a PC clock 4 minutes behind the API gets the code the server expects', async () => {
    sb.setClockSkew(4 * 60_000); // the server is 4 minutes ahead of this PC
    const client = createApiClient({ baseUrl: sb.apiBase, apiKey: sb.apiKey, onServerTime: trackServerClock });
    await client.listTasks();
    await expect.poll(async () => (await clockItem.getValue())?.offsetMs ?? 0).toBeGreaterThan(4 * 60_000 - 2_000);
    const offset = (await clockItem.getValue())!.offsetMs;
    expect(offset).toBeLessThan(4 * 60_000 + 2_000);
    // The code made on the server's clock is the one the sandbox (standing for the site) accepts at its time.
    const secret = 'JBSWY3DPEHPK3PXP';
    const ours = currentTotp(secret, await serverNow()).code;
    const serverSide = [-1, 0, 1].map((w) => totpNow(secret, Math.floor((Date.now() + 4 * 60_000 + w * 30_000) / 1000)));
    expect(serverSide).toContain(ours);
    expect(currentTotp(secret, Date.now()).code === serverSide[1]).toBe(false);
  });

  it('small wobbles do not rewrite storage; a real change does', async () => {
    await recordOffset(10_000, 1_000);
    await recordOffset(10_800, 2_000);
    expect(await clockItem.getValue()).toEqual({ offsetMs: 10_000, measuredAt: 1_000 });
    await recordOffset(60_000, 3_000);
    expect(await clockItem.getValue()).toEqual({ offsetMs: 60_000, measuredAt: 3_000 });
  });

  it('nothing measured yet: the local clock', async () => {
    expect(await serverNow(12_345)).toBe(12_345);
  });
});
