import type { ContentProtocol } from '../messaging';
import { getSettings } from '../settings';
import type { ActiveTask, TaskService } from '../task';
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

export function createContentHandlers(deps: { service: TaskService; now?: () => number }): ContentHandlers {
  const now = deps.now ?? Date.now;
  return {
    async getFillData(_data, { scope, active }) {
      return buildFillData(active, await getSettings(), scope, now());
    },
    async panelComplete(_data, { scope }) {
      if (scope !== 'task') return { ok: false, error: { kind: 'no_task' } };
      return deps.service.completeTask({});
    },
    async panelFail(data, { scope }) {
      if (scope !== 'task') return { ok: false, error: { kind: 'no_task' } };
      return deps.service.failTask({ reason: typeof data?.reason === 'string' ? data.reason : '' });
    },
  };
}
