import { useEffect, useState } from 'react';
import { describeError, t, type Language } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import type { OutboxEntry } from '../../lib/outbox';
import { Countdown } from '../shared/Countdown';
import { useLanguage, useT } from '../shared/i18n';
import { openOptions } from '../shared/openOptions';
import { StatusMessage, type Status } from '../shared/StatusMessage';
import type { RunAction } from './actions';

interface Props {
  outbox: readonly OutboxEntry[];
  busy: string | null;
  run: RunAction;
  now: number;
}

/** The reports a *Retry now* click covers, with how many times each had been tried. */
interface RetryWatch {
  attempts: Map<string, number>;
  since: number;
}

/** How long the popup waits for the outcome of *Retry now* before saying it has none yet. */
const RETRY_ANSWER_MS = 20_000;
const RESULT_SHOWN_MS = 15_000;

/**
 * What happened to the reports a retry covered, judged from the outbox the
 * background wrote since: gone = the server acknowledged it, tried again =
 * its attempts went up. `null` while some are still being tried.
 */
function retryOutcome(watch: RetryWatch, outbox: readonly OutboxEntry[]): Status | null {
  const byId = new Map(outbox.map((e) => [e.id, e]));
  let sent = 0;
  const failed: OutboxEntry[] = [];
  for (const [id, attempts] of watch.attempts) {
    const entry = byId.get(id);
    if (!entry) sent += 1;
    else if (entry.attempts > attempts) failed.push(entry);
    else return null;
  }
  const total = watch.attempts.size;
  if (failed.length === 0) return { tone: 'ok', say: (l) => t(l, 'outbox.retryAllSent') };
  const reason = (l: Language) => describeError(l, failed[0]!.lastError ?? null);
  if (sent === 0) return { tone: 'error', say: (l) => t(l, 'outbox.retryNone', { reason: reason(l) }) };
  return { tone: 'error', say: (l) => t(l, 'outbox.retrySome', { sent, total, reason: reason(l) }) };
}

/**
 * The outcome of the last *Retry now*: watched against the outbox as the
 * background rewrites it, "no answer yet" after a while, and shown for a
 * while after it settled (also after the list emptied).
 */
function useRetryWatch(outbox: readonly OutboxEntry[]) {
  const [watch, setWatch] = useState<RetryWatch | null>(null);
  const [timedOut, setTimedOut] = useState<RetryWatch | null>(null);
  const outcome = watch ? retryOutcome(watch, outbox) : null;
  const settled = watch !== null && (outcome !== null || timedOut === watch);
  const line: Status | null = !watch
    ? null
    : (outcome ?? (timedOut === watch ? { tone: 'info', say: (l) => t(l, 'outbox.retryNoAnswer') } : { tone: 'info', say: (l) => t(l, 'outbox.retrying') }));

  useEffect(() => {
    if (!watch) return;
    const timer = setTimeout(() => setTimedOut(watch), RETRY_ANSWER_MS);
    return () => clearTimeout(timer);
  }, [watch]);

  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => setWatch(null), RESULT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [settled, watch]);

  return { line, retrying: watch !== null && !settled, watch: setWatch };
}

/** Reports not yet acknowledged by the server. Shown in every state, also while a new task is active. */
export function Outbox({ outbox, busy, run, now }: Props) {
  const tr = useT();
  const retry = useRetryWatch(outbox);
  const result = <StatusMessage status={retry.line} testId="outbox-retry-result" />;
  if (outbox.length === 0) return retry.line ? result : null;

  const paused = outbox.some((e) => e.state === 'paused');
  const retryable = outbox.filter((e) => e.state !== 'dead');
  const retryNow = async () => {
    const next: RetryWatch = { attempts: new Map(retryable.map((e) => [e.id, e.attempts])), since: Date.now() };
    const ok = await run('retry', () => sendMessage('retryOutbox', undefined), () => null);
    if (ok) retry.watch(next);
  };

  return (
    <section className="outbox" data-testid="outbox-list" aria-label={tr('outbox.title', { count: outbox.length })}>
      <div className="section-head">
        <h2>{tr('outbox.title', { count: outbox.length })}</h2>
        {retryable.length > 0 && (
          <button type="button" className="btn btn-small" data-testid="outbox-retry" disabled={busy !== null || retry.retrying} aria-busy={retry.retrying} onClick={() => void retryNow()}>
            {tr('outbox.retry')}
          </button>
        )}
      </div>
      {result}
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
          <OutboxRow key={entry.id} entry={entry} busy={busy} run={run} now={now} />
        ))}
      </ul>
    </section>
  );
}

/** One waiting report: where, which report, its state, why it waits and when it is tried next (or *Dismiss* when it never can be sent). */
function OutboxRow({ entry, busy, run, now }: { entry: OutboxEntry; busy: string | null; run: RunAction; now: number }) {
  const tr = useT();
  const lang = useLanguage();
  const dismiss = () => run('dismiss', () => sendMessage('dismissOutboxEntry', { id: entry.id }), () => ({ tone: 'info', say: (l) => t(l, 'outbox.dismissed') }));
  return (
    <li className={`outbox-entry state-${entry.state}`} data-testid="outbox-entry" data-state={entry.state}>
      <div className="entry-line">
        <strong className="ellipsis grow" title={entry.domain}>
          {entry.domain}
        </strong>
        <span className={`tag tag-${entry.kind}`}>{tr(entry.kind === 'complete' ? 'outbox.kind.complete' : 'outbox.kind.fail')}</span>
        <span className={`tag tag-state-${entry.state}`}>{tr(entry.state === 'pending' ? 'outbox.state.pending' : entry.state === 'paused' ? 'outbox.state.paused' : 'outbox.state.dead')}</span>
      </div>
      {entry.lastError && (
        <p className="small" data-testid="outbox-reason">
          {describeError(lang, entry.lastError)}
        </p>
      )}
      {entry.state === 'pending' && (
        <p className="small muted" data-testid="outbox-next">
          {entry.nextAttemptAt > now ? (
            <Countdown until={entry.nextAttemptAt} now={now} testId="outbox-countdown">
              {(time) => tr('outbox.nextAttempt', { time })}
            </Countdown>
          ) : (
            tr('outbox.sendingNow')
          )}
        </p>
      )}
      {entry.state === 'dead' && (
        <button type="button" className="btn btn-small btn-quiet" data-testid="outbox-dismiss" disabled={busy !== null} onClick={() => void dismiss()}>
          {tr('outbox.dismiss')}
        </button>
      )}
    </li>
  );
}
