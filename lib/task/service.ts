import { isApiError, type ApiClient, type ApiErrorInit } from '../api';
import type { ActionError, ActionResult } from '../messaging';
import type { Outbox, ReportKind } from '../outbox';
import { LINKS_MAX } from '../rules';
import { update, withStorageLock, write } from '../storage';
import { addHistory } from './history';
import { activeTaskItem, historyItem, type ActiveTask } from './store';
import { checkComplete, checkFail } from './validate';

/** How many `connect` tasks one pull looks at; the rest are left for other workers. */
const PULL_LIMIT = 10;

export interface TaskServiceDeps {
  getClient(): Promise<ApiClient>;
  outbox: Outbox;
  now?: () => number;
  /** After the active task was set, changed or cleared (content-script registration, badge). */
  onActiveChange?: (active: ActiveTask | null) => unknown;
}

export interface TaskService {
  pullTask(): Promise<ActionResult<ActiveTask>>;
  verifyActiveTask(): Promise<ActionResult<ActiveTask>>;
  completeTask(input: { linkPost?: string; note?: string }): Promise<ActionResult>;
  failTask(input: { reason: string; note?: string }): Promise<ActionResult>;
  dropActiveTask(): Promise<ActionResult>;
  getActive(): Promise<ActiveTask | null>;
  /** The flush kicked by the last report (tests and the command handler wait for it). */
  lastFlush(): Promise<unknown>;
}

/** Errors cross messages as plain data: the kind, and the API's own secret-free description. */
export function toActionError(e: unknown): ActionError {
  if (isApiError(e)) {
    const detail = Object.fromEntries(Object.entries(e.toJSON()).filter(([, v]) => v !== undefined)) as ApiErrorInit;
    return { kind: e.kind, detail };
  }
  return { kind: 'invalid_response' };
}

/**
 * At most LINKS_MAX links are kept (API.md: 0–150); the rest are counted so
 * the worker is told, and never reach a page or a fill pass.
 */
export function withLinkCap(active: ActiveTask): ActiveTask {
  const links = active.task.entity_connect ?? [];
  const { linksDropped: _previous, ...rest } = active;
  if (links.length <= LINKS_MAX) return rest;
  return { ...rest, task: { ...active.task, entity_connect: links.slice(0, LINKS_MAX) }, linksDropped: links.length - LINKS_MAX };
}

const ok = <T>(value: T): ActionResult<T> => ({ ok: true, value });
const err = (kind: ActionError['kind'], detail?: ApiErrorInit): { ok: false; error: ActionError } => ({
  ok: false,
  error: detail ? { kind, detail } : { kind },
});

/**
 * The task service: the single writer of the active task and the history.
 * Reports go to the outbox (saved before anything is sent).
 */
export function createTaskService(deps: TaskServiceDeps): TaskService {
  const now = deps.now ?? Date.now;
  let pulling: Promise<ActionResult<ActiveTask>> | null = null;
  let flushing: Promise<unknown> = Promise.resolve();
  /** Reports run one after another: a double click (popup + shortcut + panel) queues one report, not two. */
  let reportChain: Promise<unknown> = Promise.resolve();

  const notify = async (active: ActiveTask | null) => {
    try {
      await deps.onActiveChange?.(active);
    } catch (e) {
      console.warn('active-task hook failed', e instanceof Error ? e.name : typeof e);
    }
  };

  async function setActive(active: ActiveTask | null): Promise<void> {
    await update(activeTaskItem, () => active);
    await notify(active);
  }

  /**
   * Writes what `next` makes of the stored active task, under the storage
   * lock; `next` answers null to leave it (a pull racing another pull; a
   * verification racing a report). It is built from the stored task, never
   * from a copy read before a network call: the journey moves on meanwhile.
   */
  function replaceActive(next: (current: ActiveTask | null) => ActiveTask | null): Promise<ActiveTask | null> {
    return withStorageLock(async () => {
      const written = next(await activeTaskItem.getValue());
      if (written) await activeTaskItem.setValue(written);
      return written;
    });
  }

  async function doPull(): Promise<ActionResult<ActiveTask>> {
    if (await activeTaskItem.getValue()) return err('busy');
    // Reports first: the server must hear about the last task before we take the next.
    await deps.outbox.flush();
    let client: ApiClient;
    try {
      client = await deps.getClient();
    } catch (e) {
      return { ok: false, error: toActionError(e) };
    }
    try {
      const tasks = await client.listTasks({ limit: PULL_LIMIT, status: 'connect' });
      for (const task of tasks) {
        try {
          await client.startTask(task.id);
        } catch (e) {
          // Listing does not reserve: another worker started this one first. Try the next.
          if (isApiError(e) && (e.kind === 'wrong_status' || e.kind === 'not_found')) continue;
          // The answer was lost: if the server did start it, it is ours — leaving it
          // would strand it in `connecting` with nobody working on it.
          if (!(isApiError(e) && e.retryable && (await startedAnyway(client, task.id)))) throw e;
        }
        const active: ActiveTask = withLinkCap({ task: { ...task, status: 'connecting' }, startedAt: now() });
        // A pull racing a restore/another pull must not overwrite a task we already hold.
        const stored = await replaceActive((current) => (current === null ? active : null));
        if (!stored) return err('busy');
        await notify(active);
        return ok(active);
      }
      return err('no_work');
    } catch (e) {
      return { ok: false, error: toActionError(e) };
    }
  }

  /** After a start whose answer was lost: is the task `connecting` on the server now? */
  async function startedAnyway(client: ApiClient, id: string): Promise<boolean> {
    try {
      await client.getTask(id, { status: 'connecting' });
      return true;
    } catch {
      return false;
    }
  }

  function report(kind: ReportKind, body: Record<string, string>, reason?: string): Promise<ActionResult> {
    const run = reportChain.then(() => doReport(kind, body, reason));
    reportChain = run.catch(() => undefined);
    return run;
  }

  async function doReport(kind: ReportKind, body: Record<string, string>, reason?: string): Promise<ActionResult> {
    const active = await activeTaskItem.getValue();
    if (!active) return err('no_task');
    const finishedAt = now();
    const task = active.task;
    // One storage write: the report, its history line and the end of the active task.
    await deps.outbox.enqueue({ taskId: task.id, domain: task.domain, kind, body }, async () => [
      write(
        historyItem,
        addHistory(await historyItem.getValue(), {
          taskId: task.id,
          domain: task.domain,
          outcome: kind,
          ...(reason !== undefined && { reason }),
          startedAt: active.startedAt,
          finishedAt,
          delivered: false,
        }),
      ),
      write(activeTaskItem, null),
    ]);
    await notify(null);
    // Not awaited: the worker sees "saved, sending"; the alarm covers a worker that dies meanwhile.
    flushing = deps.outbox.flush();
    return ok(undefined);
  }

  return {
    pullTask() {
      pulling ??= doPull().finally(() => {
        pulling = null;
      });
      return pulling;
    },

    async verifyActiveTask() {
      const active = await activeTaskItem.getValue();
      if (!active) return err('no_task');
      let client: ApiClient;
      try {
        client = await deps.getClient();
      } catch (e) {
        return { ok: false, error: toActionError(e) };
      }
      // What the server says, applied to the task as it is stored when the answer comes (its journey included).
      let change: (current: ActiveTask) => ActiveTask;
      try {
        const fresh = await client.getTask(active.task.id, { status: 'connecting' });
        change = ({ problem: _cleared, ...current }) => withLinkCap({ ...current, task: { ...current.task, ...fresh } });
      } catch (e) {
        if (!isApiError(e)) return { ok: false, error: toActionError(e) };
        const at = now();
        let problem: NonNullable<ActiveTask['problem']>;
        if (e.kind === 'not_found') problem = { kind: 'gone', at };
        else if (e.kind === 'wrong_status') problem = { kind: 'wrong_status', at, ...(e.currentStatus && { currentStatus: e.currentStatus }) };
        else if (e.retryable || e.kind === 'invalid_response') problem = { kind: 'unverified', at };
        else return { ok: false, error: toActionError(e) }; // a refused key says nothing about the task
        change = (current) => ({ ...current, problem });
      }
      // The task may have been reported or dropped while we asked.
      const next = await replaceActive((current) => (current?.task.id === active.task.id ? change(current) : null));
      if (!next) return err('no_task');
      await notify(next);
      return ok(next);
    },

    async completeTask(input) {
      const checked = checkComplete(input ?? {});
      if (!checked.ok) return err('invalid_input');
      return report('complete', checked.value);
    },

    async failTask(input) {
      const checked = checkFail(input ?? {});
      if (!checked.ok) return err('invalid_input');
      return report('fail', checked.value, checked.value.error_message);
    },

    async dropActiveTask() {
      if (!(await activeTaskItem.getValue())) return err('no_task');
      await setActive(null);
      return ok(undefined);
    },

    getActive: () => activeTaskItem.getValue(),
    lastFlush: () => flushing,
  };
}
