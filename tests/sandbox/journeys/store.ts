/**
 * Server-side state of the journey sites: sessions, saved profiles and
 * counters per host and account. Lives in SandboxState (so a sandbox reset
 * clears it) and imports nothing from it (no import cycle).
 */

/** Field name → value, as the site's own form or JSON names them. */
export type Fields = Record<string, string>;

export interface JourneySession {
  sid: string;
  taskId: string;
  /** 'password': signed in but the 2FA step is still due. */
  stage: '2fa' | 'in';
  /** Where to go once signed in. */
  next: string;
  /** A "remember me" session: its cookie outlives the browser session. */
  remember: boolean;
  /** Per-session CSRF token (the SPA and form posts check it). */
  csrf: string;
  createdAt: string;
}

export interface SavedProfile {
  /** What the site kept, by its own field names (after any rewriting). */
  stored: Fields;
  /** What the last accepted save request carried for those fields, raw. */
  posted: Fields;
  savedAt: string | null;
  saveCount: number;
}

export const COUNTER_NAMES = [
  'logins',
  'loginFailures',
  'twofaSubmissions',
  'twofaFailures',
  'saves',
  'rejectedSaves',
  'logouts',
  /** Opens of a delete-account / deactivate page. */
  'dangerPages',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];
export type Counters = Record<CounterName, number>;

export interface JourneyEvent {
  at: string;
  /** 'danger-page': a delete/deactivate page was opened (the journey must never do that). */
  event: 'login' | 'login-failed' | '2fa' | '2fa-failed' | 'save' | 'save-rejected' | 'logout' | 'session-preset' | 'danger-page';
  taskId?: string;
  username?: string;
}

export class HostStore {
  sessions = new Map<string, JourneySession>();
  saved = new Map<string, SavedProfile>();
  counters = new Map<string, Counters>();
  events: JourneyEvent[] = [];

  counter(taskId: string): Counters {
    let c = this.counters.get(taskId);
    if (!c) {
      c = Object.fromEntries(COUNTER_NAMES.map((k) => [k, 0])) as Counters;
      this.counters.set(taskId, c);
    }
    return c;
  }

  /** Forgets one account (or everyone) on this host: saves, counters, sessions. */
  resetAccount(taskId?: string): void {
    if (taskId === undefined) {
      this.sessions.clear();
      this.saved.clear();
      this.counters.clear();
      this.events = [];
      return;
    }
    for (const [sid, s] of this.sessions) if (s.taskId === taskId) this.sessions.delete(sid);
    this.saved.delete(taskId);
    this.counters.delete(taskId);
    this.events = this.events.filter((e) => e.taskId !== taskId);
  }
}

export class JourneyStore {
  private hosts = new Map<string, HostStore>();

  host(host: string): HostStore {
    let h = this.hosts.get(host);
    if (!h) {
      h = new HostStore();
      this.hosts.set(host, h);
    }
    return h;
  }

  clear(): void {
    this.hosts.clear();
  }
}
