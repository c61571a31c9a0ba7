import { browser } from 'wxt/browser';
import { onMessage, sendMessage, type ProtocolMap } from '../messaging';
import { createOutbox } from '../outbox';
import { activeTaskItem, getSettings, outboxItem, settingsItem } from '../storage';
import { createTaskService } from '../task';
import { applyBadge, badgeTitle, computeBadge } from './badge';
import { clientFromSettings } from './client';
import { runCommand } from './commands';
import { createHandlers, type Handlers, type HubDeps } from './handlers';
import type { SenderInfo } from './senders';
import { syncContentScripts, type ScriptingApi, type TabsApi } from './registration';
import { notifyTaskChanged, restrictStorageToExtension, type AccessLevelArea, type NotifyTabsApi } from './content-access';

export { computeBadge, badgeTitle, applyBadge } from './badge';
export type { Badge, BadgeState } from './badge';
export { buildFillData } from './fill-data';
export { contentScope, isExtensionPage } from './senders';
export type { ContentScope, SenderInfo } from './senders';
export { createHandlers, mergeSettings, isConfigured, siteUrl, ForbiddenSenderError } from './handlers';
export type { Handlers, HubDeps, TabInfo } from './handlers';
export { syncContentScripts, matchesFor, CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_ID, GOOGLE_SIGN_IN_MATCH } from './registration';
export type { ScriptingApi, TabsApi } from './registration';
export { runCommand } from './commands';
export { clientFromSettings } from './client';
export { notifyTaskChanged, restrictStorageToExtension } from './content-access';
export type { AccessLevelArea, NotifyTabsApi } from './content-access';

/** Messages the background sends to content scripts and never answers itself. */
const TO_CONTENT_ONLY: ReadonlySet<keyof ProtocolMap> = new Set(['fillNow', 'taskChanged']);

/** Hooks every message to its handler. Must run synchronously in the background's main(). */
export function registerHandlers(handlers: Handlers): void {
  for (const type of Object.keys(handlers) as (keyof ProtocolMap)[]) {
    if (TO_CONTENT_ONLY.has(type)) continue;
    const handler = handlers[type] as (data: unknown, sender: SenderInfo) => Promise<unknown>;
    onMessage(type, ((message: { data: unknown; sender: SenderInfo }) => handler(message.data, message.sender)) as never);
  }
}

/**
 * The whole background: listeners first (synchronously, so the event that
 * woke the worker is not missed), then the start-up work every (re)start needs:
 * alarm, content-script registration, verification of the active task, flush.
 */
export function startBackground(): { ready: Promise<void> } {
  // First of all: the API key and the task's passwords are not for content scripts.
  const storageRestricted = restrictStorageToExtension(browser.storage.local as unknown as AccessLevelArea);
  const scripting = browser.scripting as unknown as ScriptingApi;
  const tabs = browser.tabs as unknown as TabsApi;
  const sendFillNow = (tabId: number) => sendMessage('fillNow', undefined, { tabId, frameId: 0 });

  let badgeChain: Promise<void> = Promise.resolve();
  const refreshBadge = () => {
    badgeChain = badgeChain
      .then(async () => {
        const [active, outbox, settings] = await Promise.all([activeTaskItem.getValue(), outboxItem.getValue(), getSettings()]);
        const badge = computeBadge(active, outbox);
        await applyBadge(badge, badgeTitle(badge, settings.language, active));
      })
      .catch(() => undefined);
  };

  // One registration change at a time, each for the task active when its turn
  // comes: a complete followed at once by a pull must not interleave an
  // unregister with the next register and leave the new domain without a script.
  let syncChain: Promise<void> = Promise.resolve();
  const syncScripts = (injectOpenTabs: boolean): Promise<void> => {
    syncChain = syncChain.then(async () => {
      try {
        await syncContentScripts(await activeTaskItem.getValue(), scripting, tabs, { injectOpenTabs });
      } catch (e) {
        console.warn('content-script registration failed', e instanceof Error ? e.message : typeof e);
      }
    });
    return syncChain;
  };

  const outbox = createOutbox({ getClient: clientFromSettings, onChange: refreshBadge });
  const service = createTaskService({
    getClient: clientFromSettings,
    outbox,
    onActiveChange: async () => {
      // A new task: register for its domain and reach the tabs already open on it.
      await syncScripts(true);
      refreshBadge();
      // Content scripts cannot watch storage: tell the open pages to ask again.
      void notifyTaskChanged(browser.tabs as unknown as NotifyTabsApi, (tabId) => sendMessage('taskChanged', undefined, tabId));
    },
  });
  const extensionBase = browser.runtime.getURL('/');
  const handlers = createHandlers({
    service,
    outbox,
    extensionBase,
    extensionId: browser.runtime.id,
    tabs: browser.tabs as unknown as HubDeps['tabs'],
    sendFillNow,
  });

  registerHandlers(handlers);
  // The badge's tooltip follows the chosen language.
  settingsItem.watch(() => refreshBadge());
  browser.alarms.onAlarm.addListener((alarm) => void outbox.handleAlarm(alarm));
  try {
    browser.commands.onCommand.addListener((command) => {
      void runCommand(command, {
        service,
        handlers,
        self: { id: browser.runtime.id, url: extensionBase },
        activeTab: async () => (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0],
        sendFillNow,
      });
    });
  } catch {
    // No commands API (some test and mobile environments): shortcuts are optional.
  }

  const ready = (async () => {
    await storageRestricted;
    refreshBadge();
    await outbox.schedule().catch(() => undefined);
    const active = await service.getActive();
    await syncScripts(false);
    if (active) await service.verifyActiveTask();
    await outbox.flush();
    refreshBadge();
  })().catch((e) => console.warn('background start-up failed', e instanceof Error ? e.name : typeof e));
  return { ready };
}
