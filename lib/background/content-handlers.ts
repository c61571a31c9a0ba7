import type { ContentProtocol } from '../messaging';
import { panelText } from '../i18n';
import { reduceJourney, sameUrl, type JourneyAnswer, type JourneyEvent } from '../journey';
import { signalRequest } from '../platforms';
import { getSettings, saveSettings } from '../settings';
import { taskLinks, updateJourney, type ActiveTask, type TaskService } from '../task';
import { serverNow } from './clock';
import { buildFillData, oneTimeCodeFor } from './fill-data';
import type { FillSources } from './fill-sources';
import { checkJourneyEvent, withPlatform } from './journey';
import type { HandlersOf } from './protocol';
import { contentScope, type ContentScope, type SenderInfo } from './senders';

/** What the content guard established: the frame's scope for the task that is active now. */
export interface ContentContext {
  scope: ContentScope;
  active: ActiveTask;
  /** The asking frame (when the sender names its tab). */
  frame?: { tabId: number; frameId: number };
}

export type ContentHandlers = HandlersOf<ContentProtocol, ContentContext>;

/** The content map's guard: a frame of the task's site (or Google's sign-in) while a task is active. */
export function contentGuard(service: Pick<TaskService, 'getActive'>) {
  return async (sender: SenderInfo): Promise<ContentContext | null> => {
    const active = await service.getActive();
    const scope = contentScope(sender, active);
    if (!scope || !active) return null;
    const tabId = sender.tab?.id;
    return tabId === undefined ? { scope, active } : { scope, active, frame: { tabId, frameId: sender.frameId ?? 0 } };
  };
}

export interface ContentHandlerDeps {
  service: TaskService;
  now?: () => number;
  /** Runs the panel's code (/task-panel.js) in the asking frame before its setup is answered. */
  loadPanelCode?: (frame: { tabId: number; frameId: number }) => Promise<unknown>;
  /** Opens the extension's popup (the toolbar popup, or the popup page in a small window). */
  openPopup(): Promise<void>;
  /** The fill data's sources prepared in memory (lib/background/fill-sources); read from storage per request without it. */
  fillSources?: () => Promise<Pick<FillSources, 'settings' | 'clockOffsetMs'>>;
  /** Reads a public profile with the worker's session (lib/background/journey `checkPublicProfile`). */
  checkPublic?: (url: string, links: readonly string[], onTaskHost: (url: string) => boolean) => Promise<JourneyEvent>;
}

/**
 * What a task frame may ask. Nothing here reports a task: Complete and Fail
 * are made on extension surfaces only, which no page can style or click.
 */
export function createContentHandlers(deps: ContentHandlerDeps): ContentHandlers {
  const now = deps.now ?? Date.now;
  return {
    async getFillData(_data, { scope, active }) {
      const settings = deps.fillSources ? (await deps.fillSources()).settings : await getSettings();
      return buildFillData(active, settings, scope);
    },
    // Asked only by a page that shows a visible code field; the same sender guard as the fill data.
    async getOneTimeCode(_data, { active }) {
      const at = deps.fillSources ? now() + (await deps.fillSources()).clockOffsetMs : await serverNow(now());
      return oneTimeCodeFor(active, at);
    },
    async getPanelSetup(_data, { frame }) {
      const [settings] = await Promise.all([getSettings(), frame && deps.loadPanelCode?.(frame)]);
      return { text: panelText(settings.language), prefs: settings.panel };
    },
    async savePanelPrefs(prefs) {
      // Validated like any settings change; a bad value changes nothing.
      await saveSettings({ panel: prefs });
    },
    async openPopup() {
      await deps.openPopup();
    },

    async journeyEvent(raw, { scope, active }) {
      if (scope !== 'task') return {};
      const onTaskHost = (url: string) => contentScope({ url, tab: {} }, active) === 'task';
      const checked = checkJourneyEvent(raw, onTaskHost);
      if (!checked) return {};
      const { event, part } = withPlatform(checked, onTaskHost, active.task.username ?? undefined);
      const answer = await applyJourneyEvent(active.task.id, event, onTaskHost);
      // On the editor itself: the platform's tab or fold holding the link fields.
      const editor = event.type === 'page' ? (event.editorUrl ?? active.journey?.editorUrl) : undefined;
      return part && editor && event.type === 'page' && sameUrl(editor, event.url) ? { ...answer, part } : answer;
    },

    async journeySignals(_data, { scope }) {
      return scope === 'task' ? signalRequest() : null;
    },
  };

  /** Applies one event; runs the background's part of what it asks (the public check); returns the page's part. */
  async function applyJourneyEvent(taskId: string, event: JourneyEvent, onTaskHost: (url: string) => boolean): Promise<JourneyAnswer> {
    const auto = (await getSettings()).autofillMode === 'auto';
    const outcome = await updateJourney(taskId, (journey, active) => {
      const r = reduceJourney(journey, event, { auto, now: now() });
      return { journey: r.journey, result: { actions: r.actions, links: taskLinks(active) } };
    });
    if (!outcome) return {};
    let navigate: { url: string; why: 'login' | 'editor' | 'public' } | undefined;
    for (const action of outcome.actions) {
      if (action.type === 'navigate') navigate ??= { url: action.url, why: action.why };
      else if (deps.checkPublic) {
        const check = deps.checkPublic;
        void check(action.url, outcome.links, onTaskHost).then((result) => applyJourneyEvent(taskId, result, onTaskHost), () => undefined);
      }
    }
    return navigate ? { navigate } : {};
  }
}
