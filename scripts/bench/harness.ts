/**
 * In-page side of `npm run bench`: bundled with lib/autofill by esbuild into
 * one IIFE and injected with page.addScriptTag. Everything is timed inside
 * the page with performance.now(), so no protocol round trip is counted.
 */
import { autofillDocument, observeAutofill } from '../../lib/autofill';
import { analyzePage, collectFields } from '../../lib/autofill/detect';
import type { FillData } from '../../lib/messaging';
import { queryExpected as query } from '../../tests/fixtures/query';


function readValues(selectors: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const s of selectors) {
    const el = query(document, s) as HTMLInputElement | null;
    out[s] = el ? String(el.value ?? '') : null;
  }
  return out;
}

/** One detect + fill pass, as the content script's first pass does it. */
function runFull(data: FillData, force: boolean) {
  const t0 = performance.now();
  const r = autofillDocument(document, data, { force });
  const ms = performance.now() - t0;
  return { ms, filled: r.filled.length, page: r.page };
}

/** Detection only (fields + page analysis), on a fresh page. */
function runDetect() {
  const t0 = performance.now();
  const fields = collectFields(document, { allowFrame: () => true });
  const analysis = analyzePage(fields, document);
  const ms = performance.now() - t0;
  return { ms, fields: fields.length, logins: analysis.logins.length };
}

/**
 * Lets the engine work as the content script does (observeAutofill: a pass at
 * start, more while the page changes) until nothing changed for `quietMs`.
 */
function observeUntilQuiet(data: FillData, selectors: string[], quietMs: number, maxMs: number): Promise<Record<string, string | null>> {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = JSON.stringify(readValues(selectors));
    let lastChange = performance.now();
    let passes = 0;
    const stop = observeAutofill(document, async () => data, () => passes++);
    const tick = () => {
      const now = JSON.stringify(readValues(selectors));
      if (now !== last) {
        last = now;
        lastChange = performance.now();
      }
      const t = performance.now();
      if ((passes > 0 && t - lastChange >= quietMs) || t - started >= maxMs) {
        stop();
        resolve(readValues(selectors));
      } else setTimeout(tick, 25);
    };
    setTimeout(tick, 25);
  });
}

/**
 * What one real focus() + blur() pair costs on this page (the fill's event
 * sequence does one per written field), against dispatching the same four
 * focus events synthetically: median ms per field over a few rounds.
 */
function focusCost(): { fields: number; real: number; synthetic: number } {
  const els = Array.from(document.querySelectorAll<HTMLInputElement>('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea')).slice(0, 10);
  const per = (f: (el: HTMLInputElement) => void) => {
    const rounds: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      for (const el of els) f(el);
      rounds.push((performance.now() - t0) / Math.max(1, els.length));
    }
    rounds.sort((a, b) => a - b);
    return rounds[2]!;
  };
  const real = per((el) => {
    el.focus({ preventScroll: true });
    el.blur();
  });
  const synthetic = per((el) => {
    el.dispatchEvent(new FocusEvent('focus'));
    el.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    el.dispatchEvent(new FocusEvent('blur'));
    el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  });
  return { fields: els.length, real, synthetic };
}

(globalThis as unknown as { __ecBench: unknown }).__ecBench = { readValues, runFull, runDetect, observeUntilQuiet, focusCost };
