/**
 * Held-out scorer (not a unit test): runs the engine once on each page of a
 * held-out round and prints fields right / fields expected per page and in
 * total, with every wrong field (expected vs got).
 *
 *   npx tsx scripts/heldout-score.ts tests/fixtures/heldout-round-3.json [--write]
 *
 * Each page is loaded as the corpus does it (tests/fixtures/corpus.ts: the page's
 * data merged over DEFAULT_FILL_DATA, opened at its pretend `url`) in a fresh
 * happy-dom Window whose DOM classes are installed as globals (as vitest's
 * happy-dom environment does), then `observeAutofill` — the content script's
 * entry — works until the page has been quiet for a moment. `--write` stores
 * the result in the round file under `firstRun` (only if it has none yet).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { loadCorpus, PENDING_DIR, readAll, type CorpusPage } from '../tests/fixtures/corpus';

interface Round {
  round: number;
  date: string;
  pages: string[];
  firstRun?: unknown;
}

interface Wrong {
  field: string;
  expected: string;
  got: string | null;
}

interface PageScore {
  page: string;
  right: number;
  total: number;
  kind: { expected: string; got: string | null };
  wrong: Wrong[];
  error?: string;
}

const QUIET_MS = 400;
const MAX_MS = 4000;

/** Puts the window's DOM globals (document, HTMLElement, getComputedStyle, …) on globalThis. */
function installGlobals(win: Window): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const w = win as unknown as Record<string, unknown>;
  const keys = new Set<string>();
  for (let o: object | null = win; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const k of Object.getOwnPropertyNames(o)) keys.add(k);
  }
  const skip = new Set(['undefined', 'NaN', 'Infinity', 'globalThis', 'constructor', 'process', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'performance']);
  for (const k of keys) {
    if (skip.has(k) || k.startsWith('_')) continue;
    let v: unknown;
    try {
      v = w[k];
    } catch {
      continue;
    }
    saved.set(k, Object.getOwnPropertyDescriptor(g, k));
    try {
      Object.defineProperty(g, k, { value: typeof v === 'function' && !/^[A-Z]/.test(k) ? (v as (...a: unknown[]) => unknown).bind(win) : v, configurable: true, writable: true });
    } catch {
      saved.delete(k);
    }
  }
  for (const k of ['window', 'self', 'top', 'parent']) {
    saved.set(k, Object.getOwnPropertyDescriptor(g, k));
    Object.defineProperty(g, k, { value: win, configurable: true, writable: true });
  }
  return () => {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(g, k, d);
      else delete g[k];
    }
  };
}

async function scorePage(page: CorpusPage, observe: typeof import('../lib/autofill').observeAutofill): Promise<PageScore> {
  const win = new Window({
    url: page.url,
    width: 1280,
    height: 900,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: false,
      navigation: { disableMainFrameNavigation: true },
    } as never,
  });
  const restore = installGlobals(win);
  const doc = win.document as unknown as Document;
  let kind: string | null = null;
  try {
    doc.write(page.html);
    await win.happyDOM.waitUntilComplete();
    const result = await new Promise<Record<string, string | null>>((resolve) => {
      const started = Date.now();
      let last = JSON.stringify(readAll(doc, page));
      let lastChange = Date.now();
      let passes = 0;
      const stop = observe(
        doc,
        async () => page.data,
        (r) => {
          passes++;
          if (r.page !== 'other' || kind === null) kind = r.page;
        },
      );
      const tick = () => {
        const now = JSON.stringify(readAll(doc, page));
        if (now !== last) {
          last = now;
          lastChange = Date.now();
        }
        if ((passes > 0 && Date.now() - lastChange >= QUIET_MS) || Date.now() - started >= MAX_MS) {
          stop();
          resolve(readAll(doc, page));
        } else setTimeout(tick, 25);
      };
      setTimeout(tick, 25);
    });
    const wrong: Wrong[] = [];
    for (const [field, expected] of Object.entries(page.expected.fields)) {
      if (result[field] !== expected) wrong.push({ field, expected, got: result[field] ?? null });
    }
    const total = Object.keys(page.expected.fields).length;
    return { page: page.name, right: total - wrong.length, total, kind: { expected: page.expected.page, got: kind }, wrong };
  } catch (e) {
    const total = Object.keys(page.expected.fields).length;
    return { page: page.name, right: 0, total, kind: { expected: page.expected.page, got: kind }, wrong: [], error: String(e) };
  } finally {
    await win.happyDOM.abort();
    win.close();
    restore();
  }
}

const show = (v: string | null) => (v === null ? '(no such field)' : JSON.stringify(v));

async function main() {
  const [roundFile, ...flags] = process.argv.slice(2);
  if (!roundFile) {
    console.error('usage: npx tsx scripts/heldout-score.ts <round.json> [--write]');
    process.exit(2);
  }
  const round = JSON.parse(readFileSync(roundFile, 'utf8')) as Round;
  const byName = new Map([...loadCorpus(), ...loadCorpus(PENDING_DIR)].map((p) => [p.name, p]));
  const missing = round.pages.filter((n) => !byName.has(n));
  if (missing.length) throw new Error(`pages not in the corpus: ${missing.join(', ')}`);

  // The engine is imported after a first window exists, as in a DOM test environment.
  const boot = new Window({ url: 'https://boot.test/' });
  const restoreBoot = installGlobals(boot);
  const { observeAutofill } = await import('../lib/autofill');
  restoreBoot();
  boot.close();

  const scores: PageScore[] = [];
  for (const name of round.pages) scores.push(await scorePage(byName.get(name)!, observeAutofill));

  let right = 0;
  let total = 0;
  const width = Math.max(...scores.map((s) => s.page.length));
  for (const s of scores) {
    right += s.right;
    total += s.total;
    const kindNote = s.kind.got === s.kind.expected ? '' : `  (page: expected ${s.kind.expected}, got ${s.kind.got ?? 'no result'})`;
    console.log(`${s.page.padEnd(width)}  ${String(s.right).padStart(2)}/${String(s.total).padEnd(2)}${kindNote}`);
    if (s.error) console.log(`    ERROR ${s.error}`);
    for (const w of s.wrong) console.log(`    ✗ ${w.field}\n        expected ${show(w.expected)}\n        got      ${show(w.got)}`);
  }
  const pct = total ? ((100 * right) / total).toFixed(1) : '0';
  const fullPages = scores.filter((s) => s.right === s.total && !s.error).length;
  console.log(`\nTOTAL ${right}/${total} fields right (${pct} %), ${fullPages}/${scores.length} pages fully right`);

  if (flags.includes('--write')) {
    if (round.firstRun) {
      console.error('round file already holds a first run: not overwritten');
    } else {
      round.firstRun = {
        at: new Date().toISOString(),
        right,
        total,
        percent: Number(pct),
        pagesFullyRight: fullPages,
        pages: scores.map((s) => ({
          page: s.page,
          right: s.right,
          total: s.total,
          pageKind: s.kind,
          ...(s.error ? { error: s.error } : {}),
          wrong: s.wrong,
        })),
      };
      writeFileSync(roundFile, JSON.stringify(round, null, 2) + '\n');
      console.log(`first run written to ${roundFile}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
