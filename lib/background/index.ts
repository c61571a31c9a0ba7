import { browser } from 'wxt/browser';
import { contentMessenger, pageMessenger, tabMessenger } from '../messaging';
import { createOutbox, outboxItem } from '../outbox';
import { getSettings, settingsItem } from '../settings';
import { activeTaskItem, markDelivered } from '../task';
import { createTaskService } from '../task/service';
import { applyBadge, badgeTitle, computeBadge } from './badge';
import { clientFromSettings } from './client';
import { clockItem } from './clock';
import { createFillSources } from './fill-sources';
import { createTabOrder } from './tab-order';
import { runCommand } from './commands';
import { contentGuard, createContentHandlers } from './content-handlers';
import { createClipboardGuard } from './clipboard';
import { platformClear } from './clipboard-platform';
import { notifyTaskChanged, restrictStorageToExtension } from './content-access';
import { createPageHandlers } from './page-handlers';
import { registerGuarded } from './protocol';
import { PANEL_SCRIPT_PUBLIC_PATH, syncContentScripts } from './registration';
import { checkPublicProfile } from './journey';
import { holdPasswordSaving } from './password-saving';
import { openPopup } from './popup';
import { pageGuard } from './senders';

export { computeBadge } from './badge';
export { buildFillData, oneTimeCodeFor } from './fill-data';
export { contentScope, pageGuard } from './senders';
export type { SenderInfo } from './senders';
export { createPageHandlers, type PageHandlers, type PageHandlerDeps } from './page-handlers';
export { createContentHandlers, contentGuard, type ContentContext } from './content-handlers';
export { registerGuarded, ForbiddenSenderError, type HandlersOf, type SenderGuard } from './protocol';
export { siteUrl } from './site';
export { openPopup } from './popup';
export { holdPasswordSaving, type PasswordSavingSetting } from './password-saving';
export { syncContentScripts, matchesFor, CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_ID } from './registration';
export type { ScriptingApi, TabsApi } from './registration';
export { runCommand } from './commands';
export { trackServerClock } from './client';
export { clockItem, recordOffset, serverNow } from './clock';
export { notifyTaskChanged, restrictStorageToExtension } from './content-access';
export type { NotifyTabsApi } from './content-access';

/**
 * The whole background: listeners first (synchronously, so the event that
 * woke the worker is not missed), then the start-up work every (re)start needs:
 * alarm, content-script registration, verification of the active task, flush.
 */
export function startBackground(): { ready: Promise<void> } {
  // First of all: the API key and the task's passwords are not for content scripts.
  const storageRestricted = restrictStorageToExtension(browser.storage.local);
  const sendFillNow = (tabId: number) => tabMessenger.sendMessage('fillNow', undefined, { tabId, frameId: 0 });

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
        const active = await activeTaskItem.getValue();
        await syncContentScripts(active, browser.scripting, browser.tabs, { injectOpenTabs });
        await holdPasswordSaving(active !== null, browser.privacy?.services?.passwordSavingEnabled);
      } catch (e) {
        console.warn('content-script registration failed', e instanceof Error ? e.message : typeof e);
      }
    });
    return syncChain;
  };

  // The fill data's sources, kept ready for the next page (one answer from memory per page).
  const fillSources = createFillSources(async () => {
    const [active, settings, clock] = await Promise.all([activeTaskItem.getValue(), getSettings(), clockItem.getValue()]);
    return { active, settings, clockOffsetMs: clock?.offsetMs ?? 0 };
  });
  activeTaskItem.watch(() => fillSources.refresh());
  clockItem.watch(() => fillSources.refresh());
  const tabOrder = createTabOrder(() => fillSources.refresh());

  const outbox = createOutbox({ getClient: clientFromSettings, onChange: refreshBadge, onAcked: markDelivered });
  const service = createTaskService({
    getClient: clientFromSettings,
    outbox,
    onActiveChange: async () => {
      fillSources.refresh();
      // A new task: register for its domain and reach the tabs already open on it.
      await syncScripts(true);
      refreshBadge();
      // Content scripts cannot watch storage: tell the open pages to ask again.
      void notifyTaskChanged(browser.tabs, (tabId) => tabMessenger.sendMessage('taskChanged', undefined, tabId));
    },
  });
  const extensionBase = browser.runtime.getURL('/');
  const sendNavigate = (tabId: number, url: string) => tabMessenger.sendMessage('navigate', { url }, { tabId, frameId: 0 });
  // Copied secrets leave the clipboard after 60 s (DESIGN "Security rules"; ./clipboard).
  const clipboard = createClipboardGuard({
    alarms: browser.alarms,
    session: browser.storage.session,
    clear: platformClear(browser.runtime, (browser as unknown as { offscreen?: Parameters<typeof platformClear>[1] }).offscreen),
  });
  const pageHandlers = createPageHandlers({ service, outbox, tabs: browser.tabs, sendFillNow, sendNavigate, clipboard });

  registerGuarded(pageMessenger, pageHandlers, pageGuard(extensionBase, browser.runtime.id));
  registerGuarded(
    contentMessenger,
    createContentHandlers({
      service,
      fillSources: fillSources.get,
      loadPanelCode: ({ tabId, frameId }) => browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PANEL_SCRIPT_PUBLIC_PATH] }),
      openPopup: () => openPopup(browser),
      checkPublic: (url, links, onHost) => checkPublicProfile(url, links, onHost),
    }),
    // The guard reads the same prepared active task (refreshed on every change of it).
    contentGuard({ getActive: async () => (await fillSources.get()).active }),
    // A journey write is stored, and the sources read again, before the same tab's next fill data.
    (type, sender, run) =>
      type === 'journeyEvent' ? tabOrder.write(sender.tab?.id, run) : type === 'getFillData' ? tabOrder.read(sender.tab?.id, run) : run(),
  );
  // The badge's tooltip follows the chosen language; open task pages keep their fill data
  // for the whole page (lib/page/data), so a changed setting (mode, auto-submit) is told to them.
  settingsItem.watch(() => {
    fillSources.refresh();
    refreshBadge();
    void notifyTaskChanged(browser.tabs, (tabId) => tabMessenger.sendMessage('taskChanged', undefined, tabId));
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    void outbox.handleAlarm(alarm);
    void clipboard.handleAlarm(alarm).catch(() => undefined);
  });
  // A tab starts loading: have the sources ready (this also wakes a sleeping worker before
  // the page's content script asks). Nothing is read when they are already in memory.
  browser.tabs.onUpdated.addListener((_tabId, change) => {
    if (change.status === 'loading') void fillSources.get().catch(() => undefined);
  });
  try {
    browser.commands.onCommand.addListener((command) => {
      void runCommand(command, {
        service,
        handlers: pageHandlers,
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
