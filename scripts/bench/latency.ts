/**
 * The real latency of the first fill, as the worker meets it: the whole path
 * (content script start, messages, detection, fill) inside a real page load,
 * paired against a reference content script.
 *
 * The reference is a tiny second extension (written to .bench/ref-ext, loaded
 * beside ours) whose content script runs at `document_idle` and writes a
 * hidden marker field at once: the earliest moment an idle content script
 * could touch the page. The page's own clock (an inline script at the top of
 * its <head>) records that write and the extension's first write (the first
 * `input` event on any other field, or the first `data-ec-autofilled` mark);
 * the difference, per load, is the extension's latency (negative: it filled
 * before an idle script could have).
 *
 * The characters of extension script parsed into the page come from CDP
 * `Debugger.scriptParsed` (scripts whose URL is our extension's origin), on
 * separate loads so the debugger does not slow the timed ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from '../../tests/e2e/support/chromium';
import type { Sandbox } from '../../tests/sandbox/server';
import { largePage } from './pages';

export const LATENCY_HOST = 'bench-latency.test';
export const LATENCY_SIZES = [50, 1000, 5000] as const;
const MARKER_ID = 'ec-ref-marker';

/** Writes the reference extension (MV3, one `document_idle` content script on the bench host) and returns its folder. */
export function writeReferenceExtension(outDir: string): string {
  const dir = path.join(outDir, 'ref-ext');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify(
      {
        manifest_version: 3,
        name: 'bench reference (document_idle)',
        version: '1.0',
        content_scripts: [{ matches: [`*://${LATENCY_HOST}/*`], js: ['ref.js'], run_at: 'document_idle', all_frames: false }],
      },
      null,
      2,
    ),
  );
  writeFileSync(
    path.join(dir, 'ref.js'),
    `(() => { const m = document.getElementById('${MARKER_ID}'); if (!m) return; m.value = 'idle'; m.dispatchEvent(new Event('input', { bubbles: true })); })();\n`,
  );
  return dir;
}

/** The page's own clock: first in <head>, before anything else of the page runs. */
const PAGE_CLOCK = `<script>(() => {
  const T = (window.__ecLatency = {});
  const mark = (k) => { if (T[k] === undefined) T[k] = performance.now(); };
  addEventListener('input', (e) => { const t = e.target; if (t && t.id === '${MARKER_ID}') mark('ref'); else mark('ext'); }, true);
  new MutationObserver(() => mark('ext')).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ec-autofilled'] });
  document.addEventListener('DOMContentLoaded', () => mark('dcl'));
  addEventListener('load', () => mark('load'));
})();</script>`;

export function latencyPage(inputs: number): string {
  return largePage(inputs)
    .replace('<head>', `<head>${PAGE_CLOCK}`)
    .replace('<body>', `<body><input type="hidden" id="${MARKER_ID}" value="">`);
}

export interface LatencyRun {
  inputs: number;
  /** ext − ref per load (ms). */
  diffs: number[];
  /** The extension's first write, from navigation start (ms). */
  ext: number[];
  /** The reference's write, from navigation start (ms). */
  ref: number[];
  dcl: number[];
  /** Characters of our extension's scripts parsed into the page, by file (one load, panel shown). */
  parsed: Record<string, number>;
  parsedTotal: number;
}

async function poll(page: Page, expr: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await page.evaluate(expr)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** Sets the sandbox's API base URL and key through the options page. */
export async function configureBenchApi(ext: ExtensionBrowser, sandbox: Sandbox): Promise<void> {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.getByTestId('api-base-url').fill(sandbox.apiBase);
  await options.getByTestId('api-key').fill(sandbox.apiKey);
  await options.getByTestId('save-settings').click();
  await options.getByTestId('save-result').waitFor();
  await options.close();
}

/** Configures the extension for the sandbox API and pulls a task for the bench host through the popup; returns a clean-up. */
export async function pullBenchTask(ext: ExtensionBrowser, sandbox: Sandbox, domain: string): Promise<() => Promise<void>> {
  const base = `chrome-extension://${ext.extensionId}`;
  await configureBenchApi(ext, sandbox);
  sandbox.reset([
    {
      domain,
      username: 'bench_user',
      email: 'bench@example.org',
      password: 'Bench-Pass-1',
      website: 'https://bench.example.org',
      twofa: '',
      entity_connect: ['https://x.com/bench_user', 'https://www.facebook.com/bench.user', 'https://www.linkedin.com/in/bench-user'],
    },
  ]);
  const popup = await ext.context.newPage();
  await popup.goto(`${base}/popup.html`);
  await popup.getByTestId('pull-task').click();
  await popup.getByTestId('task-domain').waitFor();
  return async () => {
    await popup.getByTestId('complete-task').click();
    await popup.getByTestId('pull-task').waitFor();
    await popup.close();
  };
}

/** N timed loads per size, plus one load with the debugger on for the parsed characters. */
export async function benchLatency(ext: ExtensionBrowser, runs: number): Promise<LatencyRun[]> {
  const pages = new Map<number, string>(LATENCY_SIZES.map((n) => [n, latencyPage(n)]));
  await ext.context.route(`http://${LATENCY_HOST}/**`, (route) => {
    const n = Number(/inputs-(\d+)/.exec(route.request().url())?.[1]);
    const body = pages.get(n);
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: body ?? 'not found', status: body ? 200 : 404 });
  });
  const origin = `chrome-extension://${ext.extensionId}/`;
  const out: LatencyRun[] = [];
  for (const n of LATENCY_SIZES) {
    const url = `http://${LATENCY_HOST}/inputs-${n}.html`;
    const run: LatencyRun = { inputs: n, diffs: [], ext: [], ref: [], dcl: [], parsed: {}, parsedTotal: 0 };
    // One warm-up load (the service worker wakes, caches fill): not counted.
    for (let i = 0; i <= runs; i++) {
      const page = await ext.context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const ok = await poll(page, '!!(window.__ecLatency && window.__ecLatency.ext !== undefined && window.__ecLatency.ref !== undefined)', 15_000);
      const t = (await page.evaluate('window.__ecLatency')) as Record<string, number>;
      await page.close();
      if (!ok) throw new Error(`latency @${n}: no ${t.ext === undefined ? 'fill by the extension' : 'reference write'} within 15 s`);
      if (i === 0) continue;
      run.diffs.push(t.ext! - t.ref!);
      run.ext.push(t.ext!);
      run.ref.push(t.ref!);
      run.dcl.push(t.dcl!);
    }
    // Parsed characters: every script of our origin that reached this page's renderer, until the panel is shown.
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    const scripts: { url: string; scriptId: string; length?: number }[] = [];
    cdp.on('Debugger.scriptParsed', (e) => {
      if (e.url.startsWith(origin)) scripts.push({ url: e.url, scriptId: e.scriptId, length: (e as { length?: number }).length });
    });
    await cdp.send('Debugger.enable');
    await page.goto(url, { waitUntil: 'load' });
    await poll(page, '!!(window.__ecLatency && window.__ecLatency.ext !== undefined)', 15_000);
    await poll(page, '!!document.querySelector("entity-connect-panel")', 5_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const s of scripts) {
      const len = s.length ?? (await cdp.send('Debugger.getScriptSource', { scriptId: s.scriptId })).scriptSource.length;
      const file = s.url.slice(origin.length - 1);
      run.parsed[file] = (run.parsed[file] ?? 0) + len;
      run.parsedTotal += len;
    }
    await cdp.detach();
    await page.close();
    out.push(run);
  }
  return out;
}
