/**
 * The registry of field kinds (issue 11), first step: every kind the engine knows, in one
 * total map keyed by kind (a kind missing here does not compile), each naming the fill-policy
 * line it implements (DESIGN.md "Fill policy"), what the engine reports when it fills it, and
 * how a page analysis shows it. The special rules are named predicates, each with its policy
 * line. Vocabulary, analysis and fill still live in detect/ and engine.ts; they move here kind
 * by kind, each move keeping the corpus green.
 */
import type { FilledRole } from '../engine';
import {
  excludedCode,
  isEmailOnly,
  isNewPassword,
  saysUsernameToken,
  standardsSayCode,
  type Field,
  type PageAnalysis,
} from '../detect';

export type KindId =
  | 'identifier'
  | 'current-password'
  | 'new-password'
  | 'one-time-code'
  | 'split-code'
  | 'platform'
  | 'website'
  | 'link-slot'
  | 'label-url-pair'
  | 'picker-row'
  | 'list-box'
  | 'bio'
  | 'rich-bio';

export interface Kind {
  /** The fill-policy line (DESIGN.md) this kind implements. */
  policy: string;
  /** What the fill result reports for it (null: never filled). */
  reports: FilledRole | null;
  /** Whether a page analysis found a field of this kind. */
  found(a: PageAnalysis): boolean;
}

export const KINDS: { readonly [K in KindId]: Kind } = {
  identifier: {
    policy: 'Login: identifier field: email when the field asks for an email only; otherwise username. Two-step logins work too.',
    reports: 'identifier',
    found: (a) => a.logins.some((l) => !!l.identifier),
  },
  'current-password': {
    policy: 'Login: password field: password.',
    reports: 'password',
    found: (a) => a.logins.some((l) => !!l.password),
  },
  'new-password': {
    policy: 'Login: never into new-password / confirm-password fields.',
    reports: null,
    found: (a) => a.newPasswordForms > 0,
  },
  'one-time-code': {
    policy: 'One-time code: the current TOTP of twofa into the single code field; not a code sent by email or SMS.',
    reports: 'otp',
    found: (a) => a.otp.some((t) => !t.split),
  },
  'split-code': {
    policy: 'One-time code: … or spread over split one-digit boxes.',
    reports: 'otp',
    found: (a) => a.otp.some((t) => t.split),
  },
  platform: {
    policy: 'Profile 1. Platform fields: the first entity link on that platform (the handle when the field asks for one).',
    reports: 'platform',
    found: (a) => a.profile.platforms.length > 0,
  },
  website: {
    policy: "Profile 2. The website field: reserved for the customer's website; filled only when empty.",
    reports: 'website',
    found: (a) => !!a.profile.website,
  },
  'link-slot': {
    policy: 'Profile 3. Generic link slots: the remaining entity links in order, each once.',
    reports: 'link-slot',
    found: (a) => a.profile.slots.some((s) => !s.label && !s.picker),
  },
  'label-url-pair': {
    policy: "Profile 3. Label + URL pairs: the label input gets the link's platform (or the site's name).",
    reports: 'link-slot',
    found: (a) => a.profile.slots.some((s) => !!s.label),
  },
  'picker-row': {
    policy: 'Profile 3. A network picker + URL row: the picker gets the link\'s platform (or "Other"), never the wrong network.',
    reports: 'link-slot',
    found: (a) => a.profile.slots.some((s) => !!s.picker),
  },
  'list-box': {
    policy: 'Profile 3. A one-URL-per-line box / a field asking for several links: one link per line.',
    reports: 'link-slot',
    found: (a) => a.profile.lists.length > 0,
  },
  bio: {
    policy: 'Profile 4. Bio / about: the links still unplaced are appended, one per line, skipping any already present.',
    reports: 'bio',
    found: (a) => !!a.profile.bio,
  },
  'rich-bio': {
    policy: 'Profile 4. Bio / about (a rich-text editor): the same, as new blocks of text.',
    reports: 'bio',
    found: (a) => !!a.profile.richBio,
  },
};

export const KIND_IDS = Object.keys(KINDS) as KindId[];

/** Every kind a page analysis found. */
export function kindsIn(a: PageAnalysis): Set<KindId> {
  return new Set(KIND_IDS.filter((k) => KINDS[k].found(a)));
}

export interface Rule {
  /** The fill-policy line the rule implements. */
  policy: string;
  test(f: Field): boolean;
}

/** Special rules as named predicates over one field (the table test lists cases for each). */
export const RULES = {
  /** Standards token: autocomplete=username/webauthn marks the identifier step whatever the greeting. */
  usernameToken: { policy: 'Login: two-step logins (identifier first, password on the next step) work too.', test: saysUsernameToken },
  /** type=email always asks for an email; a token or words only when the label does not name a user name. */
  emailOnly: { policy: 'Login: email when the field asks for an email only (type=email always does; so does a name/label that says email and not username).', test: isEmailOnly },
  /** new-password token or "new / confirm / repeat" words. */
  newPassword: { policy: 'Login: never into new-password / confirm-password fields.', test: isNewPassword },
  /** type / inputmode / pattern / one-time-code say the field takes a code. */
  standardsSayCode: { policy: 'One-time code: standards signals (type, inputmode, pattern, autocomplete) outrank keywords.', test: standardsSayCode },
  /** "backup / recovery …" vetoes a code field unless the standards and its own words say authenticator code. */
  notTheAuthenticatorCode: { policy: 'One-time code: the TOTP goes to the authenticator code field, not to a backup/recovery code field.', test: excludedCode },
} satisfies Record<string, Rule>;

export { LinkAllocator, type LinkReport } from './links';
export { Writer, type Decision, type WriterState, type WrittenRecord } from './writer';
