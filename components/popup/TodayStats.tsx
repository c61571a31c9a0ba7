import { countToday, type HistoryEntry } from '../../lib/task';
import { useLanguage, useT } from '../shared/i18n';
import { tasksPerHour } from './stats';

const LOCALES = { vi: 'vi-VN', en: 'en-GB' } as const;

/** Today's counters and pace, always in view (part of the header). */
export function TodayStats({ history, now }: { history: readonly HistoryEntry[]; now: number }) {
  const tr = useT();
  const lang = useLanguage();
  const today = countToday(history, now);
  const rate = tasksPerHour(history, now);
  return (
    <p className="today" data-testid="today-stats">
      <span className="today-label">{tr('history.today')}</span>
      <span className="counter counter-ok" data-testid="counter-completed" data-count={today.completed}>
        {tr('history.completedToday', { count: today.completed })}
      </span>
      <span className="counter counter-fail" data-testid="counter-failed" data-count={today.failed}>
        {tr('history.failedToday', { count: today.failed })}
      </span>
      <span className="counter counter-rate" data-testid="tasks-per-hour" data-rate={rate === null ? '' : rate.toFixed(2)}>
        {rate === null
          ? tr('history.perHourUnknown')
          : tr('history.perHour', { rate: new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(rate) })}
      </span>
    </p>
  );
}
