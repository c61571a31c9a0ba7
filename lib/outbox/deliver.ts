import { ApiError, type ApiClient, type ApiErrorInit } from '../api';
import type { OutboxEntry } from './store';
import { lastAttemptWasAmbiguous, targetStatus, type DeliveryOutcome } from './policy';

/**
 * One delivery attempt of one entry. Never throws.
 *
 * A response can be lost after the server acted (complete went through, the
 * connection dropped). Sending again would then be refused as "wrong status",
 * so: after an ambiguous failure we first GET the task, and a refusal is
 * always checked against the task's status before the entry is given up.
 * Either way a report the server already holds is acknowledged, not resent
 * and not left dead.
 */
export async function deliver(entry: OutboxEntry, client: ApiClient): Promise<DeliveryOutcome> {
  if (lastAttemptWasAmbiguous(entry)) {
    const check = await checkServer(entry, client);
    if (check.type !== 'send') return check;
  }
  try {
    if (entry.kind === 'complete') await client.completeTask(entry.taskId, entry.body);
    else await client.failTask(entry.taskId, { error_message: entry.body.error_message ?? '', ...entry.body });
    return { type: 'acked', via: 'response' };
  } catch (e) {
    const error = toInit(e);
    switch (error.kind) {
      case 'network':
      case 'timeout':
      case 'server':
      case 'rate_limited':
      case 'invalid_response':
        return { type: 'retry', error };
      case 'unauthorized':
      case 'config':
        return { type: 'pause', error };
      case 'wrong_status': {
        const check = await checkServer(entry, client);
        // Still "connecting" yet refused: nothing we resend will change that.
        if (check.type === 'send') return { type: 'dead', error };
        return check;
      }
      default:
        return { type: 'dead', error };
    }
  }
}

type Check = DeliveryOutcome | { type: 'send' };

/** Asks the server where the task stands: already in the target status, still ours to report, or gone. */
async function checkServer(entry: OutboxEntry, client: ApiClient): Promise<Check> {
  const target = targetStatus(entry.kind);
  // A failed task goes back to `connect` when the server's retry manager
  // re-queues it; from `connecting` (ours) only our fail leads there.
  const settled = (status: string) => status === target || (entry.kind === 'fail' && status === 'connect');
  try {
    const task = await client.getTask(entry.taskId, { status: target });
    // The status filter already asserts it; a server that ignores the filter still tells us the status.
    if (task.status === undefined || settled(task.status)) return { type: 'acked', via: 'status' };
    return task.status === 'connecting' ? { type: 'send' } : { type: 'dead', error: { kind: 'wrong_status', currentStatus: task.status } };
  } catch (e) {
    const error = toInit(e);
    if (error.kind === 'wrong_status') {
      if (error.currentStatus === 'connecting' || error.currentStatus === undefined) return { type: 'send' };
      if (settled(error.currentStatus)) return { type: 'acked', via: 'status' };
      return { type: 'dead', error };
    }
    if (error.kind === 'not_found') return { type: 'dead', error };
    if (error.kind === 'unauthorized' || error.kind === 'config') return { type: 'pause', error };
    return { type: 'retry', error };
  }
}

/** Only the plain, secret-free description of an error is ever stored. */
function toInit(e: unknown): ApiErrorInit {
  if (e instanceof ApiError) {
    const init = e.toJSON();
    // Drop undefined keys so stored entries stay small and compare cleanly.
    return Object.fromEntries(Object.entries(init).filter(([, v]) => v !== undefined)) as ApiErrorInit;
  }
  // Anything else (a schema refusal of our own body) cannot improve by retrying.
  return { kind: 'bad_request' };
}
