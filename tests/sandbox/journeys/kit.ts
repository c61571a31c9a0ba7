/**
 * Shared machinery of the journey sites: the spec every site exports, the
 * request a site handler gets, and a per-request context with the account,
 * session, 2FA and saved-profile helpers. Each site module only writes its
 * platform's routes and markup.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { escapeHtml, parseCookies, type Reply } from '../http';
export { html, json } from '../http';
import type { SandboxState } from '../state';
import { verifyTotp } from '../totp';
import type { SandboxTask } from '../types';
import { type CounterName, type Fields, type HostStore, type JourneyEvent, type JourneySession, type SavedProfile } from './store';

export type { Fields } from './store';
export const e = escapeHtml;

/** An account of a journey site, derived from a sandbox task on that host. */
export interface JourneyUser {
  taskId: string;
  username: string;
  email: string;
  /** Numeric id as the platform numbers its users (phpBB u=, MyBB uid=, Drupal /user/N). */
  userId: number;
  /** URL slug (BuddyPress /members/<slug>/, Mastodon @handle lowercased). */
  slug: string;
  displayName: string;
}

export type LinkFieldKind = 'website' | 'platform' | 'slot' | 'label' | 'bio';

/** One field of the profile editor that may hold a link (what the fill policy targets). */
export interface LinkField {
  /** The form field's `name` (or the JSON key, for SPAs). */
  name: string;
  label: string;
  kind: LinkFieldKind;
  /** For kind 'platform': twitter, facebook, youtube, linkedin, github, instagram, … */
  platform?: string;
  /** 'handle' when the field takes a user name rather than a URL. */
  format?: 'url' | 'handle' | 'text';
  /** Name of the tab/section that must be opened to see it, when hidden at first. */
  tab?: string;
}

/**
 * Machine-readable description of a journey site, for e2e tests of the
 * extension's task journey (open → log in → editor → fill → save → public check).
 */
export interface JourneySpec {
  host: string;
  /** Platform id as the extension would name it: 'phpbb', 'discourse', 'mastodon', … or 'custom'. */
  platform: string;
  /** Human description of what is modelled. */
  modelledOn: string;
  /** The real templates/source read to model it. */
  sources: string[];
  language: 'en' | 'vi';
  /** Every sandbox site is plain http; kept explicit for the "http site" journey case. */
  scheme: 'http';
  /** True when the UI is rendered client-side from an HTML shell. */
  spa: boolean;
  homePath: string;
  loginPath: string;
  /** Login form field names (identifier, password, remember-me when there is one). */
  loginFields: { identifier: string; password: string; remember?: string };
  /** The 2FA step, shown when the account's task has a `twofa` secret; null: the site has none. */
  twoFactor: { path: string; field: string } | null;
  sessionCookie: string;
  /** Where a signed-in user asking for the login page is sent (a live session skips the login). */
  signedInLoginRedirect: string;
  /** How the worker reaches the editor from a signed-in page. */
  editorReach: 'nav-link' | 'user-menu' | 'closed-dropdown' | 'icon-only-dropdown';
  editorPath(user: JourneyUser): string;
  editorNeedsTab: boolean;
  /** The control that must be clicked to show the link fields (CSS selector and its text). */
  editorTab?: { selector: string; text: string };
  save: { method: 'POST' | 'PUT' | 'PATCH'; encoding: 'form' | 'json'; path(user: JourneyUser): string };
  /** Editor fields that may get links (website, platform fields, slots, bio). */
  linkFields: LinkField[];
  /** True when the site changes (or drops) some values on save; the read-back shows the difference. */
  rewritesOnSave: boolean;
  publicProfilePath(user: JourneyUser): string;
  /**
   * The URLs the public profile shows for this stored profile (as links or as
   * text), in the form they appear there (e.g. a handle turned into its URL).
   */
  linksVisibleOnPublic(stored: Fields): string[];
  logout: { method: 'GET' | 'POST' | 'DELETE'; path(user: JourneyUser): string };
  /** What is special about this site for the journey. */
  notes: string;
}

export interface JourneyRequest {
  method: string;
  host: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface JourneySite {
  spec: JourneySpec;
  /** Stable numbering base: the first account's numeric id on this site. */
  firstUserId: number;
  handle(ctx: SiteCtx): Reply;
}

export function slugOf(username: string): string {
  return username.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'user';
}

export function redirect(location: string, headers: Record<string, string> = {}, status = 302): Reply {
  return { status, text: '', headers: { Location: location, ...headers } };
}

export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Only same-site absolute paths, so `next`/`redirect` cannot leave the site. */
export function safePath(raw: string | null | undefined, fallback: string): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.includes('\\') ? raw : fallback;
}

/** http(s) URLs found in free text (a bio), trailing punctuation trimmed. */
export function urlsIn(text: string): string[] {
  return (text.match(/https?:\/\/[^\s<>"']+/g) ?? []).map((u) => u.replace(/[.,;:!?)\]]+$/, ''));
}

/** Free text with its http(s) URLs turned into links (what forums' "cooking" does). */
export function linkify(text: string, rel = 'nofollow ugc noopener'): string {
  return e(text)
    .replace(/https?:\/\/[^\s<>"']+/g, (m) => {
      const url = m.replace(/[.,;:!?)\]]+$/, '');
      const rest = m.slice(url.length);
      return `<a href="${url}" rel="${rel}">${url}</a>${rest}`;
    })
    .replace(/\n/g, '<br>');
}

export const token = (bytes = 16): string => randomBytes(bytes).toString('hex');

/** Everything a site handler needs for one request. */
export class SiteCtx {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly cookies: Record<string, string>;
  private formCache?: URLSearchParams;

  constructor(
    readonly state: SandboxState,
    readonly site: JourneySite,
    readonly req: JourneyRequest,
  ) {
    this.path = req.url.pathname;
    this.query = req.url.searchParams;
    this.cookies = parseCookies(req.headers.cookie);
  }

  get spec(): JourneySpec {
    return this.site.spec;
  }
  get host(): string {
    return this.site.spec.host;
  }
  get method(): string {
    return this.req.method;
  }
  get store(): HostStore {
    return this.state.journeys.host(this.host);
  }

  /** The request body as a form (urlencoded, or JSON flattened one level). */
  get form(): URLSearchParams {
    if (!this.formCache) {
      const ct = String(this.req.headers['content-type'] ?? '');
      if (ct.includes('multipart/form-data')) {
        // Forms with a file input (Mastodon, Drupal) post multipart; files are ignored.
        this.formCache = parseMultipart(this.req.body, ct.match(/boundary="?([^";]+)"?/i)?.[1] ?? '');
      } else if (ct.includes('application/json')) {
        const out = new URLSearchParams();
        const body = this.jsonBody();
        if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out.set(k, v);
        this.formCache = out;
      } else {
        this.formCache = new URLSearchParams(this.req.body.toString('utf8'));
      }
    }
    return this.formCache;
  }

  /** The JSON body, or undefined when absent or not JSON. */
  jsonBody(): unknown {
    try {
      const text = this.req.body.toString('utf8').trim();
      return text ? JSON.parse(text) : undefined;
    } catch {
      return undefined;
    }
  }

  // ---- accounts ----

  users(): JourneyUser[] {
    return this.state.accounts(this.host).map((t, i) => toUser(t, this.site.firstUserId + i));
  }
  userByTask(taskId: string): JourneyUser | undefined {
    return this.users().find((u) => u.taskId === taskId);
  }
  userByName(name: string | undefined | null): JourneyUser | undefined {
    const n = String(name ?? '').toLowerCase();
    return n ? this.users().find((u) => u.username.toLowerCase() === n) : undefined;
  }
  userBySlug(slug: string | undefined | null): JourneyUser | undefined {
    const s = String(slug ?? '').toLowerCase();
    return s ? this.users().find((u) => u.slug === s) : undefined;
  }
  userById(id: string | number | null | undefined): JourneyUser | undefined {
    const n = Number(id);
    return Number.isInteger(n) ? this.users().find((u) => u.userId === n) : undefined;
  }
  task(user: JourneyUser): SandboxTask | undefined {
    return this.state.record(user.taskId)?.task;
  }

  // ---- sessions ----

  /** The session of this request's cookie (either stage), dropping stale ones. */
  session(): { session: JourneySession; user: JourneyUser } | undefined {
    const sid = this.cookies[this.spec.sessionCookie];
    const session = sid ? this.store.sessions.get(sid) : undefined;
    if (!sid || !session) return undefined;
    const user = this.userByTask(session.taskId);
    if (!user) {
      this.store.sessions.delete(sid);
      return undefined;
    }
    return { session, user };
  }

  /** The signed-in user (2FA passed), if any. */
  me(): JourneyUser | undefined {
    const s = this.session();
    return s?.session.stage === 'in' ? s.user : undefined;
  }

  /** Checks username-or-email + password; counts the attempt. */
  checkPassword(identifier: string, password: string, by: 'username' | 'email' | 'either' = 'either'): JourneyUser | undefined {
    const id = identifier.trim().toLowerCase();
    const user = this.users().find((u) => {
      const t = this.task(u);
      const nameOk = by !== 'email' && u.username.toLowerCase() === id;
      const mailOk = by !== 'username' && u.email.toLowerCase() === id;
      return !!id && !!t && (nameOk || mailOk) && password !== '' && String(t.password ?? '') === password;
    });
    if (user) {
      this.count(user, 'logins');
      this.event('login', user);
    } else {
      const known = this.users().find((u) => u.username.toLowerCase() === id || u.email.toLowerCase() === id);
      if (known) this.count(known, 'loginFailures');
      this.store.events.push({ at: new Date().toISOString(), event: 'login-failed', username: identifier });
    }
    return user;
  }

  needs2fa(user: JourneyUser): boolean {
    return this.spec.twoFactor !== null && String(this.task(user)?.twofa ?? '').trim() !== '';
  }

  /** Starts a session (replacing this request's one); returns the Set-Cookie header. */
  startSession(user: JourneyUser, opts: { next: string; remember?: boolean; stage?: 'in' | '2fa' }): { headers: Record<string, string>; session: JourneySession } {
    const old = this.cookies[this.spec.sessionCookie];
    if (old) this.store.sessions.delete(old);
    const session = this.createSession(user, opts);
    return { headers: { 'Set-Cookie': this.cookieHeader(session) }, session };
  }

  createSession(user: JourneyUser, opts: { next: string; remember?: boolean; stage?: 'in' | '2fa' }): JourneySession {
    const session: JourneySession = {
      sid: randomBytes(18).toString('base64url'),
      taskId: user.taskId,
      stage: opts.stage ?? (this.needs2fa(user) ? '2fa' : 'in'),
      next: opts.next,
      remember: !!opts.remember,
      csrf: token(),
      createdAt: new Date().toISOString(),
    };
    this.store.sessions.set(session.sid, session);
    return session;
  }

  cookieHeader(session: JourneySession): string {
    const life = session.remember ? '; Max-Age=2592000' : '';
    return `${this.spec.sessionCookie}=${session.sid}; Path=/; HttpOnly; SameSite=Lax${life}`;
  }

  /** Verifies a 2FA code for a session in the '2fa' stage; counts it. */
  verify2fa(session: JourneySession, user: JourneyUser, code: string): boolean {
    this.count(user, 'twofaSubmissions');
    const ok = verifyTotp(String(this.task(user)?.twofa ?? ''), code);
    if (ok) {
      session.stage = 'in';
      this.event('2fa', user);
    } else {
      this.count(user, 'twofaFailures');
      this.event('2fa-failed', user);
    }
    return ok;
  }

  /** Ends this request's session; returns the clearing Set-Cookie header. */
  logout(): Record<string, string> {
    const s = this.session();
    if (s) {
      this.store.sessions.delete(s.session.sid);
      this.count(s.user, 'logouts');
      this.event('logout', s.user);
    }
    return { 'Set-Cookie': `${this.spec.sessionCookie}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` };
  }

  // ---- saved profiles ----

  saved(user: JourneyUser): SavedProfile | undefined {
    return this.store.saved.get(user.taskId);
  }
  /** The stored value of a field ('' when never saved). */
  stored(user: JourneyUser, name: string): string {
    return this.saved(user)?.stored[name] ?? '';
  }
  storedAll(user: JourneyUser): Fields {
    return { ...(this.saved(user)?.stored ?? {}) };
  }
  /** Records a save: `posted` raw from the request, `stored` after the site's processing. */
  save(user: JourneyUser, posted: Fields, stored: Fields): SavedProfile {
    const prev = this.saved(user);
    const rec: SavedProfile = {
      stored: { ...(prev?.stored ?? {}), ...stored },
      posted: { ...posted },
      savedAt: new Date().toISOString(),
      saveCount: (prev?.saveCount ?? 0) + 1,
    };
    this.store.saved.set(user.taskId, rec);
    this.count(user, 'saves');
    this.event('save', user);
    return rec;
  }
  rejectSave(user: JourneyUser): void {
    this.count(user, 'rejectedSaves');
    this.event('save-rejected', user);
  }

  count(user: JourneyUser, name: CounterName): void {
    this.store.counter(user.taskId)[name] += 1;
  }
  event(event: JourneyEvent['event'], user: JourneyUser): void {
    this.store.events.push({ at: new Date().toISOString(), event, taskId: user.taskId, username: user.username });
  }

  /** Picks the named fields out of the request form (absent ones are skipped). */
  pick(names: string[]): Fields {
    const out: Fields = {};
    for (const n of names) {
      const v = this.form.get(n);
      if (v !== null) out[n] = v.replace(/\r\n/g, '\n');
    }
    return out;
  }
}

function toUser(t: SandboxTask, userId: number): JourneyUser {
  const username = String(t.username ?? '');
  const name = [t.first_name, t.last_name].filter((x) => typeof x === 'string' && x).join(' ');
  return { taskId: t.id, username, email: String(t.email ?? ''), userId, slug: slugOf(username), displayName: name || username };
}

/** The text fields of a multipart/form-data body (parts with a filename are skipped). */
export function parseMultipart(body: Buffer, boundary: string): URLSearchParams {
  const out = new URLSearchParams();
  if (!boundary) return out;
  const text = body.toString('latin1');
  for (const part of text.split(`--${boundary}`)) {
    const sep = part.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const head = part.slice(0, sep);
    const name = head.match(/name="([^"]*)"/i)?.[1];
    if (name === undefined || /filename="/i.test(head)) continue;
    const value = part.slice(sep + 4).replace(/\r\n$/, '');
    out.append(Buffer.from(name, 'latin1').toString('utf8'), Buffer.from(value, 'latin1').toString('utf8'));
  }
  return out;
}
