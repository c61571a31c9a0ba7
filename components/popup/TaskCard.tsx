import type { ActiveTask } from '../../lib/task';
import { formatDuration, t } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import { useT } from '../shared/i18n';
import type { RunAction } from './actions';
import { CompleteForm } from './CompleteForm';
import { Credentials } from './Credentials';
import { FailForm } from './FailForm';
import { Links } from './Links';
import { ProblemBanner } from './ProblemBanner';
import { Totp } from './Totp';

interface Props {
  active: ActiveTask;
  now: number;
  busy: string | null;
  run: RunAction;
  manualFill: boolean;
}

export function TaskCard({ active, now, busy, run, manualFill }: Props) {
  const tr = useT();
  const { task } = active;
  return (
    <>
      {active.problem && <ProblemBanner problem={active.problem} busy={busy} run={run} />}
      <section className="task card" data-testid="active-task" data-task-id={task.id}>
        <div className="task-head">
          <div className="grow">
            <div className="muted small">{tr('task.site')}</div>
            <div className="task-domain" data-testid="task-domain">
              {task.domain}
            </div>
          </div>
          <button
            type="button"
            className="btn"
            data-testid="open-site"
            disabled={busy !== null}
            onClick={() => run('open', () => sendMessage('openTaskSite', undefined), () => null)}
          >
            {tr('task.openSite')}
          </button>
        </div>
        <div className="task-meta">
          <span className="muted small" data-testid="elapsed">
            {tr('task.elapsed', { time: formatDuration(now - active.startedAt) })}
          </span>
          <button
            type="button"
            className={manualFill ? 'btn btn-small' : 'btn btn-small btn-quiet'}
            data-testid="fill-now"
            disabled={busy !== null}
            onClick={() => run('fill', () => sendMessage('fillActiveTab', undefined), () => ({ tone: 'info', say: (l) => t(l, 'task.fillRequested') }))}
          >
            {tr('task.fillNow')}
          </button>
        </div>
        {task.twofa ? <Totp taskId={task.id} /> : null}
        <Credentials task={task} />
        <Links links={task.entity_connect ?? []} />
        <CompleteForm
          key={task.id}
          domain={task.domain}
          initialLinkPost={task.link_profile ?? ''}
          busy={busy === 'complete'}
          run={run}
        />
        <FailForm key={`fail:${task.id}`} domain={task.domain} busy={busy === 'fail'} run={run} />
      </section>
    </>
  );
}
