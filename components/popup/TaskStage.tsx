import { useState, type ReactNode } from 'react';
import { formatDuration, t } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import { CLOCK_WARN_MS } from '../../lib/rules';
import type { ActiveTask } from '../../lib/task';
import type { ClockOffset } from '../../lib/totp';
import { useT, type BoundT } from '../shared/i18n';
import type { RunAction } from './actions';
import { Credentials } from './Credentials';
import { FailForm } from './FailForm';
import { journeyOf, type JourneyView } from './journey';
import { JourneyProblems, PublicCheck } from './JourneyNotes';
import { Links } from './Links';
import { ProblemBanner } from './ProblemBanner';
import { ReportFields } from './ReportFields';
import { Shell } from './Shell';
import { TaskFooter } from './TaskFooter';
import { Totp } from './Totp';
import { useReport } from './useReport';
import { useSiteTabOpen } from './useSiteTab';

/** "5 phút" / "40 giây": how far the PC clock is off. */
function offBy(tr: BoundT, ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  return s >= 60 ? tr('task.minutes', { count: Math.round(s / 60) }) : tr('task.seconds', { count: s });
}

interface Props {
  active: ActiveTask;
  /** The API server's clock against this PC's (AppState.clock). */
  clock: ClockOffset | null;
  now: number;
  busy: string | null;
  run: RunAction;
  manualFill: boolean;
  top: ReactNode;
  status: ReactNode;
  /** Outbox, delivery and history: below the task. */
  extras: ReactNode;
}

/**
 * The active task, laid out for its stage: *Open site* is the primary action
 * until a tab of the site is open, then *Complete*; *Fail* opens its form in
 * place of the card. Mounted per task (`key`), so drafts never leak to the next one.
 */
export function TaskStage({ active, clock, now, busy, run, manualFill, top, status, extras }: Props) {
  const tr = useT();
  const { task } = active;
  const journey = journeyOf(active);
  const report = useReport(active, journey, run);
  const siteOpen = useSiteTabOpen(task.domain);
  const [opened, setOpened] = useState(false);
  const working = siteOpen === true || opened;

  const openSite = () => {
    setOpened(true);
    void run('open', () => sendMessage('openTaskSite', undefined), () => null);
  };

  const footer = <TaskFooter report={report} busy={busy} working={working} openSite={openSite} />;
  return (
    <Shell stage={report.fail.open ? 'fail' : working ? 'work' : 'start'} top={top} footer={footer} busy={busy !== null}>
      {status}
      {report.fail.open ? (
        <FailForm domain={task.domain} reason={report.fail.reason} empty={report.fail.empty} onReason={report.fail.editReason} onCancel={() => report.fail.setOpen(false)} />
      ) : (
        <>
          {active.problem && <ProblemBanner problem={active.problem} busy={busy} run={run} />}
          <section className="task card" data-testid="active-task" data-task-id={task.id} aria-label={task.domain}>
            <TaskHead active={active} clock={clock} now={now} />
            <Credentials task={task} />
            <TaskTools journey={journey} busy={busy} run={run} manualFill={manualFill} />
            <JourneyProblems journey={journey} />
            <ReportFields draft={report.draft} onLinkPost={report.editLinkPost} onNote={report.editNote} />
            {journey.publicCheck && <PublicCheck check={journey.publicCheck} />}
            <Links links={task.entity_connect ?? []} />
            {active.linksDropped ? (
              <p className="muted small" data-testid="links-dropped">
                {tr('task.linksDropped', { count: active.linksDropped })}
              </p>
            ) : null}
          </section>
        </>
      )}
      {extras}
    </Shell>
  );
}

/** The domain, the time spent, the live code and a warning when the PC clock is off the server's. */
function TaskHead({ active, clock, now }: { active: ActiveTask; clock: ClockOffset | null; now: number }) {
  const tr = useT();
  const { task } = active;
  return (
    <>
      <div className="task-head">
        <h2 className="task-domain" data-testid="task-domain">
          {task.domain}
        </h2>
        <span className="muted small nowrap" data-testid="elapsed">
          {tr('task.elapsed', { time: formatDuration(now - active.startedAt) })}
        </span>
      </div>
      {task.twofa ? <Totp taskId={task.id} /> : null}
      {clock && Math.abs(clock.offsetMs) > CLOCK_WARN_MS && (
        <p className="banner banner-warn small" data-testid="clock-warning" role="status">
          {tr('task.clockOff', { time: offBy(tr, clock.offsetMs) })}
        </p>
      )}
    </>
  );
}

/** *Fill the open page* (prominent when autofill waits to be asked) and *Go to the profile editor* (once its URL is known). */
function TaskTools({ journey, busy, run, manualFill }: { journey: JourneyView; busy: string | null; run: RunAction; manualFill: boolean }) {
  const tr = useT();
  const disabled = busy !== null;
  return (
    <div className="task-tools">
      <button
        type="button"
        className={manualFill ? 'btn btn-small' : 'btn btn-small btn-quiet'}
        data-testid="fill-now"
        disabled={disabled}
        onClick={() => void run('fill', () => sendMessage('fillActiveTab', undefined), () => ({ tone: 'info', say: (l) => t(l, 'task.fillRequested') }))}
      >
        {tr('task.fillNow')}
      </button>
      <button
        type="button"
        className="btn btn-small btn-quiet"
        data-testid="go-profile-editor"
        disabled={disabled || !journey.editorUrl}
        title={journey.editorUrl ?? tr('task.editorUnknown')}
        // The background opens it in the task's tab (never over unsaved edits: then it says so).
        onClick={() => void run('editor', () => sendMessage('goProfileEditor', undefined), () => null)}
      >
        {tr('task.goProfileEditor')}
      </button>
    </div>
  );
}
