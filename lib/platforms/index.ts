/**
 * Known web platforms for the task journey: recognise the site's platform from
 * one cheap reading of the page, and build its login, profile-editor and
 * public-profile URLs with the signed-in user's name, id or slug. Plain DOM
 * code, no dependencies (it ships in the content script).
 */
import { PLATFORMS } from './registry';
import type { Mark, PageLink, PageSignals, PlatformRecipe, Probe, UserPart } from './types';

export { PLATFORMS };
export type { EditorPart, Mark, PageLink, PageSignals, PlatformRecipe, Probe, UserPart } from './types';
export { rankAccountLinks, isDangerousLink, ACCOUNT_WORDS, DANGER_WORDS } from './links';
export type { RankedLink, AccountLinkContext } from './links';

const MAX_LINKS = 400;
const MAX_RESOURCES = 80;
/** Below this a platform is not recognised. */
export const MIN_CONFIDENCE = 0.6;
const WEIGHT: Record<Mark[0], number> = { g: 0.9, s: 0.5, r: 0.5, l: 0.35, p: 0.3, c: 0.45 };

const BY_ID = new Map(PLATFORMS.map((p) => [p.id, p]));
export const getPlatform = (id: string): PlatformRecipe | undefined => BY_ID.get(id);

const SELECTORS = [...new Set(PLATFORMS.flatMap((p) => [...p.marks.filter((m) => m[0] === 's').map((m) => m[1] as string), ...(p.in ? [p.in] : [])]))];

/** Same-origin path (pathname+search+hash) of a URL, or null. */
function localPath(href: string, origin: string): string | null {
  try {
    const u = new URL(href, origin);
    return u.origin === origin ? u.pathname + u.search + u.hash : null;
  } catch {
    return null;
  }
}

const clip = (s: string | null | undefined, n = 120): string => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, n);

function presentSelectors(doc: Document): string[] {
  // One traversal for the whole registry; each hit is then told apart by matches().
  let hits: Element[];
  try {
    hits = [...doc.querySelectorAll(SELECTORS.join(','))];
  } catch {
    return SELECTORS.filter((s) => {
      try {
        return !!doc.querySelector(s);
      } catch {
        return false;
      }
    });
  }
  return SELECTORS.filter((s) => hits.some((el) => el.matches(s)));
}

function markHit(m: Mark, s: PageSignals): boolean {
  switch (m[0]) {
    case 's':
      return s.selectors.includes(m[1]);
    case 'g':
      return s.generators.some((g) => m[1].test(g));
    case 'r':
      return s.resources.some((r) => m[1].test(r));
    case 'l':
      return s.links.some((l) => m[1].test(localPath(l.href, s.origin) ?? ''));
    case 'p':
      return m[1].test(s.path);
    case 'c':
      return s.cookies.some((c) => m[1].test(c));
  }
}

/** 1 − Π(1 − w) over the marks that hit: independent evidence adds up, never past 1. */
function ownConfidence(p: PlatformRecipe, s: PageSignals): number {
  let miss = 1;
  for (const m of p.marks) if (markHit(m, s)) miss *= 1 - (m[2] ?? WEIGHT[m[0]]);
  return 1 - miss;
}

/** Confidence that the page is this platform (a plugin counts only with its own marks). */
export function platformConfidence(p: PlatformRecipe, s: PageSignals): number {
  const own = ownConfidence(p, s);
  const parent = p.parent ? BY_ID.get(p.parent) : undefined;
  if (!parent) return own;
  return own > 0 ? 1 - (1 - own) * (1 - ownConfidence(parent, s)) : 0;
}

function readProbe(doc: Document, origin: string, [sel, attr, re]: Probe): UserPart | null {
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
  if (!re) return { name: clip(raw) };
  const m = re.exec(raw);
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

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** Read once, cheaply, everything recognition and URL building need. */
export function readPageSignals(doc: Document): PageSignals {
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
    const p = localPath(el.getAttribute('src') ?? el.getAttribute('href') ?? '', origin);
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
  const s: PageSignals = {
    url,
    origin,
    path: localPath(url, origin) ?? '',
    generators,
    selectors: presentSelectors(doc),
    resources,
    links,
    cookies,
    users: {},
  };
  // User probes only for the platforms the page plausibly is.
  for (const p of PLATFORMS) {
    if (!p.user || platformConfidence(p, s) === 0) continue;
    const u: UserPart = {};
    for (const probe of p.user) {
      const part = readProbe(doc, origin, probe);
      if (part) for (const [k, v] of Object.entries(part) as [keyof UserPart, string][]) u[k] ??= v;
    }
    if (Object.keys(u).length) s.users[p.id] = u;
  }
  return s;
}

/** The platform the page is, or null when none is sure enough. */
export function recognizePlatform(s: PageSignals): { platform: PlatformRecipe; confidence: number } | null {
  let best: { platform: PlatformRecipe; confidence: number } | null = null;
  for (const platform of PLATFORMS) {
    const confidence = platformConfidence(platform, s);
    if (confidence >= MIN_CONFIDENCE && (!best || confidence > best.confidence)) best = { platform, confidence };
  }
  return best;
}

const userOf = (p: PlatformRecipe, s?: PageSignals): UserPart => (s?.users[p.id] ?? {});

/** The path the application lives under ('/' or '/forum/'). */
function basePath(p: PlatformRecipe, s?: PageSignals): string {
  let base = userOf(p, s).base;
  if (!base && p.base && s) {
    for (const path of [...s.links.map((l) => localPath(l.href, s.origin) ?? ''), ...s.resources]) {
      const b = p.base.exec(path)?.groups?.base;
      if (b) {
        base = b;
        break;
      }
    }
  }
  // A path on this origin only: "//host/" or "/\\host/" from a page is ignored.
  if (!base || !/^\/(?![/\\])/.test(base)) return '/';
  return base.endsWith('/') ? base : base + '/';
}

/** First template whose placeholders are all known, as an absolute URL. */
function build(templates: readonly string[], p: PlatformRecipe, s: PageSignals | undefined, origin: string): string | null {
  const u = userOf(p, s);
  for (const t of templates) {
    let ok = true;
    const path = t.replace(/\{(name|id|slug)\}/g, (_, k: 'name' | 'id' | 'slug') => {
      const v = u[k];
      if (!v) ok = false;
      return encodeURIComponent(v ?? '');
    });
    if (ok) return onOrigin(path.startsWith('/') ? path : basePath(p, s) + path, origin);
  }
  return null;
}

/** An absolute URL on the origin, or null: a page-given "//host/…" path never leads elsewhere. */
function onOrigin(path: string | undefined, origin: string): string | null {
  if (!path) return null;
  try {
    const u = new URL(path, origin);
    return u.origin === origin ? u.href : null;
  } catch {
    return null;
  }
}

export function loginUrl(p: PlatformRecipe, origin: string, s?: PageSignals): string | null {
  return p.login === null ? null : build([p.login], p, s, origin);
}

/** The profile editor: the page's own link to it, else the platform's pattern; null when the pattern needs a user part the page did not show. */
export function editorUrl(p: PlatformRecipe, s: PageSignals, origin: string): string | null {
  return onOrigin(userOf(p, s).edit, origin) ?? build(p.editor, p, s, origin);
}

export function publicProfileUrl(p: PlatformRecipe, s: PageSignals, origin: string): string | null {
  return onOrigin(userOf(p, s).pub, origin) ?? build(p.pub, p, s, origin);
}

/** How to open the part of the editor holding the link fields, when it is behind a tab or an accordion. */
export const editorPart = (p: PlatformRecipe) => p.part ?? null;

/** Whether the page shows a signed-in user (a user part, or the platform's logout link / user menu). */
export function isSignedIn(p: PlatformRecipe, s: PageSignals): boolean {
  const u = userOf(p, s);
  return !!(u.name || u.id || u.slug || u.edit) || (!!p.in && s.selectors.includes(p.in));
}
