import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, isApiError, type ApiError } from '../../../lib/api';
import { startSandbox, type Sandbox } from '../../sandbox/server';

/** A server that echoes the refused key must not get it into our errors (stored, shown, logged). */
const KEY = 'k-ECHO-9c2f11aa';
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ apiKey: KEY, tasks: [] });
});
afterAll(async () => {
  await sb.close();
});

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isApiError(e)) throw new Error('expected an ApiError');
  return e;
}

describe('the API key never survives in an error, even when the server echoes it', () => {
  it.each([
    [401, 'unauthorized'],
    [400, 'bad_request'],
    [503, 'server'],
  ] as const)('HTTP %i → %s, key masked in serverMessage, message and JSON', async (status, kind) => {
    sb.setFault({ mode: 'status', status, body: { success: false, message: `refused key ${KEY}; again: ${KEY}` } });
    const e = await errorOf(createApiClient({ baseUrl: sb.apiBase, apiKey: KEY }).listTasks());
    expect(e.kind).toBe(kind);
    expect(e.serverMessage).toBe('refused key ***; again: ***');
    expect(`${e.message} ${JSON.stringify(e.toJSON())} ${e.stack}`).not.toContain(KEY);
  });

  it('messages without the key are kept as the server wrote them', async () => {
    sb.setFault({ mode: 'status', status: 401, body: { success: false, message: 'invalid api key' } });
    const e = await errorOf(createApiClient({ baseUrl: sb.apiBase, apiKey: KEY }).listTasks());
    expect(e.serverMessage).toBe('invalid api key');
  });
});
