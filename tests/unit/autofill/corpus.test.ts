// Every corpus page under happy-dom: the engine runs as the content script would
// (observeAutofill: a pass at start, more as the page changes), then every expected
// field value is compared exactly, including fields that must stay unchanged.
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, readAll } from '../../fixtures/corpus';
import { observeAutofill, type AutofillResult } from '../../../lib/autofill';
import { openPage } from './harness';

const corpus = loadCorpus();

describe('fixture corpus', () => {
  it('has at least 30 pages, each with expectations', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    for (const p of corpus) expect(Object.keys(p.expected.fields).length, p.name).toBeGreaterThan(0);
  });

  const opened: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of opened) await c();
  });

  for (const page of corpus) {
    it(`${page.name}: ${page.expected.description}`, async () => {
      const pg = await openPage(page.html, page.url);
      opened.push(pg.close);
      const results: AutofillResult[] = [];
      const stop = observeAutofill(pg.document, async () => page.data, (r) => results.push(r));
      const want = page.expected.fields;
      // Let scripted steps (two-step logins, late fields) happen: wait for the page to
      // settle until the expectation holds or the page stops changing for a while.
      for (let i = 0; i < 60; i++) {
        await pg.settle();
        await new Promise((r) => setTimeout(r, 20));
        if (results.length && JSON.stringify(readAll(pg.document, page)) === JSON.stringify(want)) break;
      }
      stop();
      expect(results.length, 'at least one pass ran').toBeGreaterThan(0);
      expect(readAll(pg.document, page)).toEqual(want);
      const last = results[results.length - 1]!;
      expect(last.page).toBe(page.expected.page);
      expect(results.some((r) => r.submitted)).toBe(page.expected.submitted ?? false);
      if (page.expected.notFilled) {
        const key = (n: { value: string; reason: string }) => `${n.reason} ${n.value}`;
        expect(last.notFilled.map(key).sort()).toEqual(page.expected.notFilled.map(key).sort());
      }
      // passwords and codes are never shown in the result
      for (const f of last.filled) {
        if (f.role === 'password' || f.role === 'otp') expect(f.value).toMatch(/^•+$/);
      }
    });
  }
});
