import { HOST_STYLE, PANEL_CSS } from './styles';
import type { Corner } from './placement';
import type { PassSummary } from './summary';
import type { PanelKey } from './text';

export type Say = (key: PanelKey, params?: Record<string, string | number>) => string;

/** The panel's nodes, built once; the view wires them and re-renders their text. */
export interface PanelDom {
  host: HTMLElement;
  root: ShadowRoot;
  /** The folded panel: one small button. */
  pill: HTMLButtonElement;
  panel: HTMLDivElement;
  /** The header, also the drag handle. */
  head: HTMLDivElement;
  move: HTMLButtonElement;
  collapse: HTMLButtonElement;
  fillBtn: HTMLButtonElement;
  undoBtn: HTMLButtonElement;
  popupBtn: HTMLButtonElement;
  msg: HTMLDivElement;
  page: HTMLDivElement;
  filledCount: HTMLDivElement;
  filledList: HTMLUListElement;
  notCount: HTMLDivElement;
  notList: HTMLUListElement;
  presentCount: HTMLDivElement;
  presentList: HTMLUListElement;
  details: HTMLDetailsElement;
}

const LIST_MAX = 30;

/** The title line: whose task this page belongs to (the background's domain, never the page's words). */
export interface PanelHeading {
  domain: string;
  scope: 'task' | 'gmail';
  insecure?: boolean;
}

/** Builds the panel in a closed shadow root of a fresh host element (not yet in the page). */
export function buildPanelDom(doc: Document, say: Say, heading: PanelHeading): PanelDom {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
    const node = doc.createElement(tag);
    Object.assign(node, props);
    node.append(...children);
    return node;
  };
  const withId = <T extends HTMLElement>(node: T, testid: string): T => {
    node.dataset.testid = testid;
    return node;
  };
  const action = (key: PanelKey, testid: string, cls = 'act') => withId(el('button', { type: 'button', className: cls, textContent: say(key) }), testid);
  const icon = (key: PanelKey, testid: string, glyph: string) => {
    const b = withId(el('button', { type: 'button', className: 'icon', textContent: glyph, title: say(key) }), testid);
    b.setAttribute('aria-label', say(key));
    return b;
  };

  const host = doc.createElement('entity-connect-panel');
  const root = host.attachShadow({ mode: 'closed' });

  const pill = withId(el('button', { className: 'pill', type: 'button', textContent: 'EC' }), 'panel-expand');
  pill.setAttribute('aria-label', say('panel.expand'));
  const move = icon('panel.move', 'panel-move', '⤢');
  const collapse = icon('panel.collapse', 'panel-collapse', '–');
  const title = el('span', { className: 'title', textContent: heading.scope === 'gmail' ? say('panel.gmail') : say('panel.domain', { domain: heading.domain }) });
  const head = el('div', { className: 'head' }, title, move, collapse);

  const warn = el('div', { className: 'warn', textContent: say('panel.httpWarning'), hidden: !heading.insecure });
  const page = withId(el('div', { className: 'page', textContent: say('panel.nothingFilled') }), 'panel-page');
  const filledCount = withId(el('div', { hidden: true }), 'panel-filled-count');
  const filledList = withId(el('ul'), 'panel-filled');
  const notCount = withId(el('div', { className: 'bad', hidden: true }), 'panel-not-filled-count');
  const notList = withId(el('ul'), 'panel-not-filled');
  const presentCount = withId(el('div', { className: 'muted', hidden: true }), 'panel-present-count');
  const presentList = withId(el('ul'), 'panel-present');
  const details = el('details', { hidden: true }, el('summary', { textContent: say('panel.details') }), filledList, presentList);

  const fillBtn = action('panel.fillAgain', 'panel-fill-again');
  const undoBtn = action('panel.undo', 'panel-undo');
  const popupBtn = action('panel.toPopup', 'panel-open-popup', 'act primary');
  popupBtn.title = say('panel.popupHint');
  const msg = withId(el('div', { className: 'msg' }), 'panel-message');
  msg.setAttribute('role', 'status');

  const actions = el('div', { className: 'row' }, fillBtn, undoBtn, popupBtn);
  const body = el('div', { className: 'body' }, warn, page, filledCount, notCount, notList, presentCount, details, actions, msg);
  const panel = el('div', { className: 'panel' }, head, body);
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', say('panel.title'));
  root.append(el('style', { textContent: PANEL_CSS }), pill, panel);

  return { host, root, pill, panel, head, move, collapse, fillBtn, undoBtn, popupBtn, msg, page, filledCount, filledList, notCount, notList, presentCount, presentList, details };
}

/** Fixes the host in a corner with inline !important styles (no page stylesheet beats them). */
export function pinHost(host: HTMLElement, corner: Corner): void {
  const style: Record<string, string> = { ...HOST_STYLE, top: 'auto', bottom: 'auto', left: 'auto', right: 'auto' };
  style[corner.startsWith('t') ? 'top' : 'bottom'] = '16px';
  style[corner.endsWith('l') ? 'left' : 'right'] = '16px';
  for (const [k, v] of Object.entries(style)) host.style.setProperty(k, v, 'important');
}

export function showMessage(dom: PanelDom, text: string, kind: 'info' | 'error' = 'info'): void {
  dom.msg.textContent = text;
  dom.msg.className = kind === 'error' ? 'msg error' : 'msg';
}

/** Writes one pass's facts into the panel; `passes` is the pass number (a machine-readable mark for tests and DevTools). */
export function renderPass(dom: PanelDom, say: Say, s: PassSummary, passes: number): void {
  const doc = dom.host.ownerDocument;
  const items = (texts: string[]) => texts.slice(0, LIST_MAX).map((text) => Object.assign(doc.createElement('li'), { textContent: text }));
  dom.page.dataset.passes = String(passes);
  dom.page.dataset.page = s.page;
  const nothing = s.filled.length === 0 && s.notPlaced.length === 0 && s.present.length === 0;
  dom.page.textContent = s.page === 'other' && nothing ? say('panel.noForm') : say(`panel.page.${s.page}`);
  dom.filledCount.hidden = nothing;
  dom.filledCount.textContent = say('panel.filled', { count: s.filled.length });
  dom.filledList.replaceChildren(...items(s.filled.map((f) => `${say(`panel.role.${f.role}`)}: ${f.value}`)));
  dom.notCount.hidden = s.notPlaced.length === 0;
  dom.notCount.textContent = say('panel.notFilled', { count: s.notPlaced.length });
  dom.notList.replaceChildren(...items(s.notPlaced.map((n) => `${n.value} — ${say(`panel.reason.${n.reason}`)}`)));
  dom.presentCount.hidden = s.present.length === 0;
  dom.presentCount.textContent = say('panel.present', { count: s.present.length });
  dom.presentList.replaceChildren(...items(s.present.map((v) => `${v} — ${say('panel.reason.already_present')}`)));
  dom.details.hidden = s.filled.length === 0 && s.present.length === 0;
  if (s.submitted) showMessage(dom, say('panel.submitted'));
}
