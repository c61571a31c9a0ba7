import { journeySummary, NEW_JOURNEY, type Journey } from '../journey';
import { prepareLinks } from '../links';
import { withStorageLock } from '../storage';
import { activeTaskItem, type ActiveTask } from './store';

/**
 * Changes the active task's journey, under the storage lock, only while that
 * task is still the active one (a late page event of a task already reported
 * changes nothing). The report summary is kept in step with every change.
 * Returns what `fn` returned, or null when the task is no longer active.
 */
export function updateJourney<R>(taskId: string, fn: (journey: Journey, active: ActiveTask) => { journey: Journey; result: R }): Promise<R | null> {
  return withStorageLock(async () => {
    const active = await activeTaskItem.getValue();
    if (!active || active.task.id !== taskId) return null;
    const { journey, result } = fn(active.journey ?? NEW_JOURNEY, active);
    const summary = journeySummary(journey, taskLinks(active));
    await activeTaskItem.setValue({ ...active, journey: { ...journey, summary } });
    return result;
  });
}

/** The task's usable links (http(s), de-duplicated), as the fill and the checks count them. */
export function taskLinks(active: ActiveTask): string[] {
  return prepareLinks(active.task.entity_connect ?? []).links.map((l) => l.url);
}
