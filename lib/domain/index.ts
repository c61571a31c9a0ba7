/**
 * The domain gate: which hosts a task's data may go to.
 * Label-boundary matching only (never substring), on ASCII (punycode) hosts.
 */
import { parse } from 'tldts';

const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Host of a raw host / URL-ish string, lower-case ASCII, no port, no trailing dot; null if unusable. */
export function toAsciiHost(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  // URL parsing drops tabs/newlines anywhere; do the same before looking at the scheme.
  const s = raw.replace(/[\t\n\r]/g, '').trim();
  if (!s) return null;
  let url: URL;
  try {
    url = new URL(SCHEME_RE.test(s) ? s : `http://${s.replace(/^\/\//, '')}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  let host = url.hostname.toLowerCase();
  while (host.endsWith('.')) host = host.slice(0, -1);
  if (!host || host.startsWith('.') || host.includes('..')) return null;
  return host;
}

function isIpOrLocal(host: string): boolean {
  return host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

/**
 * A task's domain as a bare ASCII host ("https://www.Example.com/x" → "example.com").
 * Refuses a bare public suffix ("com", "co.uk", "github.io") so a task can never
 * match a whole TLD or hosting platform.
 */
export function normalizeTaskDomain(raw: string): string | null {
  const host = toAsciiHost(raw);
  if (!host) return null;
  if (isIpOrLocal(host)) return host;
  const isSuffix = (h: string) => {
    const p = parse(h, { allowPrivateDomains: true });
    return !p.domain || p.publicSuffix === h;
  };
  if (isSuffix(host)) return null;
  if (host.startsWith('www.')) {
    const bare = host.slice(4);
    if (bare && !isSuffix(bare)) return bare;
  }
  return host;
}

/** True when `host` is the task's domain or a subdomain of it (label boundary, case-insensitive). */
export function hostMatchesDomain(host: string, taskDomain: string): boolean {
  const h = toAsciiHost(host);
  const d = normalizeTaskDomain(taskDomain);
  if (!h || !d) return false;
  return h === d || h.endsWith(`.${d}`);
}

/** Google's sign-in host, where only the task's Gmail credentials may be filled. */
export function isGoogleSignInHost(host: string): boolean {
  return toAsciiHost(host) === 'accounts.google.com';
}
