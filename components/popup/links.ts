/**
 * What the popup shows about the task's links: every raw entry, in order,
 * with the same verdict the fill engine uses (lib/links), so "unsafe" or
 * "duplicate" here means exactly "will not be filled" there.
 */
import { classifyLink, getPlatform, linkKey, type PlatformId } from '../../lib/links';

export type LinkVerdict = 'ok' | 'duplicate' | 'unsafe' | 'invalid';

export interface ShownLink {
  value: string;
  verdict: LinkVerdict;
  /** The normalised URL that gets filled and copied (ok links only). */
  url?: string;
  platform?: string;
}

export function reviewLinks(raw: readonly string[]): ShownLink[] {
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
    shown.push({ value, verdict: 'ok', url: c.url, platform: c.platform ? platformName(c.platform) : undefined });
  }
  return shown;
}

function platformName(id: PlatformId): string | undefined {
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
