/**
 * Entity links: validation (only http/https are ever fillable), normalisation,
 * de-duplication and platform recognition. Plain code: it ships in the content script.
 */
import { PLATFORMS, getPlatform, platformForHost, type Platform, type PlatformId } from './platforms';

export { PLATFORMS, getPlatform, platformForHost };
export type { Platform, PlatformId };

export type LinkRejectReason = 'unsafe_scheme' | 'invalid' | 'empty';

export interface ClassifiedLink {
  ok: true;
  /** Normalised absolute http(s) URL. */
  url: string;
  platform: PlatformId | null;
  /** Profile handle without a leading "@" (Mastodon: "user@instance"), or null. */
  handle: string | null;
}

export type LinkClassification = ClassifiedLink | { ok: false; reason: LinkRejectReason };

export interface PreparedLinks {
  links: ClassifiedLink[];
  /** `duplicate` is in addition to classifyLink's reasons. */
  rejected: { value: string; reason: LinkRejectReason | 'duplicate' }[];
}

const MAX_URL_LENGTH = 2048;
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;

function trimC0(v: string): string {
  let a = 0;
  let b = v.length;
  while (a < b && v.charCodeAt(a) <= 0x20) a++;
  while (b > a && v.charCodeAt(b - 1) <= 0x20) b--;
  return v.slice(a, b);
}

/** Classify one raw entity link. Never throws. */
export function classifyLink(raw: string): LinkClassification {
  if (typeof raw !== 'string') return { ok: false, reason: 'invalid' };
  // The URL parser removes tabs/newlines anywhere and C0/space at the ends ("java\tscript:"):
  // strip them first so the scheme we check is the scheme the browser would see.
  const s = trimC0(raw.replace(/[\t\n\r]/g, ''));
  if (!s) return { ok: false, reason: 'empty' };
  if (s.length > MAX_URL_LENGTH) return { ok: false, reason: 'invalid' };

  let candidate = s;
  let explicitScheme = true;
  const scheme = SCHEME_RE.exec(s);
  // "example.com:8080/x" is a host with a port, not a scheme.
  const looksLikeHostPort = scheme && /^[a-z0-9.-]+:\d+(?:[/?#]|$)/i.test(s);
  if (scheme && !looksLikeHostPort) {
    const name = scheme[1]!.toLowerCase();
    if (name !== 'http' && name !== 'https') return { ok: false, reason: 'unsafe_scheme' };
    if (!/^https?:\/\//i.test(s)) return { ok: false, reason: 'invalid' };
  } else {
    candidate = `https://${s.replace(/^\/+/, '')}`;
    explicitScheme = false;
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'unsafe_scheme' };
  const host = url.hostname.replace(/\.$/, '');
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  // Without a scheme, "42" would become the IP 0.0.0.42: only a written URL may name an IP.
  if (isIp && !explicitScheme) return { ok: false, reason: 'invalid' };
  if (!host || (!host.includes('.') && !isIp) || host.startsWith('.') || host.includes('..')) {
    return { ok: false, reason: 'invalid' };
  }
  // Credentials inside a profile link are never intended and would leak into a page.
  if (url.username || url.password) return { ok: false, reason: 'invalid' };
  if (/\s/.test(url.href)) return { ok: false, reason: 'invalid' };

  let href = url.href;
  // Keep "https://site.com" as given rather than adding a lone "/".
  if (url.pathname === '/' && !url.search && !url.hash && !/\/$/.test(s.replace(/[?#].*$/, ''))) {
    href = href.replace(/\/$/, '');
  }

  let platform: Platform | null = platformForHost(host);
  let handle: string | null = null;
  if (platform) {
    handle = safeHandle(platform, url);
  } else if (/^\/@[\p{L}\p{N}._-]+\/?$/u.test(decodePath(url.pathname))) {
    // "/@user" on an unknown host: a Mastodon (fediverse) profile.
    platform = getPlatform('mastodon');
    handle = safeHandle(platform, url);
  }
  return { ok: true, url: href, platform: platform?.id ?? null, handle };
}

function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function safeHandle(p: Platform, url: URL): string | null {
  try {
    return p.handle(url);
  } catch {
    return null;
  }
}

/** Key for "same link": scheme, "www.", trailing slash and host case do not matter. */
export function linkKey(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '').replace(/^m\./, '');
    const path = u.pathname.replace(/\/+$/, '');
    return `${host}${path}${u.search}`.toLowerCase();
  } catch {
    return url.trim().toLowerCase();
  }
}

/** Validate, normalise and de-duplicate the task's links, keeping their order. */
export function prepareLinks(raw: readonly unknown[]): PreparedLinks {
  const links: ClassifiedLink[] = [];
  const rejected: PreparedLinks['rejected'] = [];
  const seen = new Set<string>();
  for (const value of Array.isArray(raw) ? raw : []) {
    const str = typeof value === 'string' ? value : String(value ?? '');
    const c: LinkClassification = typeof value === 'string' ? classifyLink(str) : { ok: false, reason: 'invalid' };
    if (!c.ok) {
      rejected.push({ value: str, reason: c.reason });
      continue;
    }
    const key = linkKey(c.url);
    if (seen.has(key)) {
      rejected.push({ value: str, reason: 'duplicate' });
      continue;
    }
    seen.add(key);
    links.push(c);
  }
  return { links, rejected };
}

/**
 * The site's own name in a host: "www.example.co.uk" → "example". A cheap
 * rule (a short second-level label under a country code is a suffix) instead
 * of the public-suffix list, which is too big for the content script.
 */
function siteLabel(host: string): string {
  const labels = host.replace(/^www\./, '').split('.').filter(Boolean);
  if (labels.length < 2) return host;
  const tld = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  const underSecondLevel = labels.length >= 3 && tld.length === 2 && second.length <= 3;
  return underSecondLevel ? labels[labels.length - 3]! : second;
}

/** Human name for a link's network: the platform, else the site's own name ("example.com" → "Example"). */
export function linkSiteName(link: ClassifiedLink): string {
  if (link.platform) return getPlatform(link.platform).name;
  try {
    const label = siteLabel(new URL(link.url).hostname);
    return label.charAt(0).toUpperCase() + label.slice(1);
  } catch {
    return 'Website';
  }
}
