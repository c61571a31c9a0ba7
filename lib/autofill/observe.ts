/**
 * Keep filling while the page changes: on start, when fields appear or become
 * visible (MutationObserver, debounced; attribute changes only count when they
 * touch a form control or its container), on SPA navigation (Navigation API
 * events, popstate / hashchange, and a URL poll: never by wrapping the page's
 * history API, which an isolated world cannot see), when a form's fade-in or
 * slide-in animation ends, and when a filled TOTP code expires.
 */
import type { PageFillData } from '../messaging';
import { autofillDocument, trackEdits, type AutofillResult } from './engine';
import { MARK_ATTR } from './fill';

const FIELD_SEL = 'input, textarea, select';
const DEBOUNCE_MS = 150;
const MAX_WAIT_MS = 1000;
/** URL check for history-API navigations no event reports (no Navigation API). */
const URL_POLL_MS = 400;
const WATCHED_ATTRS = ['type', 'hidden', 'style', 'class', 'disabled', 'readonly', 'aria-hidden', 'open', 'inert', 'autocomplete', 'name'];

function touchesFields(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  if (el.id === 'ec-autofill-style') return false;
  return el.matches(FIELD_SEL) || !!el.querySelector(FIELD_SEL) || !!(el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot || el.tagName === 'IFRAME';
}

export function observeAutofill(
  doc: Document,
  getData: () => Promise<PageFillData | null>,
  onResult: (r: AutofillResult) => void,
): () => void {
  const win = doc.defaultView;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let otpTimer: ReturnType<typeof setTimeout> | null = null;
  let firstDirtyAt = 0;
  let running = false;
  let again = false;
  let codeNow = false;
  let lastHref = safeHref(doc);
  const observed = new WeakSet<Node>();
  const cleanups: (() => void)[] = [];

  const run = async (forCode = false) => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const data = await getData();
      if (stopped || !data) return;
      const r = autofillDocument(doc, data);
      observeShadowsAndFrames();
      onResult(r);
      scheduleOtpRefresh(r, data);
      // A code field and no code asked for yet: `getData` brings it on the next pass (lib/page); run that one now, once.
      if (!forCode && r.codeField && data.hasOneTimeCode && data.totp === undefined) codeNow = true;
    } catch (e) {
      console.warn('[entity-connect] autofill pass failed', e instanceof Error ? e.name : 'error');
    } finally {
      running = false;
      if (codeNow && !stopped) {
        codeNow = false;
        again = false;
        void run(true);
      } else if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  };

  const schedule = () => {
    if (stopped) return;
    const now = Date.now();
    if (!timer) firstDirtyAt = now;
    if (timer) clearTimeout(timer);
    // debounce, but never postpone a pass for more than MAX_WAIT_MS on a busy page
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstDirtyAt + MAX_WAIT_MS - now));
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, wait);
  };

  const scheduleOtpRefresh = (r: AutofillResult, data: PageFillData) => {
    if (otpTimer) clearTimeout(otpTimer);
    otpTimer = null;
    if (!data.totp || !r.filled.some((f) => f.role === 'otp')) return;
    otpTimer = setTimeout(() => {
      otpTimer = null;
      void run();
    }, (Math.max(1, data.totp.remaining) + 1) * 1000);
  };

  const onMutations = (records: MutationRecord[]) => {
    const href = safeHref(doc);
    if (href !== lastHref) {
      lastHref = href;
      schedule();
      return;
    }
    for (const m of records) {
      if (m.type === 'attributes') {
        if (m.attributeName === MARK_ATTR) continue;
        if (touchesFields(m.target)) return schedule();
      } else {
        for (const n of Array.from(m.addedNodes)) if (touchesFields(n)) return schedule();
        for (const n of Array.from(m.removedNodes)) if (touchesFields(n)) return schedule();
      }
    }
  };

  const MO = win?.MutationObserver ?? (typeof MutationObserver !== 'undefined' ? MutationObserver : null);
  const observer = MO ? new MO(onMutations) : null;
  const observe = (target: Node) => {
    if (!observer || observed.has(target)) return;
    observed.add(target);
    observer.observe(target, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED_ATTRS });
  };

  const observeShadowsAndFrames = () => {
    const all = doc.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      const el = all[i]!;
      const sr = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
      if (sr) observe(sr);
      if (el.tagName === 'IFRAME' && !observed.has(el)) {
        observed.add(el);
        el.addEventListener('load', schedule);
        cleanups.push(() => el.removeEventListener('load', schedule));
        try {
          const fd = (el as HTMLIFrameElement).contentDocument;
          if (fd?.documentElement) observe(fd.documentElement);
        } catch {
          /* cross-origin */
        }
      }
    }
  };

  // edits the worker makes while the first data request is in flight count too
  trackEdits(doc);
  if (doc.documentElement) observe(doc.documentElement);

  // A form that fades or slides in (a CSS animation or transition on load) is faint or away at
  // the first pass and changes no DOM when it arrives: its end is the moment it can be seen.
  const onMotionEnd = (e: Event) => {
    const t = e.target as Node | null;
    if (t && touchesFields(t)) schedule();
  };
  for (const type of ['animationend', 'transitionend']) {
    doc.addEventListener(type, onMotionEnd, true);
    cleanups.push(() => doc.removeEventListener(type, onMotionEnd, true));
  }

  // SPA navigation. A content script runs in an isolated world: wrapping history.pushState there
  // never sees the page's own calls. What does cross worlds: the Navigation API's events (one
  // Navigation object per window), popstate / hashchange, and the URL itself (polled, for
  // browsers without the Navigation API, e.g. Firefox ESR).
  const onNav = () => {
    const href = safeHref(doc);
    if (href === lastHref) return;
    lastHref = href;
    schedule();
  };
  if (win) {
    const later = () => void setTimeout(onNav, 0); // 'navigate' fires before the URL changes
    const listen = (target: EventTarget, type: string, fn: () => void) => {
      target.addEventListener(type, fn);
      cleanups.push(() => target.removeEventListener(type, fn));
    };
    listen(win, 'popstate', onNav);
    listen(win, 'hashchange', onNav);
    const nav = (win as Window & { navigation?: EventTarget }).navigation;
    if (nav?.addEventListener) {
      listen(nav, 'navigate', later);
      listen(nav, 'navigatesuccess', onNav);
    }
    const poll = setInterval(onNav, URL_POLL_MS);
    cleanups.push(() => clearInterval(poll));
  }

  void run();

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (otpTimer) clearTimeout(otpTimer);
    observer?.disconnect();
    for (const c of cleanups) c();
  };
}

function safeHref(doc: Document): string {
  try {
    return doc.location?.href ?? '';
  } catch {
    return '';
  }
}
