/**
 * The fixture corpus in firefox-esr with the built MV2 extension, held to the
 * same expectations as the Chromium spec (tests/e2e/corpus.spec.ts, shared
 * logic in tests/fixtures/corpus-run.ts): for every page a task is put in the
 * sandbox API and pulled from the popup, the page is opened on its host in a
 * new tab, and every expected field, the page kind, the auto-submit and what
 * was not placed are compared once the fill settled. Look-alike hosts get
 * nothing.
 *
 * One Firefox and one sandbox serve the whole file; each test pulls a fresh
 * task and completes it at the end, so the next can be pulled.
 */
import { createServer, type Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { loadCorpus, type CorpusPage } from '../fixtures/corpus';
import { queryExpected } from '../fixtures/query';
import {
  DEFAULT_SETTINGS,
  READ_PANEL_FUNCTION,
  codesSince,
  expectedNotFilled,
  expectedWithOtp,
  normaliseOtp,
  otpPlan,
  panelText,
  placeOf,
  sameSettings,
  secretsOf,
  settingsFor,
  taskFor,
  type PageSettings,
  type PanelView,
} from '../fixtures/corpus-run';
import type { Tab } from './bidi';
import { launchFirefox, type FirefoxWithExtension } from './firefox';
import { selfSignedCert } from './tls';

const corpus = loadCorpus();

/** How long a page may take to reach its expected state (a limit, not an assertion). */
const SETTLE_MS = 15_000;

let sandbox: Sandbox;
let https: { server: Server; port: number; sockets: Set<Duplex> };
let ff: FirefoxWithExtension;
let popup: Tab;
let settings: PageSettings = { ...DEFAULT_SETTINGS };
/** The previous test ended with its task completed and nothing registered. */
let idle = true;

/**
 * The pages whose real host is HSTS-preloaded (Google's sign-in, pinterest,
 * tumblr): Firefox refuses them over http, so they are served over https, on a
 * free loopback port with a self-signed certificate for their names (Firefox
 * resolves every host to 127.0.0.1, and match patterns ignore the port).
 */
async function startHttpsPages(pages: CorpusPage[]) {
  const byPath = new Map(pages.map((p) => [p.servedPath, p]));
  const server = createServer(selfSignedCert([...new Set(pages.map((p) => p.host))]), (req, res) => {
    const page = byPath.get(new URL(req.url ?? '/', 'https://x').pathname);
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!page || page.host !== host) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page.html);
  });
  const sockets = new Set<Duplex>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

beforeAll(async () => {
  // The journey's own moves are tested in their specs; here every fill is read on the fixture itself.
  sandbox = await startSandbox({ tasks: [], fixturesOnly: true });
  https = await startHttpsPages(corpus.filter((p) => placeOf(p).https));
  ff = await launchFirefox({ acceptInsecureCerts: true });
  const options = await ff.newTab();
  await options.goto(ff.extensionUrl('options.html'));
  await options.fill('api-base-url', sandbox.apiBase);
  await options.fill('api-key', sandbox.apiKey);
  await options.click('save-settings');
  await options.waitFor('the settings to be saved', () => document.querySelector<HTMLElement>('[data-testid="save-result"]')?.dataset.tone === 'ok', []);
  await options.close();
  popup = await ff.newTab();
  await popup.goto(ff.extensionUrl('popup.html'));
});

afterAll(async () => {
  await ff?.close();
  if (https) {
    for (const s of https.sockets) s.destroy();
    await new Promise((r) => https.server.close(r));
  }
  await sandbox?.close();
});

/** Polls `read` until `done` holds or the limit passes; returns the last value (asserted by the caller). */
async function settle<T>(read: () => Promise<T>, done: (v: T) => boolean, limitMs = SETTLE_MS): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    let value: T | undefined;
    let ok = false;
    try {
      value = await read();
      ok = true;
      if (done(value)) return value;
    } catch {
      // the page navigated in between (a submit): try again
    }
    if (Date.now() > deadline) {
      if (ok) return value as T;
      return read();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The content-script registrations Firefox holds for the extension (read in the popup, an extension page). */
function registeredMatches(): Promise<string[]> {
  return popup.run(async () => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    const scripts = await api.scripting.getRegisteredContentScripts();
    return scripts.flatMap((s) => s.matches ?? []);
  });
}

async function applySettings(want: PageSettings): Promise<void> {
  if (sameSettings(settings, want)) return;
  const options = await ff.newTab();
  await options.goto(ff.extensionUrl('options.html'));
  const setChecked = (id: string, on: boolean) =>
    options.waitFor(
      `[data-testid=${id}] to be ${on ? 'checked' : 'unchecked'}`,
      (testId: string, want: boolean) => {
        const el = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
        if (!el) return false;
        if (el.checked !== want) el.click(); // a click, so React's onChange sees it
        return el.checked === want;
      },
      [id, on],
    );
  await setChecked(want.autofillMode === 'auto' ? 'autofill-auto' : 'autofill-manual', true);
  await setChecked('auto-submit', want.autoSubmitLogin);
  await setChecked('append-bio', want.appendLinksToBio);
  await options.click('save-settings');
  await options.waitFor('the settings to be saved', () => document.querySelector<HTMLElement>('[data-testid="save-result"]')?.dataset.tone === 'ok', []);
  await options.close();
  settings = { ...want };
}

async function pullTask(taskId: string, domain: string): Promise<void> {
  await popup.reload();
  await popup.click('pull-task');
  expect(await popup.text('task-domain')).toContain(domain);
  expect(sandbox.task(taskId)?.status).toBe('connecting');
  // The background registers the content script for the new domain: wait for Firefox to hold it.
  expect(await settle(registeredMatches, (m) => m.includes(`*://${domain}/*`))).toContain(`*://${domain}/*`);
}

async function completeActiveTask(): Promise<void> {
  await popup.reload();
  const state = await popup.waitFor(
    'the popup to show the task or the idle state',
    () => (document.querySelector('[data-testid="complete-task"]') ? 'task' : document.querySelector('[data-testid="pull-task"]') ? 'idle' : null),
    [],
  );
  if (state === 'task') {
    await popup.click('complete-task');
    await popup.text('pull-task');
  }
  // The popup turns idle as soon as the task is cleared from storage; the background unregisters
  // the content script after that. Wait for it, so every page starts from "no task, nothing registered".
  expect(await settle(registeredMatches, (m) => m.length === 0)).toEqual([]);
}

/** The expected fields' values, read in an isolated realm with the corpus's own selector rules. */
function readFields(tab: Tab, selectors: string[]): Promise<Record<string, string | null>> {
  // query.ts is DOM-only with no imports (the benchmark bundles it into pages too): its source runs as is.
  return tab.isolated().call<Record<string, string | null>>(
    `(selectors) => {
      const queryExpected = ${queryExpected.toString()};
      const out = {};
      for (const sel of selectors) {
        let el = null;
        try { el = queryExpected(document, sel); } catch { el = null; }
        // .value: expectations also name <output> and <button> elements.
        out[sel] = el ? String(el.value ?? '') : null;
      }
      return out;
    }`,
    [selectors],
  );
}

/** The in-page panel, read through its closed shadow root (null: no panel on this page). */
function readPanel(tab: Tab): Promise<PanelView | null> {
  return tab.isolated().inShadowRoot<PanelView>(':root > entity-connect-panel', READ_PANEL_FUNCTION);
}

function marked(tab: Tab): Promise<number> {
  return tab.isolated().run(() => document.querySelectorAll('[data-ec-autofilled]').length);
}

describe('fixture corpus in Firefox (firefox-esr, MV2 build)', () => {
  for (const page of corpus) {
    test(`${page.name}: ${page.expected.description}`, async () => {
      const d = page.data;
      const place = placeOf(page);

      // After a failed test a task may still be active: end it first.
      if (!idle) await completeActiveTask();
      idle = false;
      sandbox.reset([taskFor(page)]);
      const task = sandbox.tasks()[0]!.task;
      await applySettings(settingsFor(page));
      await pullTask(task.id, d.domain);

      const url = place.https ? `https://${page.host}:${https.port}${page.servedPath}` : sandbox.siteUrl(page.host, page.servedPath);
      const plan = otpPlan(page);
      const secret = String(taskFor(page).twofa ?? '');
      const startedAt = Date.now();
      const tab = await ff.newTab();
      try {
        await tab.goto(url);
        const selectors = Object.keys(page.expected.fields);

        if (place.onTaskDomain) {
          // Positive signal: the panel shows a finished fill pass (also for "nothing filled" pages).
          const panel = await settle(() => readPanel(tab), (p) => !!p?.updated);
          expect(panel?.updated, 'the panel reports a fill pass').toBe(true);
        } else {
          // A look-alike host: no script may run here. Positive signal that the extension is at
          // work: a tab of the task's real domain opened after this page loaded gets filled; by
          // then this tab's own (document_idle) turn is long past. A frame of the real domain
          // inside the look-alike gets nothing either (DESIGN "Frames": the top page decides).
          const control = sandbox.siteUrl(d.domain, page.servedPath);
          await tab.isolated().run((src: string) => {
            const f = document.createElement('iframe');
            f.id = '__ec_control_frame';
            f.src = src;
            document.body.append(f);
          }, control);
          const controlTab = await ff.newTab();
          await controlTab.goto(control);
          expect(await settle(() => marked(controlTab), (n) => n > 0), 'the control tab of the task domain is filled').toBeGreaterThan(0);
          await controlTab.close();
          const frame = await settle(
            async () => (await tab.frames()).find((f) => f.url === control)?.frame ?? null,
            (f) => !!f,
          );
          expect(frame, 'the control frame loaded').toBeTruthy();
          await frame!.waitFor('the control frame to finish loading', () => document.readyState === 'complete', []);
          expect(await marked(frame!), 'no field marked in a task frame inside a look-alike').toBe(0);
          expect(await readPanel(tab), 'no panel on a look-alike host').toBeNull();
          expect(await tab.isolated().run(() => !!document.querySelector('entity-connect-panel')), 'no panel host on a look-alike host').toBe(false);
          expect(await marked(tab), 'no field marked on a look-alike host').toBe(0);
        }

        const want = expectedWithOtp(page, plan);
        const got = await settle(
          async () => normaliseOtp(await readFields(tab, selectors), plan, codesSince(secret, startedAt)),
          (v) => isDeepStrictEqual(v, want),
        );
        expect(got, `field values on ${page.name}`).toEqual(want);

        if (place.onTaskDomain) {
          // The worker-facing summary agrees with the expectation: page kind, auto-submit, what was not placed.
          const submittedText = panelText(page, 'panel.submitted');
          const wantNot = expectedNotFilled(page);
          const matches = (p: PanelView | null) =>
            !!p &&
            p.page === page.expected.page &&
            (!page.expected.submitted || p.message === submittedText) &&
            (!wantNot || isDeepStrictEqual([...p.notFilled].sort(), wantNot));
          const panel = await settle(() => readPanel(tab), matches);
          expect(panel?.page, 'the panel names the page kind').toBe(page.expected.page);
          if (page.expected.submitted) expect(panel?.message, 'the panel says the login was submitted').toBe(submittedText);
          else expect(panel?.message, 'no submit announced').not.toBe(submittedText);
          if (wantNot) expect([...(panel?.notFilled ?? [])].sort(), 'what the panel lists as not filled').toEqual(wantNot);
          // Secrets are never echoed in the panel.
          const shown = panel?.filled.join('\n') ?? '';
          for (const secretValue of secretsOf(page, task)) expect(shown).not.toContain(secretValue);
        }
      } finally {
        await tab.close();
      }

      await completeActiveTask();
      expect(await settle(async () => sandbox.task(task.id)?.status, (s) => s === 'completed')).toBe('completed');
      idle = true;
    });
  }
});
