import type { FillData } from '../messaging';

/**
 * The page's fill data, asked for once: every later pass reuses the answer
 * until the background says the task (or a setting) changed. Before, every
 * pass of the observer asked again, and the first fill waited for the round
 * trip. The one-time code is not in it: a code page asks for the code itself,
 * at the moment it shows a code field (./one-time-code).
 */
export function fillDataCache(fetch: () => Promise<FillData | null>) {
  let entry: Promise<FillData | null> | null = null;
  const fresh = (): Promise<FillData | null> => {
    const data = fetch();
    entry = data;
    // A refused or failed request is not remembered: the next pass asks again.
    data.then(
      (d) => {
        if (!d && entry === data) entry = null;
      },
      () => {
        if (entry === data) entry = null;
      },
    );
    return data;
  };
  return {
    async get(): Promise<FillData | null> {
      const mine = entry;
      if (!mine) return fresh();
      const data = await mine.catch(() => null);
      return data ?? fresh();
    },
    invalidate() {
      entry = null;
    },
  };
}
