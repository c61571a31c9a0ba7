import type { JourneyProblem, JourneyStage } from '../../lib/journey/types';
import type { ActiveTask } from '../../lib/task';

/**
 * What the popup shows of the task journey (DESIGN.md "The task journey"),
 * read from `active.journey` (lib/journey's Journey, written by the
 * background). Read defensively: it comes from storage, and a field the
 * background has not reached yet is simply absent.
 */
export interface PublicCheckView {
  /** The public profile page that was read. */
  url: string;
  /** How many task links were found on it (as links or as text). */
  visible: number;
  total: number;
  /** The links that were not found there. */
  missing: string[];
}

/** A field whose value the site changed or emptied on save. */
interface ChangedField {
  field: string;
  filled: string;
  kept: string;
}

export interface JourneyView {
  stage?: JourneyStage;
  /** The account's profile editor on the task's site, once known: enables `go-profile-editor`. */
  editorUrl?: string;
  /** The account's public profile URL: prefills `link-post`. */
  publicUrl?: string;
  publicCheck?: PublicCheckView;
  /** One line in English for the API's readers: prefills `note`. */
  summary?: string;
  /** Steps the extension could not do, said in plain words (never blocking the report). */
  problems: JourneyProblem[];
  changed: ChangedField[];
}

const PROBLEMS: readonly JourneyProblem[] = ['no_editor', 'no_public_profile', 'save_not_seen', 'public_unreachable', 'site_unreachable'];
const STAGES: readonly JourneyStage[] = ['opened', 'login', 'signed_in', 'editor', 'saved', 'checked'];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((m): m is string => typeof m === 'string' && m.trim() !== '') : []);
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

function httpUrl(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The URL's host is the task's domain, its `www.` twin or a subdomain (label boundary). */
export function onTaskHost(url: string, domain: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const d = domain.toLowerCase().replace(/^www\./, '');
  return host === d || host.endsWith(`.${d}`);
}

/** The journey of the active task as the popup shows it; anything malformed is left out. */
export function journeyOf(active: ActiveTask): JourneyView {
  const view: JourneyView = { problems: [], changed: [] };
  const raw: unknown = active.journey;
  if (!raw || typeof raw !== 'object') return view;
  const j = raw as Record<string, unknown>;
  if (STAGES.includes(j.stage as JourneyStage)) view.stage = j.stage as JourneyStage;
  // Only an editor on the task's own site is offered.
  const editor = httpUrl(j.editorUrl);
  if (editor && onTaskHost(editor, active.task.domain)) view.editorUrl = editor;
  const publicUrl = httpUrl(j.publicUrl);
  if (publicUrl) view.publicUrl = publicUrl;
  const summary = str(j.summary);
  if (summary) view.summary = summary;
  view.problems = strings(j.problems).filter((p): p is JourneyProblem => PROBLEMS.includes(p as JourneyProblem));

  const pc = j.publicCheck;
  if (pc && typeof pc === 'object') {
    const c = pc as Record<string, unknown>;
    const url = httpUrl(c.url);
    // lib/journey lists the visible links; a count is accepted too.
    const visible = Array.isArray(c.visible) ? strings(c.visible).length : count(c.visible);
    const total = count(c.total);
    if (url && visible !== undefined && total !== undefined) view.publicCheck = { url, visible, total, missing: strings(c.missing) };
  }

  const saved = j.saved;
  if (saved && typeof saved === 'object' && Array.isArray((saved as { values?: unknown }).values)) {
    for (const v of (saved as { values: unknown[] }).values) {
      if (!v || typeof v !== 'object') continue;
      const { field, filled, kept } = v as Record<string, unknown>;
      if (typeof field !== 'string' || typeof filled !== 'string' || typeof kept !== 'string') continue;
      if (kept.trim() !== filled.trim()) view.changed.push({ field, filled, kept });
    }
  }
  return view;
}
