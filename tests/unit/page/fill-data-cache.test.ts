import { describe, expect, it, vi } from 'vitest';
import type { FillData } from '../../../lib/messaging';
import { fillDataCache } from '../../../lib/page';

const data = (over: Partial<FillData> = {}): FillData => ({
  scope: 'task',
  taskId: 't1',
  domain: 'example.com',
  hostReach: 'subdomains',
  username: 'u',
  email: 'e@x.test',
  password: 'p',
  website: 'https://w.test',
  links: [],
  hasOneTimeCode: true,
  autofillMode: 'auto',
  autoSubmitLogin: false,
  appendLinksToBio: true,
  language: 'en',
  ...over,
});

describe('fillDataCache (one request per page)', () => {
  it('asks once and answers every later pass from that answer', async () => {
    const fetch = vi.fn(async () => data());
    const cache = fillDataCache(fetch);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    await cache.get();
    expect(a).toEqual(data());
    expect(b).toEqual(data());
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('asks again after invalidate() (the task or a setting changed)', async () => {
    let id = 't1';
    const cache = fillDataCache(async () => data({ taskId: id }));
    expect((await cache.get())?.taskId).toBe('t1');
    id = 't2';
    expect((await cache.get())?.taskId).toBe('t1');
    cache.invalidate();
    expect((await cache.get())?.taskId).toBe('t2');
  });

  it('does not remember a refusal or an empty answer', async () => {
    const answers: (() => Promise<FillData | null>)[] = [async () => Promise.reject(new Error('no')), async () => null, async () => data()];
    const fetch = vi.fn(() => answers.shift()!());
    const cache = fillDataCache(fetch);
    await expect(cache.get()).rejects.toThrow('no');
    expect(await cache.get()).toBeNull();
    expect(await cache.get()).toEqual(data());
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});
