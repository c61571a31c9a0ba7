/**
 * Text normalisation and keyword matching ("keyword bags").
 *
 * Field text is folded to lower-case ASCII-ish tokens: accents stripped
 * ("mật khẩu" → "mat khau"), camelCase and punctuation split. A keyword
 * matches either as a whole token sequence (short or ambiguous words, written
 * with a leading "=") or inside the joined, space-free text (long words, so
 * "twitterHandle" and "user[website_url]" still match).
 */

const ASCII_RE = /^[\x20-\x7e]*$/;
// every UTF-16 unit below 0x80 (written without control characters in the class)
const ASCII7_RE = /^[^\u0080-\uffff]*$/;

// Pages repeat the same label, placeholder and name text many times (rows, tables,
// lists of 1,000 inputs): memoised, bounded so a long-lived page cannot grow it forever.
const MEMO_MAX = 4000;
const memo = [new Map<string, string>(), new Map<string, string>()] as const;

export function normalizeText(raw: string, splitCamel = false): string {
  if (!raw) return '';
  const m = memo[splitCamel ? 1 : 0];
  let out = m.get(raw);
  if (out === undefined) {
    if (m.size >= MEMO_MAX) m.clear();
    out = normalizeUncached(raw, splitCamel);
    m.set(raw, out);
  }
  return out;
}

function normalizeUncached(raw: string, splitCamel: boolean): string {
  let v = splitCamel ? raw.replace(/([a-z\d])([A-Z])/g, '$1 $2') : raw;
  // accents only exist outside ASCII: skip the Unicode work for plain ASCII text
  if (!ASCII_RE.test(v)) v = v.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
  // 7-bit text: letters and digits are exactly a-z and 0-9 once lower-cased (same result, no Unicode classes)
  if (ASCII7_RE.test(v)) return v.toLowerCase().replace(/@/g, ' @ ').replace(/[^a-z0-9@]+/g, ' ').trim();
  return v
    .toLowerCase()
    .replace(/@/g, ' @ ')
    .replace(/[^\p{L}\p{N}@]+/gu, ' ')
    .trim();
}

export interface Bag {
  /** " tok tok tok " with spaces at both ends. */
  spaced: string;
  /** Tokens without spaces. */
  joined: string;
}

/**
 * Bag for identifiers (name, id, class): both the camelCase-split form
 * ("twitterHandle" → "twitter handle") and the whole word ("userGitHub"), so
 * brand names written in camel case ("GitHub", "LinkedIn") still match.
 */
export function makeIdBag(...parts: (string | null | undefined)[]): Bag {
  const raw = parts.filter(Boolean).join(' ');
  const a = normalizeText(raw);
  const b = normalizeText(raw, true);
  const n = a === b ? a : `${a} ${b}`;
  if (!n) return EMPTY_BAG;
  return { spaced: ` ${n} `, joined: n.replace(/ /g, '') };
}

export const EMPTY_BAG: Bag = { spaced: ' ', joined: '' };

export function makeBag(...parts: (string | null | undefined)[]): Bag {
  const n = normalizeText(parts.filter(Boolean).join(' '));
  if (!n) return EMPTY_BAG;
  return { spaced: ` ${n} `, joined: n.replace(/ /g, '') };
}

export function mergeBags(...bags: Bag[]): Bag {
  // Every bag is " tok … tok " (or EMPTY_BAG's " "), so plain concatenation gives the merged form.
  let spaced = ' ';
  let joined = '';
  let parts = 0;
  let only: Bag = EMPTY_BAG;
  for (const b of bags) {
    if (b.spaced.length <= 1) continue;
    spaced += b.spaced.slice(1);
    joined += b.joined;
    only = b;
    parts++;
  }
  if (parts === 0) return EMPTY_BAG;
  return parts === 1 ? only : { spaced, joined };
}

interface Kw {
  token: boolean;
  text: string;
}

export interface KeywordList {
  readonly items: readonly Kw[];
  /** All items compiled into one expression over Bag.spaced. */
  readonly re: RegExp;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(items: readonly Kw[]): RegExp {
  const tokens: string[] = [];
  const subs: string[] = [];
  for (const k of items) {
    if (!k.text) continue;
    const joined = k.text.replace(/ /g, '');
    if (k.token) {
      tokens.push(esc(k.text));
      if (joined !== k.text) tokens.push(esc(joined));
    } else {
      // inside one token ("twitterhandle") or as the written phrase; never across token boundaries
      subs.push(esc(k.text));
      if (joined !== k.text) subs.push(esc(joined));
    }
  }
  const parts: string[] = [];
  if (tokens.length) parts.push(` (?:${tokens.join('|')})(?= )`);
  if (subs.length) parts.push(`(?:${subs.join('|')})`);
  return parts.length ? new RegExp(parts.join('|')) : /(?!)/;
}

/**
 * Compile a keyword list. "=word" (or any word of 4 letters or fewer) matches
 * whole tokens only; longer words, and any "~word", also match inside tokens.
 */
export function kw(...words: string[]): KeywordList {
  const items = words.map((w) => {
    const token = w.startsWith('=');
    // "~word": always inside a token (CJK text has no spaces between words, and short words there are specific)
    const inner = w.startsWith('~');
    const text = normalizeText(token || inner ? w.slice(1) : w);
    return { token: !inner && (token || text.replace(/ /g, '').length <= 4), text };
  });
  return { items, re: compile(items) };
}

export function bagHas(bag: Bag, list: KeywordList): boolean {
  return bag.spaced.length > 1 && list.re.test(bag.spaced);
}

/** Collapse whitespace and cut. */
export function squash(s: string | null | undefined, max = 200): string {
  if (!s) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) : t;
}
