import type { browser } from 'wxt/browser';
import { hostReach, normalizeTaskDomain } from '../domain/registrable';
import type { ActiveTask } from '../task';

/** The built file of entrypoints/task-page.ts (WXT output path). */
export const CONTENT_SCRIPT_FILE = 'task-page.js';
/** The same file as `scripting.executeScript` names it (WXT's public-path type). */
const CONTENT_SCRIPT_PUBLIC_PATH = '/task-page.js';
export const CONTENT_SCRIPT_ID = 'entity-connect-task';
/** The in-page panel's code (entrypoints/task-panel.ts), run in a frame only when it shows the panel. */
export const PANEL_SCRIPT_PUBLIC_PATH = '/task-panel.js';
/** From the start: the script asks for its data at once and fills when the document is parsed (lib/page/wire). */
const RUN_AT = 'document_start';
const GOOGLE_SIGN_IN_MATCH = 'https://accounts.google.com/*';

/** The slices of `browser.scripting` and `browser.tabs` used here (injected so tests can fake them). */
export type ScriptingApi = Pick<typeof browser.scripting, 'registerContentScripts' | 'unregisterContentScripts' | 'getRegisteredContentScripts' | 'executeScript'>;
export type TabsApi = Pick<typeof browser.tabs, 'query'>;

/**
 * Match patterns for the task's domain and its subdomains (any port), plus
 * Google's sign-in; on a tenant space (alice.tumblr.com) the host and its
 * `www.` twin only, never a sibling tenant.
 */
export function matchesFor(active: ActiveTask): string[] | null {
  const domain = normalizeTaskDomain(active.task.domain);
  if (!domain) return null;
  const site = hostReach(domain) === 'exact' ? [`*://${domain}/*`, `*://www.${domain}/*`] : [`*://${domain}/*`, `*://*.${domain}/*`];
  return [...site, GOOGLE_SIGN_IN_MATCH];
}

/**
 * Makes the registered content script match the active task: registered for
 * its domain while a task is active, absent otherwise. Idempotent; runs at
 * start-up too, since registrations may or may not survive a restart.
 * With `injectOpenTabs`, tabs already open on the task's pages get the script
 * now (top frame only: an embedded frame of another host never gets our code).
 */
export async function syncContentScripts(
  active: ActiveTask | null,
  scripting: ScriptingApi,
  tabs?: TabsApi,
  opts: { injectOpenTabs?: boolean } = {},
): Promise<string[] | null> {
  const matches = active ? matchesFor(active) : null;
  const existing = await scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] }).catch(() => []);
  const current = existing.find((s) => s.id === CONTENT_SCRIPT_ID);
  // A registration of an older version (document_idle) is replaced too.
  const same = !!matches && !!current && sameList(current.matches ?? [], matches) && current.runAt === RUN_AT;
  // Already gone (another context, a browser restart) is the state we want.
  if (current && !same) await scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] }).catch(() => undefined);
  if (matches && !same) {
    await scripting.registerContentScripts([
      { id: CONTENT_SCRIPT_ID, matches, js: [CONTENT_SCRIPT_FILE], allFrames: true, runAt: RUN_AT, persistAcrossSessions: true },
    ]);
  }
  if (matches && opts.injectOpenTabs && tabs) {
    const open = await tabs.query({ url: matches }).catch(() => []);
    const ids = open.flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
    await Promise.all(
      ids.map((tabId) =>
        scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [CONTENT_SCRIPT_PUBLIC_PATH] }).catch(() => undefined),
      ),
    );
  }
  return matches;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}
