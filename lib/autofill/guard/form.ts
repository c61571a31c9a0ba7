/**
 * DESIGN "Security rules" › Forms: a password or a one-time code never goes
 * into a form that submits to another host, and such a form is never
 * submitted. Where a form submits: its `action` and the `formaction` of every
 * submit button it owns (buttons outside it with `form=` count too), each
 * resolved against the document's base URL like the browser does.
 */

/** True for a host the task's data may go to (the engine's own host rule: domain, hostReach, Google sign-in). */
export type HostRule = (host: string) => boolean;

/**
 * Read attributes, never properties: an input named `action` or `elements`
 * clobbers the form's own property of that name.
 */
function attr(el: Element, name: string): string | null {
  try {
    return Element.prototype.getAttribute.call(el, name);
  } catch {
    return el.getAttribute(name);
  }
}

/** One submission target, resolved; true when it stays on a host the rule allows. */
function targetAllowed(raw: string | null, doc: Document, allowed: HostRule): boolean {
  // No action (or an empty one) submits to the document's own URL, which is on the task's host.
  if (raw === null || raw.trim() === '') return true;
  let url: URL;
  try {
    url = new URL(raw.trim(), doc.baseURI || doc.URL);
  } catch {
    return false;
  }
  // javascript: runs in this page (whose scripts see the field anyway); nothing leaves with it.
  if (url.protocol === 'javascript:') return true;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false; // mailto:, data:, blob:, ftp:, …
  return allowed(url.hostname);
}

const SUBMIT_SEL = 'button, input';

/** The controls that submit `form`: its own and those that point at it with `form=`. */
function submitters(form: HTMLFormElement): Element[] {
  const doc = form.ownerDocument;
  const out: Element[] = [];
  for (const el of Array.from(form.querySelectorAll(SUBMIT_SEL))) out.push(el);
  const id = attr(form, 'id');
  if (id && doc) {
    for (const el of Array.from(doc.querySelectorAll(SUBMIT_SEL))) {
      if (attr(el, 'form') === id && !out.includes(el)) out.push(el);
    }
  }
  return out.filter((el) => {
    if (el.tagName === 'BUTTON') {
      const t = (attr(el, 'type') ?? 'submit').toLowerCase();
      return t === 'submit' || (t !== 'button' && t !== 'reset');
    }
    const t = (attr(el, 'type') ?? '').toLowerCase();
    return t === 'submit' || t === 'image';
  });
}

/** The form a field submits with (its `form` owner, which honours the `form=` attribute). */
export function formOf(el: Element): HTMLFormElement | null {
  const owner = (el as HTMLInputElement).form;
  if (owner && owner.tagName === 'FORM') return owner;
  return null;
}

/**
 * True when submitting the form that `el` belongs to could send it to a host
 * the rule does not allow. A field outside any form submits nowhere by itself.
 */
export function submitsOffHost(el: Element, allowed: HostRule): boolean {
  const form = formOf(el);
  if (!form) return false;
  const doc = form.ownerDocument;
  if (!targetAllowed(attr(form, 'action'), doc, allowed)) return true;
  for (const b of submitters(form)) {
    if (!targetAllowed(attr(b, 'formaction'), doc, allowed)) return true;
  }
  return false;
}
