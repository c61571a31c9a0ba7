import { contentFromHtml, contentFromJson, isAppShell, linksVisible, type JourneyEvent, type JourneyProblem, type WirePart } from '../journey';
import { discoverAccount, MAX_LINKS as MAX_PAGE_LINKS, MAX_RESOURCES, platformFacts, type PageLink, type PageSignals, type UserPart } from '../platforms';
import { isHttpUrl } from '../rules';

const PROBLEMS: readonly JourneyProblem[] = ['no_editor', 'no_public_profile', 'save_not_seen', 'public_unreachable', 'site_unreachable'];
const MAX_FIELDS = 200;
const MAX_VALUE = 20_000;
const MAX_LINKS = 150;

const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);
const bool = (v: unknown): boolean => v === true;

/**
 * A journey event from a content script, checked before it touches the
 * active task: every URL is http(s) and on the task's own host (the journey
 * never leads off the task's domain), sizes are bounded, unknown shapes are
 * dropped (null).
 */
export function checkJourneyEvent(raw: unknown, onTaskHost: (url: string) => boolean): JourneyEvent | null {
  if (!raw || typeof raw !== 'object') return null;
  const e = raw as Record<string, unknown>;
  const url = (v: unknown): string | undefined => (isHttpUrl(v) && v.length <= 2_000 && onTaskHost(v) ? v : undefined);
  const links = (v: unknown): string[] | null =>
    Array.isArray(v) && v.length <= MAX_LINKS && v.every((x) => typeof x === 'string' && x.length <= 2_000) ? (v as string[]) : null;
  const here = url(e.url);
  if (e.type === 'problem') return PROBLEMS.includes(e.problem as JourneyProblem) ? { type: 'problem', problem: e.problem as JourneyProblem } : null;
  if (!here) return null;
  switch (e.type) {
    case 'page': {
      const platform = str(e.platform, 40);
      return {
        type: 'page',
        url: here,
        ...(platform && /^[a-z0-9-]+$/.test(platform) && { platform }),
        signedIn: bool(e.signedIn),
        loginForm: bool(e.loginForm),
        editorForm: bool(e.editorForm),
        ...(url(e.loginUrl) && { loginUrl: url(e.loginUrl) }),
        ...(url(e.editorUrl) && { editorUrl: url(e.editorUrl) }),
        ...(url(e.publicUrl) && { publicUrl: url(e.publicUrl) }),
        ...(checkSignals(e.signals, here) && { signals: checkSignals(e.signals, here)! }),
      };
    }
    case 'login_submitted':
      return { type: e.type, url: here };
    case 'save_attempted':
    case 'filled': {
      if (e.type === 'save_attempted' && e.fields === undefined) return { type: 'save_attempted', url: here };
      if (!e.fields || typeof e.fields !== 'object') return null;
      const entries = Object.entries(e.fields as Record<string, unknown>);
      if (entries.length > MAX_FIELDS) return null;
      const fields: Record<string, { value: string; links: string[] }> = {};
      for (const [k, v] of entries) {
        const f = v as { value?: unknown; links?: unknown } | null;
        const value = str(f?.value, MAX_VALUE);
        const ls = links(f?.links);
        if (k.length > 200 || value === null || !ls) return null;
        fields[k] = { value, links: ls };
      }
      return { type: e.type, url: here, fields };
    }
    case 'saved': {
      if (!['reload', 'message', 'request'].includes(e.via as string) || !e.kept || typeof e.kept !== 'object') return null;
      const kept: Record<string, string> = {};
      const entries = Object.entries(e.kept as Record<string, unknown>);
      if (entries.length > MAX_FIELDS) return null;
      for (const [k, v] of entries) {
        const value = str(v, MAX_VALUE);
        if (k.length > 200 || value === null) return null;
        kept[k] = value;
      }
      return { type: 'saved', url: here, via: e.via as 'reload' | 'message' | 'request', kept };
    }
    case 'public_checked': {
      const visible = links(e.visible);
      const missing = links(e.missing);
      return visible && missing ? { type: 'public_checked', url: here, visible, missing } : null;
    }
    default:
      return null;
  }
}

export interface SiteChoice {
  url: string;
  /** Only plain http answered: the panel and popup say so. */
  insecure: boolean;
}

/**
 * https first; when the site has no TLS, plain http (DESIGN "Open"). A task
 * domain that names http itself is opened as given. `probe` answers whether
 * anything at all answered at a URL (any status counts; a refused or
 * failed TLS connection does not).
 */
export async function chooseSiteUrl(siteUrl: string, probe: (url: string) => Promise<boolean>): Promise<SiteChoice> {
  const url = new URL(siteUrl);
  if (url.protocol === 'http:') return { url: url.toString(), insecure: true };
  if (await probe(url.toString())) return { url: url.toString(), insecure: false };
  const plain = new URL(url.toString());
  plain.protocol = 'http:';
  if (await probe(plain.toString())) return { url: plain.toString(), insecure: true };
  // Nothing answered: open https and let the browser say why.
  return { url: url.toString(), insecure: false };
}

/** Did anything answer at `url` within the time? Cookies are not sent; redirects are not followed. */
export async function probeUrl(url: string, timeoutMs = 5_000, doFetch: typeof fetch = (...a) => globalThis.fetch(...a)): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await doFetch(url, { method: 'GET', credentials: 'omit', redirect: 'manual', cache: 'no-store', signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the public profile with the worker's session (the background has
 * the extension's host access) and counts the task's links on it. Never
 * follows a redirect off the task's host.
 */
export async function checkPublicProfile(
  url: string,
  links: readonly string[],
  onTaskHost: (url: string) => boolean,
  doFetch: typeof fetch = (...a) => globalThis.fetch(...a),
  timeoutMs = 10_000,
): Promise<JourneyEvent> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await doFetch(url, { credentials: 'include', redirect: 'follow', cache: 'no-store', signal: controller.signal });
    const at = res.url || url;
    if (!res.ok || !onTaskHost(at)) return { type: 'problem', problem: 'public_unreachable' };
    const html = await res.text();
    let seen = linksVisible(contentFromHtml(html, at), links);
    // An app shell draws the profile with its scripts: ask the same URL for its data instead
    // (HTTP content negotiation, which Rails and most app back ends answer), on the task's host only.
    if (!seen.visible.length && isAppShell(html)) {
      const data = await doFetch(at, { credentials: 'include', redirect: 'follow', cache: 'no-store', signal: controller.signal, headers: { Accept: 'application/json' } });
      if (data.ok && onTaskHost(data.url || at) && /\bjson\b/i.test(data.headers.get('content-type') ?? '')) {
        const fromData = linksVisible(contentFromJson(await data.json().catch(() => null), at), links);
        if (fromData.visible.length) seen = fromData;
      }
    }
    return { type: 'public_checked', url, visible: seen.visible, missing: seen.missing };
  } catch {
    return { type: 'problem', problem: 'public_unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

const strs = (v: unknown, max: number, len = 300): string[] | null =>
  Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string' && x.length <= len) ? (v as string[]) : null;

/** A page's signals as the content script read them: the shape and sizes checked, the URL the event's own. */
function checkSignals(raw: unknown, url: string): PageSignals | null {
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as Record<string, unknown>;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return null;
  }
  const generators = strs(s.generators, 10);
  const selectors = strs(s.selectors, 500, 400);
  const resources = strs(s.resources, MAX_RESOURCES, 2_000);
  const cookies = strs(s.cookies, 100);
  const path = typeof s.path === 'string' && s.path.length <= 2_000 ? s.path : null;
  if (!generators || !selectors || !resources || !cookies || path === null || !Array.isArray(s.links) || s.links.length > MAX_PAGE_LINKS) return null;
  const links: PageLink[] = [];
  for (const l of s.links as unknown[]) {
    const o = l as Record<string, unknown> | null;
    if (!o || typeof o.href !== 'string' || o.href.length > 2_000 || typeof o.text !== 'string' || o.text.length > 200) return null;
    links.push({ href: o.href, text: o.text, ...(typeof o.title === 'string' && { title: o.title.slice(0, 200) }), ...(typeof o.ariaLabel === 'string' && { ariaLabel: o.ariaLabel.slice(0, 200) }) });
  }
  const users: Record<string, UserPart> = {};
  if (s.users && typeof s.users === 'object') {
    for (const [id, u] of Object.entries(s.users as Record<string, unknown>).slice(0, 60)) {
      if (!u || typeof u !== 'object') continue;
      const part: UserPart = {};
      for (const k of ['name', 'id', 'slug', 'base', 'edit', 'pub'] as const) {
        const v = (u as Record<string, unknown>)[k];
        if (typeof v === 'string' && v.length <= 500) part[k] = v;
      }
      users[id] = part;
    }
  }
  return { url, origin, path, generators, selectors, resources, links, cookies, users };
}

/**
 * A page event with the site's URLs filled in from its signals (DESIGN step
 * 3): a recognised platform names the login, the editor and the public
 * profile, and its URLs win; the page's own links (generic discovery) fill
 * what it left open, and are all there is on a site no recipe knows. Every
 * URL stays on the task's host. Also returns the editor part (tab / fold)
 * the platform keeps its link fields behind.
 */
export function withPlatform(event: JourneyEvent, onTaskHost: (url: string) => boolean, userName?: string): { event: JourneyEvent; part?: WirePart } {
  if (event.type !== 'page' || !event.signals) return { event };
  const { signals, ...rest } = event;
  const facts = platformFacts(signals);
  const signedIn = rest.signedIn || !!facts?.signedIn;
  const found = discoverAccount(signals.links, { origin: signals.origin, signedIn, ...(userName && { userName }) });
  const keep = (...us: (string | undefined)[]) => us.find((u) => u && onTaskHost(u));
  const loginUrl = keep(facts?.loginUrl, rest.loginUrl, found.loginUrl);
  const editorUrl = keep(facts?.editorUrl, rest.editorUrl, found.editorUrl);
  const publicUrl = keep(facts?.publicUrl, rest.publicUrl, found.publicUrl);
  const merged: JourneyEvent = {
    ...rest,
    ...(facts && { platform: facts.platform }),
    signedIn,
    ...(loginUrl && { loginUrl }),
    ...(editorUrl && { editorUrl }),
    ...(publicUrl && { publicUrl }),
  };
  const p = facts?.part;
  const part = p ? { click: p.click, ...(p.text && { text: [p.text.source, p.text.flags] as [string, string] }) } : undefined;
  return { event: merged, ...(part && { part }) };
}
