import { test, expect, configure, openPopup, serverTask } from './support/fixtures';

test('configure, pull and start a task, complete it: the server sees connecting then completed', async ({ ext, sandbox }) => {
  await configure(ext, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopup(ext);

  await popup.getByTestId('pull-task').click();
  const domain = popup.getByTestId('task-domain');
  await expect(domain).toBeVisible();
  const shownDomain = (await domain.textContent())?.trim() ?? '';

  // The task the popup shows is the one the server moved to `connecting`.
  const started = sandbox.tasks().filter((t) => t.status === 'connecting');
  expect(started).toHaveLength(1);
  const task = started[0]!.task;
  expect(shownDomain).toContain(task.domain);

  await popup.getByTestId('complete-task').click();
  await expect.poll(() => serverTask(sandbox, task.id).status).toBe('completed');
  expect(serverTask(sandbox, task.id).reports).toHaveLength(1);
  // Back to idle: the next task can be pulled.
  await expect(popup.getByTestId('pull-task')).toBeVisible();
});
