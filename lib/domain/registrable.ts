/**
 * Task-domain checks that need the public-suffix list (tldts, ~280 kB): used
 * by the background only, so the list never ships in the content script.
 */
import { parse } from 'tldts';
import { hostMatchesDomain, isIpOrLocal, toAsciiHost } from './index';

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


/** `hostMatchesDomain` for a task domain as the API sent it (a URL, `www.`, any case). */
export function hostMatchesTaskDomain(host: string, rawTaskDomain: string): boolean {
  const domain = normalizeTaskDomain(rawTaskDomain);
  return domain !== null && hostMatchesDomain(host, domain);
}
