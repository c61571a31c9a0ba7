import type { browser } from 'wxt/browser';

/** `privacy.services.passwordSavingEnabled` (Chromium and Firefox); absent where the browser has no such switch. */
export type PasswordSavingSetting = Pick<typeof browser.privacy.services.passwordSavingEnabled, 'get' | 'set' | 'clear'>;

/**
 * While a task is active the browser does not offer to save the task's
 * passwords: a click less per login, and customers' passwords do not pile up
 * in the worker's browser. Turned off with an extension override and
 * restored with `clear`, which hands back the worker's own setting exactly
 * as it was (the extension never stores or guesses it).
 * Returns what was done, for the caller's log and tests.
 */
export async function holdPasswordSaving(taskActive: boolean, setting: PasswordSavingSetting | undefined): Promise<'off' | 'restored' | 'not_ours' | 'unsupported'> {
  if (!setting) return 'unsupported';
  try {
    if (!taskActive) {
      await setting.clear({});
      return 'restored';
    }
    const { levelOfControl } = await setting.get({});
    // Another extension or a policy holds it: leave it alone.
    if (levelOfControl !== 'controllable_by_this_extension' && levelOfControl !== 'controlled_by_this_extension') return 'not_ours';
    await setting.set({ value: false });
    return 'off';
  } catch {
    return 'unsupported';
  }
}
