/**
 * DESIGN "Fill policy": a field hidden again within a second of being filled
 * with a secret is emptied again, and gets no secret on the next pass (nor
 * by *fill again*). The worker's own action, and fields that stay visible,
 * are left alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from '../../../lib/autofill';
import { REFILL_WINDOW_MS } from '../../../lib/autofill/guard';
import { $, closeAll, data, page } from '../autofill/helpers';

afterEach(closeAll);

const LOGIN = '<form id="f"><label for="u">Username</label><input id="u" autocomplete="username"><label for="p">Password</label><input id="p" type="password" autocomplete="current-password"><button>Sign in</button></form>';
const OTP = '<form id="f"><label for="c">Authenticator code</label><input id="c" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button>Verify</button></form>';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls until `fn` holds (at most 3 s): the guard works on timers and mutations. */
async function until(fn: () => boolean): Promise<void> {
  for (let i = 0; i < 60 && !fn(); i++) await sleep(50);
}

describe('refill guard', () => {
  it('a password field hidden right after the fill is emptied, and never filled again on this page', async () => {
    const { document: doc } = await page(LOGIN, 'https://demo-social.test/login');
    const seen: string[] = [];
    $(doc, '#p').addEventListener('input', () => seen.push($(doc, '#p').value));
    autofillDocument(doc, data());
    expect($(doc, '#p').value).toBe(data().password);
    // the page hides it at once (the "shown for 159 ms" trick)
    $(doc, '#f').style.display = 'none';
    await until(() => $(doc, '#p').value === '');
    expect($(doc, '#p').value).toBe('');
    // frameworks saw it emptied (an input event with the empty value)
    expect(seen.at(-1)).toBe('');
    // shown again: neither the next pass nor fill again puts the password back
    $(doc, '#f').style.display = '';
    autofillDocument(doc, data());
    autofillDocument(doc, data(), { force: true });
    expect($(doc, '#p').value).toBe('');
    // the identifier (not a secret) is still the worker's help
    expect($(doc, '#u').value).toBe(data().username);
  });

  it('hidden by a class change, or by opacity, counts the same', async () => {
    for (const hide of [(f: HTMLElement) => f.classList.add('gone'), (f: HTMLElement) => (f.style.opacity = '0')]) {
      const { document: doc } = await page(`<style>.gone{visibility:hidden}</style>${LOGIN}`, 'https://demo-social.test/login');
      autofillDocument(doc, data());
      hide($(doc, '#f'));
      await until(() => $(doc, '#p').value === '');
      expect($(doc, '#p').value).toBe('');
    }
  });

  it('a one-time code field hidden right after the fill is emptied too', async () => {
    const { document: doc } = await page(OTP, 'https://demo-social.test/2fa');
    autofillDocument(doc, { ...data(), totp: { code: '492039', remaining: 20 } });
    expect($(doc, '#c').value).toBe('492039');
    $(doc, '#c').hidden = true;
    await until(() => $(doc, '#c').value === '');
    expect($(doc, '#c').value).toBe('');
  });

  it('controls: a field that stays visible keeps its value; one hidden after the window keeps it too', async () => {
    const stays = await page(LOGIN, 'https://demo-social.test/login');
    const later = await page(LOGIN, 'https://demo-social.test/login');
    autofillDocument(stays.document, data());
    autofillDocument(later.document, data());
    await sleep(REFILL_WINDOW_MS + 200);
    // e.g. the worker moves on to another tab of the page a while later
    $(later.document, '#f').style.display = 'none';
    await sleep(300);
    expect($(stays.document, '#p').value).toBe(data().password);
    expect($(later.document, '#p').value).toBe(data().password);
  });

  it('controls: a field removed from the page (the login went on) is not touched', async () => {
    const { document: doc } = await page(LOGIN, 'https://demo-social.test/login');
    autofillDocument(doc, data());
    const p = $(doc, '#p');
    $(doc, '#f').remove();
    await sleep(300);
    expect(p.value).toBe(data().password);
  });

  it('controls: a value the worker or the page changed is not taken back', async () => {
    const { document: doc } = await page(LOGIN, 'https://demo-social.test/login');
    autofillDocument(doc, data());
    $(doc, '#p').value = 'typed-by-hand';
    $(doc, '#f').style.display = 'none';
    await sleep(300);
    expect($(doc, '#p').value).toBe('typed-by-hand');
  });
});
