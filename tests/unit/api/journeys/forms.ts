/**
 * Plays the worker on a server-rendered journey site, from the HTML alone:
 * finds the form holding a field, keeps its hidden inputs (CSRF tokens,
 * form ids, `_method`), fills the given values and submits it the way a
 * browser would (to the form's action, resolved against the page URL).
 */
import { expect } from 'vitest';
import { totpNow } from '../../../sandbox/totp';
import type { Browser, Res } from './client';

const decode = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export interface ParsedForm {
  action: string;
  method: string;
  /** 'multipart/form-data' for forms with a file input, as browsers then send them. */
  enctype: string;
  /** What a browser would send as the form stands: [name, value] in document order. */
  controls: Array<[string, string]>;
}

/** The form that contains a control named `field`, with its successful controls. */
export function formWith(htmlText: string, field: string): ParsedForm | undefined {
  const forms = htmlText.match(/<form\b[\s\S]*?<\/form>/gi) ?? [];
  const form = forms.find((f) => f.includes(`name="${field}"`));
  if (!form) return undefined;
  const open = form.match(/<form\b[^>]*>/i)![0];
  const action = decode(open.match(/\baction="([^"]*)"/i)?.[1] ?? '');
  const method = (open.match(/\bmethod="([^"]*)"/i)?.[1] ?? 'get').toUpperCase();
  const enctype = (open.match(/\benctype="([^"]*)"/i)?.[1] ?? 'application/x-www-form-urlencoded').toLowerCase();
  const controls: Array<[string, string]> = [];
  const attr = (tag: string, a: string) => tag.match(new RegExp(`\\b${a}="([^"]*)"`, 'i'))?.[1];
  for (const m of form.matchAll(/<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/gi)) {
    const tag = m[0];
    const name = attr(tag, 'name');
    if (!name || /\bdisabled\b/i.test(tag.match(/^<[^>]*>/)![0])) continue;
    if (tag.startsWith('<textarea')) controls.push([decode(name), decode(m[1] ?? '')]);
    else if (tag.startsWith('<select')) {
      const opts = [...(m[2] ?? '').matchAll(/<option\b([^>]*)>/gi)];
      const sel = opts.find((o) => /\bselected\b/i.test(o[1]!)) ?? opts[0];
      controls.push([decode(name), decode(sel ? (attr(sel[0], 'value') ?? '') : '')]);
    } else {
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/i.test(tag)) continue;
      controls.push([decode(name), decode(attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''))]);
    }
  }
  return { action, method, enctype, controls };
}

/** Submits the form holding `field` on `page` (at `pagePath`), with `values` typed over it. */
export async function submit(b: Browser, page: Res, pagePath: string, field: string, values: Record<string, string>, extra: Array<[string, string]> = []): Promise<{ res: Res; path: string }> {
  const form = formWith(page.body, field);
  expect(form, `a form with ${field} on ${pagePath}`).toBeDefined();
  const body = new URLSearchParams();
  const done = new Set<string>();
  for (const [k, v] of form!.controls) {
    if (k in values) {
      if (!done.has(k)) body.append(k, values[k]!);
      done.add(k);
    } else body.append(k, v);
  }
  for (const [k, v] of Object.entries(values)) if (!done.has(k)) body.append(k, v);
  for (const [k, v] of extra) body.append(k, v);
  const target = new URL(form!.action || pagePath, `http://${b.host}${pagePath}`);
  const path = target.pathname + target.search;
  if (form!.enctype === 'multipart/form-data') return { res: await b.postMultipart(path, [...body]), path };
  return { res: await b.post(path, body), path };
}

/** Follows same-host redirects after a response; returns the final page and its path. */
export async function settle(b: Browser, res: Res, path: string): Promise<{ res: Res; path: string }> {
  for (let i = 0; i < 6 && res.status >= 300 && res.status < 400 && res.location; i++) {
    const next = new URL(res.location, `http://${b.host}${path}`);
    expect(next.host.split(':')[0], 'redirects stay on the site').toBe(b.host);
    path = next.pathname + next.search;
    res = await b.get(path);
  }
  return { res, path };
}

export interface LoginSpec {
  loginPath: string;
  loginFields: { identifier: string; password: string };
  twoFactor: { path: string; field: string } | null;
}

/**
 * Logs in through the site's own forms: the identifier and password (on one
 * page or two), then the one-time code when asked. Returns the landing page.
 */
export async function logIn(b: Browser, spec: LoginSpec, who: { identifier: string; password: string; twofa?: string }, opts: { code?: string; extra?: Array<[string, string]> } = {}): Promise<{ res: Res; path: string }> {
  let path = spec.loginPath;
  let res = await b.get(path);
  let lastKeys = '';
  for (let step = 0; step < 3; step++) {
    const values: Record<string, string> = {};
    const f = (name: string) => formWith(res.body, name);
    if (f(spec.loginFields.identifier)) values[spec.loginFields.identifier] = who.identifier;
    if (f(spec.loginFields.password)) values[spec.loginFields.password] = who.password;
    const codeField = spec.twoFactor?.field;
    if (codeField && f(codeField) && !Object.keys(values).length) values[codeField] = opts.code ?? totpNow(who.twofa ?? '');
    const key = Object.keys(values)[0];
    // No login field left, or the same form again (refused): stop.
    const keys = Object.keys(values).join('|');
    if (!key || keys === lastKeys) break;
    lastKeys = keys;
    const sent = await submit(b, res, path, key, values, step === 0 ? opts.extra : []);
    ({ res, path } = await settle(b, sent.res, sent.path));
  }
  return { res, path };
}

/** Every href and the visible text of a page, entities decoded, for "is this link shown" checks. */
export function shown(htmlText: string): string {
  const hrefs = [...htmlText.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1]!));
  const text = decode(htmlText.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ''));
  return `${hrefs.join('\n')}\n${text}`;
}

/** A 6-digit code that is not valid for `secret` now (nor one step either side). */
export function wrongCode(secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const valid = new Set([-60, -30, 0, 30, 60].map((d) => totpNow(secret, now + d)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}
