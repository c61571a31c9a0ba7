/**
 * The journey's part inside a page of the task's site (content script): it
 * says what the page is (signed in? a login? the editor?), carries out the
 * moves the background answers with, notices the worker's Save and reads
 * back what the site kept (the background counts the links on the public profile).
 * It never leaves a page holding the worker's unsaved edits, never follows a
 * link off the task's host, and never submits anything itself (the login's
 * auto-submit is the fill engine's, once per step).
 */
import { linkKey } from '../links';
import { SAVE_WORDS } from '../rules';
import { sameUrl } from './reduce';
import type { PageSignals } from '../platforms';
import type { FilledValue, JourneyAnswer, JourneyEvent, WirePart } from './types';

/** What the page itself tells: someone signed in, and the tab or fold of the editor that holds the link fields. */
export interface Discovery {
  signedIn: boolean;
  editorPart?: { click: string; text?: RegExp };
}

/** What the page kind of one fill pass was (lib/autofill `AutofillResult.page`). */
export type PageKind = 'login' | 'otp' | 'profile' | 'other';

/** What else one fill pass said (lib/autofill `AutofillResult`). */
export interface FillPass {
  /** The bio waits for the links' tab to be shown (fill policy 4). */
  bioWaits?: boolean;
}

/** The journey as the background hands it to a page (no secrets). */
export interface JourneyView {
  editorUrl?: string;
  publicUrl?: string;
  /** A profile form was submitted at this time: the next page reads back what the site kept. */
  saveAttemptAt?: number;
  /** Keys of the fields the extension wrote in the editor. */
  filledFields: string[];
}

export interface JourneyPageDeps {
  doc: Document;
  send(event: JourneyEvent): Promise<JourneyAnswer | undefined>;
  discover(doc: Document): Discovery;
  /** The page's fingerprints as the background asks for them (it recognises the platform); none where it asks nothing. */
  signals?: (doc: Document) => Promise<PageSignals | null>;
  /** The task's links (to read back and count on the public profile). */
  links: readonly string[];
  journey: JourneyView | undefined;
  /** True while our own fill dispatches events (lib/autofill `isOurDispatch`). */
  isOurDispatch(): boolean;
  /** The attribute the fill engine marks written fields with. */
  markAttr: string;
  now?: () => number;
}

export interface JourneyPage {
  /** After each fill pass: tells the background what the page is, once per kind of page. */
  onFill(kind: PageKind, pass?: FillPass): void;
  /** The background's (or the popup's) request to go elsewhere on the task's site. */
  navigate(url: string): { done: boolean; reason?: 'unsaved' };
  stop(): void;
}

/** A save the worker made counts as seen for this long (the site's redirect, a slow SPA). */
export const SAVE_WINDOW_MS = 120_000;
const SUCCESS_WAIT_MS = 10_000;
/** How long an editor without a visible profile form is given to draw one before its links' part is opened. */
export const PART_SETTLE_MS = 800;
/**
 * How long after the links' tab was filled the editor's first tab is shown again: the site first
 * commits what it was given (blur handlers, its own URL-to-handle rewriting, validation) before
 * that tab's fields are unmounted. 0.4 s lost a commit on the real Ghost; the worker sees the
 * filled links meanwhile.
 */
export const RETURN_DELAY_MS = 1500;

/** Words of a site's "saved" notice, in the supported languages and common others. */
const SAVED_WORDS =
  /\b(saved|updated|changes have been|successfully|success)\b|đã lưu|đã cập nhật|thành công|gespeichert|aktualisiert|enregistr|mis à jour|guardad|actualizad|salv[oa]|atualizad|сохранен|обновлен|zapisano|kaydedildi|berhasil|保存しました|已保存|更新しました/i;

/** Short texts under `root` that say saved and are drawn now (not `hidden`, not `display: none`). */
function savedWordsShown(root: Element): Element[] {
  const out: Element[] = [];
  for (const el of Array.from(root.querySelectorAll('span, div, p, small, strong, em, output, label'))) {
    const text = (el.textContent ?? '').trim();
    if (text && text.length <= 60 && !el.querySelector('span, div, p') && SAVED_WORDS.test(text) && drawn(el, root)) out.push(el);
  }
  return out;
}

function drawn(el: Element, upTo: Element): boolean {
  const view = el.ownerDocument.defaultView;
  for (let at: Element | null = el; at && at !== upTo.parentElement; at = at.parentElement) {
    if (at.hasAttribute('hidden') || view?.getComputedStyle(at).display === 'none') return false;
  }
  return true;
}

/** Error notices as sites mark them (ARIA alerts, the common CSS frameworks' and forum engines' error classes). */
const ERROR_NOTICE = '[role=alert], .error, .alert-danger, .messages--error, .negative';
const ERROR_WORDS = /invalid|error|required|too long|failed|không hợp lệ|lỗi|bắt buộc|fehler|erreur/i;

/** The page shows a visible error notice that says so (not a "saved" notice that happens to use an alert role). */
function showsError(doc: Document): boolean {
  return Array.from(doc.querySelectorAll<HTMLElement>(ERROR_NOTICE)).some((n) => {
    const text = (n.textContent ?? '').slice(0, 300);
    return !!text.trim() && ERROR_WORDS.test(text) && !SAVED_WORDS.test(text) && !n.closest('[hidden], [aria-hidden=true]') && doc.defaultView?.getComputedStyle(n).display !== 'none';
  });
}

const CONTROL = 'input, textarea, select, [contenteditable]';

/**
 * A field's key across page loads: its name, else its id, else (apps that render controls with
 * neither, as Discourse's preferences do) its label: `aria-label`, a `<label for>`, or the one
 * `<label>` of the smallest block around it that holds no other control.
 */
export function fieldKey(el: Element): string {
  return el.getAttribute('name') || el.id || labelKey(el);
}

function labelKey(el: Element): string {
  const said = (t: string | null | undefined) => {
    const text = (t ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    return text ? `label:${text}` : '';
  };
  const aria = said(el.getAttribute('aria-label'));
  if (aria) return aria;
  const own = (el as HTMLInputElement).labels?.[0];
  if (own) return said(own.textContent);
  for (let at = el.parentElement, depth = 0; at && depth < 4; at = at.parentElement, depth++) {
    if (at.querySelectorAll(CONTROL).length > 1) break;
    const label = at.querySelector('label');
    if (label) return said(label.textContent);
  }
  return '';
}

function valueOf(el: Element): string {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return el.value;
  return (el as HTMLElement).innerText ?? el.textContent ?? '';
}

export function startJourneyPage(deps: JourneyPageDeps): JourneyPage {
  const { doc } = deps;
  const win = doc.defaultView;
  const now = deps.now ?? Date.now;
  const href = () => doc.location?.href ?? '';
  let dirty = false;
  let lastKind: PageKind | null = null;
  let lastUrl = '';
  let stopped = false;
  const cleanups: (() => void)[] = [];

  // One event at a time, in order: the background must hear "save attempted" before "saved".
  let queue: Promise<unknown> = Promise.resolve();
  const send = (event: JourneyEvent) => {
    const next = queue.then(() => deps.send(event)).catch(() => undefined);
    queue = next;
    return next;
  };

  // The worker's own edits (not ours) make the page "unsaved" until a form is sent.
  const onEdit = (e: Event) => {
    if (deps.isOurDispatch()) return;
    const t = e.target as Element | null;
    if (t && (t.matches?.('input, textarea, select') || (t as HTMLElement).isContentEditable)) dirty = true;
  };
  doc.addEventListener('input', onEdit, true);
  cleanups.push(() => doc.removeEventListener('input', onEdit, true));

  /** Our fields in a form (or the whole page), key → value and the task links in it. */
  const filledIn = (root: ParentNode): Record<string, FilledValue> => {
    const out: Record<string, FilledValue> = {};
    for (const el of Array.from(root.querySelectorAll(`[${deps.markAttr}]`))) {
      const key = fieldKey(el);
      if (!key || el.matches('input[type=password]')) continue;
      const value = valueOf(el);
      const text = value.toLowerCase();
      out[key] = { value, links: deps.links.filter((l) => text.includes(linkKey(l)) || value.replace(/^@/, '') === handleOf(l)) };
    }
    return out;
  };

  const readBack = (keys: readonly string[]): Record<string, string> => {
    const kept: Record<string, string> = {};
    for (const key of keys) {
      // Form controls only: `<meta name="description">` shares the bio field's name on many sites.
      const name = cssEscape(key);
      const el = key.startsWith('label:')
        ? Array.from(doc.querySelectorAll(CONTROL)).find((c) => !c.getAttribute('name') && !c.id && labelKey(c) === key)
        : (doc.querySelector(`input[name="${name}"], textarea[name="${name}"], select[name="${name}"], [contenteditable][name="${name}"]`) ?? doc.getElementById(key));
      if (el) kept[key] = valueOf(el);
    }
    return kept;
  };

  /**
   * Our values sent from `root` (a form, or the part of an app around a Save button): a login
   * step, or the worker's Save of the editor.
   */
  const sentFrom = (root: ParentNode, saveButton?: Element) => {
    dirty = false;
    const fields = filledIn(root);
    // A login step: a password, or a small form with our values and no task link (the identifier step, the one-time code).
    const values = Object.values(fields);
    // (An editor's empty "change password" fields do not make its Save a login.)
    // A disabled one is never sent (HTML form submission), e.g. Ghost's "••••••••••••" beside its Change password button.
    const password = Array.from(root.querySelectorAll<HTMLInputElement>('input[type=password]')).some((p) => !!p.value && !p.disabled);
    const boxes = root.querySelectorAll('input:not([type=hidden]), textarea').length;
    if (password || (values.length && values.every((f) => !f.links.length) && boxes < 4)) {
      void deps.send({ type: 'login_submitted', url: href() }).catch(() => undefined);
      return;
    }
    if (values.length) {
      // One message, sent at once: the page may unload before an answer to a first one comes back.
      void deps.send({ type: 'save_attempted', url: href(), fields }).catch(() => undefined);
      watchForSaved(Object.keys(fields), saveButton);
    }
  };
  const onSubmit = (e: Event) => {
    const form = e.target as HTMLFormElement | null;
    if (form?.querySelector) sentFrom(form);
  };
  /**
   * An app that saves with its own request (DESIGN journey step 4, "the site's own request"):
   * the worker clicks a button that says save and sends no form; what it saves is the nearest
   * part of the page around it that holds our filled fields.
   */
  const onClick = (e: Event) => {
    const button = (e.target as Element | null)?.closest?.('button, input[type=button], input[type=submit], [role=button]');
    if (!button) return;
    const sendsForm = (button as HTMLButtonElement).type === 'submit' && !!(button as HTMLButtonElement).form;
    const text = (button as HTMLInputElement).value || button.textContent || button.getAttribute('aria-label') || '';
    if (sendsForm || !SAVE_WORDS.test(text.trim().slice(0, 80))) return;
    // Near it only: a "Save settings" of a cookie banner under <body> is not the editor's Save.
    let around = button.parentElement;
    for (let depth = 0; around && around !== doc.body && around !== doc.documentElement && depth <= 6; depth++, around = around.parentElement) {
      if (around.querySelector(`[${deps.markAttr}]`)) return sentFrom(around, button);
    }
  };
  doc.addEventListener('submit', onSubmit, true);
  doc.addEventListener('click', onClick, true);
  cleanups.push(() => {
    doc.removeEventListener('submit', onSubmit, true);
    doc.removeEventListener('click', onClick, true);
  });

  /**
   * An SPA that saves without a page load: its "saved" notice (an ARIA status or a notice
   * class, or a short "Saved!" beside the Save button that it shows only now), then the
   * values it shows.
   */
  let watching: MutationObserver | null = null;
  function watchForSaved(keys: string[], saveButton?: Element) {
    watching?.disconnect();
    if (!win?.MutationObserver) return;
    const started = now();
    const beside = saveButton?.parentElement?.parentElement ?? null;
    const shownBefore = new Set(beside ? savedWordsShown(beside) : []);
    const check = () => {
      if (now() - started > SUCCESS_WAIT_MS) {
        watching?.disconnect();
        return;
      }
      const notice =
        Array.from(doc.querySelectorAll('[role=alert], [role=status], .alert, .flash, .notice, .toast, .success, .message, .notification, [aria-live]')).find((n) =>
          SAVED_WORDS.test((n.textContent ?? '').slice(0, 300)),
        ) ?? (beside ? savedWordsShown(beside).find((n) => !shownBefore.has(n)) : undefined);
      if (notice) {
        watching?.disconnect();
        void send({ type: 'saved', url: href(), via: 'message', kept: readBack(keys) });
      }
    };
    watching = new win.MutationObserver(check);
    // Attributes too: a notice kept in the page is shown by a class or `hidden` change.
    watching.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'hidden', 'style'] });
    const timer = setTimeout(() => watching?.disconnect(), SUCCESS_WAIT_MS);
    cleanups.push(() => {
      clearTimeout(timer);
      watching?.disconnect();
    });
    check();
  }

  // This page after a Save: the site's answer. The editor again shows what was kept.
  const view = deps.journey;
  if (view?.saveAttemptAt && now() - view.saveAttemptAt < SAVE_WINDOW_MS && view.filledFields.length) {
    const kept = readBack(view.filledFields);
    // The editor again with the site's error: it refused the save (the worker fixes a field and saves again).
    if (showsError(doc)) void send({ type: 'problem', problem: 'save_not_seen' });
    else if (Object.keys(kept).length) void send({ type: 'saved', url: href(), via: 'reload', kept });
    else if (SAVED_WORDS.test((doc.body?.textContent ?? '').slice(0, 20_000))) void send({ type: 'saved', url: href(), via: 'message', kept: {} });
  }

  // The public profile is read by the background (with the worker's session), not here: one place counts it.

  /**
   * A bio on the tab the editor opened on waits for the links' tab (fill policy 4): once that
   * tab is shown and filled, the editor's first tab is shown again, once, so the bio gets the
   * links no field took and the worker saves a whole editor (a tabbed modal saves every tab).
   */
  let bioTabs: { el: Element; text: string }[] | null = null;
  let openedTab: Element | null = null;
  let returned = false;
  function noteBioTab(pass: FillPass | undefined) {
    if (!pass?.bioWaits || bioTabs) return;
    // The bio is drawn, so the tabs shown are its own (unless ours was clicked and is not drawn yet).
    // Every tab list's selected tab: which list is the editor's is known once ours is clicked.
    const selected = Array.from(doc.querySelectorAll('[role=tab][aria-selected=true]')).filter((t) => t !== openedTab);
    if (selected.length) bioTabs = selected.map((el) => ({ el, text: (el.textContent ?? '').trim() }));
  }
  function backToBioTab(kind: PageKind, pass: FillPass | undefined) {
    if (!bioTabs || returned || !openedTab || kind !== 'profile' || pass?.bioWaits) return;
    // Only after the links' tab is the one shown (its pass has filled it).
    if (openedTab.isConnected && openedTab.getAttribute('aria-selected') !== 'true') return;
    returned = true;
    const ours = openedTab;
    const recorded = bioTabs;
    // After the fill engine's blur replays (one field per task) have committed the links' tab;
    // not if the worker has started typing or clicking meanwhile.
    let worker = false;
    const byWorker = (e: Event) => {
      if (e.isTrusted) worker = true;
    };
    for (const t of ['keydown', 'pointerdown'] as const) doc.addEventListener(t, byWorker, true);
    const timer = setTimeout(() => {
      for (const t of ['keydown', 'pointerdown'] as const) doc.removeEventListener(t, byWorker, true);
      const list = ours.closest('[role=tablist]') ?? ours.parentElement;
      if (stopped || !list || worker) return;
      const inList = Array.from(list.querySelectorAll('[role=tab]'));
      const tab = recorded.map((b) => (b.el.isConnected ? b.el : inList.find((t) => (t.textContent ?? '').trim() === b.text))).find((t) => t && inList.includes(t));
      if (tab instanceof HTMLElement && tab !== ours && tab.getAttribute('aria-selected') !== 'true') tab.click();
    }, RETURN_DELAY_MS);
    cleanups.push(() => clearTimeout(timer));
  }

  /**
   * The editor's part (tab / fold) holding the link fields, answered for this URL, is opened once,
   * after a pass that filled the fields the editor shows first: an editor's first passes may come
   * before they are drawn (an SPA's modal still loading or fading in), and a bio on its first tab
   * would be left behind once the links' tab is shown. So it opens on a profile pass made while
   * no animation runs (the fill engine passes again when one ends), or, for an editor whose first
   * tab holds no profile form, once its tab has been drawn for PART_SETTLE_MS.
   */
  let partOpened = false;
  let wanted: { url: string; part: Discovery['editorPart']; drawnAt?: number } | null = null;
  let partTimer: ReturnType<typeof setTimeout> | undefined;
  cleanups.push(() => clearTimeout(partTimer));
  function wantPart(part: Discovery['editorPart'], kind: PageKind, url: string) {
    if (partOpened) return;
    wanted = { url, part };
    considerPart(kind, url);
  }
  function considerPart(kind: PageKind, url: string) {
    const want = wanted;
    if (partOpened || stopped || !want || want.url !== url) return;
    const target = editorPartTarget(doc, want.part);
    if (!target) {
      want.drawnAt = undefined; // not drawn yet: a later pass tries again
      return;
    }
    const settled = want.drawnAt !== undefined && now() - want.drawnAt >= PART_SETTLE_MS;
    if ((kind === 'profile' && !stillDrawing(doc)) || settled) {
      partOpened = true;
      wanted = null;
      clearTimeout(partTimer);
      openedTab = target;
      target.click();
      return;
    }
    if (want.drawnAt === undefined) {
      want.drawnAt = now();
      clearTimeout(partTimer);
      partTimer = setTimeout(() => considerPart(lastKind ?? 'other', href()), PART_SETTLE_MS);
    }
  }

  function navigate(url: string): { done: boolean; reason?: 'unsaved' } {
    if (dirty) return { done: false, reason: 'unsaved' };
    if (sameUrl(url, href())) return { done: true };
    doc.location.assign(url);
    return { done: true };
  }

  return {
    onFill(kind, pass) {
      if (stopped) return;
      const url = href();
      noteBioTab(pass);
      if (partOpened) backToBioTab(kind, pass);
      considerPart(kind, url);
      if (kind === lastKind && url === lastUrl) return;
      lastKind = kind;
      lastUrl = url;
      const found = deps.discover(doc);
      const onEditorUrl = !!view?.editorUrl && sameUrl(view.editorUrl, url);
      void (deps.signals?.(doc).catch(() => null) ?? Promise.resolve(null))
        .then((signals) =>
          send({
            type: 'page',
            url,
            signedIn: found.signedIn,
            loginForm: kind === 'login' || kind === 'otp',
            editorForm: kind === 'profile',
            // The site's URLs: the background finds them in the signals (platform registry, then the page's links).
            ...(signals && { signals }),
          }),
        )
        .then((answer) => {
          if (stopped) return;
          // The editor's link fields behind a tab or a fold, opened once: the platform's own, else a tab whose words say links.
          if (answer?.part) wantPart(partOf(answer.part), kind, url);
          else if (kind !== 'profile' && onEditorUrl) wantPart(found.editorPart, kind, url);
          if (answer?.navigate) navigate(answer.navigate.url);
        });
      if (kind === 'profile') {
        const fields = filledIn(doc);
        if (Object.keys(fields).length) void send({ type: 'filled', url, fields });
      }
    },
    navigate,
    stop() {
      stopped = true;
      for (const c of cleanups) c();
    },
  };
}

/** The tab / fold that holds the link fields: the platform's own, else one whose label says social / links / contact. */
const PART_WORDS = /social|links?\b|contact|profiles?\b|networks?|mạng xã hội|liên kết|liên hệ|réseaux|soziale|redes|sociais|соц/i;
export function editorPartTarget(doc: Document, part: Discovery['editorPart']): HTMLElement | null {
  const candidates = part
    ? Array.from(doc.querySelectorAll<HTMLElement>(part.click)).filter((el) => !part.text || part.text.test(el.textContent ?? ''))
    : Array.from(doc.querySelectorAll<HTMLElement>('[role=tab], .nav-tabs a, .tabs a, [data-toggle=tab], [data-bs-toggle=tab], details > summary, button[aria-expanded=false]')).filter((el) =>
        PART_WORDS.test(`${el.textContent ?? ''} ${el.getAttribute('aria-label') ?? ''}`.slice(0, 120)),
      );
  // Never a real link away from the page: tabs are buttons or in-page anchors.
  return candidates.find((el) => !(el instanceof HTMLAnchorElement) || el.getAttribute('href')?.startsWith('#') || !el.getAttribute('href')) ?? null;
}

/** A finite CSS animation or transition is running: the page is still being drawn (its fields may not be visible yet). */
function stillDrawing(doc: Document): boolean {
  try {
    return (doc.getAnimations?.() ?? []).some((a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
  } catch {
    return false;
  }
}

function partOf(p: WirePart): NonNullable<Discovery['editorPart']> {
  try {
    return { click: p.click, ...(p.text && { text: new RegExp(p.text[0], p.text[1]) }) };
  } catch {
    return { click: p.click };
  }
}

function handleOf(link: string): string {
  try {
    const u = new URL(link);
    return u.pathname.split('/').filter(Boolean).pop()?.replace(/^@/, '') ?? '';
  } catch {
    return '';
  }
}

function cssEscape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
