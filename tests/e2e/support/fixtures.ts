import { test as base, expect, type Page } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import { startSandbox, type Sandbox } from '../../sandbox/server';

interface Fixtures {
  sandbox: Sandbox;
  ext: ExtensionBrowser;
}

/**
 * Every test gets a fresh sandbox API (its own port and seed) and a fresh
 * Chromium profile with the built extension: no state leaks between tests.
 */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox();
    await use(sandbox);
    await sandbox.close();
  },
  // eslint-disable-next-line no-empty-pattern
  ext: async ({}, use) => {
    const ext = await launchWithExtension();
    await use(ext);
    await ext.close();
  },
});
export { expect };

export function extensionUrl(ext: ExtensionBrowser, page: 'popup.html' | 'options.html'): string {
  return `chrome-extension://${ext.extensionId}/${page}`;
}

/** Sets the API base URL and key (and auto-submit, when asked) through the options page's automation contract. */
export async function configure(ext: ExtensionBrowser, apiBase: string, apiKey: string, opts: { autoSubmit?: boolean } = {}): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'options.html'));
  await page.getByTestId('api-base-url').fill(apiBase);
  await page.getByTestId('api-key').fill(apiKey);
  if (opts.autoSubmit) await page.getByTestId('auto-submit').check();
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('save-settings')).toBeEnabled();
  return page;
}

export async function openPopup(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'popup.html'));
  return page;
}

/** The server's view of a task (status and the reports it accepted). */
export function serverTask(sandbox: Sandbox, id: string) {
  const view = sandbox.task(id);
  if (!view) throw new Error(`sandbox: no task ${id}`);
  return view;
}
