/**
 * The page side of platform recognition: reads the few fingerprints the
 * background asks for (a `SignalRequest`: plain strings, no registry) in one
 * cheap pass over the page. The registry itself stays in the background, so
 * the content script carries only this reader (DESIGN "Budgets": ≤30,000
 * characters of script per task page). A named entry: the content script
 * imports this file, never ./index.ts.
 */
import type { PageLink, PageSignals, UserPart } from './types';

/** A user probe as a message can carry it: the regex as source and flags. */
export type WireProbe = [sel: string, attr: string, src?: string, flags?: string];

/** What the background wants read on a page; JSON-safe (it crosses the messaging). */
export interface SignalRequest {
  /** Every registry selector (marks and signed-in markers); the page says which are present. */
  selectors: string[];
  /** Per platform, its user probes; `gate` = selectors one of which must be present (storage probes only run then). */
  probes: { id: string; gate: string[]; list: WireProbe[] }[];
}

export const MAX_LINKS = 400;
export const MAX_RESOURCES = 80;

/** Same-origin path (pathname+search+hash) of a URL, or null. */
export function localPath(href: string, origin: string): string | null {
  try {
    const u = new URL(href, origin);
    return u.origin === origin ? u.pathname + u.search + u.hash : null;
  } catch {
    return null;
  }
}

export const clip = (s: string | null | undefined, n = 120): string => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, n);

function presentSelectors(doc: Document, selectors: readonly string[]): string[] {
  // One traversal for the whole request; each hit is then told apart by matches().
  try {
    const hits = [...doc.querySelectorAll(selectors.join(','))];
    return selectors.filter((s) => hits.some((el) => el.matches(s)));
  } catch {
    return selectors.filter((s) => {
      try {
        return !!doc.querySelector(s);
      } catch {
        return false;
      }
    });
  }
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

function readProbe(doc: Document, origin: string, [sel, attr, src, flags]: WireProbe): UserPart | null {
  let raw: string | null | undefined;
  try {
    if (sel.startsWith('api:')) return null; // read apart, asynchronously (readApiProbes)
    if (sel.startsWith('ls:')) raw = doc.defaultView?.localStorage.getItem(sel.slice(3));
    else if (sel === 'loc:') raw = localPath(doc.URL, origin);
    else {
      const el = doc.querySelector(sel);
      if (!el) return null;
      if (attr === 'text') raw = el.textContent;
      else if (attr === 'href') raw = localPath((el as HTMLAnchorElement).href || el.getAttribute('href') || '', origin);
      else raw = el.getAttribute(attr);
    }
  } catch {
    return null; // storage blocked, bad selector: no user part from this probe
  }
  return userPartOf(raw, src, flags);
}

/** The user part a probe's regex finds in what it read: its named groups only (never the rest). */
function userPartOf(raw: string | null | undefined, src: string | undefined, flags: string | undefined): UserPart | null {
  if (!raw?.trim()) return null;
  if (src === undefined) return { name: clip(raw) };
  let m: RegExpExecArray | null;
  try {
    m = new RegExp(src, flags).exec(raw);
  } catch {
    return null;
  }
  if (!m) return null;
  const g = m.groups;
  if (!g) return m[1] ? { name: clip(m[1]) } : null;
  const part: UserPart = {};
  for (const k of ['name', 'id', 'slug', 'base', 'edit', 'pub'] as const) {
    const v = g[k];
    if (v) part[k] = k === 'name' || k === 'slug' ? clip(safeDecode(v)) : v;
  }
  return part;
}

/**
 * Read once, cheaply, what recognition and URL building need. Only the user
 * name (id, slug) is kept from a probe, never the rest of what it read (a
 * storage item may hold a token beside the name).
 */
export function readSignals(doc: Document, req: SignalRequest): PageSignals {
  const url = doc.URL;
  let origin = 'null';
  try {
    origin = new URL(url).origin;
  } catch {
    /* about:blank and the like: nothing is same-origin */
  }
  const generators = [...doc.querySelectorAll('meta[name]')]
    .filter((m) => m.getAttribute('name')!.toLowerCase() === 'generator')
    .map((m) => clip(m.getAttribute('content')));
  const resources: string[] = [];
  for (const el of doc.querySelectorAll('script[src],link[href]')) {
    if (resources.length >= MAX_RESOURCES) break;
    // Resolved against the document's base URL (Ghost's admin says `src="assets/ghost-….js"` under /ghost/), not the origin.
    const p = localPath((el as HTMLScriptElement).src || (el as HTMLLinkElement).href || el.getAttribute('src') || el.getAttribute('href') || '', origin);
    if (p) resources.push(p);
  }
  const links: PageLink[] = [];
  for (const a of doc.querySelectorAll('a[href]')) {
    if (links.length >= MAX_LINKS) break;
    const href = (a as HTMLAnchorElement).href || a.getAttribute('href') || '';
    if (!localPath(href, origin)) continue;
    const link: PageLink = { href: new URL(href, origin).href, text: clip(a.textContent) };
    const title = a.getAttribute('title');
    const aria = a.getAttribute('aria-label');
    if (title) link.title = clip(title);
    if (aria) link.ariaLabel = clip(aria);
    links.push(link);
  }
  let cookies: string[] = [];
  try {
    cookies = doc.cookie ? doc.cookie.split(';').map((c) => c.split('=')[0]!.trim()) : [];
  } catch {
    /* sandboxed document */
  }
  const selectors = presentSelectors(doc, req.selectors);
  const users: Record<string, UserPart> = {};
  for (const { id, gate, list } of req.probes) {
    const open = gate.some((g) => selectors.includes(g));
    const u: UserPart = {};
    for (const probe of list) {
      if ((probe[0].startsWith('ls:') || probe[0].startsWith('api:')) && !open) continue;
      const part = readProbe(doc, origin, probe);
      if (part) for (const [k, v] of Object.entries(part) as [keyof UserPart, string][]) u[k] ??= v;
    }
    if (Object.keys(u).length) users[id] = u;
  }
  return { url, origin, path: localPath(url, origin) ?? '', generators, selectors, resources, links, cookies, users };
}

const API_TIMEOUT_MS = 3_000;
const API_MAX_CHARS = 200_000;

/**
 * The `api:` probes of the platforms whose own markers are on the page, for
 * those whose page showed no user part: the platform's "who am I" endpoint
 * on this origin, read with the page's session as the page itself would
 * (Firefox: `content.fetch`, so the site sees its own origin), no redirect
 * followed, only the regex's named groups kept. Ghost's admin draws the
 * signed-in user's slug nowhere until its user menu is opened; its
 * `users/me` answers it. A failed or refused read gives nothing.
 */
export async function readApiProbes(doc: Document, req: SignalRequest, signals: PageSignals, doFetch: typeof fetch = pageFetch()): Promise<PageSignals> {
  const users = { ...signals.users };
  for (const { id, gate, list } of req.probes) {
    if (users[id] || !gate.some((g) => signals.selectors.includes(g))) continue;
    for (const [sel, , src, flags] of list) {
      if (!sel.startsWith('api:')) continue;
      const part = userPartOf(await readApi(doc, sel.slice(4), signals.origin, doFetch), src, flags);
      if (part) {
        users[id] = part;
        break;
      }
    }
  }
  return { ...signals, users };
}

async function readApi(doc: Document, path: string, origin: string, doFetch: typeof fetch): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(path, doc.baseURI);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), API_TIMEOUT_MS);
  try {
    const res = await doFetch(url.href, { credentials: 'same-origin', redirect: 'error', cache: 'no-store', signal: controller.signal, headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    return (await res.text()).slice(0, API_MAX_CHARS);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Firefox gives content scripts `content.fetch`, the page's own (its origin, its referrer); Chromium's `fetch` already is. */
function pageFetch(): typeof fetch {
  const own = (globalThis as { content?: { fetch?: typeof fetch } }).content?.fetch;
  return own ? own.bind((globalThis as { content?: unknown }).content) : (...a) => globalThis.fetch(...a);
}
