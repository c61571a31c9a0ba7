import { useState, type ReactNode } from 'react';
import { formatDuration, t } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import type { ActiveTask } from '../../lib/task';
import { useT } from '../shared/i18n';
import type { RunAction } from './actions';
import { Credentials } from './Credentials';
import { FailForm } from './FailForm';
import type { ClockOffset } from '../../lib/totp';
import type { BoundT } from '../shared/i18n';
import { journeyOf, type PublicCheckView } from './journey';
import { Links } from './Links';
import { isHttpUrl } from './links';
import { ProblemBanner } from './ProblemBanner';
import { ReportFields } from './ReportFields';
import { Shell } from './Shell';
import { Totp } from './Totp';
import { useSiteTabOpen } from './useSiteTab';

/** "4 of 6 links visible on <url>", with the URL on a line of its own (cut with an ellipsis, whole on hover). */
function PublicCheckLine({ check }: { check: PublicCheckView }) {
  const tr = useT();
  const MARK = '\u0000';
  const [before, after = ''] = tr('task.publicCheck', { visible: check.visible, total: check.total, url: MARK }).split(MARK);
  return (
    <p className="public-line">
      {before}
      <span className="url-line ellipsis mono" title={check.url}>
        {check.url}
      </span>
      {after}
    </p>
  );
}

/** lib/totp's CLOCK_WARN_MS, not imported: its entry brings otplib into the popup (a unit test keeps them equal). */
export const CLOCK_WARN_MS = 30_000;

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
  const siteOpen = useSiteTabOpen(task.domain);
  const [opened, setOpened] = useState(false);
  const working = siteOpen === true || opened;

  // null = the worker has not typed: the field follows the journey (then the task) as it arrives.
  const [linkPost, setLinkPost] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [invalidLink, setInvalidLink] = useState(false);
  const [failOpen, setFailOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonEmpty, setReasonEmpty] = useState(false);

  const draft = {
    linkPost: linkPost ?? journey.publicUrl ?? task.link_profile ?? '',
    note: note ?? journey.summary ?? '',
    invalidLink,
  };

  const complete = async () => {
    const link = draft.linkPost.trim();
    if (link && !isHttpUrl(link)) {
      setInvalidLink(true);
      return;
    }
    setInvalidLink(false);
    // Empty fields are left out: the API treats a missing link_post as "unchanged".
    const data: { linkPost?: string; note?: string } = {};
    if (link) data.linkPost = link;
    if (draft.note.trim()) data.note = draft.note.trim();
    await run('complete', () => sendMessage('completeTask', data), () => ({ tone: 'ok', say: (l) => t(l, 'complete.done', { domain: task.domain }) }));
  };

  const confirmFail = async () => {
    const text = reason.trim();
    if (!text) {
      setReasonEmpty(true);
      return;
    }
    const ok = await run('fail', () => sendMessage('failTask', { reason: text }), () => ({
      tone: 'ok',
      say: (l) => t(l, 'fail.done', { domain: task.domain }),
    }));
    if (ok) setFailOpen(false);
  };

  const openSite = () => {
    setOpened(true);
    return run('open', () => sendMessage('openTaskSite', undefined), () => null);
  };

  const disabled = busy !== null;
  const footer = failOpen ? (
    <div className="footer-row">
      <button type="button" className="btn" data-testid="cancel-fail" onClick={() => setFailOpen(false)}>
        {tr('common.cancel')}
      </button>
      <button
        type="button"
        className="btn btn-danger btn-big grow"
        data-testid="confirm-fail"
        disabled={disabled || reason.trim() === ''}
        aria-busy={busy === 'fail'}
        onClick={() => void confirmFail()}
      >
        {busy === 'fail' ? tr('fail.sending') : tr('fail.confirm')}
      </button>
    </div>
  ) : (
    <div className="footer-row">
      <button type="button" className="btn btn-danger-quiet" data-testid="fail-task" disabled={disabled} onClick={() => setFailOpen(true)}>
        {tr('fail.open')}
      </button>
      <button
        type="button"
        className={working ? 'btn' : 'btn btn-primary btn-big grow'}
        data-testid="open-site"
        data-primary={!working}
        disabled={disabled}
        onClick={() => void openSite()}
      >
        {tr('task.openSite')}
      </button>
      <button
        type="button"
        className={working ? 'btn btn-primary btn-big grow' : 'btn'}
        data-testid="complete-task"
        data-primary={working}
        disabled={disabled}
        aria-busy={busy === 'complete'}
        onClick={() => void complete()}
      >
        {busy === 'complete' ? tr('complete.sending') : tr('complete.submit')}
      </button>
    </div>
  );

  return (
    <Shell stage={failOpen ? 'fail' : working ? 'work' : 'start'} top={top} footer={footer} busy={busy !== null}>
      {status}
      {failOpen ? (
        <FailForm
          domain={task.domain}
          reason={reason}
          empty={reasonEmpty}
          onReason={(text) => {
            setReason(text);
            setReasonEmpty(false);
          }}
          onCancel={() => setFailOpen(false)}
        />
      ) : (
        <>
          {active.problem && <ProblemBanner problem={active.problem} busy={busy} run={run} />}
          <section className="task card" data-testid="active-task" data-task-id={task.id} aria-label={task.domain}>
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
            <Credentials task={task} />
            <div className="task-tools">
              <button
                type="button"
                className={manualFill ? 'btn btn-small' : 'btn btn-small btn-quiet'}
                data-testid="fill-now"
                disabled={disabled}
                onClick={() => run('fill', () => sendMessage('fillActiveTab', undefined), () => ({ tone: 'info', say: (l) => t(l, 'task.fillRequested') }))}
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
            {journey.problems.length > 0 && (
              <ul className="plain-list journey-problems small" data-testid="journey-problems">
                {journey.problems.map((p) => (
                  <li key={p}>{tr(`journey.problem.${p}` as 'journey.problem.no_editor')}</li>
                ))}
              </ul>
            )}
            {journey.changed.length > 0 && (
              <div className="saved-changes small" data-testid="saved-changes">
                <p>{tr('task.changedFields', { count: journey.changed.length })}</p>
                <ul className="plain-list">
                  {journey.changed.map((c) => (
                    <li key={c.field} className="ellipsis" title={`${c.filled} → ${c.kept}`}>
                      <span className="mono">{c.field}</span>: {c.kept === '' ? tr('common.empty') : c.kept}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <ReportFields
              draft={draft}
              onLinkPost={(value) => {
                setLinkPost(value);
                setInvalidLink(false);
              }}
              onNote={setNote}
            />
            {journey.publicCheck && (
              <div className={journey.publicCheck.visible < journey.publicCheck.total ? 'public-check partial' : 'public-check'} data-testid="public-profile-check">
                <PublicCheckLine check={journey.publicCheck} />
                {journey.publicCheck.missing.length > 0 && (
                  <div className="small">
                    <span>{tr('task.publicMissing')}</span>
                    <ul className="plain-list missing-list">
                      {journey.publicCheck.missing.map((m) => (
                        <li key={m} className="ellipsis mono" title={m}>
                          {m}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
            )}
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
