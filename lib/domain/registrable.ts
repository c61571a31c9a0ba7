/**
 * Task-domain checks that need the public-suffix list (tldts, ~280 kB): used
 * by the background only, so the list never ships in the content script.
 */
import { parse } from 'tldts';
import { hostingPlatformOf } from './hosting';
import { hostMatchesDomain, isIpOrLocal, toAsciiHost, type HostReach } from './index';

/**
 * A task's domain as a bare ASCII host ("https://www.Example.com/x" → "example.com").
 * Refuses a bare public suffix ("com", "co.uk", "github.io") so a task can never
 * match a whole TLD or hosting platform, and anything that hides another host:
 * user info (`example.com@evil.test` is evil.test to a browser), backslashes,
 * spaces, a scheme other than http(s).
 */
export function normalizeTaskDomain(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!s || /[@\\\s]/.test(s)) return null;
  // A scheme (not a port: `example.com:8080`) must be http(s).
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(s);
  if (scheme && !/^https?$/i.test(scheme[1]!)) return null;
  const host = toAsciiHost(s);
  if (!host) return null;
  if (isIpOrLocal(host)) return host;
  if (isSuffix(host)) return null;
  if (host.startsWith('www.')) {
    const bare = host.slice(4);
    if (bare && !isSuffix(bare)) return bare;
  }
  return host;
}

const isSuffix = (h: string) => {
  const p = parse(h, { allowPrivateDomains: true });
  return !p.domain || p.publicSuffix === h;
};

/**
 * `exact` when the task's host is a tenant space: under a private entry of the
 * public suffix list (alice.github.io) or a hosting platform the extension
 * ships (./hosting: alice.tumblr.com), or such a platform itself.
 */
export function hostReach(domain: string): HostReach {
  if (isIpOrLocal(domain)) return 'exact';
  if (hostingPlatformOf(domain)) return 'exact';
  return parse(domain, { allowPrivateDomains: true }).isPrivate ? 'exact' : 'subdomains';
}

/** `hostMatchesDomain` for a task domain as the API sent it (a URL, `www.`, any case), with its reach. */
export function hostMatchesTaskDomain(host: string, rawTaskDomain: string): boolean {
  const domain = normalizeTaskDomain(rawTaskDomain);
  return domain !== null && hostMatchesDomain(host, domain, hostReach(domain));
}
