/**
 * DESIGN "Security rules": the one-time code is given to a page only when
 * that page shows a one-time-code field, at that moment. The fill data has
 * no code; a page with a visible code field asks `getOneTimeCode` (one extra
 * message) and fills it; other pages never ask.
 */
import { createPanel } from '../../../lib/panel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { autofillDocument, observeAutofill, undoAutofill } from '../../../lib/autofill';
import type { FillData, FillReport, TotpNow } from '../../../lib/messaging';
import { startTaskPage, type TaskPage } from '../../../lib/page';
import { $, closeAll, data as pageData, page } from '../autofill/helpers';

const running: TaskPage[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) p.stop();
  await closeAll();
});

const CODE: TotpNow = { code: '492039', remaining: 25, period: 30 };
const OTP_PAGE = '<form action="/2fa"><label for="c">Authenticator app code</label><input id="c" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button>Verify</button></form>';
const LOGIN_PAGE = '<form><label for="u">Username</label><input id="u" autocomplete="username"><label for="p">Password</label><input id="p" type="password" autocomplete="current-password"><button>Sign in</button></form>';

function fillData(over: Partial<FillData> = {}): FillData {
  const { totp: _drop, ...rest } = pageData();
  void _drop;
  return { ...rest, hasOneTimeCode: true, ...over };
}

async function run(doc: Document, fd: FillData) {
  let fillNow: (() => Promise<FillReport | null>) | null = null;
  const deps = {
    getFillData: vi.fn(async () => fd),
    getOneTimeCode: vi.fn(async () => CODE),
  };
  const p = await startTaskPage({
    doc,
    isTop: false,
    ...deps,
    getPanelSetup: () => new Promise<never>(() => undefined),
    createPanel,
    savePanelPrefs: async () => undefined,
    openPopup: async () => undefined,
    onFillNow: (h) => {
      fillNow = h;
      return () => undefined;
    },
    onTaskChange: () => () => undefined,
    autofill: { autofillDocument, observeAutofill, undoAutofill },
  });
  if (p) running.push(p);
  return { ...deps, fillNow: () => fillNow!() };
}

const until = async (fn: () => boolean) => {
  for (let i = 0; i < 60 && !fn(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe('the one-time code on demand', () => {
  it('a page showing a code field asks for the code and fills it', async () => {
    const { document: doc } = await page(OTP_PAGE, 'https://demo-social.test/2fa');
    const deps = await run(doc, fillData());
    await until(() => $(doc, '#c').value !== '');
    expect($(doc, '#c').value).toBe(CODE.code);
    expect(deps.getOneTimeCode).toHaveBeenCalledTimes(1);
  });

  it('a login page (no code field) never asks for the code', async () => {
    const { document: doc } = await page(LOGIN_PAGE, 'https://demo-social.test/login');
    const deps = await run(doc, fillData());
    await until(() => $(doc, '#p').value !== '');
    expect($(doc, '#p').value).toBe(pageData().password);
    await deps.fillNow();
    expect(deps.getOneTimeCode).not.toHaveBeenCalled();
  });

  it('a code field that is hidden (a trap) is no reason to ask', async () => {
    const { document: doc } = await page(`<div style="display:none">${OTP_PAGE}</div>${LOGIN_PAGE}`, 'https://demo-social.test/login');
    const deps = await run(doc, fillData());
    await until(() => $(doc, '#p').value !== '');
    await deps.fillNow();
    expect(deps.getOneTimeCode).not.toHaveBeenCalled();
    expect($(doc, '#c').value).toBe('');
  });

  it('a task without a TOTP secret never asks', async () => {
    const { document: doc } = await page(OTP_PAGE, 'https://demo-social.test/2fa');
    const deps = await run(doc, fillData({ hasOneTimeCode: false }));
    await deps.fillNow();
    expect(deps.getOneTimeCode).not.toHaveBeenCalled();
    expect($(doc, '#c').value).toBe('');
  });

  it('a code field appearing later (the second step) asks then, and fill again asks again', async () => {
    const { document: doc } = await page('<div id="step"></div>', 'https://demo-social.test/login');
    const deps = await run(doc, fillData());
    await new Promise((r) => setTimeout(r, 50));
    expect(deps.getOneTimeCode).not.toHaveBeenCalled();
    $(doc, '#step').innerHTML = OTP_PAGE;
    await until(() => $(doc, '#c').value !== '');
    expect($(doc, '#c').value).toBe(CODE.code);
    const n = deps.getOneTimeCode.mock.calls.length;
    await deps.fillNow();
    expect(deps.getOneTimeCode.mock.calls.length).toBe(n + 1);
  });

  it('fill data itself carries no code (the type and the value)', () => {
    const fd = fillData();
    expect(fd).not.toHaveProperty('totp');
  });
});
