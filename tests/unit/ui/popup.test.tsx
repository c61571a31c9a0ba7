// @vitest-environment happy-dom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../components/popup/App';
import { t } from '../../../lib/i18n';
import { sendMessage } from '../../../lib/messaging';
import type { ActiveTask, HistoryEntry } from '../../../lib/task';
import type { OutboxEntry } from '../../../lib/outbox';
import { activeTask, appState, deferred, freshPopupPerTest, routeMessages, SETTINGS, TASK } from './helpers';

vi.mock('../../../lib/messaging', () => ({ sendMessage: vi.fn() }));

const clipboard = freshPopupPerTest();

describe('popup: not configured', () => {
  it('offers only the way to the options page', async () => {
    routeMessages(appState({ configured: false, settings: { ...SETTINGS, apiKey: '' } }));
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<App />);
    const button = await screen.findByTestId('open-options');
    expect(screen.queryByTestId('pull-task')).toBeNull();
    expect(screen.getByTestId('not-configured').textContent).toContain(t('vi', 'popup.notConfigured'));
    fireEvent.click(button);
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
  });
});

describe('popup: idle', () => {
  it('pulls a task with one click, shows a busy state, then shows the task', async () => {
    const pending = deferred<unknown>();
    const { current, calls } = routeMessages(appState(), { pullTask: () => pending.promise });
    render(<App />);
    const pull = await screen.findByTestId('pull-task');
    expect(pull.textContent).toBe('Lấy nhiệm vụ');
    fireEvent.click(pull);

    await waitFor(() => expect((screen.getByTestId('pull-task') as HTMLButtonElement).disabled).toBe(true));
    expect(screen.getByTestId('pull-task').textContent).toBe(t('vi', 'popup.pulling'));
    expect(calls('pullTask')).toHaveLength(1);

    const active = activeTask();
    current.state = appState({ active });
    await act(async () => pending.resolve({ ok: true, value: active }));

    expect((await screen.findByTestId('task-domain')).textContent).toBe('example-social.com');
    expect(screen.getByTestId('status-message').textContent).toBe(t('vi', 'popup.pulled', { domain: 'example-social.com' }));
    expect(screen.queryByTestId('pull-task')).toBeNull();
  });

  it.each([
    ['no_work', 'Hiện chưa có nhiệm vụ nào'],
    ['unauthorized', 'API key sai hoặc đã bị thu hồi'],
    ['network', 'Không kết nối được máy chủ'],
    ['busy', 'Đang có một nhiệm vụ dở dang'],
  ] as const)('says plainly what went wrong when the pull fails with %s', async (kind, text) => {
    routeMessages(appState(), { pullTask: () => ({ ok: false, error: { kind } }) });
    render(<App />);
    fireEvent.click(await screen.findByTestId('pull-task'));
    const message = await screen.findByTestId('status-message');
    expect(message.textContent).toContain(text);
    expect(message.getAttribute('role')).toBe('alert');
    // Still idle: the worker can try again.
    expect((screen.getByTestId('pull-task') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a readable error when the background does not answer at all', async () => {
    vi.mocked(sendMessage).mockRejectedValue(new Error('Could not establish connection'));
    render(<App />);
    expect((await screen.findByTestId('load-error')).textContent).toContain(t('vi', 'popup.loadFailed'));
  });
});

describe('popup: active task', () => {
  it('shows the domain, opens the site and asks the background for the live TOTP', async () => {
    const { calls } = routeMessages(appState({ active: activeTask() }));
    render(<App />);
    expect((await screen.findByTestId('task-domain')).textContent).toBe('example-social.com');
    expect((await screen.findByTestId('totp-code')).textContent).toBe('123456');
    // The ring shows the seconds; its accessible name says them in words.
    expect(screen.getByTestId('totp-remaining').getAttribute('aria-label')).toBe('còn 17 giây');
    expect(screen.getByTestId('totp-remaining').getAttribute('data-seconds')).toBe('17');
    expect(screen.getByTestId('elapsed').textContent).toMatch(/^Đã làm 1:0\d$/);
    fireEvent.click(screen.getByTestId('open-site'));
    await waitFor(() => expect(calls('openTaskSite')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('copy-totp'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('123456'));
  });

  it('polls the TOTP every second and keeps the elapsed timer running', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    let code = 0;
    routeMessages(appState({ active: activeTask({ startedAt: Date.now() - 59_000 }) }), {
      getTotp: () => ({ code: String(100000 + ++code), remaining: 30 - code }),
    });
    render(<App />);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('totp-code').textContent).toBe('100001');
    expect(screen.getByTestId('elapsed').textContent).toBe('Đã làm 0:59');
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(screen.getByTestId('totp-code').textContent).toBe('100002');
    expect(screen.getByTestId('elapsed').textContent).toBe('Đã làm 1:00');
  });

  it('masks secrets until revealed, and copies the real value either way', async () => {
    routeMessages(appState({ active: activeTask() }));
    render(<App />);
    // Folded to one line at first: the rows appear on demand.
    expect(screen.queryByTestId('value-password')).toBeNull();
    fireEvent.click(await screen.findByTestId('toggle-credentials'));
    expect(screen.getByTestId('toggle-credentials').getAttribute('aria-expanded')).toBe('true');
    const password = await screen.findByTestId('value-password');
    expect(password.textContent).not.toContain('S3cret!pw');
    expect(screen.getByTestId('value-pass-mail').textContent).not.toContain('GmailPw#1');
    expect(screen.getByTestId('value-app-password').textContent).not.toContain('abcd');
    expect(document.body.textContent).not.toContain('S3cret!pw');
    expect(screen.getByTestId('value-username').textContent).toBe('seouser01');

    fireEvent.click(screen.getByTestId('copy-password'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('S3cret!pw'));
    // The caption changes once the clipboard promise has settled.
    await waitFor(() => expect(screen.getByTestId('copy-password').textContent).toBe('Đã sao chép'));

    fireEvent.click(screen.getByTestId('reveal-password'));
    expect(screen.getByTestId('value-password').textContent).toBe('S3cret!pw');
    fireEvent.click(screen.getByTestId('copy-pass-mail'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('GmailPw#1'));
    fireEvent.click(screen.getByTestId('copy-app-password'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('abcd efgh ijkl mnop'));
    fireEvent.click(screen.getByTestId('copy-email'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('seo.worker@gmail.com'));
  });

  it('lists the links, marks unsafe and duplicate ones, and copies one or all', async () => {
    routeMessages(appState({ active: activeTask() }));
    render(<App />);
    const items = await screen.findAllByTestId('link-item');
    expect(items.map((i) => i.getAttribute('data-verdict'))).toEqual(['ok', 'unsafe', 'duplicate', 'ok']);
    expect(items[1]!.textContent).toContain(t('vi', 'task.linkUnsafe'));
    expect(within(items[1]!).queryByTestId('copy-link')).toBeNull();

    fireEvent.click(within(items[3]!).getByTestId('copy-link'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('https://www.facebook.com/entity'));
    fireEvent.click(screen.getByTestId('copy-all-links'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenLastCalledWith('https://twitter.com/entity\nhttps://www.facebook.com/entity'));
  });

  it('judges links exactly like the fill engine (lib/links): platform names, scheme-less hosts, www duplicates', async () => {
    const links = ['linkedin.com/in/entity', 'https://www.linkedin.com/in/entity/', 'data:text/html,hi', 'not a url'];
    routeMessages(appState({ active: activeTask({ task: { ...TASK, entity_connect: links } }) }));
    render(<App />);
    const items = await screen.findAllByTestId('link-item');
    expect(items.map((i) => i.getAttribute('data-verdict'))).toEqual(['ok', 'duplicate', 'unsafe', 'invalid']);
    expect(items[0]!.textContent).toContain('LinkedIn');
    fireEvent.click(screen.getByTestId('copy-all-links'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenLastCalledWith('https://linkedin.com/in/entity'));
  });

  it('completes with the prefilled link-post (edited) and a note', async () => {
    const { current, calls } = routeMessages(appState({ active: activeTask() }));
    render(<App />);
    const linkPost = (await screen.findByTestId('link-post')) as HTMLInputElement;
    expect(linkPost.value).toBe(TASK.link_profile);
    fireEvent.change(linkPost, { target: { value: 'https://example-social.com/profile/seouser01' } });
    fireEvent.change(screen.getByTestId('note'), { target: { value: ' All 4 social links updated ' } });
    current.state = appState();
    fireEvent.click(screen.getByTestId('complete-task'));
    await waitFor(() =>
      expect(calls('completeTask')).toEqual([{ linkPost: 'https://example-social.com/profile/seouser01', note: 'All 4 social links updated' }]),
    );
    expect((await screen.findByTestId('status-message')).textContent).toBe('Đã lưu báo cáo hoàn thành example-social.com.');
    expect(await screen.findByTestId('pull-task')).toBeTruthy();
  });

  it('completes without a link when the box is emptied, and refuses a non-http link', async () => {
    const { calls } = routeMessages(appState({ active: activeTask() }));
    render(<App />);
    const linkPost = await screen.findByTestId('link-post');
    fireEvent.change(linkPost, { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(screen.getByTestId('complete-task'));
    expect((await screen.findByTestId('link-post-error')).textContent).toBe(t('vi', 'complete.badLink'));
    expect(calls('completeTask')).toEqual([]);

    fireEvent.change(linkPost, { target: { value: '' } });
    fireEvent.click(screen.getByTestId('complete-task'));
    await waitFor(() => expect(calls('completeTask')).toEqual([{}]));
  });

  it('shows the error and keeps the task when completing fails', async () => {
    routeMessages(appState({ active: activeTask() }), {
      completeTask: () => ({ ok: false, error: { kind: 'invalid_input' } }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('complete-task'));
    expect((await screen.findByTestId('status-message')).textContent).toBe(t('vi', 'error.invalid_input'));
    expect(screen.getByTestId('task-domain')).toBeTruthy();
  });

  it('fails with a preset reason, edited, capped at 1000 characters', async () => {
    const { calls } = routeMessages(appState({ active: activeTask() }));
    render(<App />);
    expect(screen.queryByTestId('fail-reason')).toBeNull();
    fireEvent.click(await screen.findByTestId('fail-task'));
    const reason = screen.getByTestId('fail-reason') as HTMLTextAreaElement;
    expect((screen.getByTestId('confirm-fail') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId('fail-preset-banned'));
    expect(reason.value).toBe('Tài khoản bị khóa hoặc bị cấm');
    fireEvent.change(reason, { target: { value: `${reason.value} (since 2024)` } });
    expect(screen.getByTestId('fail-reason-count').textContent).toBe(`${reason.value.length}/1000 ký tự`);
    fireEvent.click(screen.getByTestId('confirm-fail'));
    await waitFor(() => expect(calls('failTask')).toEqual([{ reason: 'Tài khoản bị khóa hoặc bị cấm (since 2024)' }]));
  });

  it('never lets a reason longer than 1000 characters through', async () => {
    const { calls } = routeMessages(appState({ active: activeTask() }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('fail-task'));
    const reason = screen.getByTestId('fail-reason') as HTMLTextAreaElement;
    fireEvent.change(reason, { target: { value: 'x'.repeat(1500) } });
    expect(reason.value).toHaveLength(1000);
    expect(screen.getByTestId('fail-reason-count').textContent).toBe('1000/1000 ký tự');
    fireEvent.click(screen.getByTestId('confirm-fail'));
    await waitFor(() => expect(calls('failTask')).toHaveLength(1));
    expect((calls('failTask')[0] as { reason: string }).reason).toHaveLength(1000);
  });

  it('cancelling the fail form sends nothing', async () => {
    const { calls } = routeMessages(appState({ active: activeTask() }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('fail-task'));
    fireEvent.click(screen.getByTestId('fail-preset-site-down'));
    fireEvent.click(screen.getByTestId('cancel-fail'));
    expect(screen.queryByTestId('fail-reason')).toBeNull();
    expect(calls('failTask')).toEqual([]);
  });

  it('asks the background to fill the open page', async () => {
    const { calls } = routeMessages(appState({ active: activeTask(), settings: { ...SETTINGS, autofillMode: 'manual' } }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('fill-now'));
    await waitFor(() => expect(calls('fillActiveTab')).toHaveLength(1));
  });

  it('does not poll for a TOTP when the task has no 2FA secret', async () => {
    const { calls } = routeMessages(appState({ active: activeTask({ task: { ...TASK, twofa: '' } }) }));
    render(<App />);
    await screen.findByTestId('task-domain');
    expect(screen.queryByTestId('totp-code')).toBeNull();
    expect(calls('getTotp')).toEqual([]);
  });
});

describe('popup: task problem', () => {
  const withProblem = (problem: ActiveTask['problem']) => appState({ active: activeTask({ problem }) });

  it('explains a task the server no longer knows and offers drop / check again / fail', async () => {
    const { current, calls } = routeMessages(withProblem({ kind: 'gone', at: Date.now() }));
    render(<App />);
    const banner = await screen.findByTestId('task-problem');
    expect(banner.textContent).toContain(t('vi', 'problem.gone'));
    expect(screen.getByTestId('fail-task')).toBeTruthy();

    fireEvent.click(screen.getByTestId('verify-task'));
    await waitFor(() => expect(calls('verifyActiveTask')).toHaveLength(1));

    current.state = appState();
    fireEvent.click(screen.getByTestId('drop-task'));
    await waitFor(() => expect(calls('dropActiveTask')).toHaveLength(1));
    expect(await screen.findByTestId('pull-task')).toBeTruthy();
    expect(screen.getByTestId('status-message').textContent).toBe(t('vi', 'problem.dropped'));
  });

  it('names the status the task is in now', async () => {
    routeMessages(withProblem({ kind: 'wrong_status', currentStatus: 'completed', at: Date.now() }));
    render(<App />);
    // In words of the worker's language, not the API's code.
    expect((await screen.findByTestId('task-problem')).textContent).toContain('“đã hoàn thành”');
    expect(screen.getByTestId('task-problem').textContent).not.toContain('completed');
  });

  it('clears the banner after a successful check', async () => {
    const { current } = routeMessages(withProblem({ kind: 'unverified', at: Date.now() }), {
      verifyActiveTask: () => {
        current.state = appState({ active: activeTask() });
        return { ok: true, value: current.state.active };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('verify-task'));
    await waitFor(() => expect(screen.queryByTestId('task-problem')).toBeNull());
    expect(screen.getByTestId('status-message').textContent).toBe(t('vi', 'problem.verified'));
  });
});

describe('popup: outbox', () => {
  const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
    id: 'o1',
    taskId: 'task-0',
    domain: 'old-site.com',
    kind: 'complete',
    body: {},
    createdAt: Date.now() - 60_000,
    attempts: 2,
    nextAttemptAt: Date.now() + 30_000,
    state: 'pending',
    ...over,
  });

  it('shows pending, paused and dead reports with reasons, also while a task is active', async () => {
    const outbox = [
      entry({ id: 'p', state: 'pending', lastError: { kind: 'network' } }),
      entry({ id: 'd', state: 'dead', kind: 'fail', domain: 'gone.com', lastError: { kind: 'not_found', status: 404 } }),
    ];
    const { calls } = routeMessages(appState({ active: activeTask(), outbox }));
    render(<App />);
    const list = await screen.findByTestId('outbox-list');
    expect(screen.getByTestId('task-domain')).toBeTruthy();
    const entries = within(list).getAllByTestId('outbox-entry');
    expect(entries.map((e) => e.getAttribute('data-state'))).toEqual(['pending', 'dead']);
    expect(entries[0]!.textContent).toContain(t('vi', 'error.network'));
    expect(entries[1]!.textContent).toContain(t('vi', 'error.not_found'));
    // Only a report that can never be sent can be dismissed.
    expect(within(entries[0]!).queryByTestId('outbox-dismiss')).toBeNull();

    fireEvent.click(within(entries[1]!).getByTestId('outbox-dismiss'));
    await waitFor(() => expect(calls('dismissOutboxEntry')).toEqual([{ id: 'd' }]));
    fireEvent.click(screen.getByTestId('outbox-retry'));
    await waitFor(() => expect(calls('retryOutbox')).toHaveLength(1));
  });

  it('says a paused outbox needs the key fixed and links to the options', async () => {
    routeMessages(appState({ outbox: [entry({ state: 'paused', lastError: { kind: 'unauthorized', status: 401 } })] }));
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<App />);
    const notice = await screen.findByTestId('outbox-paused');
    expect(notice.textContent).toContain(t('vi', 'outbox.paused'));
    fireEvent.click(within(notice).getByTestId('outbox-fix-key'));
    await waitFor(() => expect(open).toHaveBeenCalled());
  });
});

describe('popup: history', () => {
  it("lists recent tasks newest first and counts today's outcomes", async () => {
    const now = Date.now();
    const h = (over: Partial<HistoryEntry>): HistoryEntry => ({
      taskId: 'x',
      domain: 'a.com',
      outcome: 'complete',
      startedAt: now - 100_000,
      finishedAt: now - 10_000,
      delivered: true,
      ...over,
    });
    const history = [
      h({ taskId: '1', domain: 'first.com', finishedAt: now - 50_000 }),
      h({ taskId: '2', domain: 'second.com', outcome: 'fail', reason: 'Trang web không truy cập được', finishedAt: now - 5_000, delivered: false }),
      h({ taskId: '3', domain: 'yesterday.com', startedAt: now - 3 * 86_400_000, finishedAt: now - 2 * 86_400_000 }),
    ];
    routeMessages(appState({ history }));
    render(<App />);
    expect((await screen.findByTestId('counter-completed')).getAttribute('data-count')).toBe('1');
    expect(screen.getByTestId('counter-failed').getAttribute('data-count')).toBe('1');
    expect(screen.getByTestId('counter-completed').textContent).toBe('1 hoàn thành');
    const entries = within(screen.getByTestId('history-list')).getAllByTestId('history-entry');
    expect(entries.map((e) => e.querySelector('strong')?.textContent)).toEqual(['second.com', 'first.com', 'yesterday.com']);
    expect(entries[0]!.textContent).toContain('Thất bại');
    expect(entries[0]!.textContent).toContain('máy chủ chưa nhận');
    expect(entries[0]!.textContent).toContain('Trang web không truy cập được');
  });
});

describe('popup: rehydration and language', () => {
  it('re-reads the state from the background when storage changes', async () => {
    const { current, calls } = routeMessages(appState());
    render(<App />);
    await screen.findByTestId('pull-task');
    current.state = appState({ active: activeTask() });
    await act(async () => fakeBrowser.storage.local.set({ activeTask: current.state.active }));
    expect((await screen.findByTestId('task-domain')).textContent).toBe('example-social.com');
    expect(calls('getState').length).toBeGreaterThanOrEqual(2);
  });

  it('renders in English when chosen, sets <html lang>, and switches back to Vietnamese', async () => {
    const { current, calls } = routeMessages(appState({ settings: { ...SETTINGS, language: 'en' } }), {
      saveSettings: (data) => {
        current.state = appState({ settings: { ...SETTINGS, ...(data as object) } });
        return { ok: true, value: current.state.settings };
      },
    });
    render(<App />);
    expect((await screen.findByTestId('pull-task')).textContent).toBe('Get task');
    expect(document.documentElement.lang).toBe('en');

    fireEvent.change(screen.getByTestId('language'), { target: { value: 'vi' } });
    await waitFor(() => expect(screen.getByTestId('pull-task').textContent).toBe('Lấy nhiệm vụ'));
    expect(calls('saveSettings')).toEqual([{ language: 'vi' }]);
    expect(document.documentElement.lang).toBe('vi');
  });

  it('re-words the last message when the language changes', async () => {
    const { current } = routeMessages(appState(), {
      pullTask: () => ({ ok: false, error: { kind: 'no_work' } }),
      saveSettings: (data) => {
        current.state = appState({ settings: { ...SETTINGS, ...(data as object) } });
        return { ok: true, value: current.state.settings };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('pull-task'));
    expect((await screen.findByTestId('status-message')).textContent).toBe(t('vi', 'error.no_work'));
    // The storage change the background makes when saving re-renders the popup in English.
    current.state = appState({ settings: { ...SETTINGS, language: 'en' } });
    await act(async () => fakeBrowser.storage.local.set({ settings: current.state.settings }));
    await waitFor(() => expect(screen.getByTestId('status-message').textContent).toBe(t('en', 'error.no_work')));
  });

  it("re-words (does not drop) the last message when the language is switched in the popup's own select", async () => {
    const { current, calls } = routeMessages(appState(), {
      pullTask: () => ({ ok: false, error: { kind: 'unauthorized', detail: { kind: 'unauthorized', status: 401 } } }),
      saveSettings: (data) => {
        current.state = appState({ settings: { ...SETTINGS, ...(data as object) } });
        return { ok: true, value: current.state.settings };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('pull-task'));
    expect((await screen.findByTestId('status-message')).textContent).toContain(t('vi', 'error.unauthorized'));

    fireEvent.change(screen.getByTestId('language'), { target: { value: 'en' } });
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(calls('saveSettings')).toEqual([{ language: 'en' }]);
    expect(screen.getByTestId('status-message').textContent).toContain(t('en', 'error.unauthorized'));
  });

  it('says so when the language cannot be saved', async () => {
    routeMessages(appState(), { saveSettings: () => ({ ok: false, error: { kind: 'invalid_input' } }) });
    render(<App />);
    await screen.findByTestId('pull-task');
    fireEvent.change(screen.getByTestId('language'), { target: { value: 'en' } });
    expect((await screen.findByTestId('status-message')).textContent).toBe(t('vi', 'error.invalid_input'));
  });
});
