/**
 * One detect + fill pass, the per-page memory of what we wrote, and undo.
 *
 * Refill rules (per page, i.e. per Document):
 * - a field the worker edited (any input/change event we did not dispatch)
 *   is never written again, not even by *fill again* (`force`);
 * - a field still holding our value is left alone on automatic passes
 *   (re-written only when the value to write changed, e.g. a new TOTP code),
 *   and re-written with the full event sequence when `force` is set;
 * - a field whose value the page itself changed after our write (no input
 *   event seen) is left alone automatically, and refilled with `force`.
 */
import type { PageFillData } from '../messaging';
import { hostMatchesDomain, isGoogleSignInHost } from '../domain';
import { getPlatform, linkKey, linkSiteName, prepareLinks, type ClassifiedLink } from '../links';
import { LinkAllocator, Writer, type WrittenRecord } from './kinds';
import { effectiveLimit } from './detect/limit';
import { analyzePage, editorPageBio, collectFields, K, makeBag, bagHas, type Field, type FieldEl } from './detect';
import { appendEditable, appendLines, replayCommits, editableText, isOurDispatch, markFilled, prefersHandle, setNativeValue, submitForm, unmarkFilled, valueForLink, writeSelect, writeText } from './fill';
import { submitsOffHost } from './guard';

export type FilledRole = 'identifier' | 'password' | 'otp' | 'website' | 'platform' | 'link-slot' | 'bio';

export interface FilledField {
  role: FilledRole;
  label: string;
  /** Password/OTP values are masked as ••••. */
  value: string;
}

export type NotFilledReason = 'no_field' | 'too_long' | 'unsafe' | 'invalid' | 'already_present';

export interface AutofillResult {
  page: 'login' | 'otp' | 'profile' | 'other';
  filled: FilledField[];
  notFilled: { value: string; reason: NotFilledReason }[];
  submitted: boolean;
  /** The page shows a visible one-time-code field: the caller asks for the code (lib/page, `getOneTimeCode`). */
  codeField?: boolean;
  /** Policy 4: the bio waits for the editor's links tab to be shown (it then gets what that tab's fields did not take). */
  bioWaits?: boolean;
}

type Written = WrittenRecord;

interface PageState {
  written: Map<FieldEl, Written>;
  touched: WeakSet<Element>;
  /** Undone by the worker: refilled only by *fill again*. */
  undone: WeakSet<Element>;
  listening: WeakSet<Document>;
  submitted: WeakSet<Element>;
  /** Rich-text bios we appended to: the editor's text after our write and the nodes we added. */
  rich: Map<HTMLElement, { text: string; nodes: Node[] }>;
  /** Link tabs (role=tab) this page has shown selected: the bio waits until they have been. */
  shownTabs: WeakSet<Element>;
}

const states = new WeakMap<Document, PageState>();
const MASK = '••••';

function stateFor(doc: Document): PageState {
  let s = states.get(doc);
  if (!s) {
    s = { written: new Map(), touched: new WeakSet(), undone: new WeakSet(), listening: new WeakSet(), submitted: new WeakSet(), rich: new Map(), shownTabs: new WeakSet() };
    states.set(doc, s);
  }
  return s;
}

/** Remember fields the worker edits: any input/change we did not dispatch ourselves. */
function listen(state: PageState, doc: Document): void {
  if (state.listening.has(doc)) return;
  state.listening.add(doc);
  const onEdit = (e: Event) => {
    if (isOurDispatch()) return;
    const t = (e.composedPath?.()[0] ?? e.target) as Element | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) state.touched.add(t);
    else if (t?.closest) {
      // typing in a rich-text editor: the editing host is the field
      const host = t.closest('[contenteditable]:not([contenteditable="false"])');
      if (host) state.touched.add(host);
    }
  };
  doc.addEventListener('input', onEdit, true);
  doc.addEventListener('change', onEdit, true);
}

function docHost(doc: Document): string {
  try {
    return doc.location?.hostname ?? '';
  } catch {
    return '';
  }
}

/** A document's effective host: about:blank / srcdoc frames inherit their parent's origin. */
function effectiveHost(doc: Document, parentHost: string): string {
  let href: string;
  try {
    href = doc.location?.href ?? '';
  } catch {
    return '';
  }
  if (href.startsWith('about:')) return parentHost;
  return docHost(doc);
}

function hostAllowed(host: string, data: PageFillData): boolean {
  if (!host) return false;
  return data.scope === 'gmail' ? isGoogleSignInHost(host) : hostMatchesDomain(host, data.domain, data.hostReach);
}

/** Start noticing the worker's own edits on this page (before the first fill, too). */
export function trackEdits(doc: Document): void {
  listen(stateFor(doc), doc);
}

const empty = (): AutofillResult => ({ page: 'other', filled: [], notFilled: [], submitted: false });


/** Empty, or only the scheme a site pre-fills as a hint ("http://", "https://www."). */
function blank(v: string): boolean {
  return /^\s*(https?:\/\/(www\.)?)?\s*$/i.test(v);
}

export function autofillDocument(doc: Document, data: PageFillData, opts: { force?: boolean } = {}): AutofillResult {
  const result = empty();
  const topHost = docHost(doc);
  if (!data || !hostAllowed(topHost, data)) return result;
  const force = !!opts.force;
  const state = stateFor(doc);
  listen(state, doc);

  const fields = collectFields(doc, {
    // same-origin frames only (cross-origin ones cannot be read at all), and only of the task's domain
    allowFrame: (fd) => hostAllowed(effectiveHost(fd, topHost), data),
  });
  for (const f of fields) if (f.doc !== doc) listen(state, f.doc);
  adoptRerendered(state, fields);
  const analysis = analyzePage(fields, doc);
  // filling focuses each field in turn; give the worker's caret back afterwards
  const focused = doc.activeElement as HTMLElement | null;

  const onHost = (host: string) => hostAllowed(host, data);
  const writer = new Writer(state, result.filled, force, onHost);
  const put: Put = (f, role, value, shown) => writer.put(f, role, value, shown);

  // ---- login ----
  const isGmail = data.scope === 'gmail';
  let submitFrom: Element | null = null;
  for (const login of analysis.logins) {
    let wrote = false;
    if (login.identifier) {
      const id = isGmail ? data.email : login.emailOnly ? data.email || data.username : data.username || data.email;
      if (id) wrote = put(login.identifier, 'identifier', id) || wrote;
    }
    if (login.password && data.password) {
      if (put(login.password, 'password', data.password, MASK)) submitFrom = login.password.el;
    } else if (wrote && !login.password && login.identifier) {
      submitFrom ??= login.identifier.el;
    }
  }

  // ---- one-time code ----
  if (analysis.otp.length) result.codeField = true;
  const code = data.totp?.code ?? '';
  /** The code step's form: submitted (with auto-submit) only when it holds the whole code. */
  let codeFrom: Element | null = null;
  if (code) {
    for (const t of analysis.otp) {
      if (t.split) {
        if (t.fields.length !== code.length) continue;
        const all = t.fields.map((f, i) => put(f, 'otp', code[i]!, '•')).every(Boolean);
        if (all) codeFrom ??= t.fields[t.fields.length - 1]!.el;
      } else {
        const f = t.fields[0]!;
        if (f.maxLength >= 0 && f.maxLength < code.length) continue;
        if (put(f, 'otp', code, MASK)) codeFrom ??= f.el;
      }
    }
  }

  // ---- profile ----
  const p = analysis.profile;
  if (!p.bio && !p.richBio) p.bio = editorPageBio(fields, doc, data.journey?.editorUrl);
  const isProfile = !isGmail && (p.platforms.length > 0 || p.slots.length > 0 || p.lists.length > 0 || !!p.website || !!p.bio || !!p.richBio);
  if (isProfile) {
    noteShownLinkTabs(doc, state);
    fillProfile(p, data, result, put, writer, state);
  }

  if (analysis.otp.length && result.filled.some((f) => f.role === 'otp')) result.page = 'otp';
  else if (analysis.logins.length) result.page = 'login';
  else if (analysis.otp.length) result.page = 'otp';
  else if (isProfile) result.page = 'profile';

  if (focused && focused !== doc.body && focused.isConnected && doc.activeElement !== focused && result.filled.length) {
    try {
      focused.focus({ preventScroll: true });
    } catch {
      /* not focusable any more */
    }
  }

  // Fill policy, login: "submitting stays the worker's click unless they turn auto-submit on".
  // Submit once per step: each step (a new page, the password after the identifier, a new
  // code form) is submitted once; the code step is a step like the others. A step already
  // submitted is never submitted again (a refreshed TOTP code in the same field is not a new step).
  const stepFrom = result.page === 'login' ? submitFrom : result.page === 'otp' ? codeFrom : null;
  // DESIGN "Security rules" › Forms: never submit a form that posts off the task's domain.
  if (data.autoSubmitLogin && stepFrom && !state.submitted.has(stepFrom) && !submitsOffHost(stepFrom, onHost)) {
    state.submitted.add(stepFrom);
    result.submitted = submitForm(stepFrom);
  }
  // Fill policy, events ("also those that only commit a field on blur"): a blur commit the
  // next field's handler overwrote before the page rendered it is made again, one field per task.
  if (result.page === 'profile' && !result.submitted) replayCommits(writer.wrote);
  return result;
}

type Put = (f: Field, role: FilledRole, value: string, shown?: string) => boolean;

function fillProfile(
  p: ReturnType<typeof analyzePage>['profile'],
  data: PageFillData,
  result: AutofillResult,
  put: Put,
  writer: Writer,
  state: PageState,
): void {
  const decide = (f: Field, v: string) => writer.decide(f, v);
  const force = writer.force;
  const prepared = prepareLinks(data.links ?? []);
  for (const r of prepared.rejected) {
    if (r.reason === 'duplicate') continue;
    result.notFilled.push({ value: r.value, reason: r.reason === 'unsafe_scheme' ? 'unsafe' : 'invalid' });
  }
  const links = prepared.links;
  const alloc = new LinkAllocator(links);
  const valueHas = (value: string, l: ClassifiedLink) => alloc.has(value, l);
  // Fill policy 3–4, "each once": a link this page already took into one of our fields that its
  // tab has since unmounted (an inactive tab's panel holds no inputs) stays placed.
  for (const [el, rec] of state.written) {
    if (el.isConnected || el.ownerDocument.defaultView === null || rec.role === 'bio') continue;
    for (const l of links) if (valueHas(rec.written, l) || (!!l.handle && rec.written.replace(/^@/, '').toLowerCase() === l.handle.toLowerCase())) alloc.place(l);
  }

  // 1. platform fields
  for (const { field, platform } of p.platforms) {
    const link = links.find((l) => l.platform === platform);
    if (!link) continue; // no link for that platform: left as it is
    const cur = blank(field.el.value) ? '' : field.el.value.trim();
    const mine = state.written.get(field.el)?.written;
    if (cur && cur !== mine && (valueHas(cur, link) || (link.handle && cur.replace(/^@/, '').toLowerCase() === link.handle.toLowerCase()))) {
      alloc.found(link);
      continue;
    }
    const v = valueForLink(field, link);
    if ('reason' in v) {
      if (v.reason === 'too_long') alloc.tooLong(link);
      continue;
    }
    if (put(field, 'platform', v.value)) alloc.place(link);
  }

  // 2. the website field: the customer's website, only when empty
  if (p.website && data.website) {
    const w = prepareLinks([data.website]).links[0];
    const f = p.website;
    if (!w) {
      result.notFilled.push({ value: data.website, reason: /^\s*[a-z][a-z0-9+.-]*:/i.test(data.website) && !/^\s*https?:/i.test(data.website) ? 'unsafe' : 'invalid' });
    } else if (f.maxLength >= 0 && w.url.length > f.maxLength) {
      result.notFilled.push({ value: w.url, reason: 'too_long' });
    } else {
      const cur = f.el.value.trim();
      const ours = state.written.get(f.el);
      if (blank(cur) || (ours && cur === ours.written)) put(f, 'website', w.url);
    }
    // a task link equal to the website is already on the page
    if (w) for (const l of links) if (!alloc.isPlaced(l) && linkKey(l.url) === linkKey(w.url) && f.el.value) alloc.place(l);
  }

  // links already present anywhere in the profile's link fields count as placed
  const linkFields = [...p.slots.map((s) => s.field), ...p.lists, ...(p.bio ? [p.bio] : [])];
  for (const l of links) {
    if (alloc.isPlaced(l)) continue;
    if (linkFields.some((f) => valueHas(f.el.value, l) && state.written.get(f.el)?.written !== f.el.value)) alloc.found(l);
  }

  // 3. generic link slots, in order
  const remaining = () => alloc.remaining();
  for (const slot of p.slots) {
    const f = slot.field;
    const cur = blank(f.el.value) ? '' : f.el.value.trim();
    const rec = state.written.get(f.el);
    if (cur && (!rec || cur !== rec.written)) continue; // holds someone's value
    // a picker row whose input asks for a username gets the handle of the picked network
    const handleRow = !!slot.picker && prefersHandle(f);
    const sameHandle = (l: ClassifiedLink) => !!l.handle && cur.replace(/^@/, '').toLowerCase() === l.handle.toLowerCase();
    // already ours: keep the same link there
    const candidates = rec && cur === rec.written ? links.filter((l) => l.url === cur || valueHas(cur, l) || (handleRow && sameHandle(l))) : remaining();
    for (const link of candidates) {
      let value = link.url;
      if (handleRow) {
        if (!link.platform) continue; // a handle means nothing without its network
        const v = valueForLink(f, link);
        if ('reason' in v) {
          if (v.reason === 'too_long') alloc.tooLong(link);
          continue;
        }
        value = v.value;
      }
      if (f.maxLength >= 0 && value.length > f.maxLength) {
        alloc.tooLong(link);
        continue;
      }
      let pickIndex = -1;
      if (slot.picker) {
        pickIndex = pickerIndex(slot.picker.el as HTMLSelectElement, link, !handleRow);
        if (pickIndex < 0) continue; // never save a URL under the wrong network
      }
      if (decide(f, value) === 'skip') break;
      if (!put(f, 'link-slot', value)) break;
      alloc.place(link);
      if (slot.picker && pickIndex >= 0) writePicker(slot.picker, pickIndex, state);
      if (slot.label) {
        const name = link.platform ? getPlatform(link.platform).name : linkSiteName(link);
        const lc = slot.label.el.value.trim();
        const lrec = state.written.get(slot.label.el);
        if (!lc || (lrec && lc === lrec.written)) put(slot.label, 'link-slot', name);
      }
      break;
    }
  }

  /** A contenteditable bio: the same rule, written once; left alone once the worker or the page changed it. */
  const appendRich = (el: HTMLElement) => {
    if (state.touched.has(el)) return;
    if (state.undone.has(el)) {
      if (!force) return;
      state.undone.delete(el);
    }
    const label = (el.getAttribute('aria-label') ?? '').trim() || 'Bio';
    const cur = editableText(el);
    const rec = state.rich.get(el);
    if (rec) {
      if (cur !== rec.text) return;
      for (const l of remaining()) if (valueHas(cur, l)) alloc.place(l);
      result.filled.push({ role: 'bio', label, value: '' });
      return;
    }
    for (const l of remaining()) if (valueHas(cur, l)) alloc.found(l);
    const rest = remaining();
    if (!rest.length) return;
    const nodes = appendEditable(el, rest.map((l) => l.url));
    if (!nodes) return;
    state.rich.set(el, { text: editableText(el), nodes });
    for (const l of rest) alloc.place(l);
    result.filled.push({ role: 'bio', label, value: rest.map((l) => l.url).join('\n') });
    markFilled(el);
  };

  // 4. list boxes ("one URL per line"), then the bio
  const appendTo = (f: Field, role: FilledRole) => {
    const rec = state.written.get(f.el);
    if (state.touched.has(f.el) || (rec && f.el.value !== rec.written)) return;
    // Recompute from the field's own text before our write, so passes are idempotent.
    const base = rec ? rec.original : f.el.value;
    const rest = remaining().filter((l) => !valueHas(base, l));
    if (!rest.length) {
      // Fill policy 3–4, "each once": the links we appended here on an earlier pass went to a
      // field earlier in the order this time (a list the page rendered late): give the text back.
      if (rec) restoreOwn(f.el, rec, state);
      return;
    }
    // Fill policy 6: a limit stated beside the field ("Recommended: 250 characters", "78/200") counts like maxlength.
    const { value, added, tooLong: tl } = appendLines(base, rest.map((l) => l.url), effectiveLimit(f.maxLength, f.el));
    for (const l of rest) if (tl.includes(l.url)) alloc.tooLong(l);
    if (!added.length) return;
    if (put(f, role, value)) {
      for (const l of rest) if (added.includes(l.url)) alloc.place(l);
    }
  };
  for (const f of p.lists) appendTo(f, 'link-slot');
  if (p.bio && data.appendLinksToBio && linksTabUnseen(p.bio.el, state)) result.bioWaits = true;
  else if (p.bio && data.appendLinksToBio) appendTo(p.bio, 'bio');
  else if (p.richBio && data.appendLinksToBio) appendRich(p.richBio);

  result.notFilled.push(...alloc.report());
}

/** Tab labels that say the link fields are behind them (the journey's editor-part words). */
const LINK_TAB_WORDS = /social|links?\b|networks?|mạng xã hội|liên kết|réseaux|soziale|redes|sociais|соц/i;

/**
 * Fill policy 4, the bio gets "the links still unplaced": while the editor holding the bio
 * shows an ARIA tab whose label says social / links and that this page has never shown
 * selected, the links' own fields are behind it (an inactive tab's panel is empty), so the
 * bio waits; once that tab has been shown, the bio gets what its fields did not take.
 */
function linksTabUnseen(el: Element, state: PageState): boolean {
  const scope = el.closest('[role=dialog], dialog, form') ?? el.ownerDocument;
  return linkTabs(scope).some((tab) => tab.getAttribute('aria-selected') !== 'true' && !state.shownTabs.has(tab));
}

function linkTabs(scope: ParentNode): Element[] {
  return Array.from(scope.querySelectorAll('[role=tab]')).filter((tab) => LINK_TAB_WORDS.test(`${tab.textContent ?? ''} ${tab.getAttribute('aria-label') ?? ''}`.slice(0, 120)));
}

/** Every profile pass: the link tabs shown selected now count as seen on this page. */
function noteShownLinkTabs(doc: Document, state: PageState): void {
  for (const tab of linkTabs(doc)) if (tab.getAttribute('aria-selected') === 'true') state.shownTabs.add(tab);
}

/** Put a field we wrote back to its own text (its record dropped: the field is the page's again). */
function restoreOwn(el: FieldEl, rec: Written, state: PageState): void {
  if (el.value !== rec.original && writeText(el as HTMLInputElement, rec.original) !== 'ok') return;
  state.written.delete(el);
  unmarkFilled(el);
}

/**
 * A field the page re-rendered (replaced by a new element with the same id or name, holding
 * the value we wrote into the old one, e.g. WordPress plugins turning an input into a textarea)
 * is still ours: its record moves to the new element, so the links in it are not counted as
 * the site's own and placed again elsewhere.
 */
function adoptRerendered(state: PageState, fields: Field[]): void {
  const gone = [...state.written].filter(([el]) => !el.isConnected);
  if (!gone.length) return;
  const norm = (v: string) => v.trim().replace(/\s+/g, ' ');
  for (const f of fields) {
    if (state.written.has(f.el) || state.touched.has(f.el) || !f.el.value) continue;
    const id = f.el.id;
    const name = f.el.getAttribute('name');
    const i = gone.findIndex(([el, rec]) => ((id && el.id === id) || (name && el.getAttribute('name') === name)) && norm(rec.written) === norm(f.el.value));
    if (i < 0) continue;
    const [old, rec] = gone[i]!;
    gone.splice(i, 1);
    state.written.delete(old);
    state.written.set(f.el, { ...rec, written: f.el.value });
  }
}

function pickerIndex(sel: HTMLSelectElement, link: ClassifiedLink, allowOther = true): number {
  const opts = Array.from(sel.options);
  const norm = opts.map((o) => makeBag(o.text, o.value));
  if (link.platform) {
    const p = getPlatform(link.platform);
    const words = [...p.keywords, p.id, p.name];
    const i = norm.findIndex((b) => words.some((w) => b.spaced.includes(` ${makeBag(w).spaced.trim()} `) || b.joined.includes(makeBag(w).joined)));
    if (i >= 0) return i;
  }
  return allowOther ? norm.findIndex((b, i) => !!opts[i]!.value && bagHas(b, K.otherOption)) : -1;
}

function writePicker(f: Field, index: number, state: PageState): void {
  const sel = f.el as HTMLSelectElement;
  if (sel.selectedIndex === index || state.touched.has(sel)) return;
  const original = state.written.get(sel)?.original ?? sel.value;
  if (writeSelect(sel, index) === 'ok') {
    state.written.set(sel, { original, written: sel.value, role: 'link-slot' });
    markFilled(sel);
  }
}

/** Restore every field this engine changed on this page that still holds our value. */
export function undoAutofill(doc: Document): number {
  const state = states.get(doc);
  if (!state) return 0;
  let n = 0;
  for (const [el, rec] of state.written) {
    unmarkFilled(el);
    if (!el.isConnected || el.value !== rec.written) continue;
    if (el.tagName === 'SELECT') {
      const i = Array.from((el as HTMLSelectElement).options).findIndex((o) => o.value === rec.original);
      if (i >= 0) writeSelect(el as HTMLSelectElement, i);
    } else if (writeText(el as HTMLInputElement, rec.original) !== 'ok') {
      setNativeValue(el, rec.original);
    }
    // undone: not refilled automatically, only by *fill again*
    state.undone.add(el);
    n++;
  }
  state.written.clear();
  for (const [el, rec] of state.rich) {
    unmarkFilled(el);
    if (!el.isConnected || editableText(el) !== rec.text) continue;
    for (const node of rec.nodes) node.parentNode?.removeChild(node);
    state.undone.add(el);
    n++;
  }
  state.rich.clear();
  return n;
}

export { bagHas, K };
