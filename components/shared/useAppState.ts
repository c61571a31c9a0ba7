import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage, type AppState } from '../../lib/messaging';

export interface AppStateHandle {
  state: AppState | null;
  loadFailed: boolean;
  reload: () => Promise<void>;
}

/**
 * The background owns all state; extension pages ask for it when they open
 * and again whenever `storage.local` changes (the background is the only
 * writer, so a change there means new state). Answers that arrive out of
 * order are dropped so an old answer never overwrites a newer one.
 */
/** A `getState` the page sent before React started, and whether storage changed since it was sent. */
export interface EarlyState {
  answer: Promise<AppState>;
  /** Called once the app listens to storage changes itself. */
  changedSince(): boolean;
}

export function useAppState(firstState?: EarlyState): AppStateHandle {
  const [state, setState] = useState<AppState | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const seq = useRef(0);
  // A request the page already sent before React started (the popup's early.ts): used once, for the first load.
  const early = useRef(firstState);

  const reload = useCallback(() => {
    const load = (): Promise<void> => {
      const mine = ++seq.current;
      const pending = early.current;
      early.current = undefined;
      return (pending?.answer ?? sendMessage('getState', undefined)).then(
        (next) => {
          if (mine !== seq.current) return;
          setState(next);
          setLoadFailed(false);
          // storage changed between the early request and our own listener: that answer may be old
          if (pending?.changedSince()) return load();
        },
        () => {
          pending?.changedSince();
          if (mine === seq.current) setLoadFailed(true);
        },
      );
    };
    return load();
  }, []);

  useEffect(() => {
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'local') void reload();
    };
    browser.storage.onChanged.addListener(onChanged);
    void reload();
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [reload]);

  return { state, loadFailed, reload };
}
