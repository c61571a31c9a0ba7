/**
 * What the popup shows about the task's links: each raw entry with a verdict.
 * Only the verdict matters here (the fill engine in lib/links does the real
 * classification); kept tiny so the popup stays light.
 */
export type LinkVerdict = 'ok' | 'duplicate' | 'unsafe' | 'invalid';

export interface ShownLink {
  value: string;
  verdict: LinkVerdict;
}

export function reviewLinks(raw: readonly string[]): ShownLink[] {
  const seen = new Set<string>();
  return raw
    .map((value) => value.trim())
    .filter((value) => value.length > 0)
    .map((value) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return { value, verdict: 'invalid' as const };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { value, verdict: 'unsafe' as const };
      // Same link written twice (case of the host, a trailing slash) is filled once.
      const key = url.href.replace(/\/+$/, '');
      if (seen.has(key)) return { value, verdict: 'duplicate' as const };
      seen.add(key);
      return { value, verdict: 'ok' as const };
    });
}

/** The links that will actually be used, one per line (what "Copy all" puts on the clipboard). */
export function copyableLinks(links: readonly ShownLink[]): string {
  return links
    .filter((l) => l.verdict === 'ok')
    .map((l) => l.value)
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
