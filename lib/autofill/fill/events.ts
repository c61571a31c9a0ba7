/**
 * Writing a value the way typing would: focus, key events, beforeinput,
 * the native value setter (so React's value tracker and Vue/Angular
 * listeners see a real change), input, keyup, change, blur.
 */
import type { FieldEl } from '../detect';

let ourDispatch = 0;

/** True while this module is dispatching events (so "the worker typed" listeners can ignore them). */
export function isOurDispatch(): boolean {
  return ourDispatch > 0;
}

function viewOf(el: Element): (Window & typeof globalThis) | null {
  return (el.ownerDocument?.defaultView) ?? null;
}

/** The prototype's value setter, skipping any instance-level override a framework installed. */
function nativeSetter(el: Element, prop: 'value' | 'checked' = 'value'): ((v: unknown) => void) | null {
  let proto: object | null = Object.getPrototypeOf(el);
  while (proto) {
    const d = Object.getOwnPropertyDescriptor(proto, prop);
    if (d?.set) return d.set as (v: unknown) => void;
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

export function setNativeValue(el: FieldEl, value: string): void {
  const set = nativeSetter(el);
  if (set) set.call(el, value);
  else (el as HTMLInputElement).value = value;
}

function fire(el: Element, ev: Event): boolean {
  ourDispatch++;
  try {
    return el.dispatchEvent(ev);
  } finally {
    ourDispatch--;
  }
}

function keyEvent(el: Element, type: string, key: string): boolean {
  const w = viewOf(el);
  const K = w?.KeyboardEvent ?? KeyboardEvent;
  return fire(el, new K(type, { key, bubbles: true, cancelable: true, composed: true }));
}

function inputEvent(el: Element, type: 'beforeinput' | 'input', data: string): boolean {
  const w = viewOf(el);
  const IE = w?.InputEvent ?? (typeof InputEvent !== 'undefined' ? InputEvent : null);
  const init = { bubbles: true, cancelable: type === 'beforeinput', composed: true, inputType: 'insertText', data };
  if (IE) return fire(el, new IE(type, init));
  const E = w?.Event ?? Event;
  return fire(el, new E(type, init));
}

function plainEvent(el: Element, type: string): void {
  const w = viewOf(el);
  const E = w?.Event ?? Event;
  fire(el, new E(type, { bubbles: true, composed: true }));
}

/** The element that really has focus, looking into open shadow roots. */
function activeIn(doc: Document | null | undefined): Element | null {
  let a: Element | null = doc?.activeElement ?? null;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

function focusEvent(el: Element, type: 'focus' | 'focusin' | 'blur' | 'focusout'): void {
  const w = viewOf(el);
  const FE = w?.FocusEvent ?? (typeof FocusEvent !== 'undefined' ? FocusEvent : null);
  // focus/blur do not bubble, focusin/focusout do; all cross shadow roots, like the browser's own
  const init = { bubbles: type === 'focusin' || type === 'focusout', composed: true, relatedTarget: null };
  if (FE) fire(el, new FE(type, init));
  else fire(el, new (w?.Event ?? Event)(type, init));
}

/*
 * Focus and blur are dispatched as events instead of moving the real focus:
 * frameworks (React's onFocus/onBlur via focusin/focusout, Angular's and
 * Svelte's blur commits, Vue's lazy models) listen to the events, while a real
 * focus() + blur() costs 0.4–1 ms per field in Chromium (style and layout
 * work), which alone broke the one-frame budget on long profile forms. The
 * worker's own caret also stays where it was.
 */
function focus(el: HTMLElement): void {
  // already focused: a real focus() would fire nothing either
  if (activeIn(el.ownerDocument) === el) return;
  focusEvent(el, 'focus');
  focusEvent(el, 'focusin');
}

function blur(el: HTMLElement): void {
  focusEvent(el, 'blur');
  focusEvent(el, 'focusout');
}

export type WriteOutcome = 'ok' | 'refused' | 'reverted';

/**
 * Write `value` into a text-like field with the full event sequence.
 * 'refused' when the page cancelled beforeinput (its own constraint said no);
 * 'reverted' when the value did not stick.
 */
export function writeText(el: HTMLInputElement | HTMLTextAreaElement, value: string): WriteOutcome {
  focus(el);
  const last = value.slice(-1) || 'Unidentified';
  keyEvent(el, 'keydown', last);
  keyEvent(el, 'keypress', last);
  if (!inputEvent(el, 'beforeinput', value)) {
    keyEvent(el, 'keyup', last);
    blur(el);
    return 'refused';
  }
  setNativeValue(el, value);
  inputEvent(el, 'input', value);
  keyEvent(el, 'keyup', last);
  // Some pages reformat or reset on key events; make sure our value is the one committed.
  if (el.value !== value) {
    setNativeValue(el, value);
    inputEvent(el, 'input', value);
  }
  plainEvent(el, 'change');
  blur(el);
  return el.value === value ? 'ok' : 'reverted';
}

/** Choose an option of a select; `pick` receives normalised option text+value. */
export function writeSelect(el: HTMLSelectElement, index: number): WriteOutcome {
  const opt = el.options[index];
  if (!opt) return 'refused';
  focus(el);
  setNativeValue(el, opt.value);
  if (el.selectedIndex !== index) el.selectedIndex = index;
  inputEvent(el, 'input', opt.value);
  plainEvent(el, 'change');
  blur(el);
  return el.selectedIndex === index ? 'ok' : 'reverted';
}

const BLOCK_RE = /^(P|DIV|LI|H[1-6]|BLOCKQUOTE|PRE)$/;

/** The text of a rich-text (contenteditable) editor as lines: one per block, <br> breaks a line. */
export function editableText(el: Element): string {
  const lines: string[] = [];
  let cur = '';
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === 3) {
      cur += (n as Text).data;
      continue;
    }
    if (n.nodeType !== 1) continue;
    const tag = (n as Element).tagName;
    if (tag === 'BR') {
      lines.push(cur);
      cur = '';
    } else if (BLOCK_RE.test(tag)) {
      if (cur) lines.push(cur);
      cur = '';
      lines.push(editableText(n as Element));
    } else cur += n.textContent ?? '';
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

/**
 * Append lines to a contenteditable editor as a person pressing Enter and typing would leave
 * them: a new block like the editor's own (or a <br> + text), text nodes only (never markup
 * from the task), then beforeinput/input so the editor's model and any synced input follow.
 * Returns the nodes added (for undo), or null when the page refused or reverted them.
 */
export function appendEditable(el: HTMLElement, lines: string[]): Node[] | null {
  const doc = el.ownerDocument;
  const data = lines.join('\n');
  focus(el);
  if (!inputEvent(el, 'beforeinput', data)) {
    blur(el);
    return null;
  }
  const added: Node[] = [];
  const last = el.lastChild;
  const block = last && last.nodeType === 1 && BLOCK_RE.test((last as Element).tagName) ? (last as Element).tagName.toLowerCase() : null;
  let first = true;
  for (const line of lines) {
    if (block) {
      // an editor's empty trailing paragraph (<p><br></p>) takes the first line
      if (first && last && !(last.textContent ?? '').trim() && !(last as Element).querySelector('img, iframe, video')) {
        const t = doc.createTextNode(line);
        (last as Element).replaceChildren(t);
        added.push(t);
      } else {
        const b = doc.createElement(block);
        b.textContent = line;
        el.appendChild(b);
        added.push(b);
      }
    } else {
      if ((el.textContent ?? '').trim()) {
        const br = doc.createElement('br');
        el.appendChild(br);
        added.push(br);
      }
      const t = doc.createTextNode(line);
      el.appendChild(t);
      added.push(t);
    }
    first = false;
  }
  inputEvent(el, 'input', data);
  blur(el);
  const now = editableText(el).split('\n');
  return lines.every((l) => now.includes(l)) ? added : null;
}

/**
 * DESIGN "Fill policy", events: sites that "only commit a field on blur" see
 * the value too. A pass writes its fields in one go, so the page renders only
 * after it: a framework that commits a field on blur into a form object built
 * from its last render (React: `onBlur → setForm({...form, x})`; Ghost's staff
 * editor) loses that commit to the next field's change handler, which still
 * holds the older object. After the pass each written field gets its blur
 * again — no value change, no input or change event — one field per task, so
 * the page renders between two commits, as it does between a person's fields.
 * A field that is gone, focused by the worker or no longer holds our value is
 * left alone; a field that does not commit on blur sees one more blur.
 */
export function replayCommits(wrote: readonly { el: FieldEl; value: string }[]): void {
  if (wrote.length < 2) return;
  const win = viewOf(wrote[0]!.el);
  if (!win) return;
  let i = 0;
  const next = () => {
    const w = wrote[i++];
    if (!w) return;
    const { el, value } = w;
    if (el.isConnected && el.value === value && activeIn(el.ownerDocument) !== el) {
      focus(el as HTMLElement);
      blur(el as HTMLElement);
    }
    win.setTimeout(next, 0);
  };
  win.setTimeout(next, 0);
}

/** Click the login form's submit control (or requestSubmit). */
export function submitForm(from: Element): boolean {
  const form = (from as HTMLInputElement).form ?? from.closest('form');
  const scope: ParentNode | null = form ?? from.parentElement?.parentElement ?? null;
  if (!scope) return false;
  const btn =
    scope.querySelector<HTMLElement>('button[type=submit], input[type=submit]') ??
    scope.querySelector<HTMLElement>('button:not([type]), [role=button]');
  if (btn && !(btn as HTMLButtonElement).disabled) {
    btn.click();
    return true;
  }
  if (form && typeof (form).requestSubmit === 'function') {
    (form).requestSubmit();
    return true;
  }
  return false;
}
