import type { Browser, browser } from 'wxt/browser';
import { createApiClient, type ApiClient, type ApiClientOptions } from '../api';
import type { ActionResult, AppState, FillReport, PageProtocol } from '../messaging';
import { outboxItem, type Outbox } from '../outbox';
import { getSettings, isConfigured, saveSettings, type Settings } from '../settings';
import { reduceJourney } from '../journey';
import { historyItem, updateJourney, type ActiveTask, type TaskService } from '../task';
import { toActionError } from '../task/service';
import { tryCurrentTotp } from '../totp';
import { clockItem, serverNow } from './clock';
import type { HandlersOf } from './protocol';
import { contentScope } from './senders';
import { chooseSiteUrl, probeUrl } from './journey';
import { siteUrl } from './site';
import type { ClipboardGuard } from './clipboard';

type Tabs = typeof browser.tabs;
type TabInfo = Browser.tabs.Tab;

export interface PageHandlerDeps {
  service: TaskService;
  outbox: Outbox;
  now?: () => number;
  tabs: Pick<Tabs, 'create' | 'query' | 'update'>;
  /** `tabMessenger.sendMessage('fillNow', undefined, { tabId, frameId: 0 })`. */
  sendFillNow(tabId: number): Promise<FillReport | null>;
  /** Asks the tab's page to go to `url` (it refuses while it holds unsaved edits); null when no page of ours answers. */
  sendNavigate(tabId: number, url: string): Promise<{ done: boolean } | null>;
  /** Did anything answer at this URL (https first, then plain http)? */
  probe?: (url: string) => Promise<boolean>;
  makeClient?: (opts: ApiClientOptions) => ApiClient;
  /** Clears copied secrets from the clipboard later (./clipboard). */
  clipboard?: Pick<ClipboardGuard, 'copied'>;
}

/** Page handlers need no context beyond the guard's yes. */
export type PageHandlers = HandlersOf<PageProtocol, true>;

const ok = <T>(value: T): ActionResult<T> => ({ ok: true, value });
const fail = (kind: 'invalid_input' | 'no_task' | 'bad_domain' | 'no_site_tab' | 'no_editor' | 'unsaved_edits'): { ok: false; error: { kind: typeof kind } } => ({
  ok: false,
  error: { kind },
});

/** What extension pages (popup, options) may ask. The sender check is the map's guard (./protocol). */
export function createPageHandlers(deps: PageHandlerDeps): PageHandlers {
  const now = deps.now ?? Date.now;
  const makeClient = deps.makeClient ?? createApiClient;

  /**
   * Opens the task's site (https first, plain http when that is all it has)
   * in a new tab, and records where in the journey.
   */
  async function openSite(active: ActiveTask): Promise<ActionResult> {
    const url = siteUrl(active.task.domain);
    if (!url) return fail('bad_domain');
    const choice = await chooseSiteUrl(url, deps.probe ?? ((u) => probeUrl(u)));
    await updateJourney(active.task.id, (j) => ({ ...reduceJourney(j, { type: 'opened', url: choice.url, insecure: choice.insecure }, { auto: true, now: now() }), result: null }));
    await deps.tabs.create({ url: choice.url, active: true });
    return ok(undefined);
  }

  /** The tab to fill: the focused tab if it shows the task's pages, else the task tab used last. */
  async function findTaskTab(active: ActiveTask): Promise<number | null> {
    const fits = (tab: TabInfo) => !!tab.url && contentScope({ url: tab.url, tab: {} }, active) !== null;
    const focused = (await deps.tabs.query({ active: true, lastFocusedWindow: true })).find(fits);
    if (focused?.id !== undefined) return focused.id;
    const candidates = (await deps.tabs.query({})).filter(fits).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
    return candidates[0]?.id ?? null;
  }

  return {
    async getState(): Promise<AppState> {
      // Opening the popup is a flush trigger; it must not wait for the network.
      void deps.outbox.flush();
      const [settings, active, outbox, history, clock] = await Promise.all([
        getSettings(),
        deps.service.getActive(),
        outboxItem.getValue(),
        historyItem.getValue(),
        clockItem.getValue(),
      ]);
      return { settings, configured: isConfigured(settings), active, outbox, history, clock };
    },

    async saveSettings(patch: Partial<Settings>) {
      const next = await saveSettings(patch);
      if (!next) return fail('invalid_input');
      // New settings may fix a refused key: paused reports go again.
      void deps.outbox.resume();
      return ok(next);
    },

    async testConnection(data) {
      try {
        const client = makeClient({ baseUrl: String(data?.apiBaseUrl ?? ''), apiKey: String(data?.apiKey ?? '') });
        const tasks = await client.listTasks({ limit: 1, status: 'connect' });
        return ok({ tasksWaiting: tasks.length });
      } catch (e) {
        return { ok: false, error: toActionError(e) };
      }
    },

    async pullTask() {
      const r = await deps.service.pullTask();
      // Get task opens the site too (DESIGN "Open"); the popup shows the task meanwhile.
      if (r.ok) await openSite(r.value).catch(() => undefined);
      return r;
    },
    verifyActiveTask: () => deps.service.verifyActiveTask(),
    completeTask: (data) => deps.service.completeTask(data ?? {}),
    failTask: (data) => deps.service.failTask(data ?? { reason: '' }),
    dropActiveTask: () => deps.service.dropActiveTask(),

    async getTotp() {
      const active = await deps.service.getActive();
      return tryCurrentTotp(active?.task.twofa, await serverNow(now()));
    },

    async retryOutbox() {
      // The worker waits for the answer, but not longer than a report's own timeout.
      const summary = await Promise.race([deps.outbox.retryAll(), new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
      const waiting = (await outboxItem.getValue()).filter((e) => e.state === 'pending').length;
      return ok({ sent: summary?.acked ?? 0, waiting, paused: summary?.paused ?? 0, dead: summary?.dead ?? 0 });
    },

    async dismissOutboxEntry(data) {
      if (typeof data?.id !== 'string') return fail('invalid_input');
      return (await deps.outbox.dismiss(data.id)) ? ok(undefined) : fail('invalid_input');
    },

    async openTaskSite() {
      const active = await deps.service.getActive();
      if (!active) return fail('no_task');
      // The task's tab is open: bring it forward rather than opening another one.
      const tabId = await findTaskTab(active);
      if (tabId !== null) {
        await deps.tabs.update(tabId, { active: true });
        return ok(undefined);
      }
      return openSite(active);
    },

    async goProfileEditor() {
      const active = await deps.service.getActive();
      if (!active) return fail('no_task');
      const url = active.journey?.editorUrl;
      if (!url) return fail('no_editor');
      const tabId = await findTaskTab(active);
      if (tabId === null) {
        await deps.tabs.create({ url, active: true });
        return ok(undefined);
      }
      const answer = await deps.sendNavigate(tabId, url).catch(() => null);
      if (answer && !answer.done) return fail('unsaved_edits');
      // No page of ours in that tab (it is still loading, or shows an error): move it ourselves.
      if (!answer) await deps.tabs.update(tabId, { url, active: true });
      else await deps.tabs.update(tabId, { active: true });
      return ok(undefined);
    },

    async fillActiveTab() {
      const active = await deps.service.getActive();
      if (!active) return fail('no_task');
      const tabId = await findTaskTab(active);
      if (tabId === null) return fail('no_site_tab');
      await deps.sendFillNow(tabId).catch(() => null);
      return ok(undefined);
    },

    async clipboardCopied(data) {
      await deps.clipboard?.copied(typeof data?.text === 'string' ? data.text : '');
    },
  };
}
