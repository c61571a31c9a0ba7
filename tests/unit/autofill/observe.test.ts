import { afterEach, describe, expect, it } from 'vitest';
import { observeAutofill, type AutofillResult } from '../../../lib/autofill';
import { $, closeAll, data, page } from './helpers';

afterEach(closeAll);

/** Wait (by polling the DOM, not timing anything) until cond() holds. */
async function until(cond: () => boolean, tries = 100): Promise<void> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('observeAutofill', () => {
  it('fills on start, then fields that appear later', async () => {
    const { document: doc } = await page('<form id="f"><label for="u">Email</label><input id="u" type="email"><button type="button">Next</button></form>', 'https://demo-social.test/login');
    const results: AutofillResult[] = [];
    const stop = observeAutofill(doc, async () => data(), (r) => results.push(r));
    await until(() => $(doc, '#u').value !== '');
    expect($(doc, '#u').value).toBe('jane.doe.art@example.net');
    // the second step arrives
    $(doc, '#f').insertAdjacentHTML('beforeend', '<label for="p">Password</label><input id="p" type="password">');
    await until(() => $(doc, '#p').value !== '');
    expect($(doc, '#p').value).toBe('Corr3ct-Horse!42');
    expect(results.at(-1)?.page).toBe('login');
    stop();
  });

  it('fills a form once its fade-in ends (an animation changes no DOM; its end event is the moment)', async () => {
    const { document: doc } = await page('<style id="s">.card{opacity:0}</style><div class="card" id="card"><form><label for="u">Email</label><input id="u" type="email"><label for="p">Password</label><input id="p" type="password"></form></div>', 'https://demo-social.test/login');
    const stop = observeAutofill(doc, async () => data(), () => {});
    await new Promise((r) => setTimeout(r, 300));
    expect($(doc, '#u').value).toBe('');
    // the animation's last frame: the stylesheet's rule no longer applies (no attribute, no child of a form changes)
    $(doc, '#s').textContent = '.card{opacity:1}';
    await new Promise((r) => setTimeout(r, 300));
    expect($(doc, '#u').value).toBe('');
    $(doc, '#card').dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('animationend', { bubbles: true }));
    await until(() => $(doc, '#u').value !== '');
    expect($(doc, '#u').value).toBe('jane.doe.art@example.net');
    stop();
  });

  it('fills a field when it becomes visible (hidden attribute, class or style change)', async () => {
    const { document: doc } = await page('<style>.off{display:none}</style><form id="f"><div id="tab" class="off"><label for="t">Twitter URL</label><input id="t"></div></form>');
    const stop = observeAutofill(doc, async () => data(), () => {});
    await new Promise((r) => setTimeout(r, 50));
    expect($(doc, '#t').value).toBe('');
    $(doc, '#tab').classList.remove('off');
    await until(() => $(doc, '#t').value !== '');
    expect($(doc, '#t').value).toBe('https://twitter.com/janedoe_art');
    stop();
  });

  // A CSS router: the route's stylesheet shows the view (a text change the MutationObserver
  // rightly ignores), so only noticing the navigation itself can start the pass.
  const ROUTER = `<style id="route">#social{display:none}</style>
    <div id="app"><form id="social"><label for="t">Twitter URL</label><input id="t"></form></div>`;
  const go = (doc: Document, win: { history: unknown }, path: string) => {
    (win.history as History).pushState({}, '', path);
    doc.getElementById('route')!.textContent = '#home{display:none}';
  };

  it('runs again on SPA navigation without touching the page history API (content scripts live in an isolated world), and stops when asked', async () => {
    const { document: doc, window } = await page(ROUTER);
    const hist = window.history as unknown as History;
    const native = { push: hist.pushState, replace: hist.replaceState };
    let calls = 0;
    const stop = observeAutofill(doc, async () => (calls++, data()), () => {});
    await until(() => calls > 0);
    expect(hist.pushState).toBe(native.push); // nothing wrapped: the page's calls are not ours to see
    expect(hist.replaceState).toBe(native.replace);
    expect($(doc, '#t').value).toBe('');
    go(doc, window, '/settings/social');
    await until(() => $(doc, '#t').value !== '');
    expect($(doc, '#t').value).toBe('https://twitter.com/janedoe_art');
    stop();
    const afterStop = calls;
    $(doc, '#app').innerHTML = '<label for="t2">Facebook URL</label><input id="t2">';
    hist.pushState({}, '', '/elsewhere');
    await new Promise((r) => setTimeout(r, 600));
    expect(calls).toBe(afterStop);
    expect($(doc, '#t2').value).toBe('');
  });

  it("passes on the Navigation API's navigate / navigatesuccess events where the window has one", async () => {
    const { document: doc, window } = await page(ROUTER);
    const nav = new (window as unknown as typeof globalThis).EventTarget();
    const listening = new Set<string>();
    const add = nav.addEventListener.bind(nav);
    const remove = nav.removeEventListener.bind(nav);
    nav.addEventListener = (type: string, fn: EventListenerOrEventListenerObject | null) => (listening.add(type), add(type, fn));
    nav.removeEventListener = (type: string, fn: EventListenerOrEventListenerObject | null) => (listening.delete(type), remove(type, fn));
    Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
    let calls = 0;
    const stop = observeAutofill(doc, async () => (calls++, data()), () => {});
    await until(() => calls > 0);
    const before = calls;
    // the event comes first, the URL changes right after (as for a same-document navigation)
    nav.dispatchEvent(new (window as unknown as typeof globalThis).Event('navigate'));
    go(doc, window, '/settings/social');
    await until(() => $(doc, '#t').value !== '');
    expect(calls).toBeGreaterThan(before);
    expect($(doc, '#t').value).toBe('https://twitter.com/janedoe_art');
    expect([...listening].sort()).toEqual(['navigate', 'navigatesuccess']);
    stop();
    expect(listening.size).toBe(0);
  });

  it('ignores mutations that do not touch form fields (cheap on busy pages)', async () => {
    const { document: doc } = await page('<div id="ticker">0</div><form><label for="t">Twitter URL</label><input id="t"></form>');
    let calls = 0;
    const stop = observeAutofill(doc, async () => (calls++, data()), () => {});
    await until(() => calls > 0 && $(doc, '#t').value !== '');
    const base = calls;
    for (let i = 0; i < 50; i++) {
      $(doc, '#ticker').textContent = String(i);
      $(doc, '#ticker').setAttribute('class', `tick-${i}`);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(base);
    stop();
  });

  it('does nothing when there is no task data', async () => {
    const { document: doc } = await page('<form><label for="t">Twitter URL</label><input id="t"></form>');
    const results: AutofillResult[] = [];
    const stop = observeAutofill(doc, async () => null, (r) => results.push(r));
    await new Promise((r) => setTimeout(r, 50));
    expect(results).toEqual([]);
    expect($(doc, '#t').value).toBe('');
    stop();
  });
});
