import { browser } from 'wxt/browser';

/** Opens the options page; falls back to a plain tab where openOptionsPage is unavailable. */
export async function openOptions(): Promise<void> {
  try {
    await browser.runtime.openOptionsPage();
  } catch {
    window.open(browser.runtime.getURL('/options.html'), '_blank', 'noopener');
  }
}
