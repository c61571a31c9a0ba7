import { describe, expect, it, vi } from 'vitest';
import { createFillSources, type FillSources } from '../../../lib/background/fill-sources';
import { DEFAULT_SETTINGS } from '../../../lib/settings';

const sources = (offset: number): FillSources => ({ active: null, settings: DEFAULT_SETTINGS, clockOffsetMs: offset });

describe('createFillSources (fill data prepared before a page asks)', () => {
  it('reads storage once for any number of requests', async () => {
    const read = vi.fn(async () => sources(1));
    const cache = createFillSources(read);
    await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('refresh() reads again at once, and later requests get the new sources', async () => {
    let offset = 1;
    const read = vi.fn(async () => sources(offset));
    const cache = createFillSources(read);
    expect((await cache.get()).clockOffsetMs).toBe(1);
    offset = 2;
    cache.refresh();
    expect(read).toHaveBeenCalledTimes(2); // prepared without waiting for a request
    expect((await cache.get()).clockOffsetMs).toBe(2);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('a failed read is not kept', async () => {
    const read = vi.fn<() => Promise<FillSources>>().mockRejectedValueOnce(new Error('storage')).mockResolvedValue(sources(3));
    const cache = createFillSources(read);
    await expect(cache.get()).rejects.toThrow('storage');
    await Promise.resolve();
    expect((await cache.get()).clockOffsetMs).toBe(3);
  });
});
