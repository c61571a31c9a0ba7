/**
 * What to write for a link in a given field: the full URL, or the handle
 * (with or without "@") when the field asks for one or cannot hold the URL.
 */
import type { ClassifiedLink } from '../../links';
import { platformForHost } from '../../links';
import { K, bagHas, mergeBags, type Field } from '../detect';

const NO_AT_RE = /(without|no|ohne|sans|sin|sem|khong co|không có|bỏ)\s*(the\s*)?["'“(]?@/i;
const HOST_IN_TEXT_RE = /(https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})\//gi;

export function patternAccepts(el: Element, value: string): boolean {
  const p = el.getAttribute('pattern');
  if (!p) return true;
  for (const flags of ['v', 'u']) {
    try {
      return new RegExp(`^(?:${p})$`, flags).test(value);
    } catch {
      /* try the next flag set */
    }
  }
  return true; // an invalid pattern is ignored by browsers too
}

/** Does the field ask for a handle rather than a URL? */
export function prefersHandle(f: Field): boolean {
  if (f.kind === 'url' || f.autocomplete === 'url') return false;
  const prefix = f.prefix.trim();
  if (/[@/]$/.test(prefix)) return true;
  const placeholder = (f.el.getAttribute('placeholder') ?? '').trim().toLowerCase();
  if (/^(https?:|www\.)/.test(placeholder) || placeholder.includes('://')) return false;
  if (placeholder.startsWith('@')) return true;
  // help text such as "linkedin.com/in/yourname" shows the prefix the site adds
  let sawSchemeless = false;
  let sawScheme = false;
  for (const m of f.raw.matchAll(HOST_IN_TEXT_RE)) {
    if (!platformForHost(m[2]!)) continue;
    if (m[1]) sawScheme = true;
    else sawSchemeless = true;
  }
  if (sawScheme) return false;
  if (sawSchemeless) return true;
  const says = bagHas(mergeBags(f.label, f.placeholder, f.near), K.handle) || bagHas(f.attr, K.handleAttr);
  if (says && !bagHas(mergeBags(f.label, f.placeholder), K.url)) return true;
  return false;
}

/** Should a handle be written with its "@"? */
export function wantsAt(f: Field): boolean {
  if (NO_AT_RE.test(f.raw)) return false;
  // A URL prefix beside the field ("https://x.com/") or an "@" already shown there
  // means the site builds the address itself: "x.com/@name" would be wrong.
  if (/[@/]\s*$/.test(f.prefix)) return false;
  const placeholder = (f.el.getAttribute('placeholder') ?? '').trim();
  if (placeholder.startsWith('@')) return true;
  const pattern = f.el.getAttribute('pattern') ?? '';
  // "^@…" requires the @; "@?…" merely tolerates it.
  if (/^\^?@(?![?*])/.test(pattern)) return true;
  return /(^|\s|\()@[a-z]/i.test(f.raw);
}

export type LinkValue = { value: string } | { reason: 'too_long' | 'invalid' };

export function valueForLink(f: Field, link: ClassifiedLink): LinkValue {
  const handle = link.handle ? (wantsAt(f) ? `@${link.handle}` : link.handle) : null;
  const handleFirst = prefersHandle(f);
  // A field that asks for a handle never gets a URL; a URL field falls back to the
  // handle only when its own constraints (maxlength, pattern) refuse the URL.
  const order = handleFirst ? [handle] : [link.url, f.kind === 'url' ? null : handle];
  let tooLong = false;
  for (const v of order) {
    if (!v) continue;
    if (f.maxLength >= 0 && v.length > f.maxLength) {
      tooLong = true;
      continue;
    }
    if (!patternAccepts(f.el, v)) continue;
    return { value: v };
  }
  return { reason: tooLong ? 'too_long' : 'invalid' };
}

/** Append lines to a text, skipping ones already present, keeping within maxLength (whole lines only). */
export function appendLines(current: string, lines: string[], maxLength: number): { value: string; added: string[]; tooLong: string[] } {
  let value = current;
  const added: string[] = [];
  const tooLong: string[] = [];
  for (const line of lines) {
    const sep = value && !value.endsWith('\n') ? '\n' : '';
    const next = `${value}${sep}${line}`;
    if (maxLength >= 0 && next.length > maxLength) {
      tooLong.push(line);
      continue;
    }
    value = next;
    added.push(line);
  }
  return { value, added, tooLong };
}

export { mergeBags };
