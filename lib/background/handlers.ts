import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { createApiClient, normalizeBaseUrl, type ApiClient, type ApiClientOptions } from '../api';
import { normalizeTaskDomain } from '../domain/registrable';
import type { ActionResult, AppState, FillReport, ProtocolMap } from '../messaging';
import type { Outbox } from '../outbox';
import { getSettings, historyItem, outboxItem, settingsItem, type ActiveTask, type Settings } from '../storage';
import { toActionError, type TaskService } from '../task';
import { tryCurrentTotp } from '../totp';
import { buildFillData } from './fill-data';
import { contentScope, isExtensionPage, type SenderInfo } from './senders';

export type Handlers = {
  [K in keyof ProtocolMap]: (data: GetDataType<ProtocolMap[K]>, sender: SenderInfo) => Promise<GetReturnType<ProtocolMap[K]>>;
};

export interface TabInfo {
  id?: number;
  url?: string;
  active?: boolean;
  lastAccessed?: number;
}

export interface HubDeps {
  service: TaskService;
  outbox: Outbox;
  /** `browser.runtime.getURL('/')` and `browser.runtime.id`. */
  extensionBase: string;
  extensionId: string;
  now?: () => number;
  tabs: {
    create(props: { url: string; active?: boolean }): Promise<unknown>;
    query(q: { active?: boolean; lastFocusedWindow?: boolean }): Promise<TabInfo[]>;
  };
  /** `sendMessage('fillNow', undefined, { tabId, frameId: 0 })`. */
  sendFillNow(tabId: number): Promise<FillReport | null>;
  makeClient?: (opts: ApiClientOptions) => ApiClient;
}

/** Thrown to a sender that may not use a page-facing message; says nothing else. */
export class ForbiddenSenderError extends Error {
  constructor() {
    super('forbidden sender');
    this.name = 'ForbiddenSenderError';
  }
}

const ok = <T>(value: T): ActionResult<T> => ({ ok: true, value });
const invalid = (): { ok: false; error: { kind: 'invalid_input' } } => ({ ok: false, error: { kind: 'invalid_input' } });

/** The URL that opens a task's site (http kept when the task says so; https otherwise). */
export function siteUrl(domain: string): string | null {
  const raw = domain.trim();
  if (/^https?:\/\//i.test(raw)) {
    try {
      return new URL(raw).toString();
    } catch {
      return null;
    }
  }
  const host = normalizeTaskDomain(raw);
  return host ? `https://${host}/` : null;
}

/** Validates a partial settings object; null when any given field is unusable. */
export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings | null {
  const next: Settings = { ...current };
  if (!patch || typeof patch !== 'object') return null;
  if (patch.apiBaseUrl !== undefined) {
    if (typeof patch.apiBaseUrl !== 'string') return null;
    try {
      next.apiBaseUrl = normalizeBaseUrl(patch.apiBaseUrl);
    } catch {
      return null;
    }
  }
  if (patch.apiKey !== undefined) {
    if (typeof patch.apiKey !== 'string') return null;
    next.apiKey = patch.apiKey.trim();
  }
  if (patch.language !== undefined) {
    if (patch.language !== 'vi' && patch.language !== 'en') return null;
    next.language = patch.language;
  }
  if (patch.autofillMode !== undefined) {
    if (patch.autofillMode !== 'auto' && patch.autofillMode !== 'manual') return null;
    next.autofillMode = patch.autofillMode;
  }
  for (const key of ['autoSubmitLogin', 'appendLinksToBio'] as const) {
    if (patch[key] !== undefined) {
      if (typeof patch[key] !== 'boolean') return null;
      next[key] = patch[key];
    }
  }
  return next;
}

export function isConfigured(settings: Settings): boolean {
  if (!settings.apiKey.trim()) return false;
  try {
    normalizeBaseUrl(settings.apiBaseUrl);
    return true;
  } catch {
    return false;
  }
}

export function createHandlers(deps: HubDeps): Handlers {
  const now = deps.now ?? Date.now;
  const makeClient = deps.makeClient ?? createApiClient;

  /** Page-facing messages answer extension pages only. */
  const page = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (async (data: unknown, sender: SenderInfo) => {
      if (!isExtensionPage(sender, deps.extensionBase, deps.extensionId)) throw new ForbiddenSenderError();
      return fn(...([data] as unknown as A));
    }) as never;

  /** The tab to fill: the focused tab if it shows the task's pages, else the task tab used last. */
  async function findTaskTab(active: ActiveTask): Promise<number | null> {
    const tabs = await deps.tabs.query({});
    const fits = (tab: TabInfo) => !!tab.url && contentScope({ url: tab.url, tab: {} }, active) !== null;
    const focused = (await deps.tabs.query({ active: true, lastFocusedWindow: true })).find(fits);
    if (focused?.id !== undefined) return focused.id;
    const candidates = tabs.filter(fits).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
    return candidates[0]?.id ?? null;
  }

  return {
    getState: page(async (): Promise<AppState> => {
      // Opening the popup is a flush trigger; it must not wait for the network.
      void deps.outbox.flush();
      const [settings, active, outbox, history] = await Promise.all([
        getSettings(),
        deps.service.getActive(),
        outboxItem.getValue(),
        historyItem.getValue(),
      ]);
      return { settings, configured: isConfigured(settings), active, outbox, history };
    }),

    saveSettings: page(async (patch: Partial<Settings>): Promise<ActionResult<Settings>> => {
      const next = mergeSettings(await getSettings(), patch);
      if (!next) return invalid();
      await settingsItem.setValue(next);
      // New settings may fix a refused key: paused reports go again.
      void deps.outbox.resume();
      return ok(next);
    }),

    testConnection: page(async (data: { apiBaseUrl: string; apiKey: string }) => {
      try {
        const client = makeClient({ baseUrl: String(data?.apiBaseUrl ?? ''), apiKey: String(data?.apiKey ?? '') });
        const tasks = await client.listTasks({ limit: 1, status: 'connect' });
        return ok({ tasksWaiting: tasks.length });
      } catch (e) {
        return { ok: false as const, error: toActionError(e) };
      }
    }),

    pullTask: page(() => deps.service.pullTask()),
    verifyActiveTask: page(() => deps.service.verifyActiveTask()),
    completeTask: page((data: { linkPost?: string; note?: string }) => deps.service.completeTask(data ?? {})),
    failTask: page((data: { reason: string; note?: string }) => deps.service.failTask(data ?? { reason: '' })),
    dropActiveTask: page(() => deps.service.dropActiveTask()),

    getTotp: page(async () => {
      const active = await deps.service.getActive();
      return tryCurrentTotp(active?.task.twofa, now());
    }),

    retryOutbox: page(async (): Promise<ActionResult> => {
      void deps.outbox.retryAll();
      return ok(undefined);
    }),

    dismissOutboxEntry: page(async (data: { id: string }): Promise<ActionResult> => {
      if (typeof data?.id !== 'string') return invalid();
      return (await deps.outbox.dismiss(data.id)) ? ok(undefined) : invalid();
    }),

    openTaskSite: page(async (): Promise<ActionResult> => {
      const active = await deps.service.getActive();
      if (!active) return { ok: false, error: { kind: 'no_task' } };
      const url = siteUrl(active.task.domain);
      if (!url) return { ok: false, error: { kind: 'bad_domain' } };
      await deps.tabs.create({ url, active: true });
      return ok(undefined);
    }),

    fillActiveTab: page(async (): Promise<ActionResult> => {
      const active = await deps.service.getActive();
      if (!active) return { ok: false, error: { kind: 'no_task' } };
      const tabId = await findTaskTab(active);
      if (tabId === null) return { ok: false, error: { kind: 'no_site_tab' } };
      await deps.sendFillNow(tabId).catch(() => null);
      return ok(undefined);
    }),

    // Content scripts: checked against the frame's own host.
    async getFillData(_data, sender) {
      const active = await deps.service.getActive();
      const scope = contentScope(sender, active);
      if (!scope || !active) return null;
      return buildFillData(active, await getSettings(), scope, now());
    },

    async reportFill() {
      // Nothing is stored from a page: the panel shows the result itself.
    },

    async panelComplete(_data, sender) {
      const active = await deps.service.getActive();
      if (contentScope(sender, active) !== 'task') return { ok: false, error: { kind: 'no_task' } };
      return deps.service.completeTask({});
    },

    async panelFail(data, sender) {
      const active = await deps.service.getActive();
      if (contentScope(sender, active) !== 'task') return { ok: false, error: { kind: 'no_task' } };
      return deps.service.failTask({ reason: typeof data?.reason === 'string' ? data.reason : '' });
    },

    // Sent by the background to content scripts; never answered here.
    async fillNow() {
      return null;
    },
    async taskChanged() {},
  };
}
