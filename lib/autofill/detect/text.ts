/**
 * Text normalisation and keyword matching ("keyword bags").
 *
 * Field text is folded to lower-case ASCII-ish tokens: accents stripped
 * ("mật khẩu" → "mat khau"), camelCase and punctuation split. A keyword
 * matches either as a whole token sequence (short or ambiguous words, written
 * with a leading "=") or inside the joined, space-free text (long words, so
 * "twitterHandle" and "user[website_url]" still match).
 */

export function normalizeText(raw: string, splitCamel = false): string {
  if (!raw) return '';
  return (splitCamel ? raw.replace(/([a-z\d])([A-Z])/g, '$1 $2') : raw)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
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
  const spaced = bags.map((b) => b.spaced.trim()).filter(Boolean).join(' ');
  return spaced ? { spaced: ` ${spaced} `, joined: spaced.replace(/ /g, '') } : EMPTY_BAG;
}

interface Kw {
  token: boolean;
  text: string;
}

export type KeywordList = readonly Kw[];

/**
 * Compile a keyword list. "=word" (or any word of 4 letters or fewer) matches
 * whole tokens only; longer words also match inside identifiers.
 */
export function kw(...words: string[]): KeywordList {
  return words.map((w) => {
    const token = w.startsWith('=');
    const text = normalizeText(token ? w.slice(1) : w);
    return { token: token || text.replace(/ /g, '').length <= 4, text };
  });
}

function matches(bag: Bag, k: Kw): boolean {
  if (!k.text) return false;
  const joined = k.text.replace(/ /g, '');
  if (k.token) return bag.spaced.includes(` ${k.text} `) || (joined !== k.text && bag.spaced.includes(` ${joined} `));
  // Inside one token ("twitterhandle") or as the written phrase; never across token boundaries.
  return bag.spaced.includes(k.text) || bag.spaced.includes(joined);
}

export function bagHas(bag: Bag, list: KeywordList): boolean {
  for (const k of list) if (matches(bag, k)) return true;
  return false;
}

/** How many keywords of the list match (for scoring). */
export function bagCount(bag: Bag, list: KeywordList): number {
  let n = 0;
  for (const k of list) if (matches(bag, k)) n++;
  return n;
}

/** Collapse whitespace and cut. */
export function squash(s: string | null | undefined, max = 200): string {
  if (!s) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) : t;
}
