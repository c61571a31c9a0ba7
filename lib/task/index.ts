export { createTaskService, toActionError, PULL_LIMIT } from './service';
export type { TaskService, TaskServiceDeps } from './service';
export { checkComplete, checkFail, isHttpUrl, NOTE_MAX } from './validate';
export { addHistory, countToday, HISTORY_MAX } from './history';
