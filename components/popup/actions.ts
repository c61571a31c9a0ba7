import { useCallback, useState } from 'react';
import { describeError, type ErrorContext } from '../../lib/i18n';
import type { ActionResult } from '../../lib/messaging';
import type { Status } from '../shared/StatusMessage';

export type RunAction = <T>(
  name: string,
  call: () => Promise<ActionResult<T>>,
  onOk: (value: T) => Status | null,
  context?: ErrorContext,
) => Promise<boolean>;

/**
 * Runs one background action at a time: marks it busy, turns the
 * ActionResult (or a failed message round-trip) into a plain status line in
 * the worker's language, then re-reads state.
 */
export function useActionRunner(reload: () => Promise<void>) {
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);

  const run: RunAction = useCallback(
    async (name, call, onOk, context = 'task') => {
      setBusy(name);
      setStatus(null);
      let ok = false;
      try {
        const result = await call();
        if (result.ok) {
          ok = true;
          setStatus(onOk(result.value));
        } else {
          setStatus({ tone: 'error', say: (l) => describeError(l, result.error, context) });
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
    [reload],
  );

  return { busy, status, setStatus, run };
}
