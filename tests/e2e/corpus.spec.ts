/**
 * The fixture corpus in real Chromium with the built extension, driven only
 * through the automation contract: for every page of tests/fixtures/pages a
 * task is put in the sandbox API, pulled from the popup, the page is opened on
 * its host, and every expected field value is compared once the fill settled.
 *
 * One browser and one sandbox serve the whole file (worker-scoped): each test
 * pulls a fresh task and completes it at the end, so the next can be pulled.
 */
import { test as base, expect, type CDPSession, type FrameLocator, type Locator, type Page, type Worker } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { extensionUrl } from './support/fixtures';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { loadCorpus } from '../fixtures/corpus';
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

const corpus = loadCorpus();

interface Env {
  ext: ExtensionBrowser;
  sandbox: Sandbox;
  popup: Page;
  /** What the options page currently holds (changed only when a page needs other settings). */
  settings: PageSettings;
}

const test = base.extend<object, { env: Env }>({
  env: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const sandbox = await startSandbox({ tasks: [] });
      const ext = await launchWithExtension();
      const options = await ext.context.newPage();
      await options.goto(extensionUrl(ext, 'options.html'));
      await options.getByTestId('api-base-url').fill(sandbox.apiBase);
      await options.getByTestId('api-key').fill(sandbox.apiKey);
      await options.getByTestId('save-settings').click();
      await expect(options.getByTestId('save-result')).toHaveAttribute('data-tone', 'ok');
      await options.close();
      const popup = await ext.context.newPage();
      await popup.goto(extensionUrl(ext, 'popup.html'));
      await use({ ext, sandbox, popup, settings: { ...DEFAULT_SETTINGS } });
      await ext.close();
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
});

/** Resolves an expectation selector: " >>> " steps into an open shadow root (CSS pierces it) or a frame. */
async function locate(page: Page, selector: string): Promise<Locator> {
  const steps = selector.split(/\s*>>>\s*/);
  let scope: Page | Locator | FrameLocator = page;
  for (let i = 0; i < steps.length - 1; i++) {
    const el: Locator = scope.locator(steps[i]!).first();
    const isFrame = await el.evaluate((node) => node.tagName === 'IFRAME' || node.tagName === 'FRAME');
    scope = isFrame ? el.contentFrame() : el;
  }
  return scope.locator(steps[steps.length - 1]!);
}

async function readFields(page: Page, selectors: string[]): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const sel of selectors) {
    try {
      const loc = await locate(page, sel);
      // `.value` rather than inputValue(): expectations also name <output> and <button> elements.
      out[sel] = (await loc.count()) ? await loc.first().evaluate((el) => String((el as HTMLInputElement).value ?? '')) : null;
    } catch {
      out[sel] = null;
    }
  }
  return out;
}

/**
 * The in-page panel lives in a closed shadow root, out of reach of page
 * scripts and of Playwright's selectors; the DevTools protocol can still see
 * it (DOM.getDocument with pierce), which gives the "fill finished" signal.
 */
async function readPanel(cdp: CDPSession): Promise<PanelView | null> {
  const { root } = await cdp.send('DOM.getDocument', { depth: 2, pierce: true });
  const html = root.children?.find((n) => n.localName === 'html');
  const host = html?.children?.find((n) => n.localName === 'entity-connect-panel');
  if (!host) return null;
  const shadow = host.shadowRoots?.[0];
  if (!shadow) return null;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  if (!object.objectId) return null;
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    returnByValue: true,
    functionDeclaration: READ_PANEL_FUNCTION,
  });
  return result.value as PanelView;
}

async function serviceWorker(env: Env): Promise<Worker> {
  return env.ext.serviceWorker();
}

/** The content-script registrations Chromium holds for the extension (chrome.scripting, read in the service worker). */
async function registeredMatches(env: Env): Promise<string[]> {
  const sw = await serviceWorker(env);
  return sw.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } }).chrome;
    const scripts = await api.scripting.getRegisteredContentScripts();
    return scripts.flatMap((s) => s.matches ?? []);
  });
}

async function applySettings(env: Env, want: PageSettings): Promise<void> {
  if (sameSettings(env.settings, want)) return;
  const options = await env.ext.context.newPage();
  await options.goto(extensionUrl(env.ext, 'options.html'));
  await options.getByTestId(want.autofillMode === 'auto' ? 'autofill-auto' : 'autofill-manual').check();
  await options.getByTestId('auto-submit').setChecked(want.autoSubmitLogin);
  await options.getByTestId('append-bio').setChecked(want.appendLinksToBio);
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('save-result')).toHaveAttribute('data-tone', 'ok');
  await options.close();
  env.settings = { ...want };
}

async function pullTask(env: Env, taskId: string, domain: string): Promise<void> {
  const { popup } = env;
  await popup.reload();
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toContainText(domain);
  expect(env.sandbox.task(taskId)?.status).toBe('connecting');
  // The background registers the content script for the new domain: wait for Chromium to hold it.
  await expect.poll(() => registeredMatches(env)).toContain(`*://${domain}/*`);
}

async function completeActiveTask(env: Env): Promise<void> {
  const { popup } = env;
  await popup.reload();
  const complete = popup.getByTestId('complete-task');
  const idle = popup.getByTestId('pull-task');
  await expect(complete.or(idle)).toBeVisible();
  if (await complete.isVisible()) {
    await complete.click();
    await expect(idle).toBeVisible();
  }
  // The popup turns idle as soon as the task is cleared from storage; the background unregisters
  // the content script after that. Wait for it, so every page starts from "no task, nothing registered".
  await expect.poll(() => registeredMatches(env)).toEqual([]);
}

for (const page of corpus) {
  test(`${page.name}: ${page.expected.description}`, async ({ env }) => {
    const { ext, sandbox } = env;
    const d = page.data;
    const { onTaskDomain, https: routed } = placeOf(page);

    await completeActiveTask(env);
    sandbox.reset([taskFor(page)]);
    const task = sandbox.tasks()[0]!.task;
    await applySettings(env, settingsFor(page));
    await pullTask(env, task.id, d.domain);

    // Pages on HSTS-preloaded real hosts (placeOf): served over https by Playwright's router
    // instead of the plain-http sandbox.
    const url = routed ? `https://${page.host}${page.servedPath}` : sandbox.siteUrl(page.host, page.servedPath);
    if (routed) await ext.context.route(`https://${page.host}/**`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: page.html }));

    const plan = otpPlan(page);
    const secret = String(taskFor(page).twofa ?? '');
    const startedAt = Date.now();
    const tab = await ext.context.newPage();
    // The journey's own moves (to the login page, to the profile editor) are tested in their
    // specs; here the fill is read on the fixture itself, so a move of the top page elsewhere
    // is answered 204 (the document stays).
    await tab.route('**/*', (route) => {
      const req = route.request();
      if (req.isNavigationRequest() && req.frame() === tab.mainFrame() && req.url() !== url) return route.fulfill({ status: 204 });
      return route.fallback();
    });
    const cdp = await ext.context.newCDPSession(tab);
    try {
      await tab.goto(url);
      const selectors = Object.keys(page.expected.fields);

      if (onTaskDomain) {
        // Positive signal: the panel shows a finished fill pass (also for "nothing filled" pages).
        await expect.poll(async () => (await readPanel(cdp))?.updated ?? false, { message: 'the panel reports a fill pass' }).toBe(true);
      } else {
        // A look-alike host: no script may run here. Positive signal that the extension is at
        // work: a tab of the task's real domain opened after this page loaded gets filled; by
        // then this tab's own (document_idle) turn is long past. A frame of the real domain
        // inside the look-alike gets nothing either (DESIGN "Frames": the top page decides).
        const control = sandbox.siteUrl(d.domain, page.servedPath);
        await tab.evaluate((src) => {
          const f = document.createElement('iframe');
          f.id = '__ec_control_frame';
          f.src = src;
          document.body.append(f);
        }, control);
        const controlTab = await ext.context.newPage();
        await controlTab.goto(control);
        await expect(controlTab.locator('[data-ec-autofilled]').first()).toBeAttached();
        await controlTab.close();
        expect(await tab.frameLocator('#__ec_control_frame').locator('[data-ec-autofilled]').count(), 'no field marked in a task frame inside a look-alike').toBe(0);
        expect(await readPanel(cdp), 'no panel on a look-alike host').toBeNull();
        expect(await tab.locator('[data-ec-autofilled]').count(), 'no field marked on a look-alike host').toBe(0);
      }

      const want = expectedWithOtp(page, plan);
      await expect
        .poll(async () => normaliseOtp(await readFields(tab, selectors), plan, codesSince(secret, startedAt)), {
          message: `field values on ${page.name}`,
        })
        .toEqual(want);

      if (onTaskDomain) {
        // The worker-facing summary agrees with the expectation: page kind, auto-submit, what was not placed.
        await expect.poll(async () => (await readPanel(cdp))?.page).toBe(page.expected.page);
        if (page.expected.submitted) await expect.poll(async () => (await readPanel(cdp))?.message).toBe(panelText(page, 'panel.submitted'));
        const wantNot = expectedNotFilled(page);
        if (wantNot) {
          await expect.poll(async () => [...((await readPanel(cdp))?.notFilled ?? [])].sort()).toEqual(wantNot);
        }
        // Secrets are never echoed in the panel.
        const shown = (await readPanel(cdp))?.filled.join('\n') ?? '';
        for (const secretValue of secretsOf(page, task)) expect(shown).not.toContain(secretValue);
      }
    } finally {
      await cdp.detach().catch(() => undefined);
      await tab.close();
      if (routed) await ext.context.unroute(`https://${page.host}/**`);
    }

    await completeActiveTask(env);
    await expect.poll(() => sandbox.task(task.id)?.status).toBe('completed');
  });
}
