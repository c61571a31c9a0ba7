/**
 * A tab's journey writes come before that tab's next fill-data answer.
 *
 * The page that tells "save attempted" unloads at once, and the site's next
 * page asks for its fill data a few milliseconds later. Without an order the
 * answer can be built from the task as it was before the write, say nothing
 * of the Save, and the read-back after it (lib/journey) never runs: the
 * worker would see no public-profile check. Messages of one tab reach the
 * background in the order they were sent, so holding the read until the
 * writes that arrived before it are stored is enough.
 */
export interface TabOrder {
  /** Runs a write for `tabId`; later reads of the tab wait for it. `onWritten` runs once it settles. */
  write<T>(tabId: number | undefined, run: () => Promise<T>): Promise<T>;
  /** Runs a read for `tabId` after the writes that arrived before it. */
  read<T>(tabId: number | undefined, run: () => Promise<T>): Promise<T>;
}

export function createTabOrder(onWritten: () => void): TabOrder {
  const pending = new Map<number, Promise<unknown>>();
  return {
    write(tabId, run) {
      const done = run().finally(onWritten);
      if (tabId === undefined) return done;
      const all = Promise.allSettled([pending.get(tabId), done]);
      pending.set(tabId, all);
      void all.then(() => {
        if (pending.get(tabId) === all) pending.delete(tabId);
      });
      return done;
    },
    async read(tabId, run) {
      const before = tabId === undefined ? undefined : pending.get(tabId);
      if (before) await before;
      return run();
    },
  };
}
