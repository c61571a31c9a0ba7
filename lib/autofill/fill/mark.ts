/**
 * Visible mark on filled fields: a data attribute plus one injected style
 * rule per document / shadow root (inline styles would fight page frameworks).
 */
export const MARK_ATTR = 'data-ec-autofilled';
const STYLE_ID = 'ec-autofill-style';
const CSS = `[${MARK_ATTR}]{outline:2px solid #16a34a !important;outline-offset:1px !important;}`;

function ensureStyle(root: Document | ShadowRoot): void {
  const doc = root instanceof Object && 'createElement' in root ? (root) : root.ownerDocument;
  if (!doc) return;
  const host: ParentNode | null = 'head' in root ? ((root).head ?? (root).documentElement) : root;
  if (!host || host.querySelector?.(`#${STYLE_ID}`)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  host.appendChild(style);
}

export function markFilled(el: Element): void {
  el.setAttribute(MARK_ATTR, '');
  ensureStyle(el.getRootNode() as Document | ShadowRoot);
}

export function unmarkFilled(el: Element): void {
  el.removeAttribute(MARK_ATTR);
}
