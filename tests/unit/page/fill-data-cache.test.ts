import { describe, expect, it, vi } from 'vitest';
import type { FillData } from '../../../lib/messaging';
import { fillDataCache } from '../../../lib/page';
import { fillData } from './fill-data';


describe('fillDataCache (one request per page)', () => {
  it('asks once and answers every later pass from that answer', async () => {
    const fetch = vi.fn(async () => fillData());
    const cache = fillDataCache(fetch);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    await cache.get();
    expect(a).toEqual(fillData());
    expect(b).toEqual(fillData());
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('asks again after invalidate() (the task or a setting changed)', async () => {
    let id = 't1';
    const cache = fillDataCache(async () => fillData({ taskId: id }));
    expect((await cache.get())?.taskId).toBe('t1');
    id = 't2';
    expect((await cache.get())?.taskId).toBe('t1');
    cache.invalidate();
    expect((await cache.get())?.taskId).toBe('t2');
  });

  it('does not remember a refusal or an empty answer', async () => {
    const answers: (() => Promise<FillData | null>)[] = [async () => Promise.reject(new Error('no')), async () => null, async () => fillData()];
    const fetch = vi.fn(() => answers.shift()!());
    const cache = fillDataCache(fetch);
    await expect(cache.get()).rejects.toThrow('no');
    expect(await cache.get()).toBeNull();
    expect(await cache.get()).toEqual(fillData());
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});
