import type { TaskService } from '../task';
import type { Handlers, TabInfo } from './handlers';
import { contentScope, type SenderInfo } from './senders';

export interface CommandDeps {
  service: TaskService;
  handlers: Handlers;
  /** Stands for the extension itself when a command reuses a page handler. */
  self: SenderInfo;
  activeTab(): Promise<TabInfo | undefined>;
  sendFillNow(tabId: number): Promise<unknown>;
}

/** The manifest's keyboard commands. Each one acts only when it makes sense, silently otherwise. */
export async function runCommand(command: string, deps: CommandDeps): Promise<void> {
  switch (command) {
    case 'open-task-site':
      await deps.handlers.openTaskSite(undefined, deps.self);
      return;
    case 'fill-now': {
      const active = await deps.service.getActive();
      const tab = await deps.activeTab();
      // Only a tab showing the task's pages (or Google's sign-in) is asked to fill.
      if (!active || tab?.id === undefined || !tab.url || !contentScope({ url: tab.url, tab: {} }, active)) return;
      await deps.sendFillNow(tab.id).catch(() => undefined);
      return;
    }
    case 'complete-task':
      // No link: the shortcut is for the common case; the popup and panel show the queued report.
      if (await deps.service.getActive()) await deps.service.completeTask({});
      return;
    default:
      return;
  }
}
