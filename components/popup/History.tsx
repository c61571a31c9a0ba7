import { formatDuration, formatTime } from '../../lib/i18n';
import type { HistoryEntry } from '../../lib/task';
import { useLanguage, useT } from '../shared/i18n';
import { recentHistory } from './stats';

/** The last tasks, newest first (today's counters are in the header: TodayStats). */
export function History({ history, now, open }: { history: readonly HistoryEntry[]; now: number; open: boolean }) {
  const tr = useT();
  const lang = useLanguage();
  const recent = recentHistory(history);

  return (
    <section className="history" aria-label={tr('history.title')}>
      <details className="history-details" open={open}>
        <summary>{tr('history.title')}</summary>
        {recent.length === 0 ? (
          <p className="muted small">{tr('history.empty')}</p>
        ) : (
          <ul className="plain-list" data-testid="history-list">
            {recent.map((entry) => (
              <li key={`${entry.taskId}:${entry.finishedAt}`} className="history-entry" data-testid="history-entry" data-outcome={entry.outcome}>
                <div className="entry-line">
                  <span className={`dot dot-${entry.outcome}`} aria-hidden="true" />
                  <strong className="grow ellipsis" title={entry.domain}>
                    {entry.domain}
                  </strong>
                  <span className="small muted">{formatTime(lang, entry.finishedAt, now)}</span>
                </div>
                <div className="small muted">
                  {tr(entry.outcome === 'complete' ? 'history.completed' : 'history.failed')} · {formatDuration(entry.finishedAt - entry.startedAt)}
                  {!entry.delivered && <> · {tr('history.notDelivered')}</>}
                  {entry.reason && <> · {entry.reason}</>}
                </div>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
