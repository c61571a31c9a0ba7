/**
 * The background is the only writer of storage, but it still runs many
 * handlers at once (a flush in flight while the worker completes a task).
 * Every read-modify-write of a stored item goes through this one queue, so
 * none of them overwrites another's update.
 */
let tail: Promise<unknown> = Promise.resolve();

export function withStorageLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}
