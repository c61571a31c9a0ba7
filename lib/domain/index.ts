export { HOSTING_PLATFORMS } from './hosting';

/**
 * The domain gate: which hosts a task's data may go to.
 * Label-boundary matching only (never substring), on ASCII (punycode) hosts.
 */

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

export function isIpOrLocal(host: string): boolean {
  return host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

/**
 * A task domain as the background hands it out: already normalised and
 * checked against the public-suffix list (`./registrable`). Only a cheap
 * re-check here, so the list never ships in the content script.
 */
function taskHost(raw: string): string | null {
  const host = toAsciiHost(raw);
  if (!host) return null;
  return isIpOrLocal(host) || host.includes('.') ? host : null;
}

/**
 * How far a task's data may travel from its host: `subdomains` (the host and
 * every host under it, label boundary) or `exact` (the host and its `www.`
 * twin only: tenant spaces of hosting platforms, where a sibling subdomain
 * is someone else). Decided by the background (`lib/domain/registrable`).
 */
export type HostReach = 'subdomains' | 'exact';

/**
 * True when `host` is the task's domain (or, with `subdomains` reach, a
 * subdomain of it), case-insensitive, on a label boundary. `taskDomain` must
 * come from `normalizeTaskDomain`; for a raw domain from the API use
 * `hostMatchesTaskDomain` (./registrable).
 */
export function hostMatchesDomain(host: string, taskDomain: string, reach: HostReach = 'subdomains'): boolean {
  const h = toAsciiHost(host);
  const d = taskHost(taskDomain);
  if (!h || !d) return false;
  if (h === d) return true;
  if (reach === 'exact') return h === `www.${d}` || (d.startsWith('www.') && h === d.slice(4));
  return h.endsWith(`.${d}`);
}

/** Google's sign-in host, where only the task's Gmail credentials may be filled. */
export function isGoogleSignInHost(host: string): boolean {
  return toAsciiHost(host) === 'accounts.google.com';
}
