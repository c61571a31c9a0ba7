/**
 * The one write path of `storage.local`. Each stored item is defined and
 * typed by the module that owns its data (settings: lib/settings; the active
 * task and the history: lib/task; the outbox: lib/outbox); this module only
 * makes their writes safe.
 *
 * The background is the only writer, but it runs many handlers at once (a
 * flush in flight while the worker completes a task, the journey recording a
 * step). Every read-modify-write goes through one queue, so none of them
 * overwrites another's update.
 */
import { storage, type WxtStorageItem } from 'wxt/utils/storage';

export { storage };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the item's metadata type is irrelevant here
export type StoredItem<T> = WxtStorageItem<T, any>;

let tail: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every earlier locked section has finished (success or not). */
export function withStorageLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}

/** Read-modify-write of one item under the lock; returns what was written. */
export function update<T>(item: StoredItem<T>, fn: (current: T) => T | Promise<T>): Promise<T> {
  return withStorageLock(async () => {
    const next = await fn(await item.getValue());
    await item.setValue(next);
    return next;
  });
}

export interface Write<T = unknown> {
  item: StoredItem<T>;
  value: T;
}

/** A typed write for `updateTogether` (keeps the item and its value of one type). */
export function write<T>(item: StoredItem<T>, value: T): Write {
  return { item, value };
}

/**
 * Several items in one storage call, under the lock: `fn` reads what it needs
 * and returns the writes (a report, its history line and the end of the
 * active task land together or not at all).
 */
export function updateTogether<R>(fn: () => Promise<{ writes: Write[]; result: R }>): Promise<R> {
  return withStorageLock(async () => {
    const { writes, result } = await fn();
    if (writes.length) await storage.setItems(writes);
    return result;
  });
}
