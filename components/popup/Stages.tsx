import type { ReactNode } from 'react';
import { t } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import { countdownText } from '../shared/Countdown';
import { useT } from '../shared/i18n';
import { openOptions } from '../shared/openOptions';
import type { RunAction } from './actions';
import type { SettingsFix } from './fixes';
import { Shell } from './Shell';

interface Props {
  top: ReactNode;
  status: ReactNode;
  extras: ReactNode;
  busy: string | null;
  run: RunAction;
  /** A refused key or a wrong address: the fix is the primary button, *Get task* second. */
  fix: SettingsFix;
  /** The server asked to wait until then (a rate limit): *Get task* counts down. */
  wait: number | null;
  waitClock: number;
}

/** No task: *Get task* (or the settings fix first), the reports and the recent history below. */
export function IdleStage({ top, status, extras, busy, run, fix, wait, waitClock }: Props) {
  const tr = useT();
  const pull = () =>
    run('pull', () => sendMessage('pullTask', undefined), (active) => ({ tone: 'ok', say: (l) => t(l, 'popup.pulled', { domain: active.task.domain }) }));
  const footer = (
    <div className="footer-row">
      {fix && (
        // The way out of a refused key is the settings, so that is the big button.
        <button type="button" className="btn btn-primary btn-big grow" data-testid="fix-key" data-fix={fix} onClick={() => void openOptions()}>
          {tr(fix === 'key' ? 'popup.fixKey' : 'popup.fixAddress')}
        </button>
      )}
      <button
        type="button"
        className={fix ? 'btn' : 'btn btn-primary btn-big grow'}
        data-testid="pull-task"
        data-primary={!fix}
        disabled={busy !== null || wait !== null}
        aria-busy={busy === 'pull'}
        onClick={() => void pull()}
      >
        {busy === 'pull' ? tr('popup.pulling') : wait !== null ? tr('popup.pullAfter', { time: countdownText(wait, waitClock) }) : tr('popup.pullTask')}
      </button>
    </div>
  );
  return (
    <Shell stage={fix ? `idle-fix-${fix}` : 'idle'} top={top} busy={busy !== null} footer={footer}>
      {status}
      <p className="muted idle-text" data-testid="idle">
        {tr('popup.idle')}
      </p>
      {extras}
    </Shell>
  );
}

/** No API key yet: the settings are the only way on. */
export function SetupStage({ top, status, busy }: { top: ReactNode; status: ReactNode; busy: boolean }) {
  const tr = useT();
  const footer = (
    <button type="button" className="btn btn-primary btn-big" data-testid="open-options" onClick={() => void openOptions()}>
      {tr('popup.openOptions')}
    </button>
  );
  return (
    <Shell stage="setup" top={top} busy={busy} footer={footer}>
      {status}
      <div className="card" data-testid="not-configured">
        <p>{tr('popup.notConfigured')}</p>
      </div>
    </Shell>
  );
}

/** Before the background answered (or when it did not): a plain line, and a retry. */
export function LoadingStage({ top, failed, retry }: { top: ReactNode; failed: boolean; retry: () => void }) {
  const tr = useT();
  const footer = failed ? (
    <button type="button" className="btn btn-primary btn-big" data-testid="retry-load" onClick={retry}>
      {tr('popup.retryLoad')}
    </button>
  ) : undefined;
  return (
    <Shell stage={failed ? 'load-error' : 'loading'} top={top} busy={false} footer={footer}>
      {failed ? (
        <div className="card" data-testid="load-error">
          <p>{tr('popup.loadFailed')}</p>
        </div>
      ) : (
        <p className="loading" data-testid="loading">
          {tr('common.loading')}
        </p>
      )}
    </Shell>
  );
}
