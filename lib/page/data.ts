import type { FillData } from '../messaging';

/**
 * The page's fill data, asked for once: every later pass reuses the answer
 * until the one-time code in it expires or the background says the task (or
 * a setting) changed. Before, every pass of the observer asked again, and the
 * first fill waited for two round trips to the service worker.
 */
export function fillDataCache(fetch: () => Promise<FillData | null>, now: () => number = Date.now) {
  let entry: { at: number; data: Promise<FillData | null> } | null = null;
  const fresh = (): Promise<FillData | null> => {
    const data = fetch();
    const mine = { at: now(), data };
    entry = mine;
    // A refused or failed request is not remembered: the next pass asks again.
    data.then(
      (d) => {
        if (!d && entry === mine) entry = null;
      },
      () => {
        if (entry === mine) entry = null;
      },
    );
    return data;
  };
  return {
    fresh,
    async get(): Promise<FillData | null> {
      const mine = entry;
      if (!mine) return fresh();
      const data = await mine.data.catch(() => null);
      if (!data) return fresh();
      if (data.totp && now() >= mine.at + data.totp.remaining * 1000) return fresh();
      return data;
    },
    invalidate() {
      entry = null;
    },
  };
}
