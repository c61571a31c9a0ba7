/**
 * The worker's flow (issue "The worker's flow"), end to end in real Chromium
 * against the sandbox API: every test asserts what the server ended up with,
 * not only what the popup says.
 */
import { SEED_IDS, seedTasks, type SandboxTask } from '../sandbox/server';
import {
  acceptableTotpCodes,
  anotherWorkerStartsFirst,
  apiCalls,
  connectingIds,
  deletedBeforeStart,
  expect,
  openOptions,
  openPopupTab,
  problemEverShown,
  pullTask,
  saveConnection,
  say,
  stopServiceWorker,
  test,
} from './support/worker-flow';

const seed = (id: string): SandboxTask => {
  const task = seedTasks().find((t) => t.id === id);
  if (!task) throw new Error(`no seed task ${id}`);
  return task;
};

test('configure, get a task with its live TOTP, complete it with a link and a note: the server has exactly that report, once', async ({ ext, sandbox }) => {
  // The otpauth:// form of `twofa`: the code is only right if the secret is read like the product reads it.
  const task = seed(SEED_IDS.forum);
  expect(task.twofa).toMatch(/^otpauth:\/\//);
  sandbox.reset([task, seed(SEED_IDS.blog)]);

  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopupTab(ext);

  const domain = await pullTask(popup);
  expect(domain).toBe(task.domain);
  await expect(popup.getByTestId('status-message')).toHaveText(say('vi', 'popup.pulled', { domain: task.domain }));
  expect(connectingIds(sandbox)).toEqual([task.id]);
  expect(sandbox.task(task.id)!.starts).toBe(1);

  const totp = popup.getByTestId('totp-code');
  await expect(totp).toHaveText(/^\d{6}$/);
  const shownAt = Date.now();
  const code = ((await totp.textContent()) ?? '').trim();
  expect(acceptableTotpCodes(String(task.twofa), shownAt)).toContain(code);

  const linkPost = 'https://demo-forum.test/members/lumenbakery.42/';
  const note = 'Đã thêm 5 liên kết vào hồ sơ';
  await popup.getByTestId('link-post').fill(linkPost);
  await popup.getByTestId('note').fill(note);
  await popup.getByTestId('complete-task').click();

  await expect.poll(() => sandbox.task(task.id)!.status).toBe('completed');
  const view = sandbox.task(task.id)!;
  expect(view.reports).toHaveLength(1);
  expect(view.reports[0]!.action).toBe('complete');
  expect(view.reports[0]!.body).toEqual({ link_post: linkPost, note });
  // Back to idle with the report acknowledged: nothing left to send.
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
  await expect(popup.getByTestId('outbox-list')).toHaveCount(0);
  expect(apiCalls(sandbox, 'POST', `/links/${task.id}/complete`)).toHaveLength(1);
  // The other task was left alone.
  expect(sandbox.task(SEED_IDS.blog)!.status).toBe('connect');
});

test('fail with a preset reason edited by hand: the server has connect_failed with that message, once; over 1000 characters cannot be sent', async ({ ext, sandbox }) => {
  const task = seed(SEED_IDS.social);
  sandbox.reset([task]);
  await saveConnection(await openOptions(ext), sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopupTab(ext);
  expect(await pullTask(popup)).toBe(task.domain);

  await popup.getByTestId('fail-task').click();
  const reason = popup.getByTestId('fail-reason');

  // Longer than the API's 1000 characters: the box keeps the first 1000, so no longer reason can leave it.
  const tooLong = `${'x'.repeat(999)}YZ`;
  await reason.fill(tooLong);
  await expect(reason).toHaveValue(tooLong.slice(0, 1000));
  await expect(popup.getByTestId('fail-reason-count')).toHaveText(say('vi', 'fail.counter', { count: 1000, max: 1000 }));

  // A preset replaces the text; the worker then adds detail by hand.
  await popup.getByTestId('fail-preset-login-failed').click();
  const preset = say('vi', 'fail.preset.loginFailed');
  await expect(reason).toHaveValue(preset);
  await reason.press('End');
  await reason.pressSequentially(' — mật khẩu bị đổi sau lần đăng ký');
  const expected = `${preset} — mật khẩu bị đổi sau lần đăng ký`;
  await expect(reason).toHaveValue(expected);

  await popup.getByTestId('confirm-fail').click();
  await expect.poll(() => sandbox.task(task.id)!.status).toBe('connect_failed');
  const view = sandbox.task(task.id)!;
  expect(view.reports).toEqual([expect.objectContaining({ action: 'fail', body: { error_message: expected } })]);
  expect(view.retry_count).toBe(1);
  await expect(popup.getByTestId('status-message')).toHaveText(say('vi', 'fail.done', { domain: task.domain }));
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
  // Only the one accepted request ever reached the server (nothing over-long was tried).
  const fails = apiCalls(sandbox, 'POST', '/fail');
  expect(fails.map((r) => r.status)).toEqual([200]);
});

test('a start lost to another worker moves on to the next task by itself; when nothing can be started the popup says there is no work', async ({
  ext,
  sandbox,
}) => {
  const first = seed(SEED_IDS.social);
  const second = seed(SEED_IDS.wp);
  const third = seed(SEED_IDS.forum);
  sandbox.reset([first, second, third]);
  const unhook = anotherWorkerStartsFirst(sandbox, [first.id]);

  await saveConnection(await openOptions(ext), sandbox.apiBase, sandbox.apiKey);
  const popup = await openPopupTab(ext);
  expect(await pullTask(popup)).toBe(second.domain);
  unhook();

  // The server: the first was listed to us but started by someone else (our start was refused), the second is ours.
  expect(apiCalls(sandbox, 'GET', '/links?').length).toBeGreaterThanOrEqual(1);
  expect(apiCalls(sandbox, 'POST', `/links/${first.id}/start`).map((r) => r.status)).toEqual([409]);
  expect(apiCalls(sandbox, 'POST', `/links/${second.id}/start`).map((r) => r.status)).toEqual([200]);
  expect(sandbox.task(first.id)!.starts).toBe(0);
  expect(sandbox.task(second.id)!.starts).toBe(1);
  expect(sandbox.task(third.id)!.status).toBe('connect');
  await expect(popup.getByTestId('status-message')).toHaveAttribute('data-tone', 'ok');
  await expect(popup.getByTestId('active-task')).toHaveAttribute('data-task-id', second.id);

  // Finish it, then every task that is listed is taken by others before our start lands.
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => sandbox.task(second.id)!.status).toBe('completed');
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
  sandbox.addTasks([{ domain: 'demo-extra.test' }]);
  const waiting = sandbox.tasks().filter((t) => t.status === 'connect').map((t) => t.task.id);
  expect(waiting).toHaveLength(2);
  // One is taken by someone else, the other deleted, each just before our start reaches the server.
  anotherWorkerStartsFirst(sandbox, [waiting[0]!]);
  deletedBeforeStart(sandbox, [waiting[1]!]);

  await popup.getByTestId('pull-task').click();
  const status = popup.getByTestId('status-message');
  await expect(status).toHaveText(say('vi', 'error.no_work'));
  await expect(status).toHaveAttribute('data-tone', 'error');
  expect(apiCalls(sandbox, 'POST', `/links/${waiting[0]}/start`).map((r) => r.status)).toEqual([409]);
  expect(apiCalls(sandbox, 'POST', `/links/${waiting[1]}/start`).map((r) => r.status)).toEqual([404]);
  await expect(popup.getByTestId('active-task')).toHaveCount(0);
  await expect(popup.getByTestId('pull-task')).toBeEnabled();

  // An empty queue says the same.
  sandbox.reset([]);
  await popup.getByTestId('pull-task').click();
  await expect(status).toHaveText(say('vi', 'error.no_work'));
  expect(apiCalls(sandbox, 'GET', '/links?')).toHaveLength(1);
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
});

test('the active task survives closing the popup and a real service-worker restart; after it the task is verified and complete still works', async ({
  ext,
  sandbox,
}) => {
  const task = seed(SEED_IDS.social);
  sandbox.reset([task]);
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);

  let popup = await openPopupTab(ext);
  expect(await pullTask(popup)).toBe(task.domain);
  await popup.close();

  // A new popup shows the same task.
  popup = await openPopupTab(ext);
  await expect(popup.getByTestId('active-task')).toHaveAttribute('data-task-id', task.id);
  await expect(popup.getByTestId('task-domain')).toHaveText(task.domain);
  // Close it before the stop: its TOTP polling would wake the worker at once.
  await popup.close();

  const verifyPath = `/links/${task.id}?status=connecting`;
  expect(apiCalls(sandbox, 'GET', verifyPath)).toHaveLength(0);
  const worker = await stopServiceWorker(ext, options);

  popup = await openPopupTab(ext);
  await worker.restarted();
  await expect(popup.getByTestId('active-task')).toHaveAttribute('data-task-id', task.id);
  await expect(popup.getByTestId('task-domain')).toHaveText(task.domain);
  // The new worker checked the task with the server at start-up; it is still ours, so no problem is shown.
  await expect.poll(() => apiCalls(sandbox, 'GET', verifyPath).map((r) => r.status)).toEqual([200]);
  await expect(popup.getByTestId('totp-code')).toHaveText(/^\d{6}$/);

  await popup.getByTestId('link-post').fill('https://demo-social.test/lumenbakery');
  await popup.getByTestId('complete-task').click();
  await expect.poll(() => sandbox.task(task.id)!.status).toBe('completed');
  expect(sandbox.task(task.id)!.reports).toEqual([
    expect.objectContaining({ action: 'complete', body: { link_post: 'https://demo-social.test/lumenbakery' } }),
  ]);
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
  expect(await problemEverShown(popup)).toBe(false);
  await worker.detach();
});

test('a task deleted on the server while the worker was stopped: after the restart the popup shows the problem, and dropping it returns to idle', async ({
  ext,
  sandbox,
}) => {
  const task = seed(SEED_IDS.social);
  sandbox.reset([task, seed(SEED_IDS.wp)]);
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  let popup = await openPopupTab(ext);
  expect(await pullTask(popup)).toBe(task.domain);
  await popup.close();

  const worker = await stopServiceWorker(ext, options);
  sandbox.patchTask(task.id, { deleted: true });

  popup = await openPopupTab(ext);
  await worker.restarted();
  const banner = popup.getByTestId('task-problem');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('data-kind', 'gone');
  await expect(banner).toContainText(say('vi', 'problem.gone'));
  // The ways forward: check again, drop the local copy, or report it failed.
  await expect(popup.getByTestId('verify-task')).toBeEnabled();
  await expect(popup.getByTestId('drop-task')).toBeEnabled();
  await expect(popup.getByTestId('fail-task')).toBeEnabled();
  expect(apiCalls(sandbox, 'GET', `/links/${task.id}?status=connecting`).map((r) => r.status)).toEqual([404]);

  await popup.getByTestId('drop-task').click();
  await expect(popup.getByTestId('active-task')).toHaveCount(0);
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
  await expect(popup.getByTestId('status-message')).toHaveText(say('vi', 'problem.dropped'));
  // Dropping is local: nothing was reported for the deleted task.
  expect(sandbox.task(task.id)!.reports).toHaveLength(0);
  expect(apiCalls(sandbox, 'POST', '/complete')).toHaveLength(0);
  expect(apiCalls(sandbox, 'POST', '/fail')).toHaveLength(0);

  // And the worker carries on with the next task.
  expect(await pullTask(popup)).toBe('demo-wp.test');
  expect(connectingIds(sandbox)).toEqual([SEED_IDS.wp]);
  await worker.detach();
});

test('a wrong API key: clear messages in Vietnamese and English, no crash, and pulling works once the key is fixed', async ({ ext, sandbox }) => {
  const wrongKey = 'not-the-key-7f3a';
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, wrongKey);

  // Popup first (Vietnamese, the default).
  const popup = await openPopupTab(ext);
  await popup.getByTestId('pull-task').click();
  const status = popup.getByTestId('status-message');
  await expect(status).toContainText(say('vi', 'error.unauthorized'));
  await expect(status).toHaveAttribute('data-tone', 'error');
  await expect(status).not.toContainText(wrongKey);
  await expect(popup.getByTestId('pull-task')).toBeEnabled();
  await expect(popup.getByTestId('load-error')).toHaveCount(0);
  expect(connectingIds(sandbox)).toEqual([]);
  const refused = sandbox.requestLog();
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((r) => !r.keyOk && r.status === 401)).toBe(true);

  // Switching the language in the popup re-words the message there (it is not lost).
  await popup.getByTestId('language').selectOption('en');
  await expect(popup.locator('html')).toHaveAttribute('lang', 'en');
  await expect(status).toContainText(say('en', 'error.unauthorized'));

  // The options page's connection test says the key is wrong (in the language now chosen) ...
  await options.getByTestId('test-connection').click();
  const result = options.getByTestId('connection-result');
  await expect(result).toContainText(say('en', 'error.conn.unauthorized'));
  await expect(result).toHaveAttribute('data-tone', 'error');
  await expect(result).not.toContainText(wrongKey);
  // ... and switching back to Vietnamese there re-words both pages.
  await options.getByTestId('language').selectOption('vi');
  await expect(result).toContainText(say('vi', 'error.conn.unauthorized'));
  await expect(status).toContainText(say('vi', 'error.unauthorized'));
  await expect(popup.locator('html')).toHaveAttribute('lang', 'vi');

  // Fix the key: the test says so, and the same popup (never reloaded) now gets a task.
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  await options.getByTestId('test-connection').click();
  await expect(result).toHaveText(say('vi', 'options.connectionOkWork'));
  await popup.getByTestId('pull-task').click();
  await expect(popup.getByTestId('task-domain')).toHaveText('demo-social.test');
  await expect(status).toHaveText(say('vi', 'popup.pulled', { domain: 'demo-social.test' }));
  expect(connectingIds(sandbox)).toEqual([SEED_IDS.social]);
});

test('a report made while the key is wrong is kept (outbox paused, also across a worker restart) and delivered once after the key is fixed', async ({
  ext,
  sandbox,
}) => {
  const task = seed(SEED_IDS.social);
  sandbox.reset([task]);
  const options = await openOptions(ext);
  await saveConnection(options, sandbox.apiBase, sandbox.apiKey);
  let popup = await openPopupTab(ext);
  expect(await pullTask(popup)).toBe(task.domain);

  // The key goes bad (revoked, mistyped) while the worker is on the task.
  await saveConnection(options, sandbox.apiBase, 'revoked-key-0000');
  await options.close();
  const linkPost = 'https://demo-social.test/lumenbakery';
  await popup.getByTestId('link-post').fill(linkPost);
  await popup.getByTestId('note').fill('links added');
  await popup.getByTestId('complete-task').click();

  const paused = popup.getByTestId('outbox-paused');
  await expect(paused).toBeVisible();
  await expect(paused).toContainText(say('vi', 'outbox.paused'));
  await expect(popup.getByTestId('outbox-entry')).toHaveAttribute('data-state', 'paused');
  // The server refused it and has nothing yet.
  expect(apiCalls(sandbox, 'POST', `/links/${task.id}/complete`).map((r) => [r.keyOk, r.status])).toEqual([[false, 401]]);
  expect(sandbox.task(task.id)!.status).toBe('connecting');
  expect(sandbox.task(task.id)!.reports).toHaveLength(0);

  // Kept across closing the popup and a real restart of the service worker.
  await popup.close();
  const blank = await ext.context.newPage();
  const worker = await stopServiceWorker(ext, blank);
  popup = await openPopupTab(ext);
  await worker.restarted();
  await expect(popup.getByTestId('outbox-paused')).toBeVisible();
  await expect(popup.getByTestId('outbox-entry')).toHaveAttribute('data-state', 'paused');
  expect(sandbox.task(task.id)!.reports).toHaveLength(0);

  // The banner's own way to the settings: fixing the key there sends the report by itself.
  const [fixPage] = await Promise.all([ext.context.waitForEvent('page'), popup.getByTestId('outbox-fix-key').click()]);
  await expect(fixPage).toHaveURL(/\/options\.html/);
  await saveConnection(fixPage, sandbox.apiBase, sandbox.apiKey);
  await expect.poll(() => sandbox.task(task.id)!.status).toBe('completed');
  await expect(popup.getByTestId('outbox-list')).toHaveCount(0);
  const view = sandbox.task(task.id)!;
  expect(view.reports).toHaveLength(1);
  expect(view.reports[0]!.body).toEqual({ link_post: linkPost, note: 'links added' });

  // Opening the popup flushes again: still exactly one report on the server.
  const last = await openPopupTab(ext);
  await expect(last.getByTestId('pull-task')).toBeEnabled();
  expect(apiCalls(sandbox, 'POST', `/links/${task.id}/complete`).filter((r) => r.keyOk)).toHaveLength(1);
  expect(sandbox.task(task.id)!.reports).toHaveLength(1);
  await worker.detach();
});
