/**
 * The demo without a display: a worker's whole task on the plain demo site,
 * clicked through in headless Chromium, with a numbered screenshot of each
 * step (`--screenshots DIR`). Only the worker's own clicks are scripted
 * (Get task, Sign in, Verify, Save profile, Complete); opening the site and
 * every fill are the extension's, and a step that does not happen stops
 * the walkthrough with its name.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '../../tests/sandbox/server';
import type { DemoBrowser } from './chromium';
import { configureExtension, type DemoSettings } from './configure';
import { DemoError } from './errors';
import { hostOf } from './tasks';

/** The toolbar popup's own size (DESIGN: 380×600). */
const POPUP = { width: 380, height: 600 };
const STEP_TIMEOUT = 20_000;

export interface WalkthroughResult {
  /** The PNG files, in step order. */
  shots: string[];
  taskId: string;
  domain: string;
  /** Where the extension opened the site (https first, then plain http on the domain's port). */
  openedUrl: string;
}

export async function runWalkthrough(opts: {
  browser: DemoBrowser;
  sandbox: Sandbox;
  outDir: string;
  settings: Omit<DemoSettings, 'apiBase' | 'apiKey'>;
  /** Called as each screenshot is written. */
  onShot?: (file: string, caption: string) => void;
}): Promise<WalkthroughResult> {
  const { browser, sandbox, outDir } = opts;
  mkdirSync(outDir, { recursive: true });
  const shots: string[] = [];
  let n = 0;
  const shoot = async (page: Page, name: string, caption: string, fullPage = false) => {
    n += 1;
    const file = path.join(outDir, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.bringToFront();
    await page.screenshot({ path: file, fullPage });
    shots.push(file);
    opts.onShot?.(file, caption);
  };
  let step = 'configure the extension';
  try {
    const options = browser.firstPage;
    await configureExtension(options, browser.extensionId, { ...opts.settings, apiBase: sandbox.apiBase, apiKey: sandbox.apiKey });
    await shoot(options, 'options', 'Options: the API base URL and key of the sandbox, saved');

    step = 'open the popup';
    const popup = await browser.context.newPage();
    await popup.setViewportSize(POPUP);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.getByTestId('pull-task').waitFor({ timeout: STEP_TIMEOUT });
    await shoot(popup, 'popup-ready', 'Popup: ready, one button: Get task');

    step = 'Get task (the extension pulls, starts and opens the site)';
    const siteOpened = browser.context.waitForEvent('page', { timeout: STEP_TIMEOUT });
    await popup.getByTestId('pull-task').click();
    await popup.getByTestId('task-domain').waitFor({ timeout: STEP_TIMEOUT });
    const domain = ((await popup.getByTestId('task-domain').textContent()) ?? '').trim();
    const taskId = sandbox.tasks().find((t) => t.status === 'connecting')?.task.id ?? '';
    if (!taskId) throw new Error('the sandbox has no task in progress after Get task');
    await shoot(popup, 'popup-task', `Popup: the task for ${domain}, with its live 2FA code`);
    const site = await siteOpened;
    await site.waitForLoadState('domcontentloaded');
    const openedUrl = site.url();

    step = 'the login form filled on the site';
    await waitFor(site, () => {
      const pw = document.querySelector<HTMLInputElement>('input[type=password]');
      return !!pw?.value && !!document.querySelector<HTMLInputElement>('#login_field')?.value;
    });
    await shoot(site, 'site-login-filled', 'The site opened at its login page; username and password filled');

    step = 'the one-time code filled after Sign in';
    await site.locator('#login-form button[type=submit]').click();
    await waitFor(site, () => /^\d{6}$/.test(document.querySelector<HTMLInputElement>('#otp')?.value ?? ''));
    await shoot(site, 'site-2fa-filled', 'Sign in clicked; the 2FA page has the current code filled');

    step = 'the profile editor filled after Verify';
    await site.locator('#two-factor-form button[type=submit]').click();
    await waitFor(site, () => location.pathname === '/profile/edit' && !!document.querySelector<HTMLInputElement>('#profile_facebook')?.value);
    await shoot(site, 'site-editor-filled', 'Verify clicked; the profile editor has the entity links in their fields', true);

    step = 'the profile saved (Save profile)';
    await site.locator('#save-profile').click();
    await waitFor(site, () => location.pathname === '/profile' && new URLSearchParams(location.search).has('saved'));
    if (!sandbox.site(hostOf(domain)).profile) throw new Error('the site did not store the profile');
    await shoot(site, 'site-saved', 'Save profile clicked; the site shows what it kept', true);

    step = 'Complete (the report reaches the API)';
    await popup.bringToFront();
    await popup.getByTestId('complete-task').click();
    await until(() => sandbox.task(taskId)?.status === 'completed');
    // The popup says the server has it.
    await popup.getByTestId('report-delivered').waitFor({ timeout: STEP_TIMEOUT });
    const view = sandbox.task(taskId);
    if (view?.status !== 'completed' || view.reports.length !== 1) throw new Error(`the sandbox has the task as ${view?.status ?? 'missing'} with ${view?.reports.length ?? 0} report(s)`);
    await shoot(popup, 'popup-reported', 'Complete clicked; the API acknowledged the report');
    return { shots, taskId, domain, openedUrl };
  } catch (e) {
    const why = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
    throw new DemoError(`The walkthrough stopped at "${step}": ${why}.${shots.length ? ` Screenshots so far are in ${outDir}.` : ''}`);
  }
}

async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + STEP_TIMEOUT;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`not within ${STEP_TIMEOUT / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function waitFor(page: Page, condition: () => boolean): Promise<unknown> {
  return page.waitForFunction(condition, undefined, { timeout: STEP_TIMEOUT, polling: 100 });
}
