/**
 * The task journey (DESIGN "The task journey"): Get task → open → log in →
 * find the profile editor → fill → confirm the save → check the public
 * profile → report. Its progress lives with the active task, so every step
 * survives a reload, a service-worker restart, the popup closing and a
 * browser restart.
 */
import type { PageSignals } from '../platforms';

/** Where the journey is; each stage is reached at most once per task, in this order. */
export type JourneyStage = 'opened' | 'login' | 'signed_in' | 'editor' | 'saved' | 'checked';

/** A step the extension could not do: said in plain words, left to the worker, never blocking the report. */
export type JourneyProblem = 'no_editor' | 'no_public_profile' | 'save_not_seen' | 'public_unreachable' | 'site_unreachable';

/** One field value the site kept, changed or emptied after the save. */
export interface SavedValue {
  /** The field's name or id as the page has it (for the worker's eyes only in the popup). */
  field: string;
  filled: string;
  /** What the page holds after the save ('' = emptied). */
  kept: string;
  /** The task links that went into this field. */
  links: string[];
}

/** One field the extension wrote in the editor, and the task links in it. */
export interface FilledValue {
  value: string;
  links: string[];
}

export interface PublicCheck {
  url: string;
  /** The task links, as the extension counted them. */
  total: number;
  visible: string[];
  missing: string[];
  at: number;
}

export interface Journey {
  stage: JourneyStage;
  /** The URL the site was opened at; `insecure` when only plain http answered. */
  siteUrl?: string;
  insecure?: boolean;
  /** Recognised platform id (lib/platforms), if any. */
  platform?: string;
  loginUrl?: string;
  /** The account's profile editor, once known (enables the popup's go-profile-editor). */
  editorUrl?: string;
  /** The account's public profile URL, once known (prefills link-post). */
  publicUrl?: string;
  /** The worker (or auto-submit) sent a login form; the next signed-in page is "a login just landed". */
  loginSubmittedAt?: number;
  /** The worker sent the editor's form: the next page reads back what the site kept. */
  saveAttemptAt?: number;
  /** Automatic moves already made (never twice: the worker's own navigation wins). */
  autoMoved: ('login' | 'editor' | 'public')[];
  /** What the extension put into the editor: field → value and links. */
  filled: Record<string, FilledValue>;
  saved?: { at: number; via: 'reload' | 'message' | 'request'; values: SavedValue[] };
  publicCheck?: PublicCheck;
  problems: JourneyProblem[];
}

export const NEW_JOURNEY: Journey = { stage: 'opened', autoMoved: [], filled: {}, problems: [] };

/** What content scripts (and the background itself) report as the journey goes. */
export type JourneyEvent =
  | { type: 'opened'; url: string; insecure: boolean }
  | {
      type: 'page';
      url: string;
      platform?: string;
      /** The page shows a signed-in user (logout link, user menu, platform signal). */
      signedIn: boolean;
      /** The page holds a login form (identifier/password) or a one-time-code form. */
      loginForm: boolean;
      /** The page holds the profile editor's link fields. */
      editorForm: boolean;
      loginUrl?: string;
      editorUrl?: string;
      publicUrl?: string;
      /** The page's fingerprints, read as the background asked (lib/platforms recognises the platform in the background). */
      signals?: PageSignals;
    }
  | { type: 'login_submitted'; url: string }
  /** The worker sent the editor's form; `fields` = what the extension had written in it (one message: the page is about to unload). */
  | { type: 'save_attempted'; url: string; fields?: Record<string, FilledValue> }
  | { type: 'filled'; url: string; fields: Record<string, FilledValue> }
  /** `kept`: what the page shows now per field; a field the page does not show is taken as kept. */
  | { type: 'saved'; url: string; via: 'reload' | 'message' | 'request'; kept: Record<string, string> }
  | { type: 'public_checked'; url: string; visible: string[]; missing: string[] }
  | { type: 'problem'; problem: JourneyProblem };

/** What the reducer asks the caller to do next. */
export type JourneyAction = { type: 'navigate'; url: string; why: 'login' | 'editor' | 'public' } | { type: 'check_public'; url: string };

/** The tab / fold of the editor to open, as a message carries it (the text test as regex source and flags). */
export interface WirePart {
  click: string;
  text?: [src: string, flags: string];
}

/** The background's answer to a page event: where to go next, the editor part to open. */
export interface JourneyAnswer {
  navigate?: { url: string; why: 'login' | 'editor' | 'public' };
  part?: WirePart;
}
