import type { browser } from 'wxt/browser';
/**
 * Keeping `storage.local` (the API key, the active task's passwords) out of
 * content scripts. By default every content script can read `storage.local`
 * and receives each of its changes through `storage.onChanged`; Chromium
 * lets the background restrict the area to the extension's own pages and
 * worker (verified on Chromium 156: content scripts then get "Access to
 * storage is not allowed from this context" and no change events). Firefox
 * has no such switch for `local`, so the content script itself never touches
 * storage: it learns of task changes from the `taskChanged` message and asks
 * for its data by sender-checked messages.
 */

/** `storage.local`'s switch; absent at run time in Firefox although the types declare it. */
export type AccessLevelArea = Partial<Pick<typeof browser.storage.local, 'setAccessLevel'>>;

/** True when the browser applied the restriction; false where it has no such switch. */
export async function restrictStorageToExtension(area: AccessLevelArea | undefined): Promise<boolean> {
  if (typeof area?.setAccessLevel !== 'function') return false;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}

export type NotifyTabsApi = Pick<typeof browser.tabs, 'query'>;

/**
 * Tells every tab that the active task changed. The message carries nothing:
 * a content script that hears it asks `getFillData` again, which is checked
 * against its own frame. All tabs, because the tabs of the task that just
 * ended are no longer on the new task's domain; tabs without our script
 * simply do not answer.
 */
export async function notifyTaskChanged(tabs: NotifyTabsApi, send: (tabId: number) => Promise<unknown>): Promise<number> {
  const all = await tabs.query({}).catch(() => []);
  let reached = 0;
  await Promise.all(
    all.map(async (tab) => {
      if (tab.id === undefined) return;
      try {
        await send(tab.id);
        reached += 1;
      } catch {
        // No content script in that tab (the usual case).
      }
    }),
  );
  return reached;
}
