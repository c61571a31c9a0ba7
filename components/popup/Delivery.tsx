import { formatTime } from '../../lib/i18n';
import type { OutboxEntry } from '../../lib/outbox';
import type { HistoryEntry } from '../../lib/task';
import { useLanguage, useT } from '../shared/i18n';
import { keepWhole } from '../shared/keepWhole';
import { lastReport } from './stats';

/** "The server received the report for x at 10:32": the last report is acknowledged (waiting ones are in the outbox list). */
export function Delivery({ history, outbox, now }: { history: readonly HistoryEntry[]; outbox: readonly OutboxEntry[]; now: number }) {
  const tr = useT();
  const lang = useLanguage();
  const last = lastReport(history, outbox);
  if (!last?.delivered) return null;
  return (
    <p className="delivered" data-testid="report-delivered" data-task-id={last.entry.taskId} role="status">
      <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span>{keepWhole(tr('history.delivered', { domain: last.entry.domain, time: formatTime(lang, last.entry.finishedAt, now) }))}</span>
    </p>
  );
}
