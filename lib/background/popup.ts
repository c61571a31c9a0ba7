import type { browser } from 'wxt/browser';

type Api = {
  action?: Pick<typeof browser.action, 'openPopup'>;
  windows: Pick<typeof browser.windows, 'create'>;
  runtime: Pick<typeof browser.runtime, 'getURL'>;
};

/**
 * The toolbar popup where the browser lets us open it (Chromium ≥ 127); else
 * (Firefox only opens it from a user action in the background itself, or no
 * focused window) the same popup page in a small window of its own.
 */
export async function openPopup(api: Api): Promise<void> {
  try {
    if (api.action?.openPopup) {
      await api.action.openPopup();
      return;
    }
  } catch {
    // fall through to the window
  }
  await api.windows.create({ url: api.runtime.getURL('/popup.html'), type: 'popup', width: 400, height: 620, focused: true });
}
