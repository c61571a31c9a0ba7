import { normalizeTaskDomain } from '../domain/registrable';

/**
 * The URL that opens a task's site: the domain as the task gives it (http kept
 * when the task says so; https otherwise), only once `normalizeTaskDomain`
 * accepted it, so `example.com@evil.test` never opens evil.test.
 */
export function siteUrl(domain: string): string | null {
  if (normalizeTaskDomain(domain) === null) return null;
  const raw = domain.trim();
  try {
    const url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw.replace(/^\/\//, '')}`);
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}
