/**
 * The journey survives a reload, the popup closing and a real service-worker
 * restart (DESIGN "The task journey": its progress lives with the active
 * task, lib/task/journey.ts). Mid-journey — the editor found and filled —
 * the popup is closed, the extension's worker is stopped for real, and the
 * editor page reloaded: the journey neither starts over (no second trip to
 * the login or the editor) nor loses its place; the worker's Save is still
 * seen, the public profile still checked, and Complete sends link_post and
 * the note.
 */
import { expect, openPopup, test } from './support/fixtures';
import { configureAutoSubmit, Worker } from './support/journey';
import { stopServiceWorker } from './support/worker-flow';
import { JOURNEY_TASK_IDS, journeyTasks } from '../sandbox/journeys';

test('a journey mid-way survives the popup closing, a service-worker restart and a reload of the editor', async ({ ext, sandbox }) => {
  const port = new URL(sandbox.apiBase).port;
  const control = new URL(sandbox.apiBase).origin;
  const task = journeyTasks().find((t) => t.id === JOURNEY_TASK_IDS.gitea)!;
  const host = String(task.domain);
  sandbox.reset([{ ...task, domain: `${host}:${port}` }]);
  const accountView = async () =>
    ((await (await fetch(`${control}/__control/journeys/${host}/accounts/${encodeURIComponent(String(task.username))}`)).json()) as {
      data: { editorPath: string; publicProfilePath: string; saved: { saveCount: number } | null; counters: Record<string, number> };
    }).data;
  await configureAutoSubmit(ext, sandbox.apiBase, sandbox.apiKey);
  const worker = new Worker();
  let popup = await openPopup(ext);

  const opened = ext.context.waitForEvent('page');
  await worker.act('Get task', popup.getByTestId('pull-task'));
  const site = await opened;
  const view = await accountView();
  await expect.poll(() => new URL(site.url()).pathname, { timeout: 30_000 }).toBe(view.editorPath);
  await expect.poll(() => site.locator('[data-ec-autofilled]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  const logins = (await accountView()).counters.logins;
  expect(logins).toBe(1);

  // The popup closes and the extension's worker is stopped for real.
  await popup.close();
  const blank = await ext.context.newPage();
  const stopped = await stopServiceWorker(ext, blank);
  // The editor reloads: its content script wakes the worker, which finds the journey where it was.
  await site.reload();
  await stopped.restarted();
  await stopped.detach();
  await expect.poll(() => site.locator('[data-ec-autofilled]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(new URL(site.url()).pathname).toBe(view.editorPath);

  await worker.act('Save', site.getByRole('button', { name: /^Update Profile$/ }));
  await expect.poll(async () => (await accountView()).saved?.saveCount ?? 0, { timeout: 20_000 }).toBe(1);

  popup = await openPopup(ext);
  const publicUrl = `http://${host}:${port}${view.publicProfilePath}`;
  await expect(popup.getByTestId('public-profile-check')).toBeVisible({ timeout: 20_000 });
  await expect(popup.getByTestId('link-post')).toHaveValue(publicUrl);
  const note = await popup.getByTestId('note').inputValue();
  expect(note).toMatch(/^\d+\/8 links saved; \d+\/8 visible on the public profile/);

  await worker.act('Complete', popup.getByTestId('complete-task'));
  await expect.poll(() => sandbox.task(task.id)?.status, { timeout: 20_000 }).toBe('completed');
  expect(sandbox.task(task.id)!.reports.map((r) => r.body)).toEqual([expect.objectContaining({ link_post: publicUrl, note })]);
  // Never a second login, never a logout: the journey did not start over.
  const end = await accountView();
  expect(end.counters.logins).toBe(1);
  expect(end.counters.logouts ?? 0).toBe(0);
  expect(worker.actions).toEqual(['Get task', 'Save', 'Complete']);
});
