import type { ContentProtocol } from '../messaging';
import { panelText } from '../i18n';
import { getSettings, saveSettings } from '../settings';
import type { ActiveTask, TaskService } from '../task';
import { serverNow } from './clock';
import { buildFillData } from './fill-data';
import type { HandlersOf } from './protocol';
import { contentScope, type ContentScope, type SenderInfo } from './senders';

/** What the content guard established: the frame's scope for the task that is active now. */
export interface ContentContext {
  scope: ContentScope;
  active: ActiveTask;
}

export type ContentHandlers = HandlersOf<ContentProtocol, ContentContext>;

/** The content map's guard: a frame of the task's site (or Google's sign-in) while a task is active. */
export function contentGuard(service: Pick<TaskService, 'getActive'>) {
  return async (sender: SenderInfo): Promise<ContentContext | null> => {
    const active = await service.getActive();
    const scope = contentScope(sender, active);
    return scope && active ? { scope, active } : null;
  };
}

export interface ContentHandlerDeps {
  service: TaskService;
  now?: () => number;
  /** Opens the extension's popup (the toolbar popup, or the popup page in a small window). */
  openPopup(): Promise<void>;
}

/**
 * What a task frame may ask. Nothing here reports a task: Complete and Fail
 * are made on extension surfaces only, which no page can style or click.
 */
export function createContentHandlers(deps: ContentHandlerDeps): ContentHandlers {
  const now = deps.now ?? Date.now;
  return {
    async getFillData(_data, { scope, active }) {
      return buildFillData(active, await getSettings(), scope, await serverNow(now()));
    },
    async getPanelSetup() {
      const settings = await getSettings();
      return { text: panelText(settings.language), prefs: settings.panel };
    },
    async savePanelPrefs(prefs) {
      // Validated like any settings change; a bad value changes nothing.
      await saveSettings({ panel: prefs });
    },
    async openPopup() {
      await deps.openPopup();
    },
  };
}
