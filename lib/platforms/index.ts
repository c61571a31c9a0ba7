/**
 * Known web platforms for the task journey: recognise the site's platform from
 * one cheap reading of the page, and build its login, profile-editor and
 * public-profile URLs with the signed-in user's name, id or slug. The
 * registry runs in the background; the page reads only what `signalRequest()`
 * asks for, with ./signals.ts (the content script's named entry).
 */
import { PLATFORMS } from './registry';
import { localPath, readSignals, type SignalRequest, type WireProbe } from './signals';
import type { EditorPart, Mark, PageSignals, PlatformRecipe, UserPart } from './types';

export { PLATFORMS };
export type { EditorPart, Mark, PageLink, PageSignals, PlatformRecipe, Probe, UserPart } from './types';
export { rankAccountLinks, isDangerousLink, discoverAccount, ACCOUNT_WORDS, DANGER_WORDS } from './links';
export type { RankedLink, AccountLinkContext, AccountDiscovery } from './links';
export { readSignals, MAX_LINKS, MAX_RESOURCES, type SignalRequest, type WireProbe } from './signals';

/** Below this a platform is not recognised. */
export const MIN_CONFIDENCE = 0.6;
const WEIGHT: Record<Mark[0], number> = { g: 0.9, s: 0.5, r: 0.5, l: 0.35, p: 0.3, c: 0.45 };

const BY_ID = new Map(PLATFORMS.map((p) => [p.id, p]));
export const getPlatform = (id: string): PlatformRecipe | undefined => BY_ID.get(id);

const SELECTORS = [...new Set(PLATFORMS.flatMap((p) => [...p.marks.filter((m) => m[0] === 's').map((m) => m[1] as string), ...(p.in ? [p.in] : [])]))];

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

/** What the page must read for recognition, as plain strings: the background sends it, the page answers with `readSignals`. */
export function signalRequest(): SignalRequest {
  return REQUEST;
}
const REQUEST: SignalRequest = {
  selectors: SELECTORS,
  probes: PLATFORMS.filter((p) => p.user?.length).map((p) => ({
    id: p.id,
    gate: p.marks.filter((m) => m[0] === 's').map((m) => m[1] as string),
    list: p.user!.map(([sel, attr, re]): WireProbe => (re ? [sel, attr, re.source, re.flags] : [sel, attr])),
  })),
};

/** Read once, cheaply, everything recognition and URL building need (the page side in one call; tests and tools). */
export function readPageSignals(doc: Document): PageSignals {
  const s = readSignals(doc, REQUEST);
  // User parts only for the platforms the page plausibly is.
  for (const id of Object.keys(s.users)) {
    const p = BY_ID.get(id);
    if (!p || platformConfidence(p, s) === 0) delete s.users[id];
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

/** What the registry tells about one page of a recognised platform (the journey's use of it). */
export interface PlatformFacts {
  platform: string;
  signedIn: boolean;
  loginUrl?: string;
  editorUrl?: string;
  publicUrl?: string;
  part?: EditorPart;
}

/** Recognition and every URL the journey needs, from a page's signals; null when no platform is sure enough. */
export function platformFacts(s: PageSignals): PlatformFacts | null {
  const hit = recognizePlatform(s);
  if (!hit) return null;
  const p = hit.platform;
  const login = loginUrl(p, s.origin, s);
  const editor = editorUrl(p, s, s.origin);
  const pub = publicProfileUrl(p, s, s.origin);
  return {
    platform: p.id,
    signedIn: isSignedIn(p, s),
    ...(login && { loginUrl: login }),
    ...(editor && { editorUrl: editor }),
    ...(pub && { publicUrl: pub }),
    ...(p.part && { part: p.part }),
  };
}
