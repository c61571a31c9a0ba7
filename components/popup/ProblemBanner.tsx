import { describeStatus, t } from '../../lib/i18n';
import type { ActiveTask } from '../../lib/task';
import { sendMessage } from '../../lib/messaging';
import { useLanguage, useT } from '../shared/i18n';
import type { RunAction } from './actions';

interface Props {
  problem: NonNullable<ActiveTask['problem']>;
  busy: string | null;
  run: RunAction;
}

/** The server disagrees (or could not be asked): say so plainly and offer the ways forward. */
export function ProblemBanner({ problem, busy, run }: Props) {
  const tr = useT();
  const lang = useLanguage();
  const text =
    problem.kind === 'gone'
      ? tr('problem.gone')
      : problem.kind === 'wrong_status'
        ? tr('problem.wrongStatus', { status: describeStatus(lang, problem.currentStatus ?? '?') })
        : tr('problem.unverified');

  return (
    <section className="banner banner-warn" data-testid="task-problem" data-kind={problem.kind} role="alert">
      <strong>{tr('problem.title')}</strong>
      <p>{text}</p>
      <p className="small">{tr('problem.help')}</p>
      <div className="row">
        <button
          type="button"
          className="btn"
          data-testid="verify-task"
          disabled={busy !== null}
          onClick={() =>
            run('verify', () => sendMessage('verifyActiveTask', undefined), (active) =>
              active.problem ? null : { tone: 'ok', say: (l) => t(l, 'problem.verified') },
            )
          }
        >
          {tr('problem.verify')}
        </button>
        <button
          type="button"
          className="btn btn-quiet"
          data-testid="drop-task"
          disabled={busy !== null}
          onClick={() => run('drop', () => sendMessage('dropActiveTask', undefined), () => ({ tone: 'info', say: (l) => t(l, 'problem.dropped') }))}
        >
          {tr('problem.drop')}
        </button>
      </div>
    </section>
  );
}
