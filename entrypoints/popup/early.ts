/**
 * The popup's first `getState`, sent before React is even loaded: the
 * background's answer (a round trip to the service worker, which may have to
 * wake up) then overlaps loading React instead of following the first render.
 *
 * `startEarlyState` runs in `popup-early.js`, a small classic script that the
 * popup's HTML loads before its module scripts (Vite would merge a second module
 * script into the React bundle, which is compiled before any of it runs).
 * The app takes the request over with `takeEarlyState`.
 */
import { browser } from 'wxt/browser';
import type { EarlyState } from '../../components/shared/useAppState';
import { sendMessage } from '../../lib/messaging';

const KEY = '__ecEarlyState';
type Holder = { [KEY]?: EarlyState };

export function startEarlyState(): EarlyState {
  let changed = false;
  // Until the app listens itself: a write after this request means its answer may be old.
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'local') changed = true;
  };
  browser.storage.onChanged.addListener(onChanged);
  const answer = sendMessage('getState', undefined);
  // The app reads the outcome (and shows its own retry); no unhandled-rejection noise before it does.
  answer.catch(() => {});
  const early: EarlyState = {
    answer,
    changedSince() {
      browser.storage.onChanged.removeListener(onChanged);
      return changed;
    },
  };
  (globalThis as Holder)[KEY] = early;
  return early;
}

/** The request the early script sent, once; undefined when there is none (the app then asks itself). */
export function takeEarlyState(): EarlyState | undefined {
  const holder = globalThis as Holder;
  const early = holder[KEY];
  delete holder[KEY];
  return early;
}
