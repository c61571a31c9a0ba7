import { ApiError, type ApiClient, type ApiErrorInit, type Task } from '../../../lib/api';

/**
 * An in-memory stand-in for the Entity API with the same state machine and
 * error kinds as lib/api's client, plus fault injection. Used until (and
 * beside) the real sandbox server.
 */
export type Fault =
  | { type: 'error'; error: ApiErrorInit } // answer with this error, do nothing
  | { type: 'drop-after-act' }; // act, then lose the response (network error)

export interface Call {
  method: 'list' | 'get' | 'start' | 'complete' | 'fail';
  id?: string;
  body?: unknown;
  status?: string;
}

export function makeTask(id: string, over: Partial<Task> = {}): Task & { status: string } {
  return {
    id,
    domain: `${id}.example.test`,
    username: `user-${id}`,
    email: `${id}@gmail.test`,
    password: `pw-${id}`,
    pass_mail: `mailpw-${id}`,
    twofa: 'JBSWY3DPEHPK3PXP',
    website: 'https://customer.example',
    entity_connect: ['https://twitter.com/acme', 'https://github.com/acme'],
    status: 'connect',
    ...over,
  };
}

export class FakeApi implements ApiClient {
  readonly baseUrl = 'https://fake.test/api/v1/entity';
  readonly tasks = new Map<string, Task & { status: string }>();
  readonly calls: Call[] = [];
  /** Faults by method, consumed in order. */
  readonly faults: Partial<Record<Call['method'], Fault[]>> = {};
  /** Accepted reports per task: "reported exactly once" checks. */
  readonly reports: { id: string; kind: 'complete' | 'fail'; body: unknown }[] = [];

  constructor(tasks: (Task & { status: string })[] = []) {
    for (const t of tasks) this.tasks.set(t.id, t);
  }

  fail(method: Call['method'], ...faults: Fault[]) {
    (this.faults[method] ??= []).push(...faults);
  }

  private fault(method: Call['method']): Fault | undefined {
    return this.faults[method]?.shift();
  }

  private async run<T>(call: Call, act: () => T): Promise<T> {
    this.calls.push(call);
    await Promise.resolve();
    const f = this.fault(call.method);
    if (f?.type === 'error') throw new ApiError(f.error);
    const result = act();
    if (f?.type === 'drop-after-act') throw new ApiError({ kind: 'network' });
    return result;
  }

  private need(id: string, status?: string) {
    const t = this.tasks.get(id);
    if (!t) throw new ApiError({ kind: 'not_found', status: 404, serverMessage: 'task not found' });
    if (status && t.status !== status) {
      throw new ApiError({ kind: 'wrong_status', status: 404, currentStatus: t.status, expectedStatus: status });
    }
    return t;
  }

  listTasks({ limit = 5, status = 'connect' }: { limit?: number; status?: string } = {}) {
    return this.run({ method: 'list', status }, () =>
      [...this.tasks.values()].filter((t) => t.status === status).slice(0, limit).map((t) => ({ ...t })),
    );
  }
  getTask(id: string, { status }: { status?: string } = {}) {
    return this.run({ method: 'get', id, status }, () => ({ ...this.need(id, status) }));
  }
  startTask(id: string) {
    return this.run({ method: 'start', id }, () => {
      const t = this.need(id);
      if (t.status !== 'connect') throw new ApiError({ kind: 'wrong_status', status: 409, currentStatus: t.status });
      t.status = 'connecting';
      return {};
    });
  }
  completeTask(id: string, body: Record<string, string> = {}) {
    return this.run({ method: 'complete', id, body }, () => {
      const t = this.need(id);
      if (t.status !== 'connecting') throw new ApiError({ kind: 'wrong_status', status: 409, currentStatus: t.status });
      t.status = 'completed';
      this.reports.push({ id, kind: 'complete', body });
      return {};
    });
  }
  failTask(id: string, body: { error_message: string; note?: string }) {
    return this.run({ method: 'fail', id, body }, () => {
      const t = this.need(id);
      if (t.status !== 'connecting') throw new ApiError({ kind: 'wrong_status', status: 409, currentStatus: t.status });
      t.status = 'connect_failed';
      this.reports.push({ id, kind: 'fail', body });
      return {};
    });
  }

  count(method: Call['method']) {
    return this.calls.filter((c) => c.method === method).length;
  }
}
