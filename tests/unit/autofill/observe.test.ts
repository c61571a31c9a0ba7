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

  it('runs again on SPA navigation (pushState) and stops when asked', async () => {
    const { document: doc, window } = await page('<div id="app"></div>');
    let calls = 0;
    const stop = observeAutofill(doc, async () => (calls++, data()), () => {});
    await until(() => calls > 0);
    const before = calls;
    (window.history as unknown as History).pushState({}, '', '/settings/links');
    await until(() => calls > before);
    expect(calls).toBeGreaterThan(before);
    stop();
    const afterStop = calls;
    $(doc, '#app').innerHTML = '<label for="t">Twitter URL</label><input id="t">';
    (window.history as unknown as History).pushState({}, '', '/elsewhere');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(afterStop);
    expect($(doc, '#t').value).toBe('');
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
