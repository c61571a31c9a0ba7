/**
 * Points the extension at the sandbox the way a worker would: through the
 * options page's automation contract (DESIGN "Automation contract").
 */
import type { Page } from '@playwright/test';
import type { Language } from '../../lib/i18n';

export interface DemoSettings {
  apiBase: string;
  apiKey: string;
  lang: Language;
  autoSubmit: boolean;
}

export async function configureExtension(page: Page, extensionId: string, s: DemoSettings): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // The language is saved the moment it changes.
  await page.getByTestId('language').selectOption(s.lang);
  await page.getByTestId('api-base-url').fill(s.apiBase);
  await page.getByTestId('api-key').fill(s.apiKey);
  await page.getByTestId('auto-submit').setChecked(s.autoSubmit);
  await page.getByTestId('save-settings').click();
  await page.locator('[data-testid="save-result"][data-tone="ok"]').waitFor({ timeout: 15_000 });
}
