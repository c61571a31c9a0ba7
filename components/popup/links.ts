/**
 * What the popup shows about the task's links: every raw entry, in order,
 * with the same verdict the fill engine uses (lib/links), so "unsafe" or
 * "duplicate" here means exactly "will not be filled" there.
 */
import type { PlatformId } from '../../lib/links';

type LinksLib = typeof import('../../lib/links');
let linksLib: Promise<LinksLib> | null = null;

/**
 * lib/links pulls in the public-suffix list (tldts, ~180 kB); it is loaded
 * after the popup is already on screen so opening stays instant.
 */
export function loadLinkReviewer(): Promise<(raw: readonly string[]) => ShownLink[]> {
  linksLib ??= import('../../lib/links');
  return linksLib.then((lib) => (raw) => reviewLinks(lib, raw));
}

export type LinkVerdict = 'ok' | 'duplicate' | 'unsafe' | 'invalid';

export interface ShownLink {
  value: string;
  verdict: LinkVerdict;
  /** The normalised URL that gets filled and copied (ok links only). */
  url?: string;
  platform?: string;
}

function reviewLinks({ classifyLink, getPlatform, linkKey }: LinksLib, raw: readonly string[]): ShownLink[] {
  const seen = new Set<string>();
  const shown: ShownLink[] = [];
  for (const entry of raw) {
    const value = typeof entry === 'string' ? entry.trim() : '';
    if (!value) continue;
    const c = classifyLink(value);
    if (!c.ok) {
      shown.push({ value, verdict: c.reason === 'unsafe_scheme' ? 'unsafe' : 'invalid' });
      continue;
    }
    const key = linkKey(c.url);
    if (seen.has(key)) {
      shown.push({ value, verdict: 'duplicate' });
      continue;
    }
    seen.add(key);
    shown.push({ value, verdict: 'ok', url: c.url, platform: c.platform ? platformName(getPlatform, c.platform) : undefined });
  }
  return shown;
}

function platformName(getPlatform: LinksLib['getPlatform'], id: PlatformId): string | undefined {
  try {
    return getPlatform(id).name;
  } catch {
    return undefined;
  }
}

/** The links that will actually be used, one per line (what "Copy all" puts on the clipboard). */
export function copyableLinks(links: readonly ShownLink[]): string {
  return links
    .filter((l) => l.verdict === 'ok')
    .map((l) => l.url ?? l.value)
    .join('\n');
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
