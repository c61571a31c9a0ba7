// The kinds registry: a total map of field kinds, each with its fill-policy line; the special
// rules as named predicates (table test); and every kind covered by at least three corpus pages
// (tests/fixtures/pages/covers.json), each listed kind really found by the engine on its page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, PAGES_DIR } from '../../fixtures/corpus';
import { observeAutofill } from '../../../lib/autofill';
import { analyzePage, collectFields } from '../../../lib/autofill/detect';
import { KIND_IDS, KINDS, RULES, kindsIn, type KindId } from '../../../lib/autofill/kinds';
import { openPage } from './harness';
import { page } from './helpers';

const covers = JSON.parse(readFileSync(join(PAGES_DIR, 'covers.json'), 'utf8')) as Record<string, string[] | string>;
const corpus = loadCorpus();

describe('kinds registry', () => {
  it('names a fill-policy line and a reported role for every kind', () => {
    expect(KIND_IDS.length).toBeGreaterThanOrEqual(12);
    for (const k of KIND_IDS) expect(KINDS[k].policy.length, k).toBeGreaterThan(20);
  });

  it('every kind has at least three corpus pages, and covers.json lists every page with known kinds only', () => {
    const pages = Object.keys(covers).filter((k) => !k.startsWith('_'));
    expect(pages.sort()).toEqual(corpus.map((p) => p.name).sort());
    const count = new Map<KindId, number>(KIND_IDS.map((k) => [k, 0]));
    for (const name of pages) {
      for (const k of covers[name] as string[]) {
        expect(KIND_IDS, `${name}: ${k}`).toContain(k);
        count.set(k as KindId, count.get(k as KindId)! + 1);
      }
    }
    for (const [k, n] of count) expect(n, `pages covering ${k}`).toBeGreaterThanOrEqual(3);
  });

  const opened: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of opened) await c();
  });
  for (const p of corpus) {
    const claimed = (covers[p.name] ?? []) as KindId[];
    if (!claimed.length) continue;
    it(`${p.name}: the engine finds ${claimed.join(', ')}`, async () => {
      const pg = await openPage(p.html, p.url);
      opened.push(pg.close);
      const seen = new Set<KindId>();
      const stop = observeAutofill(pg.document, async () => p.data, () => {
        for (const k of kindsIn(analyzePage(collectFields(pg.document, { allowFrame: () => true }), pg.document))) seen.add(k);
      });
      for (let i = 0; i < 60 && !claimed.every((k) => seen.has(k)); i++) {
        await pg.settle();
        await new Promise((r) => setTimeout(r, 20));
      }
      stop();
      expect([...seen].filter((k) => claimed.includes(k)).sort()).toEqual([...claimed].sort());
    });
  }
});

describe('special rules (named predicates, each with its fill-policy line)', () => {
  const table: { rule: keyof typeof RULES; html: string; want: boolean }[] = [
    { rule: 'usernameToken', html: '<input autocomplete="username">', want: true },
    { rule: 'usernameToken', html: '<input autocomplete="username webauthn">', want: true },
    { rule: 'usernameToken', html: '<input autocomplete="email">', want: false },
    { rule: 'emailOnly', html: '<input type="email">', want: true },
    { rule: 'emailOnly', html: '<label for="x">Email</label><input id="x" autocomplete="email">', want: true },
    { rule: 'emailOnly', html: '<label for="x">Username or email</label><input id="x" autocomplete="email">', want: false },
    { rule: 'emailOnly', html: '<label for="x">Login</label><input id="x">', want: false },
    { rule: 'newPassword', html: '<input type="password" autocomplete="new-password">', want: true },
    { rule: 'newPassword', html: '<label for="x">Confirm password</label><input id="x" type="password">', want: true },
    { rule: 'newPassword', html: '<input type="password" autocomplete="current-password">', want: false },
    { rule: 'standardsSayCode', html: '<input type="number">', want: true },
    { rule: 'standardsSayCode', html: '<input inputmode="numeric">', want: true },
    { rule: 'standardsSayCode', html: '<input pattern="[0-9]*">', want: true },
    { rule: 'standardsSayCode', html: '<input autocomplete="one-time-code">', want: true },
    { rule: 'standardsSayCode', html: '<input type="text">', want: false },
    { rule: 'notTheAuthenticatorCode', html: '<label for="x">Recovery code</label><input id="x">', want: true },
    { rule: 'notTheAuthenticatorCode', html: '<label for="x">Authentication code or recovery code</label><input id="x" type="number">', want: false },
    { rule: 'notTheAuthenticatorCode', html: '<label for="x">Authentication code or recovery code</label><input id="x" type="text">', want: true },
    { rule: 'notTheAuthenticatorCode', html: '<label for="x">Authentication code</label><input id="x">', want: false },
  ];
  for (const { rule, html, want } of table) {
    it(`${rule}: ${html} → ${want}`, async () => {
      const { document: doc } = await page(`<form>${html}</form>`);
      const fields = collectFields(doc, { allowFrame: () => true });
      const f = fields[fields.length - 1]!;
      expect(RULES[rule].policy.length).toBeGreaterThan(10);
      expect(RULES[rule].test(f)).toBe(want);
    });
  }
});
