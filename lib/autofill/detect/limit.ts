import type { FieldEl } from './fields';

/**
 * Fill policy 6 ("`maxlength` is respected: only whole links that fit are
 * written"): a length limit the page states in words beside the field is a
 * limit like `maxlength` — "Recommended: 250 characters" (Ghost's bio, whose
 * API refuses a longer one and with it the whole save), "max. 160
 * characters", "tối đa 200 ký tự", a live "78/200" counter, "122 characters
 * left". Read from the field's own hint: its placeholder and title, the text
 * its aria-describedby names, and the text of the block that holds this field
 * and no other (label and hint around it, never the field's own value).
 * -1 when nothing is stated.
 */
export function statedLimit(el: FieldEl): number {
  const parts = [el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? ''];
  const doc = el.ownerDocument;
  for (const id of (el.getAttribute('aria-describedby') ?? '').split(/\s+/)) {
    const t = id ? doc.getElementById(id) : null;
    if (t) parts.push((t.textContent ?? '').slice(0, 300));
  }
  parts.push(blockText(el));
  return limitIn(parts.join(' \n '), el.value.length);
}

const FIELDS = 'input:not([type=hidden]), textarea, select, [contenteditable]';
const BLOCK_STOP = new Set(['FORM', 'BODY', 'HTML', 'TABLE', 'FIELDSET']);

/** Text of the largest ancestor (up to three levels) that holds this field and no other, without the field's own text. */
function blockText(el: Element): string {
  let block: Element | null = null;
  for (let a = el.parentElement, level = 0; a && level < 3 && !BLOCK_STOP.has(a.tagName); a = a.parentElement, level++) {
    if (a.querySelectorAll(FIELDS).length > 1) break;
    block = a;
  }
  if (!block) return '';
  const out: string[] = [];
  let len = 0;
  const walker = el.ownerDocument.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n && len < 400; n = walker.nextNode()) {
    if (el.contains(n)) continue;
    const p = n.parentElement;
    if (p && (p.tagName === 'SCRIPT' || p.tagName === 'STYLE' || p.tagName === 'OPTION')) continue;
    const t = n.textContent ?? '';
    out.push(t);
    len += t.length;
  }
  return out.join(' ');
}

const UNIT = String.raw`(?:characters?|chars?|letters?|ký tự|kí tự|zeichen|caract[eè]res?|caracteres?|символ(?:а|ов)?|znak(?:ów|i)?)`;
const BEFORE = String.raw`(?:max(?:imum|imal)?\.?|up to|at most|no more than|not more than|limit(?:ed)?(?: to)?|recommended|tối đa|không quá|höchstens|bis zu|jusqu'à|au plus|máximo(?: de)?|hasta|até|не более|максимум|до)`;
const AFTER = String.raw`(?:max(?:imum)?|or (?:less|fewer)|limit|tối đa|trở xuống|höchstens|maximal|como máximo|no máximo|максимум)`;
const LEFT = String.raw`(?:left|remaining|còn lại|übrig|verbleibend|restants?|restantes?|осталось)`;
const PATTERNS: { re: RegExp; limit: (m: RegExpExecArray, used: number) => number | null }[] = [
  // "max 160 characters", "Recommended: 250 characters", "tối đa 200 ký tự", "не более 300 символов"
  { re: new RegExp(String.raw`(?<!\p{L})${BEFORE}[\s:：.(]*(\d{1,6})\s*${UNIT}`, 'giu'), limit: (m) => Number(m[1]) },
  // "160 characters max", "200 ký tự trở xuống", "a 300-character limit"
  { re: new RegExp(String.raw`(\d{1,6})[\s-]*${UNIT}\s*${AFTER}`, 'giu'), limit: (m) => Number(m[1]) },
  // "122 characters left" (with what the field holds now)
  { re: new RegExp(String.raw`(\d{1,6})\s*${UNIT}\s*${LEFT}`, 'giu'), limit: (m, used) => used + Number(m[1]) },
  { re: new RegExp(String.raw`(?:còn lại|осталось)\s*:?\s*(\d{1,6})`, 'giu'), limit: (m, used) => used + Number(m[1]) },
  // A live counter "78/200" or "78 / 200": its first number is the field's length now.
  { re: /(?<![\d/.:-])(\d{1,6})\s*\/\s*(\d{1,6})(?![\d/.:-])/g, limit: (m, used) => (Number(m[1]) === used && Number(m[2]) >= used ? Number(m[2]) : null) },
];

/** The smallest limit the text states (-1: none). `used` = the field's length now (counters count it). */
export function limitIn(text: string, used: number): number {
  let best = -1;
  const t = text.replace(/\s+/g, ' ').slice(0, 1_000);
  for (const { re, limit } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const n = limit(m, used);
      if (n !== null && n > 0 && (best < 0 || n < best)) best = n;
    }
  }
  return best;
}

/** The limit a write must keep: `maxlength` and a stated limit, the smaller one (-1: none). */
export function effectiveLimit(maxLength: number, el: FieldEl): number {
  const stated = statedLimit(el);
  if (stated < 0) return maxLength;
  return maxLength < 0 ? stated : Math.min(maxLength, stated);
}
