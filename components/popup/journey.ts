import { browser } from 'wxt/browser';
import type { ActiveTask } from '../../lib/storage';

/**
 * What the popup shows of the task journey (DESIGN.md "The task journey").
 * The background does not write it yet: until it does, every field is
 * optional and read defensively from `active.journey`. The lead will replace
 * this with the real type from lib/.
 */
export interface PublicCheckView {
  /** The public profile page that was read. */
  url: string;
  /** Task links found on it (as links or as text). */
  visible: number;
  total: number;
  /** The links that were not found there. */
  missing: string[];
}

export interface JourneyView {
  /** The account's profile editor on the task's site, once the extension knows it. */
  editorUrl?: string;
  /** The account's public profile URL: prefills `link-post`. */
  publicUrl?: string;
  publicCheck?: PublicCheckView;
  /** One line in English for the API's readers: prefills `note`. */
  summary?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
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

/** `host` is the task's domain, its `www.` twin or a subdomain (label boundary). */
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

/** The journey fields of the active task, each one checked; anything malformed is left out. */
export function journeyOf(active: ActiveTask): JourneyView {
  const raw = (active as ActiveTask & { journey?: unknown }).journey;
  if (!raw || typeof raw !== 'object') return {};
  const j = raw as Record<string, unknown>;
  const view: JourneyView = {};
  // The popup opens this URL itself: only on the task's own site.
  const editor = httpUrl(j.editorUrl);
  if (editor && onTaskHost(editor, active.task.domain)) view.editorUrl = editor;
  const publicUrl = httpUrl(j.publicUrl);
  if (publicUrl) view.publicUrl = publicUrl;
  const summary = str(j.summary);
  if (summary) view.summary = summary;
  const pc = j.publicCheck;
  if (pc && typeof pc === 'object') {
    const c = pc as Record<string, unknown>;
    const url = httpUrl(c.url);
    const visible = count(c.visible);
    const total = count(c.total);
    if (url && visible !== undefined && total !== undefined) {
      const missing = Array.isArray(c.missing) ? c.missing.filter((m): m is string => typeof m === 'string' && m.trim() !== '') : [];
      view.publicCheck = { url, visible, total, missing };
    }
  }
  return view;
}

/**
 * Opens the profile editor in a new tab (never the worker's current tab: it
 * may hold unsaved edits). A stand-in until the background has its own
 * message for this step.
 */
export async function openProfileEditor(url: string): Promise<void> {
  await browser.tabs.create({ url, active: true });
}
