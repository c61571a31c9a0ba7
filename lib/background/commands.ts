import type { TaskService } from '../task';
import type { PageHandlers } from './page-handlers';
import { contentScope } from './senders';

export interface CommandDeps {
  service: TaskService;
  /** Commands are the extension's own actions: they reuse the page handlers directly. */
  handlers: Pick<PageHandlers, 'openTaskSite'>;
  activeTab(): Promise<{ id?: number; url?: string } | undefined>;
  sendFillNow(tabId: number): Promise<unknown>;
}

/** The manifest's keyboard commands. Each one acts only when it makes sense, silently otherwise. */
export async function runCommand(command: string, deps: CommandDeps): Promise<void> {
  switch (command) {
    case 'open-task-site':
      await deps.handlers.openTaskSite(undefined, true);
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
