import { browser } from 'wxt/browser';
import { isApiError, type ApiClient, type ApiErrorInit } from '../api';
import { update as updateItem, updateTogether, write, type Write } from '../storage';
import { deliver } from './deliver';
import { outboxItem, type OutboxEntry, type ReportKind } from './store';
import { applyOutcome, dueEntries, nextWakeUp, type DeliveryOutcome } from './policy';

export const OUTBOX_ALARM = 'outbox-flush';

export interface OutboxDeps {
  /** The API client for the current settings; throws ApiError('config') when none can be made. */
  getClient(): Promise<ApiClient>;
  now?: () => number;
  random?: () => number;
  /** Called after every change of the stored outbox (the badge listens). */
  onChange?: () => void;
  /**
   * Other items to write with an acknowledgement, in the same storage call
   * (the task service marks the history line delivered). Runs under the lock.
   */
  onAcked?: (entry: OutboxEntry) => Promise<Write[]>;
}

export interface NewReport {
  taskId: string;
  domain: string;
  kind: ReportKind;
  body: Record<string, string>;
}


export interface FlushSummary {
  acked: number;
  retrying: number;
  paused: number;
  dead: number;
}

export interface Outbox {
  /** Saves the report (with `also` in the same write), schedules the alarm; does not send. */
  enqueue(report: NewReport, also?: (entries: OutboxEntry[]) => Promise<Write[]>): Promise<OutboxEntry>;
  /** Sends every due entry; one flush at a time (a call during a flush runs another pass after it). */
  flush(): Promise<FlushSummary>;
  /** New settings: paused entries become pending and are sent now. */
  resume(): Promise<void>;
  /** The worker's Retry: paused and dead entries are tried again now. */
  /** Returns what the flush it started did (the popup says so). */
  retryAll(): Promise<FlushSummary>;
  /** The worker's Dismiss: only entries that are not waiting to be sent can be dropped. */
  dismiss(id: string): Promise<boolean>;
  /** Makes the alarm match the earliest pending entry (also at start-up: alarms may not survive a restart). */
  schedule(): Promise<void>;
  handleAlarm(alarm: { name: string }): Promise<void>;
  list(): Promise<OutboxEntry[]>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  let running: Promise<FlushSummary> | null = null;
  let again = false;

  const changed = () => {
    try {
      deps.onChange?.();
    } catch {
      // The badge must never break the outbox.
    }
  };

  async function update(fn: (entries: OutboxEntry[]) => OutboxEntry[]): Promise<OutboxEntry[]> {
    const next = await updateItem(outboxItem, fn);
    changed();
    return next;
  }

  async function schedule(): Promise<void> {
    const when = nextWakeUp(await outboxItem.getValue());
    if (when === null) await browser.alarms.clear(OUTBOX_ALARM);
    else await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(when, now() + 1000) });
  }

  /** Stores the result of one attempt; returns how many paused entries it released. */
  async function recordOutcome(entry: OutboxEntry, outcome: DeliveryOutcome): Promise<number> {
    const released = await updateTogether(async () => {
      let freed = 0;
      const entries = await outboxItem.getValue();
      const t = now();
      let next = entries.flatMap((e) => {
        if (e.id !== entry.id) return [e];
        const applied = applyOutcome(e, outcome, t, random);
        return applied ? [applied] : [];
      });
      if (outcome.type === 'pause') {
        // A refused key refuses every report: hold them all until the settings change.
        next = next.map((e) => (e.state === 'pending' ? { ...e, state: 'paused' as const, lastError: outcome.error } : e));
      } else if (outcome.type === 'acked') {
        // The key works again: whatever was paused can go.
        next = next.map((e) => {
          if (e.state !== 'paused') return e;
          freed += 1;
          return { ...e, state: 'pending' as const, nextAttemptAt: t };
        });
      }
      const writes: Write[] = [write(outboxItem, next)];
      if (outcome.type === 'acked' && deps.onAcked) writes.push(...(await deps.onAcked(entry)));
      return { writes, result: freed };
    });
    changed();
    return released;
  }

  async function pass(summary: FlushSummary): Promise<void> {
    const due = dueEntries(await outboxItem.getValue(), now());
    if (!due.length) return;
    let client: ApiClient;
    try {
      client = await deps.getClient();
    } catch (e) {
      const error: ApiErrorInit = { kind: isApiError(e) ? e.kind : 'config' };
      await recordOutcome(due[0]!, { type: 'pause', error });
      summary.paused += 1;
      return;
    }
    for (const entry of due) {
      // Another trigger (pause, dismiss) may have changed the entry while we were sending.
      const current = (await outboxItem.getValue()).find((e) => e.id === entry.id);
      if (!current || current.state !== 'pending') continue;
      const outcome = await deliver(current, client);
      if ((await recordOutcome(current, outcome)) > 0) again = true;
      if (outcome.type === 'acked') summary.acked += 1;
      else if (outcome.type === 'retry') summary.retrying += 1;
      else if (outcome.type === 'dead') summary.dead += 1;
      else {
        summary.paused += 1;
        return;
      }
    }
  }

  async function run(): Promise<FlushSummary> {
    const summary: FlushSummary = { acked: 0, retrying: 0, paused: 0, dead: 0 };
    try {
      do {
        again = false;
        await pass(summary);
      } while (again);
    } catch (e) {
      // Storage failures: keep the entries, the alarm tries again.
      console.warn('outbox flush failed', e instanceof Error ? e.name : typeof e);
    }
    try {
      await schedule();
    } catch {
      // No alarm API (tests without it) or a closing context: the next trigger reschedules.
    }
    return summary;
  }

  function flush(): Promise<FlushSummary> {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    async enqueue(report, also) {
      const t = now();
      const entry: OutboxEntry = {
        id: crypto.randomUUID(),
        taskId: report.taskId,
        domain: report.domain,
        kind: report.kind,
        body: report.body,
        createdAt: t,
        attempts: 0,
        nextAttemptAt: t,
        state: 'pending',
      };
      await updateTogether(async () => {
        const entries = [...(await outboxItem.getValue()), entry];
        const extra = also ? await also(entries) : [];
        return { writes: [write(outboxItem, entries), ...extra], result: undefined };
      });
      changed();
      // The alarm is the safety net if the worker dies before the flush that follows.
      await schedule().catch(() => undefined);
      return entry;
    },
    flush,
    async resume() {
      await update((entries) =>
        entries.map((e) => (e.state === 'paused' ? { ...e, state: 'pending' as const, nextAttemptAt: now() } : e)),
      );
      await flush();
    },
    async retryAll() {
      await update((entries) =>
        entries.map((e) => (e.state !== 'pending' || e.nextAttemptAt > now() ? { ...e, state: 'pending' as const, nextAttemptAt: now() } : e)),
      );
      return flush();
    },
    async dismiss(id) {
      let removed = false;
      await update((entries) =>
        entries.filter((e) => {
          const drop = e.id === id && e.state !== 'pending';
          if (drop) removed = true;
          return !drop;
        }),
      );
      await schedule().catch(() => undefined);
      return removed;
    },
    schedule,
    async handleAlarm(alarm) {
      if (alarm.name === OUTBOX_ALARM) await flush();
    },
    list: () => outboxItem.getValue(),
  };
}
