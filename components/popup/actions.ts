import { useCallback, useState } from 'react';
import { describeError, type ErrorContext } from '../../lib/i18n';
import type { ActionError, ActionResult } from '../../lib/messaging';
import type { Status } from '../shared/StatusMessage';

export type RunAction = <T>(
  name: string,
  call: () => Promise<ActionResult<T>>,
  onOk: (value: T) => Status | null,
  context?: ErrorContext,
) => Promise<boolean>;

/** The last failed action: what went wrong and when (its fix and any wait are derived from it). */
export interface FailedAction {
  name: string;
  error: ActionError;
  at: number;
  /** What `snapshot` returned when the action started (e.g. the settings it ran with). */
  with: unknown;
}

/**
 * Runs one background action at a time: marks it busy, turns the
 * ActionResult (or a failed message round-trip) into a plain status line in
 * the worker's language, then re-reads state.
 */
export function useActionRunner(reload: () => Promise<void>, snapshot: () => unknown = () => null) {
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [failed, setFailed] = useState<FailedAction | null>(null);

  const run: RunAction = useCallback(
    async (name, call, onOk, context = 'task') => {
      setBusy(name);
      setStatus(null);
      setFailed(null);
      const taken = snapshot();
      let ok = false;
      try {
        const result = await call();
        if (result.ok) {
          ok = true;
          setStatus(onOk(result.value));
        } else {
          const error = result.error;
          setFailed({ name, error, at: Date.now(), with: taken });
          setStatus({ tone: 'error', say: (l) => describeError(l, error, context) });
        }
      } catch {
        // The background did not answer (e.g. still starting): never show raw errors.
        setStatus({ tone: 'error', say: (l) => describeError(l, null) });
      } finally {
        setBusy(null);
      }
      await reload();
      return ok;
    },
    [reload, snapshot],
  );

  const clear = useCallback(() => {
    setStatus(null);
    setFailed(null);
  }, []);

  return { busy, status, setStatus, failed, clear, run };
}
