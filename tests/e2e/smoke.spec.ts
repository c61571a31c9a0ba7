import { test, expect, configure, openPopup, serverTask } from './support/fixtures';

test('configure, pull and start a task, complete it: the server sees connecting then completed', async ({ ext, sandbox }) => {
  await configure(ext, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopup(ext);

  await popup.getByTestId('pull-task').click();
  const domain = popup.getByTestId('task-domain');
  await expect(domain).toBeVisible();
  const shownDomain = (await domain.textContent())?.trim() ?? '';

  // The task the popup shows is the one the server moved to `connecting`.
  const tasks = (await (await fetch(`${sandbox.origin}/__control/tasks`)).json()) as { id: string; domain: string; status: string }[];
  const started = tasks.filter((t) => t.status === 'connecting');
  expect(started).toHaveLength(1);
  expect(shownDomain).toContain(started[0]!.domain);

  await popup.getByTestId('complete-task').click();
  await expect.poll(async () => (await serverTask(sandbox, started[0]!.id)).status).toBe('completed');
  // Back to idle: the next task can be pulled.
  await expect(popup.getByTestId('pull-task')).toBeVisible();
});
