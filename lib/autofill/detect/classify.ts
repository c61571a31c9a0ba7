/**
 * Page and field classification: login (one- and two-step), one-time code
 * (single field or split boxes), and the profile editor (platform fields,
 * website, generic link slots with label inputs or network pickers, list
 * boxes, bio). Pure decisions over collected fields: nothing is written here.
 */
import { PLATFORMS, platformForHost, type PlatformId } from '../../links';
import { bindingName, type Field } from './fields';
import { createVisibilityChecker } from './visibility';
import { K } from './keywords';
import { bagHas, kw, makeBag, makeIdBag, mergeBags, squash, type Bag } from './text';

export interface LoginTarget {
  identifier: Field | null;
  password: Field | null;
  /** The identifier asks for an email only. */
  emailOnly: boolean;
  group: Element | Document | ShadowRoot;
}

export interface OtpTarget {
  fields: Field[];
  /** One-digit boxes rather than one field. */
  split: boolean;
}

export interface SlotTarget {
  field: Field;
  /** The label input of a "label + URL" pair (Mastodon-style). */
  label: Field | null;
  /** The network picker of a "network + URL" row. */
  picker: Field | null;
}

export interface ProfileTargets {
  platforms: { field: Field; platform: PlatformId }[];
  website: Field | null;
  slots: SlotTarget[];
  lists: Field[];
  bio: Field | null;
  /** A rich-text (contenteditable) bio, used when there is no bio box. */
  richBio: HTMLElement | null;
}

export interface PageAnalysis {
  logins: LoginTarget[];
  otp: OtpTarget[];
  /** A code field that asks for an emailed/SMS code: never gets the TOTP. */
  otpRefused: Field[];
  profile: ProfileTargets;
  /** New-password / confirm fields seen (sign-up or change-password). */
  newPasswordForms: number;
}

type Group = Element | Document | ShadowRoot;

export function isEditable(f: Field): boolean {
  const el = f.el as HTMLInputElement;
  return !el.disabled && !(f.kind !== 'select' && el.readOnly) && !el.closest('fieldset[disabled]');
}

const usable = (f: Field) => isEditable(f) && f.isVisible();

function groupOf(f: Field): Group {
  return (f.el as HTMLInputElement).form ?? f.container ?? f.root;
}

const contextCache = new WeakMap<object, Bag>();

/** Words that describe a form: its attributes, headings, legends and buttons (not every link in it). */
export function groupContext(g: Group): Bag {
  const cached = contextCache.get(g);
  if (cached) return cached;
  const parts: string[] = [];
  if ('getAttribute' in g) {
    for (const a of ['id', 'class', 'name', 'action', 'aria-label', 'role', 'title']) {
      const v = g.getAttribute(a) ?? '';
      // identifiers: also split camelCase ("commentForm")
      parts.push(v, a === 'aria-label' || a === 'title' ? '' : v.replace(/([a-z\d])([A-Z])/g, '$1 $2'));
    }
    const by = g.getAttribute('aria-labelledby');
    if (by) for (const id of by.split(/\s+/)) parts.push(g.ownerDocument.getElementById(id)?.textContent ?? '');
  }
  const scope = g as ParentNode;
  let heads = Array.from(scope.querySelectorAll('h1, h2, h3, h4, legend, [role=heading]')).slice(0, 6);
  if (!heads.length && 'closest' in g) {
    // a heading just before the form
    let prev = (g).previousElementSibling;
    for (let i = 0; prev && i < 3; i++, prev = prev.previousElementSibling) {
      if (/^H[1-4]$/.test(prev.tagName)) {
        heads = [prev];
        break;
      }
    }
  }
  for (const h of heads) parts.push(squash(h.textContent, 80));
  for (const b of Array.from(scope.querySelectorAll('button, input[type=submit], input[type=button], [role=button]')).slice(0, 6)) {
    parts.push(squash((b as HTMLInputElement).value || b.textContent || b.getAttribute('aria-label'), 40));
  }
  const bag = makeBag(parts.join(' '));
  contextCache.set(g, bag);
  return bag;
}

function pageContext(doc: Document): Bag {
  let path: string;
  try {
    path = doc.location?.pathname ?? '';
  } catch {
    path = '';
  }
  return makeBag(doc.title, path.replace(/[/_.-]+/g, ' '));
}

/** Text of a group for OTP provenance ("we sent a code to your email"). */
function groupProse(g: Group): Bag {
  const t = (g as ParentNode & { textContent?: string | null }).textContent ?? '';
  return makeBag(squash(t, 600));
}

/** Never drawn, with all it holds: `hidden`, `display: none`, or an element that is not content. */
function unrendered(el: Element): boolean {
  if (el.hasAttribute('hidden') || NOT_CONTENT.has(el.localName)) return true;
  try {
    return el.ownerDocument.defaultView?.getComputedStyle(el).display === 'none';
  } catch {
    return false;
  }
}
const NOT_CONTENT = new Set(['script', 'style', 'template', 'noscript']);

/** What a page offers to do rather than says: buttons and links (another method, resend, back). */
const CONTROLS = 'button, a[href], [role=button], [role=link], [role=menuitem], [role=tab], option';

/**
 * A group's text in two parts: what it states (its prose) and what its controls offer.
 * "OTP SMS" on a button beside an authenticator code field is a choice of another
 * method, not where this code came from.
 */
function proseAndControls(g: Group): { said: Bag; saidText: string; offered: Bag } {
  const root = g as unknown as Node;
  const doc = root.ownerDocument ?? (root as Document);
  // Text the page does not draw is not what the worker reads (a hidden earlier step's "Email" label).
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (n) => (n.nodeType !== 1 ? 1 /* ACCEPT */ : unrendered(n as Element) ? 2 /* REJECT */ : 3 /* SKIP */),
  });
  let said = '';
  let offered = '';
  for (let n = walker.nextNode(); n && said.length + offered.length < 1200; n = walker.nextNode()) {
    const d = (n as Text).data;
    if (!d.trim()) continue;
    if (n.parentElement?.closest(CONTROLS)) offered += ` ${d}`;
    else said += ` ${d}`;
  }
  const saidText = squash(said, 600);
  return { said: makeBag(saidText), saidText, offered: makeBag(squash(offered, 600)) };
}

// ---------- login ----------

const identifierKinds = new Set(['text', 'email', 'tel', 'number']);

function looksLikeNonIdentifier(f: Field): boolean {
  return bagHas(f.strong, K.search) || bagHas(f.strong, K.captcha) || bagHas(f.strong, K.newsletter) || isOtpish(f) || f.kind === 'search';
}

/** The identifier's own autofill token: `username` (or `webauthn`, the passkey-capable identifier). */
export function saysUsernameToken(f: Field): boolean {
  return f.autocomplete.split(/\s+/).some((t) => t === 'username' || t === 'webauthn');
}

function identifierScore(f: Field): number {
  let s = 0;
  if (['username', 'email', 'webauthn'].some((t) => f.autocomplete.split(/\s+/).includes(t))) s += 3;
  if (f.kind === 'email') s += 2;
  if (bagHas(f.strong, K.identifier)) s += 2;
  return s;
}

/**
 * Fill policy, login: "email when the field asks for an email only (type=email always does; so
 * does a name/label that says email and not username)". An autocomplete=email token on a field
 * whose own label asks for "username or email" does not make it email-only.
 */
export function isEmailOnly(f: Field): boolean {
  if (f.kind === 'email') return true;
  const b = f.both;
  const namesUsername = bagHas(mergeBags(f.label, f.placeholder), K.usernameOnly);
  if (f.autocomplete.split(/\s+/).includes('email')) return !namesUsername;
  return bagHas(b, K.email) && !bagHas(b, K.usernameOnly);
}

export function isNewPassword(f: Field): boolean {
  if (f.autocomplete.includes('new-password')) return true;
  if (f.autocomplete.includes('current-password')) return false;
  return bagHas(f.both, K.newPassword);
}

/**
 * A password alone in a same-site frame whose identifier is in the page around it
 * (the frame sits inside the login form): that form's identifier, just before the frame.
 */
function outerIdentifier(password: Field, fields: Field[]): Field | null {
  if (password.doc === fields[0]?.doc) return null;
  // the frame element, found from the documents before it (same-origin: contentDocument is readable)
  let frame: Element | null = null;
  const seen = new Set<Document>();
  for (const f of fields) {
    if (f.order >= password.order || frame) break;
    if (f.doc === password.doc || seen.has(f.doc)) continue;
    seen.add(f.doc);
    for (const fr of Array.from(f.doc.querySelectorAll('iframe, frame'))) {
      if ((fr as HTMLIFrameElement).contentDocument === password.doc) frame = fr;
    }
  }
  if (!frame) return null;
  const scope = frame.closest('form') ?? frame.parentElement;
  if (!scope) return null;
  let found: Field | null = null;
  for (const f of fields) {
    if (f.order >= password.order) break;
    if (f.doc !== frame.ownerDocument || !scope.contains(f.el)) continue;
    if (identifierKinds.has(f.kind) && !looksLikeNonIdentifier(f) && identifierScore(f) > 0 && usable(f)) found = f;
  }
  return found;
}

/**
 * Web components give each input its own shadow root (Home Assistant's ha-textfield): a password
 * with no form around it takes the identifier just before it in the composed tree, when no other
 * password lies between them.
 */
function shadowIdentifier(password: Field, fields: Field[]): Field | null {
  if (groupOf(password) !== password.root || password.root === password.doc) return null;
  for (let i = fields.indexOf(password) - 1; i >= 0; i--) {
    const f = fields[i]!;
    if (f.doc !== password.doc || f.kind === 'password') return null;
    if ((f.el as HTMLInputElement).form) return null;
    if (identifierKinds.has(f.kind) && !looksLikeNonIdentifier(f) && identifierScore(f) > 0 && usable(f)) return f;
  }
  return null;
}

function analyzeLogins(fields: Field[], doc: Document): { logins: LoginTarget[]; newPasswordForms: number } {
  const groups = new Map<Group, Field[]>();
  for (const f of fields) {
    const g = groupOf(f);
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(f);
  }
  const logins: LoginTarget[] = [];
  let newPasswordForms = 0;
  const pageHasVisiblePassword = fields.some((f) => f.kind === 'password' && f.isVisible());
  const page = pageContext(doc);

  for (const [g, list] of groups) {
    const passwords = list.filter((f) => f.kind === 'password' && !isOtpish(f) && usable(f));
    if (passwords.length) {
      const news = passwords.filter(isNewPassword);
      const currents = passwords.filter((f) => !news.includes(f));
      // Fill policy, login: "never into new-password / confirm-password fields". A confirm field the
      // form shows only once a password is typed (React, animated reveal) still says the form sets one.
      const confirmLater = list.some((f) => f.kind === 'password' && !passwords.includes(f) && isNewPassword(f));
      if (news.length || confirmLater || currents.length !== 1) {
        newPasswordForms++;
        continue; // sign-up / change password: never the task's password
      }
      const password = currents[0]!;
      const before = list.filter((f) => f.order < password.order && identifierKinds.has(f.kind) && !looksLikeNonIdentifier(f) && usable(f));
      const scored = before.filter((f) => identifierScore(f) > 0);
      const identifier = (scored.length ? scored[scored.length - 1]! : (before[before.length - 1] ?? null)) ?? outerIdentifier(password, fields) ?? shadowIdentifier(password, fields);
      // Fill policy, login: a form asking for a *new* email / user name beside the current
      // password is a settings change ("Change email"), not a sign-in.
      if (identifier && bagHas(mergeBags(identifier.label, identifier.placeholder, identifier.attr), K.newPassword)) {
        newPasswordForms++;
        continue;
      }
      logins.push({ identifier, password, emailOnly: identifier ? isEmailOnly(identifier) : false, group: g });
      continue;
    }
    if (pageHasVisiblePassword) continue;
    // Two-step login: the identifier first, the password on a later step.
    // Only "exactly one usable text field" matters: stop at the second (visibility is the costly check).
    let f: Field | null = null;
    let usableTexts = 0;
    for (const x of list) {
      if (!identifierKinds.has(x.kind) || !usable(x)) continue;
      f = x;
      if (++usableTexts > 1) break;
    }
    if (usableTexts !== 1 || !f) continue;
    if (looksLikeNonIdentifier(f) || identifierScore(f) === 0) continue;
    const ctx = groupContext(g);
    const hiddenPassword = list.some((x) => x.kind === 'password');
    // Fill policy, login: "two-step logins (identifier first, password on the next step)".
    // The standards token says it (autocomplete=username / webauthn) whatever the greeting is.
    const loginish =
      saysUsernameToken(f) || bagHas(ctx, K.loginContext) || bagHas(page, K.loginContext) || (hiddenPassword && bagHas(ctx, K.nextContext));
    if (!loginish || bagHas(ctx, K.notLogin)) continue;
    logins.push({ identifier: f, password: null, emailOnly: isEmailOnly(f), group: g });
  }
  return { logins, newPasswordForms };
}

// ---------- one-time code ----------

function isOtpish(f: Field): boolean {
  if (f.autocomplete.includes('one-time-code')) return true;
  return bagHas(f.both, K.otpStrong);
}

const otpKinds = new Set(['text', 'number', 'tel']);

function isBox(f: Field): boolean {
  if (!otpKinds.has(f.kind)) return false;
  const el = f.el as HTMLInputElement;
  // Standards first: a number's stated range says how big it is ("FIDE rating", min 1400 max 3000 is no digit box).
  if (bigRange(el)) return false;
  if (f.maxLength === 1) return true;
  const mode = el.getAttribute('inputmode') ?? '';
  const numeric = mode === 'numeric' || mode === 'decimal' || f.kind === 'number' || f.kind === 'tel';
  return numeric && f.maxLength <= 1 && /0-9|\\d/.test(el.getAttribute('pattern') ?? '\\d');
}

function bigRange(el: Element): boolean {
  const bound = (a: string) => (el.hasAttribute(a) ? Number(el.getAttribute(a)) : NaN);
  return bound('max') > 9 || bound('min') > 9;
}

/** The field's standards attributes say it takes digits (or a one-time code): type, inputmode, pattern. */
export function standardsSayCode(f: Field): boolean {
  const el = f.el as HTMLInputElement;
  if (f.autocomplete.split(/\s+/).includes('one-time-code')) return true;
  const numeric = f.kind === 'number' || (el.getAttribute('inputmode') ?? '') === 'numeric';
  const digits = /^\^?(\[0-9\]|\\d)/.test(el.getAttribute('pattern') ?? '');
  return numeric || digits;
}

/**
 * Fill policy, one-time code: the TOTP goes to the authenticator's field, not to a backup /
 * recovery code field. Words like "recovery" veto a field, unless its standards attributes
 * say it takes a numeric / one-time code and its own text names the second factor too
 * ("Authenticator code, or a recovery code"): standards signals outrank keywords.
 */
export function excludedCode(f: Field): boolean {
  if (!bagHas(f.strong, K.otpExclude)) return false;
  return !(standardsSayCode(f) && bagHas(f.strong, K.otpStrong));
}

/**
 * The text just before a form (the page's "we sent a code to …" line usually sits above it),
 * also above the form's wrappers: frameworks nest the form in components whose previous
 * sibling holds the page's heading and its line.
 */
function leadProse(g: Group): string {
  const parts: string[] = [];
  let at: Element | null = 'previousElementSibling' in g ? (g as Element) : null;
  for (let depth = 0; at && depth < 4 && at.localName !== 'body'; depth++, at = at.parentElement) {
    let prev = at.previousElementSibling;
    for (let i = 0; prev && i < 3; i++, prev = prev.previousElementSibling) {
      if (unrendered(prev)) continue;
      if (prev.querySelector('input, textarea, select')) return parts.join(' ');
      parts.push(squash(prev.textContent, 300));
    }
    if (parts.length) break;
  }
  return parts.join(' ');
}

/**
 * A masked address is where a code went ("sent to j***@example.net", "•••• 42"): sites mask
 * a destination, while the signed-in account's own name is shown in full.
 */
const MASKED_DESTINATION = /[^\s@<>()]*[*•…][^\s@<>()]*@[^\s@<>()]+\.[a-z]{2,}|[*•]{2,}[\s-]?\d{2,4}\b/i;

/**
 * Fill policy, one-time code: "not into a field that asks for a code sent by email or SMS".
 * Said by the form's own words or the line just before it, by a masked destination shown
 * there, or by an offer to send the code again (an authenticator's code cannot be resent);
 * not by the other methods the page offers as buttons ("OTP SMS", "Use your phone").
 * Unless the page states the code is the authenticator app's.
 */
export function sentElsewhere(f: Field, g: Group): boolean {
  const lead = leadProse(g);
  const { said, saidText, offered } = proseAndControls(g);
  const ctx = mergeBags(f.all, said, makeBag(lead));
  if (bagHas(ctx, K.otpAuthenticator)) return false;
  return bagHas(ctx, K.otpSentElsewhere) || bagHas(offered, K.otpResend) || MASKED_DESTINATION.test(lead) || MASKED_DESTINATION.test(saidText);
}

function analyzeOtp(fields: Field[]): { otp: OtpTarget[]; refused: Field[] } {
  const otp: OtpTarget[] = [];
  const refused: Field[] = [];
  const used = new Set<Field>();
  // visibility is the costly check: done last, on fields that already look right
  const candidates = fields.filter((f) => otpKinds.has(f.kind));

  // split one-digit boxes: 4–8 consecutive boxes sharing a parent or grandparent
  for (let i = 0; i < candidates.length; i++) {
    const first = candidates[i]!;
    if (used.has(first) || !isBox(first) || !usable(first)) continue;
    const anc = first.el.parentElement?.parentElement ?? first.el.parentElement;
    const run = [first];
    for (let j = i + 1; j < candidates.length; j++) {
      const f = candidates[j]!;
      if (!isBox(f) || !anc || !anc.contains(f.el) || f.order !== run[run.length - 1]!.order + 1 || !usable(f)) break;
      run.push(f);
    }
    if (run.length < 4 || run.length > 8) continue;
    run.forEach((f) => used.add(f));
    const g = groupOf(first);
    if (run.some((f) => bagHas(f.strong, K.otpExclude))) continue;
    if (sentElsewhere(first, g)) {
      refused.push(...run);
      continue;
    }
    otp.push({ fields: run, split: true });
  }

  const pageHasPassword = fields.some((f) => f.kind === 'password' && f.isVisible());
  for (const f of candidates) {
    if (used.has(f)) continue;
    const b = f.both;
    const strong = f.autocomplete.includes('one-time-code') || bagHas(b, K.otpStrong);
    let ok = strong;
    if (!ok && !pageHasPassword && bagHas(mergeBags(f.strong), K.otpWeak)) {
      // "code" alone: only on a page that talks about a second factor, in a code-sized field
      const g = groupOf(f);
      const sized = f.maxLength === -1 || (f.maxLength >= 4 && f.maxLength <= 10);
      ok = sized && bagHas(mergeBags(groupContext(g), groupProse(g)), K.otpStrong);
    }
    if (!ok || !usable(f)) continue;
    // autocomplete=one-time-code is the standard's word for it, and a field whose own words name a
    // second-factor code says so too: a model prefix in the name (Rails' `user[otp_attempt]`) or a
    // decorative icon's class (Matomo's `icon-user` in the label) does not make it a user name
    const declared = f.autocomplete.includes('one-time-code') || bagHas(f.strong, K.otpStrong);
    if (excludedCode(f) || (!declared && (bagHas(f.strong, K.email) || bagHas(f.strong, K.usernameOnly)))) continue;
    if (sentElsewhere(f, groupOf(f))) {
      refused.push(f);
      continue;
    }
    otp.push({ fields: [f], split: false });
  }
  return { otp, refused };
}

// ---------- profile ----------

const DOMAIN_RE = /\b((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[/:\s]|$)/g;

const PLATFORM_KW = PLATFORMS.map((p) => ({
  id: p.id,
  // one list per keyword so each can score on its own
  keywords: p.keywords.map((k) => kw(k)),
  tokens: p.tokens.length ? kw(...p.tokens.map((t) => `=${t}`)) : null,
  any: kw(...p.keywords, ...p.tokens.map((t) => `=${t}`)),
}));
const ANY_PLATFORM = kw(...PLATFORMS.flatMap((p) => [...p.keywords, ...p.tokens.map((t) => `=${t}`)]));

/** `group[key][part]`: a collection keyed by a word (Castopod's `platforms[facebook][url]`). */
const KEYED_NAME = /^([^[\]]+)\[([a-z][\w-]*)\]\[([^[\]]+)\]$/i;
const namesPlatform = (key: string) => bagHas(makeBag(key.replace(/[-_]/g, ' ')), ANY_PLATFORM);

/**
 * Fill policy 1 and 3 (a platform's field holds that platform's link; free slots take the rest):
 * in a collection keyed by network (`group[network][part]`, two or more keys naming known
 * platforms), each row belongs to its network, so a row of a network the registry does not know
 * (Castopod's Funkwhale, Matrix) is that network's field, never a free slot or the website.
 */
function unknownNetworkRows(fields: Field[]): Set<Field> {
  const groups = new Map<string, { known: number; rows: { f: Field; key: string }[] }>();
  for (const f of fields) {
    const m = KEYED_NAME.exec(f.el.getAttribute('name') ?? '');
    if (!m) continue;
    const id = `${m[1]}|${m[3]}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { known: 0, rows: [] }));
    g.rows.push({ f, key: m[2]! });
  }
  const out = new Set<Field>();
  for (const g of groups.values()) {
    const known = new Set(g.rows.filter((r) => namesPlatform(r.key)).map((r) => r.key.toLowerCase()));
    if (known.size < 2) continue;
    for (const r of g.rows) if (!known.has(r.key.toLowerCase())) out.add(r.f);
  }
  return out;
}

/** Platform named by the field (keywords, short tokens, or a platform domain in its text). */
export function detectPlatform(f: Field): PlatformId | null {
  const near = mergeBags(f.near, f.cls);
  const exact = mergeBags(f.label, f.placeholder, f.attr);
  let best: PlatformId | null = null;
  let bestScore = 0;
  if (bagHas(mergeBags(f.strong, near, f.icon), ANY_PLATFORM)) {
    for (const p of PLATFORM_KW) {
      let s = 0;
      for (const k of p.keywords) {
        if (bagHas(f.strong, k)) s += 3;
        else if (bagHas(near, k)) s += 2;
      }
      // short names ("X", "IG") count in the field's own text, or as the whole accessible name of its icon
      if (p.tokens && (bagHas(exact, p.tokens) || bagHas(f.icon, p.tokens))) s += 3;
      if (s > bestScore) {
        bestScore = s;
        best = p.id;
      }
    }
  }
  if (!best && f.raw.includes('.')) {
    for (const m of f.raw.matchAll(DOMAIN_RE)) {
      const p = platformForHost(m[1]!);
      if (p) return p.id;
    }
  }
  return bestScore >= 2 ? best : null;
}

/** Name pattern of repeated rows: digits and empty brackets made alike. */
function shapeKey(f: Field): string {
  // names only: generated ids (React's ":r4:") all look alike without being rows
  const k = f.kind === 'textarea' ? 't' : 'i';
  const n = f.el.getAttribute('name') || bindingName(f.el);
  if (n) return `${k}:${n.replace(/\d+/g, '#')}`;
  // name-less rows (React cards with only an aria-label or placeholder): alike when their own text is
  const t = mergeBags(f.label, f.placeholder).spaced.trim();
  return t ? `${k}~${f.kind}:${t.replace(/\d+/g, '#')}` : '';
}

/**
 * In a repeated "label + value" row, which half is this field? Decided by the
 * last word of its name ("…[0][name]" / "…[0][value]", "…[title]" / "…[uri]"),
 * else by its label and placeholder.
 */
function pairRole(f: Field): 'label' | 'value' | null {
  const words = makeIdBag(f.el.getAttribute('name') ?? '').spaced.trim().split(' ');
  const last = makeBag(words[words.length - 1] ?? '');
  if (bagHas(last, K.pairValue)) return 'value';
  if (bagHas(last, K.pairLabel)) return 'label';
  const b = mergeBags(f.label, f.placeholder);
  // "Link title" / "Link URL": the last word of the label names the half
  const lw = f.label.spaced.trim().split(' ');
  const lastLabel = makeBag(lw[lw.length - 1] ?? '');
  if (bagHas(lastLabel, K.pairLabel)) return 'label';
  if (bagHas(lastLabel, K.pairValue)) return 'value';
  if (bagHas(b, K.pairLabel) && !bagHas(b, K.pairValue)) return 'label';
  if (bagHas(b, K.pairValue)) return 'value';
  return null;
}

function isForeign(f: Field): boolean {
  const g = groupOf(f);
  const ctx = groupContext(g);
  return bagHas(ctx, K.foreignForm) && !bagHas(ctx, K.profileForm);
}

function closeRelatives(a: Element, b: Element, depth = 3): boolean {
  let p: Element | null = a.parentElement;
  for (let i = 0; p && i < depth; i++, p = p.parentElement) {
    if (p.contains(b)) {
      // the shared ancestor must not hold many other rows
      return p.querySelectorAll('input, select, textarea').length <= 4;
    }
  }
  return false;
}

function pickerPlatformCount(f: Field): number {
  const sel = f.el as HTMLSelectElement;
  const found = new Set<PlatformId>();
  for (const o of Array.from(sel.options ?? [])) {
    const b = makeBag(o.text, o.value);
    if (!bagHas(b, ANY_PLATFORM)) continue;
    for (const p of PLATFORM_KW) if (bagHas(b, p.any)) found.add(p.id);
  }
  return found.size;
}

function analyzeProfile(fields: Field[], doc: Document): ProfileTargets {
  const out: ProfileTargets = { platforms: [], website: null, slots: [], lists: [], bio: null, richBio: null };
  const cands = fields.filter((f) => f.kind === 'text' || f.kind === 'url' || f.kind === 'textarea' || f.kind === 'select');
  const technical = (f: Field) => bagHas(f.both, K.technical) || isOtpish(f);
  let ownPlatform: PlatformId | null = null;
  try {
    ownPlatform = platformForHost(doc.location?.hostname ?? '')?.id ?? null;
  } catch {
    /* no location */
  }
  const shapes = new Map<string, number>();
  const keyOf = new Map<Field, string>();
  const byShape = new Map<string, Field[]>();
  for (const f of cands) {
    const k = shapeKey(f);
    if (!k) continue;
    keyOf.set(f, k);
    shapes.set(k, (shapes.get(k) ?? 0) + 1);
    let g = byShape.get(k);
    if (!g) byShape.set(k, (g = []));
    g.push(f);
  }
  // Rows repeat their label too ("Link 1", "Link 2") or have none of their own (one label for
  // the group): generic names such as profile_fields[fid4] under different labels are not rows.
  // Decided per name shape on first use (labels are costly and most shapes are unique).
  const rowsOf = new Map<string, Set<Field>>();
  const repeated = (f: Field) => {
    const k = keyOf.get(f);
    if (!k || (shapes.get(k) ?? 0) < 2) return false;
    let rows = rowsOf.get(k);
    if (!rows) {
      const group = byShape.get(k)!;
      const texts = group.map((x) => x.label.spaced.trim().replace(/\d+/g, '#'));
      const count = new Map<string, number>();
      for (const t of texts) count.set(t, (count.get(t) ?? 0) + 1);
      const labelled = texts.filter(Boolean).length;
      rows = new Set(group.filter((_, i) => {
        const t = texts[i]!;
        return (t && count.get(t)! >= 2) || (!t && group.length - labelled + Math.min(labelled, 1) >= 2) || (t && labelled === 1 && group.length >= 2);
      }));
      rowsOf.set(k, rows);
    }
    return rows.has(f);
  };


  // Fill policy 5: another person's account is not the profile. A form that creates an account
  // (an editable, empty user name / email beside a new password and no current password: sign-up,
  // "add new user") gives no profile fields.
  const creating = creationForms(fields);
  const otherNetworks = unknownNetworkRows(cands);
  // A label + value pair told by the names alone (…[label] / …[value] under one prefix), even as a single row.
  const namedPair = namedPairs(cands);
  // visibility and form checks cost the most: only for fields that already look relevant
  const ok = (f: Field) => usable(f) && !isForeign(f) && !creating.has((f.el as HTMLInputElement).form ?? null);
  const labels = new Set<Field>();
  const pickers = new Set<Field>();
  const slotFields: Field[] = [];
  const websiteCands: Field[] = [];
  const bios: Field[] = [];

  for (const f of cands) {
    if (f.kind === 'select') {
      if (pickerPlatformCount(f) >= 2 && ok(f)) pickers.add(f);
      continue;
    }
    if (technical(f)) continue;
    const b = f.both;
    if (f.kind !== 'textarea') {
      const p = detectPlatform(f);
      if (p) {
        // on the platform's own site, "pinterest.com/[name]" is this account's own user name, not a link elsewhere
        if (ok(f) && p !== ownPlatform) out.platforms.push({ field: f, platform: p });
        continue;
      }
      if (otherNetworks.has(f)) continue;
      if ((repeated(f) && pairRole(f) === 'label') || namedPair.get(f) === 'label') {
        if (ok(f)) labels.add(f);
        continue;
      }
      if (namedPair.get(f) === 'value') {
        if (ok(f)) slotFields.push(f);
        continue;
      }
      // "Website link" / a Website box whose hint says "add a link" is the one website field, not a slot
      // Fill policy 2 vs 3: a field whose own label or placeholder names the website ("Link" /
      // "Your website", "Blog" in a form named social[…]) is the one website field; it is a slot
      // only when its own words ask for several links.
      const ownWords = mergeBags(f.label, f.placeholder);
      const namesWebsite = bagHas(f.label.spaced.length > 1 ? ownWords : f.strong, K.website);
      const slotWords = bagHas(b, K.slots) && (namesWebsite ? bagHas(ownWords, K.slotsMany) : true);
      if (slotWords || (repeated(f) && (f.kind === 'url' || pairRole(f) === 'value' || bagHas(b, K.website)))) {
        if (ok(f)) slotFields.push(f);
        continue;
      }
      if (bagHas(f.strong, K.website) || f.kind === 'url' || f.autocomplete === 'url' || (bagHas(f.near, K.website) && !f.label.joined)) {
        if (ok(f)) websiteCands.push(f);
      }
      continue;
    }
    // textarea
    if (namedPair.get(f) === 'value') {
      if (ok(f)) slotFields.push(f);
    } else if (bagHas(mergeBags(f.label, f.placeholder, f.attr), K.slots) && !bagHas(f.label, K.bio)) {
      if (ok(f)) out.lists.push(f);
    } else if ((bagHas(b, K.bio) || (!f.label.joined && bagHas(f.cls, K.bioClass))) && ok(f)) bios.push(f);
  }

  // rows led by a network picker: the text/url input right after it
  const pickerFor = new Map<Field, Field>();
  for (const p of pickers) {
    const next = cands.find((f) => f.order > p.order && (f.kind === 'text' || f.kind === 'url') && closeRelatives(p.el, f.el) && ok(f));
    if (next && !technical(next) && !out.platforms.some((x) => x.field === next)) {
      pickerFor.set(next, p);
      if (!slotFields.includes(next)) slotFields.push(next);
      const wi = websiteCands.indexOf(next);
      if (wi >= 0) websiteCands.splice(wi, 1);
    }
  }
  // Two forms with their own website field are two profiles (the account's and, say, a company
  // page): the links go to one, the first in the page; the other form is left as it is.
  const formOf = (f: Field) => (f.el as HTMLInputElement).form ?? null;
  const profileForms = [...new Set(websiteCands.filter((f) => bagHas(f.strong, K.website)).map(formOf))];
  if (profileForms.length >= 2 && !profileForms.includes(null)) {
    // A second profile asks again for what the first asks for (the same platform, or its own
    // bio); a form that only adds other fields ("Blog", Twitter, Facebook) is the same profile's.
    const first = profileForms[0];
    const kindsOf = (form: HTMLFormElement | null) => {
      const ks = new Set<string>(out.platforms.filter((x) => formOf(x.field) === form).map((x) => x.platform));
      if (bios.some((x) => formOf(x) === form)) ks.add('bio');
      return ks;
    };
    const firstKinds = kindsOf(first ?? null);
    const others = new Set(profileForms.slice(1).filter((form) => [...kindsOf(form)].some((k) => firstKinds.has(k))));
    const keep = (f: Field) => !others.has(formOf(f));
    out.platforms = out.platforms.filter((x) => keep(x.field));
    out.lists = out.lists.filter(keep);
    for (const list of [slotFields, websiteCands, bios]) {
      const kept = list.filter(keep);
      list.length = 0;
      list.push(...kept);
    }
    for (const [f, p] of [...pickerFor]) if (!keep(f) || !keep(p)) pickerFor.delete(f);
    for (const l of [...labels]) if (!keep(l)) labels.delete(l);
  }
  slotFields.sort((a, b) => a.order - b.order);
  const usedLabels = new Set<Field>();
  for (const f of slotFields) {
    // the label input of the same row: the nearest one before, else after
    const near = [...labels]
      .filter((l) => !usedLabels.has(l) && closeRelatives(l.el, f.el))
      .sort((a, b) => (a.order < f.order ? 0 : 1) - (b.order < f.order ? 0 : 1) || Math.abs(a.order - f.order) - Math.abs(b.order - f.order));
    const label = near[0] ?? null;
    if (label) usedLabels.add(label);
    out.slots.push({ field: f, label, picker: pickerFor.get(f) ?? null });
  }
  // Fill policy 2, the one website field: named so (website/homepage/…), a URL by its type or
  // autofill token rather than its title half ("website_title" / "website_url").
  const websiteScore = (f: Field) =>
    (bagHas(f.strong, K.website) ? 2 : 0) + (f.kind === 'url' || f.autocomplete === 'url' ? 1 : 0) - (pairRole(f) === 'label' ? 4 : 0);
  out.website = websiteCands.reduce<Field | null>((best, f) => (!best || websiteScore(f) > websiteScore(best) ? f : best), null);

  const hasProfileSignal = out.platforms.length > 0 || out.slots.length > 0 || out.lists.length > 0 || !!out.website;
  const bio = bios[0] ?? null;
  if (bio) {
    const ctx = mergeBags(groupContext(groupOf(bio)), pageContext(doc));
    if (hasProfileSignal || bagHas(ctx, K.profileForm)) out.bio = bio;
  } else {
    const rich = findRichBio(fields, doc);
    if (rich && (hasProfileSignal || bagHas(mergeBags(groupContext(rich.closest('form') ?? doc), pageContext(doc)), K.profileForm))) out.richBio = rich;
  }
  return out;
}

function creationForms(fields: Field[]): Set<HTMLFormElement | null> {
  const out = new Set<HTMLFormElement | null>();
  const byForm = new Map<HTMLFormElement, Field[]>();
  for (const f of fields) {
    const form = (f.el as HTMLInputElement).form;
    if (!form) continue;
    let l = byForm.get(form);
    if (!l) byForm.set(form, (l = []));
    l.push(f);
  }
  for (const [form, list] of byForm) {
    const pw = list.filter((f) => f.kind === 'password');
    if (!pw.some(isNewPassword) || pw.some((f) => !isNewPassword(f))) continue;
    // the account's own identifier (by type, token or field name), not a platform's "X username"
    const ownId = (f: Field) =>
      f.kind === 'email' || saysUsernameToken(f) || /(^|[_[-])(user_?login|login|user_?name|e_?mail)\]?$/i.test(f.el.getAttribute('name') ?? '');
    const id = list.some((f) => identifierKinds.has(f.kind) && isEditable(f) && !f.el.value && ownId(f));
    if (id) out.add(form);
  }
  return out;
}

function namedPairs(cands: Field[]): Map<Field, 'label' | 'value'> {
  const out = new Map<Field, 'label' | 'value'>();
  const groups = new Map<string, Field[]>();
  for (const f of cands) {
    const m = /^(.+)\[([^\]]+)\]$/.exec(f.el.getAttribute('name') ?? '');
    if (!m) continue;
    let g = groups.get(m[1]!);
    if (!g) groups.set(m[1]!, (g = []));
    g.push(f);
  }
  for (const g of groups.values()) {
    if (g.length !== 2) continue;
    const last = (f: Field) => makeBag(/\[([^\]]+)\]$/.exec(f.el.getAttribute('name')!)![1]!);
    const [a, b] = g as [Field, Field];
    const role = (f: Field) => (bagHas(last(f), K.pairLabel) ? 'label' : bagHas(last(f), K.pairValue) ? 'value' : null);
    const ra = role(a);
    const rb = role(b);
    if (ra && rb && ra !== rb) {
      out.set(a, ra);
      out.set(b, rb);
    }
  }
  return out;
}

const EDITABLE = '[contenteditable]:not([contenteditable="false"])';

/** Words naming a contenteditable editor: ARIA, a <label for>, or the text just before it. */
function editableLabel(el: HTMLElement, d: Document): string {
  const parts = [el.getAttribute('aria-label'), el.getAttribute('aria-placeholder'), el.getAttribute('data-placeholder'), el.getAttribute('title')];
  for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/)) if (id) parts.push(d.getElementById(id)?.textContent ?? '');
  if (el.id) for (const l of Array.from(d.querySelectorAll('label'))) if (l.htmlFor === el.id) parts.push(l.textContent);
  // the heading/label text before the editor (or before its wrapper)
  let cur: Element | null = el;
  for (let i = 0; cur && i < 3 && !parts.some((p) => p && p.trim()); i++, cur = cur.parentElement) {
    const prev = cur.previousElementSibling;
    if (prev && !prev.querySelector('input, textarea, select')) parts.push(squash(prev.textContent, 80));
  }
  return parts.filter(Boolean).join(' ');
}

/** A visible contenteditable editor (its editing host) that says it is the bio. */
function findRichBio(fields: Field[], doc: Document): HTMLElement | null {
  const docs = new Set<Document>([doc]);
  for (const f of fields) docs.add(f.doc);
  for (const d of docs) {
    const list = d.querySelectorAll<HTMLElement>(EDITABLE);
    for (let i = 0; i < list.length && i < 20; i++) {
      const el = list[i]!;
      if (el.parentElement?.closest(EDITABLE)) continue; // inside another editor: not the editing host
      if (!bagHas(makeBag(editableLabel(el, d)), K.bio)) continue;
      const form = el.closest('form');
      if (form) {
        const ctx = groupContext(form);
        if (bagHas(ctx, K.foreignForm) && !bagHas(ctx, K.profileForm)) continue;
      }
      if (el.closest('[aria-disabled="true"], fieldset[disabled]')) continue;
      if (!createVisibilityChecker(d).isVisible(el)) continue;
      return el;
    }
  }
  return null;
}

export function analyzePage(fields: Field[], doc: Document): PageAnalysis {
  const { logins, newPasswordForms } = analyzeLogins(fields, doc);
  const { otp, refused } = analyzeOtp(fields);
  const profile = analyzeProfile(fields, doc);
  return { logins, otp, otpRefused: refused, profile, newPasswordForms };
}
