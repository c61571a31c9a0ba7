import { formatDuration, formatTime } from '../../lib/i18n';
import type { HistoryEntry } from '../../lib/task';
import { useLanguage, useT } from '../shared/i18n';
import { countToday } from '../../lib/task';
import { recentHistory } from './stats';

/** Today's counters and the last tasks, newest first. */
export function History({ history, now, open }: { history: readonly HistoryEntry[]; now: number; open: boolean }) {
  const tr = useT();
  const lang = useLanguage();
  const today = countToday(history, now);
  const recent = recentHistory(history);

  return (
    <section className="history" aria-label={tr('history.title')}>
      <div className="counters" aria-label={tr('history.today')}>
        <span className="muted">{tr('history.today')}:</span>
        <span className="counter counter-ok" data-testid="counter-completed" data-count={today.completed}>
          {tr('history.completedToday', { count: today.completed })}
        </span>
        <span className="counter counter-fail" data-testid="counter-failed" data-count={today.failed}>
          {tr('history.failedToday', { count: today.failed })}
        </span>
      </div>
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
                  <strong className="grow">{entry.domain}</strong>
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
