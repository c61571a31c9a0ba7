import { test as base, expect, type Page } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import { startSandbox } from '../../sandbox/server';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

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

/** Sets the API base URL and key through the options page's automation contract. */
export async function configure(ext: ExtensionBrowser, apiBase: string, apiKey: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'options.html'));
  await page.getByTestId('api-base-url').fill(apiBase);
  await page.getByTestId('api-key').fill(apiKey);
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('save-settings')).toBeEnabled();
  return page;
}

export async function openPopup(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'popup.html'));
  return page;
}

/** Reads a task's raw state from the sandbox's control API. */
export async function serverTask(sandbox: Sandbox, id: string): Promise<{ status: string; reports: unknown[] } & Record<string, unknown>> {
  const res = await fetch(`${sandbox.origin}/__control/tasks/${encodeURIComponent(id)}`);
  if (!res.ok) throw new Error(`control: task ${id}: HTTP ${res.status}`);
  return (await res.json()) as { status: string; reports: unknown[] } & Record<string, unknown>;
}
