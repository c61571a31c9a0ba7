import { useT } from '../shared/i18n';
import type { Report } from './useReport';

interface Props {
  report: Report;
  busy: string | null;
  /** A tab of the task's site is open: *Complete* is the next action, not *Open site*. */
  working: boolean;
  openSite: () => void;
}

/** The footer that stays in view: *Fail* · *Open site* · *Complete* (one of the last two primary), or the fail form's *Cancel* · *Send*. */
export function TaskFooter({ report, busy, working, openSite }: Props) {
  const tr = useT();
  const disabled = busy !== null;
  const { fail } = report;
  if (fail.open) {
    return (
      <div className="footer-row">
        <button type="button" className="btn" data-testid="cancel-fail" onClick={() => fail.setOpen(false)}>
          {tr('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-danger btn-big grow"
          data-testid="confirm-fail"
          disabled={disabled || fail.reason.trim() === ''}
          aria-busy={busy === 'fail'}
          onClick={() => void fail.confirm()}
        >
          {busy === 'fail' ? tr('fail.sending') : tr('fail.confirm')}
        </button>
      </div>
    );
  }
  return (
    <div className="footer-row">
      <button type="button" className="btn btn-danger-quiet" data-testid="fail-task" disabled={disabled} onClick={() => fail.setOpen(true)}>
        {tr('fail.open')}
      </button>
      <button type="button" className={working ? 'btn' : 'btn btn-primary btn-big grow'} data-testid="open-site" data-primary={!working} disabled={disabled} onClick={openSite}>
        {tr('task.openSite')}
      </button>
      <button
        type="button"
        className={working ? 'btn btn-primary btn-big grow' : 'btn'}
        data-testid="complete-task"
        data-primary={working}
        disabled={disabled}
        aria-busy={busy === 'complete'}
        onClick={() => void report.complete()}
      >
        {busy === 'complete' ? tr('complete.sending') : tr('complete.submit')}
      </button>
    </div>
  );
}
