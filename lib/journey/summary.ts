import { linkKey } from '../links';
import type { Journey, SavedValue } from './types';

/** A link as a reader scans it: no scheme, no www, no trailing slash ("linkedin.com/in/x"). */
export function shortLink(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '');
}

/**
 * The task links the site kept after the save: a field kept exactly as
 * filled keeps all its links (a handle counts for its link); a rewritten
 * field keeps the links whose address it still holds.
 */
export function keptLinks(values: readonly SavedValue[]): string[] {
  const kept = new Set<string>();
  for (const v of values) {
    const text = v.kept.toLowerCase();
    for (const link of v.links) if (v.kept === v.filled || (v.kept && text.includes(linkKey(link)))) kept.add(link);
  }
  return [...kept];
}

/** Fields whose value the site changed or emptied on save. */
export function changedFields(values: readonly SavedValue[]): SavedValue[] {
  return values.filter((v) => v.kept.trim() !== v.filled.trim());
}

/**
 * The one-line note for the report, in English (the API's readers), e.g.
 * "6/6 links saved; 4/6 visible on the public profile; not shown: linkedin.com/in/x, youtube.com/@x".
 * Says what is known and no more: a save not seen is "filled", a public
 * profile not checked is left out.
 */
export function journeySummary(journey: Journey, taskLinks: readonly string[]): string {
  const total = taskLinks.length;
  if (!total) return '';
  const parts: string[] = [];
  if (journey.saved) {
    const kept = new Set(keptLinks(journey.saved.values).map(linkKey));
    parts.push(`${taskLinks.filter((l) => kept.has(linkKey(l))).length}/${total} links saved`);
    const changed = changedFields(journey.saved.values).length;
    if (changed) parts.push(`the site changed ${changed} field${changed === 1 ? '' : 's'}`);
  } else {
    const placed = new Set(Object.values(journey.filled).flatMap((f) => f.links.map(linkKey)));
    const filled = taskLinks.filter((l) => placed.has(linkKey(l))).length;
    if (filled) parts.push(`${filled}/${total} links filled; save not confirmed`);
  }
  const check = journey.publicCheck;
  if (check) {
    parts.push(`${check.visible.length}/${check.total} visible on the public profile`);
    if (check.missing.length) parts.push(`not shown: ${check.missing.map(shortLink).join(', ')}`);
  }
  return parts.join('; ');
}
