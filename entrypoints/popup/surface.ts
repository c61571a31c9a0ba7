import { browser } from 'wxt/browser';

/**
 * Marks `<html>` with where the popup page runs. As the toolbar popup it has
 * a fixed width (the browser sizes the popup to it); opened as a tab (tests,
 * screenshots) it fills the tab, so a scrollbar never pushes it sideways.
 */
export function markSurface(doc: Document = document, win: Window = window): void {
  let inPopup = true;
  try {
    inPopup = browser.extension.getViews({ type: 'popup' }).includes(win);
  } catch {
    // Unknown: the toolbar popup's fixed width is the safe default.
  }
  doc.documentElement.classList.toggle('surface-tab', !inPopup);
}
