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
export function useAppState(): AppStateHandle {
  const [state, setState] = useState<AppState | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const seq = useRef(0);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    return sendMessage('getState', undefined).then(
      (next) => {
        if (mine !== seq.current) return;
        setState(next);
        setLoadFailed(false);
      },
      () => {
        if (mine === seq.current) setLoadFailed(true);
      },
    );
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
