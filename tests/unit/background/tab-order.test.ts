import { describe, expect, it } from 'vitest';
import { createFillSources, type FillSources } from '../../../lib/background/fill-sources';
import { createTabOrder } from '../../../lib/background/tab-order';
import { DEFAULT_SETTINGS } from '../../../lib/settings';

/** A promise and its resolver, to hold a write mid-way. */
function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe('createTabOrder (a journey write before the same tab\'s next fill data)', () => {
  // The race of the journey's Save: "save attempted" is being stored when the next page asks.
  it('a fill-data read that arrives during a write of its tab is answered from the stored write', async () => {
    let stored = 0;
    const sources = createFillSources(async (): Promise<FillSources> => ({ active: null, settings: DEFAULT_SETTINGS, clockOffsetMs: stored }));
    await sources.get();
    const order = createTabOrder(() => sources.refresh());
    const held = gate();
    const write = order.write(7, async () => {
      await held.p;
      stored = 1;
      return 'written';
    });
    const read = order.read(7, async () => (await sources.get()).clockOffsetMs);
    await new Promise((r) => setTimeout(r, 5));
    held.open();
    expect(await write).toBe('written');
    expect(await read).toBe(1);
  });

  it('a read of another tab, or of no tab, does not wait', async () => {
    const order = createTabOrder(() => undefined);
    const held = gate();
    const write = order.write(1, () => held.p);
    expect(await order.read(2, async () => 'other tab')).toBe('other tab');
    expect(await order.read(undefined, async () => 'no tab')).toBe('no tab');
    held.open();
    await write;
  });

  it('a failed write still lets the reads go on, and the sources are read again', async () => {
    let refreshed = 0;
    const order = createTabOrder(() => refreshed++);
    const write = order.write(3, async () => {
      throw new Error('storage');
    });
    await expect(write).rejects.toThrow('storage');
    expect(await order.read(3, async () => 'read')).toBe('read');
    expect(refreshed).toBe(1);
  });

  it('reads wait for every write that arrived before them, not for later ones', async () => {
    const order = createTabOrder(() => undefined);
    const log: string[] = [];
    const a = gate();
    const b = gate();
    const w1 = order.write(5, async () => {
      await a.p;
      log.push('w1');
    });
    const w2 = order.write(5, async () => {
      await b.p;
      log.push('w2');
    });
    const r = order.read(5, async () => log.push('read'));
    b.open();
    await w2;
    expect(log).toEqual(['w2']);
    a.open();
    await Promise.all([w1, r]);
    expect(log).toEqual(['w2', 'w1', 'read']);
  });
});
