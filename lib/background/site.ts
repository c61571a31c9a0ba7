import { normalizeTaskDomain } from '../domain/registrable';

/** The URL that opens a task's site (http kept when the task says so; https otherwise). */
export function siteUrl(domain: string): string | null {
  const raw = domain.trim();
  if (/^https?:\/\//i.test(raw)) {
    try {
      return new URL(raw).toString();
    } catch {
      return null;
    }
  }
  const host = normalizeTaskDomain(raw);
  return host ? `https://${host}/` : null;
}
