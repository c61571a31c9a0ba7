/** In-memory state of one sandbox: tasks, report logs, faults, request log, demo sites. */
import { randomUUID } from 'node:crypto';
import type {
  ControlTaskView,
  FaultSpec,
  ProfileFields,
  ReportLogEntry,
  RequestLogEntry,
  SandboxTask,
  SiteEvent,
  SiteProfile,
  SiteView,
} from './types';
import { PROFILE_FIELDS } from './types';
import { JourneyStore } from './journeys/store';

interface TaskRecord {
  task: SandboxTask;
  deleted: boolean;
  starts: number;
  retry_count: number;
  max_retries: number;
  reports: ReportLogEntry[];
}

export interface ActiveFault extends FaultSpec {
  /** Requests it may still affect; Infinity when unlimited. */
  remaining: number;
}

export interface Session {
  host: string;
  taskId: string;
  stage: '2fa' | 'in';
  next: string;
}

interface SiteState {
  profiles: Map<string, SiteProfile>;
  events: SiteEvent[];
  /** Task id of the profile saved last. */
  lastSaved?: string;
}

const MAX_LOG = 5000;
const nowIso = () => new Date().toISOString();
const clone = <T>(v: T): T => structuredClone(v);

/** Fills what a partial task leaves out; values given (even null) are kept. */
export function completeTask(partial: Partial<SandboxTask>, n: number): SandboxTask {
  const user = `demo_user${n}`;
  return {
    id: randomUUID(),
    request_id: randomUUID(),
    domain: 'demo-social.test',
    website: 'https://customer.example',
    email: `${user}@gmail.com`,
    username: user,
    password: `Pw-${user}-1!`,
    pass_mail: 'MailPass!1',
    twofa: '',
    app_password: '',
    entity_connect: [
      `https://demo-forum.test/members/${user}/`,
      `https://twitter.com/${user}`,
      `https://www.facebook.com/${user}`,
    ],
    ...partial,
    status: partial.status ?? 'connect',
  };
}

/** Strips scheme, path, port, case and a leading "www." from a task's domain. */
export function normalizeDomain(domain: unknown): string {
  let d = String(domain ?? '').trim().toLowerCase();
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  return d.replace(/^www\./, '');
}

export function hostMatchesDomain(host: string, domain: unknown): boolean {
  const d = normalizeDomain(domain);
  return !!d && (host === d || host.endsWith(`.${d}`));
}

export class SandboxState {
  private tasks = new Map<string, TaskRecord>();
  private added = 0;
  fault: ActiveFault = { mode: 'none', remaining: Infinity };
  requestLog: RequestLogEntry[] = [];
  sessions = new Map<string, Session>();
  private sites = new Map<string, SiteState>();
  /** Sessions, saved profiles and counters of the journey sites (journeys/). */
  journeys = new JourneyStore();

  constructor(tasks: Array<Partial<SandboxTask>>) {
    this.reset(tasks);
  }

  reset(tasks: Array<Partial<SandboxTask>>): void {
    this.tasks.clear();
    this.added = 0;
    this.fault = { mode: 'none', remaining: Infinity };
    this.requestLog = [];
    this.sessions.clear();
    this.sites.clear();
    this.journeys.clear();
    this.addTasks(tasks);
  }

  /** Adds tasks (defaults filled). Throws on a duplicate id, before adding any. */
  addTasks(partials: Array<Partial<SandboxTask>>): SandboxTask[] {
    const full = partials.map((p) => completeTask(p, ++this.added));
    const ids = new Set<string>();
    for (const t of full) {
      if (typeof t.id !== 'string' || !t.id) throw new Error('task id must be a non-empty string');
      if (this.tasks.has(t.id) || ids.has(t.id)) throw new Error(`duplicate task id ${t.id}`);
      ids.add(t.id);
    }
    for (const t of full) {
      this.tasks.set(t.id, { task: clone(t), deleted: false, starts: 0, retry_count: 0, max_retries: 3, reports: [] });
    }
    return full.map(clone);
  }

  /** Live record, for the handlers; soft-deleted tasks only with `includeDeleted`. */
  record(id: string, includeDeleted = false): TaskRecord | undefined {
    const r = this.tasks.get(id);
    return r && (includeDeleted || !r.deleted) ? r : undefined;
  }

  records(): TaskRecord[] {
    return [...this.tasks.values()];
  }

  view(id: string): ControlTaskView | undefined {
    const r = this.tasks.get(id);
    return r && toView(r);
  }

  views(): ControlTaskView[] {
    return this.records().map(toView);
  }

  /** Control-side edit: any task field, plus status / deleted / retry counters. */
  patch(id: string, changes: Record<string, unknown>): ControlTaskView | undefined {
    const r = this.tasks.get(id);
    if (!r) return undefined;
    for (const [k, v] of Object.entries(changes)) {
      if (k === 'id') continue;
      if (k === 'deleted') r.deleted = Boolean(v);
      else if (k === 'retry_count' || k === 'max_retries') r[k] = Number(v) || 0;
      else if (k === 'status') r.task.status = String(v);
      else r.task[k] = clone(v);
    }
    return toView(r);
  }

  /** The server's retry manager: connect_failed → connect while retry_count < max_retries. */
  requeue(): string[] {
    const ids: string[] = [];
    for (const r of this.tasks.values()) {
      if (!r.deleted && r.task.status === 'connect_failed' && r.retry_count < r.max_retries) {
        r.task.status = 'connect';
        ids.push(r.task.id);
      }
    }
    return ids;
  }

  setFault(spec: FaultSpec): ActiveFault {
    const count = spec.count;
    this.fault = {
      ...spec,
      remaining: typeof count === 'number' && Number.isFinite(count) && count >= 0 ? Math.floor(count) : Infinity,
    };
    return this.fault;
  }

  /** The fault for this API request, consuming one use of it. */
  takeFault(pathname: string): ActiveFault | undefined {
    const f = this.fault;
    if (f.mode === 'none' || f.remaining <= 0) return undefined;
    if (f.match && !pathname.includes(f.match)) return undefined;
    f.remaining -= 1;
    const used = { ...f };
    if (f.remaining <= 0) this.fault = { mode: 'none', remaining: Infinity };
    return used;
  }

  logRequest(entry: RequestLogEntry): RequestLogEntry {
    this.requestLog.push(entry);
    if (this.requestLog.length > MAX_LOG) this.requestLog.splice(0, this.requestLog.length - MAX_LOG);
    return entry;
  }

  // ---- demo sites ----

  private site(host: string): SiteState {
    let s = this.sites.get(host);
    if (!s) {
      s = { profiles: new Map(), events: [] };
      this.sites.set(host, s);
    }
    return s;
  }

  /** Accounts (tasks of any status, not deleted) that exist on this host. */
  accounts(host: string): SandboxTask[] {
    return this.records()
      .filter((r) => !r.deleted && hostMatchesDomain(host, r.task.domain))
      .map((r) => r.task);
  }

  siteEvent(host: string, event: SiteEvent['event'], username?: string): void {
    this.site(host).events.push({ at: nowIso(), event, ...(username !== undefined && { username }) });
  }

  /** The account's profile on this host, created from the task on first use. */
  profile(host: string, task: SandboxTask): SiteProfile {
    const site = this.site(host);
    let p = site.profiles.get(task.id);
    if (!p) {
      p = { host, taskId: task.id, username: String(task.username ?? ''), fields: initialFields(task), savedAt: null, saveCount: 0 };
      site.profiles.set(task.id, p);
    }
    return p;
  }

  saveProfile(host: string, task: SandboxTask, fields: Partial<ProfileFields>, countAsSave = true): SiteProfile {
    const p = this.profile(host, task);
    for (const k of PROFILE_FIELDS) if (fields[k] !== undefined) p.fields[k] = String(fields[k]);
    if (countAsSave) {
      p.savedAt = nowIso();
      p.saveCount += 1;
      this.site(host).lastSaved = task.id;
    }
    return p;
  }

  siteView(host: string): SiteView {
    const site = this.sites.get(host);
    const profiles = site ? [...site.profiles.values()].map(clone) : [];
    const last = site?.lastSaved ? profiles.find((p) => p.taskId === site.lastSaved) : undefined;
    return { host, profile: last ?? null, profiles, events: site ? clone(site.events) : [] };
  }
}

function initialFields(task: SandboxTask): ProfileFields {
  const fields = Object.fromEntries(PROFILE_FIELDS.map((k) => [k, ''])) as ProfileFields;
  const name = [task.first_name, task.last_name].filter((x) => typeof x === 'string' && x).join(' ');
  fields.display_name = name || String(task.username ?? '');
  fields.email = String(task.email ?? '');
  fields.bio = typeof task.about === 'string' ? task.about : '';
  fields.location = typeof task.location === 'string' ? task.location : '';
  return fields;
}

function toView(r: TaskRecord): ControlTaskView {
  return {
    task: clone(r.task),
    status: r.task.status,
    deleted: r.deleted,
    starts: r.starts,
    retry_count: r.retry_count,
    max_retries: r.max_retries,
    reports: clone(r.reports),
  };
}

export { nowIso };
