/**
 * A page of the task's site (or Google's sign-in), as the content script
 * runs it: the autofill engine, the in-page panel and the journey, wired to
 * the background's messages.
 */
export { startTaskPage, MIN_FRAME_WIDTH, MIN_FRAME_HEIGHT, type TaskPage, type TaskPageDeps } from './controller';
export { runTaskPage } from './wire';
export { fillDataCache } from './data';
