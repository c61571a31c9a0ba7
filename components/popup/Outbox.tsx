import { describeError, formatTime, t } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import type { OutboxEntry } from '../../lib/outbox';
import { useLanguage, useT } from '../shared/i18n';
import { openOptions } from '../shared/openOptions';
import type { RunAction } from './actions';

interface Props {
  outbox: readonly OutboxEntry[];
  busy: string | null;
  run: RunAction;
}

/** Reports not yet acknowledged by the server. Shown in every state, also while a new task is active. */
export function Outbox({ outbox, busy, run }: Props) {
  const tr = useT();
  const lang = useLanguage();
  if (outbox.length === 0) return null;

  const paused = outbox.some((e) => e.state === 'paused');
  const retryable = outbox.some((e) => e.state !== 'dead');

  return (
    <section className="outbox" data-testid="outbox-list" aria-label={tr('outbox.title', { count: outbox.length })}>
      <div className="section-head">
        <h2>{tr('outbox.title', { count: outbox.length })}</h2>
        {retryable && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="outbox-retry"
            disabled={busy !== null}
            onClick={() => run('retry', () => sendMessage('retryOutbox', undefined), () => ({ tone: 'info', say: (l) => t(l, 'outbox.retried') }))}
          >
            {tr('outbox.retry')}
          </button>
        )}
      </div>
      {paused && (
        <div className="banner banner-warn" data-testid="outbox-paused">
          <p>{tr('outbox.paused')}</p>
          <button type="button" className="btn btn-small" data-testid="outbox-fix-key" onClick={() => void openOptions()}>
            {tr('outbox.fixKey')}
          </button>
        </div>
      )}
      <ul className="plain-list">
        {outbox.map((entry) => (
          <li key={entry.id} className={`outbox-entry state-${entry.state}`} data-testid="outbox-entry" data-state={entry.state}>
            <div className="entry-line">
              <strong>{entry.domain}</strong>
              <span className={`tag tag-${entry.kind}`}>{tr(entry.kind === 'complete' ? 'outbox.kind.complete' : 'outbox.kind.fail')}</span>
              <span className={`tag tag-state-${entry.state}`}>
                {tr(entry.state === 'pending' ? 'outbox.state.pending' : entry.state === 'paused' ? 'outbox.state.paused' : 'outbox.state.dead')}
              </span>
            </div>
            {entry.lastError && (
              <p className="small" data-testid="outbox-reason">
                {describeError(lang, entry.lastError)}
              </p>
            )}
            {entry.state === 'pending' && entry.nextAttemptAt > 0 && (
              <p className="small muted">{tr('outbox.nextAttempt', { time: formatTime(lang, entry.nextAttemptAt) })}</p>
            )}
            {entry.state === 'dead' && (
              <button
                type="button"
                className="btn btn-small btn-quiet"
                data-testid="outbox-dismiss"
                disabled={busy !== null}
                onClick={() =>
                  run('dismiss', () => sendMessage('dismissOutboxEntry', { id: entry.id }), () => ({
                    tone: 'info',
                    say: (l) => t(l, 'outbox.dismissed'),
                  }))
                }
              >
                {tr('outbox.dismiss')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
