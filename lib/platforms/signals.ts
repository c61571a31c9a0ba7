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
      if (probe[0].startsWith('ls:') && !open) continue;
      const part = readProbe(doc, origin, probe);
      if (part) for (const [k, v] of Object.entries(part) as [keyof UserPart, string][]) u[k] ??= v;
    }
    if (Object.keys(u).length) users[id] = u;
  }
  return { url, origin, path: localPath(url, origin) ?? '', generators, selectors, resources, links, cookies, users };
}
