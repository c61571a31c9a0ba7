// @vitest-environment happy-dom
/**
 * The cockpit (DESIGN.md "The worker's cockpit"): one primary action per
 * stage, errors that offer their fix, a visibly delivered report, the
 * journey's slots, and nothing focusable that cannot be seen.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../components/popup/App';
import { lastReport, tasksPerHour } from '../../../components/popup/stats';
import { t } from '../../../lib/i18n';
import type { OutboxEntry } from '../../../lib/outbox';
import type { ActiveTask, HistoryEntry } from '../../../lib/task';
import { activeTask, appState, freshPopupPerTest, routeMessages, SETTINGS, TASK } from './helpers';

vi.mock('../../../lib/messaging', () => ({ sendMessage: vi.fn() }));

const clipboard = freshPopupPerTest();

const primary = () => document.querySelectorAll('.popup-footer .btn-primary');
const withJourney = (journey: unknown, over: Partial<ActiveTask> = {}) => ({ ...activeTask(over), journey }) as ActiveTask;

const outboxEntry = (over: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: 'o1',
  taskId: 'task-0',
  domain: 'old-site.com',
  kind: 'complete',
  body: {},
  createdAt: Date.now() - 60_000,
  attempts: 1,
  nextAttemptAt: Date.now() + 25_000,
  state: 'pending',
  ...over,
});

const historyEntry = (over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  taskId: 'task-0',
  domain: 'old-site.com',
  outcome: 'complete',
  startedAt: Date.now() - 300_000,
  finishedAt: Date.now() - 60_000,
  delivered: true,
  ...over,
});

describe('one primary action per stage, in the footer', () => {
  it('idle: Get task is the only primary button', async () => {
    routeMessages(appState());
    render(<App />);
    const pull = await screen.findByTestId('pull-task');
    expect(primary()).toHaveLength(1);
    expect(primary()[0]).toBe(pull);
    expect(pull.closest('.popup-footer')).not.toBeNull();
  });

  it('a task just started: Open site is primary; once a tab of the site is open, Complete is', async () => {
    routeMessages(appState({ active: activeTask() }));
    render(<App />);
    await screen.findByTestId('task-domain');
    await waitFor(() => expect(screen.getByTestId('open-site').getAttribute('data-primary')).toBe('true'));
    expect(primary()).toHaveLength(1);
    expect(screen.getByTestId('complete-task').getAttribute('data-primary')).toBe('false');
    // Complete, Open site and Fail all sit in the footer, whatever the stage.
    for (const id of ['complete-task', 'open-site', 'fail-task']) expect(screen.getByTestId(id).closest('.popup-footer')).not.toBeNull();

    await act(async () => {
      await fakeBrowser.tabs.create({ url: `https://www.${TASK.domain}/login` });
    });
    await waitFor(() => expect(screen.getByTestId('complete-task').getAttribute('data-primary')).toBe('true'));
    expect(primary()).toHaveLength(1);
  });

  it('a tab of another site (even one whose name ends the same) does not count as the task site', async () => {
    await fakeBrowser.tabs.create({ url: `https://bad${TASK.domain}/` });
    await fakeBrowser.tabs.create({ url: `https://${TASK.domain}.evil.test/` });
    routeMessages(appState({ active: activeTask() }));
    render(<App />);
    await screen.findByTestId('task-domain');
    await waitFor(() => expect(screen.getByTestId('open-site').getAttribute('data-primary')).toBe('true'));
  });

  it('clicking Open site makes Complete the primary action at once', async () => {
    const { calls } = routeMessages(appState({ active: activeTask() }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('open-site'));
    await waitFor(() => expect(calls('openTaskSite')).toHaveLength(1));
    expect(screen.getByTestId('complete-task').getAttribute('data-primary')).toBe('true');
  });

  it('the fail form replaces the card and its Send button takes the footer; Escape cancels', async () => {
    routeMessages(appState({ active: activeTask() }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('fail-task'));
    expect(screen.queryByTestId('active-task')).toBeNull();
    expect(screen.getByTestId('confirm-fail').closest('.popup-footer')).not.toBeNull();
    expect(screen.getByTestId('fail-form').textContent).toContain(TASK.domain);
    // Chips are short; each fills the full sentence.
    const chip = screen.getByTestId('fail-preset-captcha');
    expect(chip.textContent).toBe(t('vi', 'fail.short.captcha'));
    fireEvent.click(chip);
    expect((screen.getByTestId('fail-reason') as HTMLTextAreaElement).value).toBe(t('vi', 'fail.preset.captcha'));
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(screen.getByTestId('fail-reason'), { key: 'Escape' });
    expect(screen.queryByTestId('fail-form')).toBeNull();
    expect(screen.getByTestId('active-task')).toBeTruthy();
  });
});

describe('errors that offer their fix', () => {
  it('a refused key makes Fix the key the primary button (opens the options); Get task stays, secondary', async () => {
    routeMessages(appState(), { pullTask: () => ({ ok: false, error: { kind: 'unauthorized', detail: { kind: 'unauthorized', status: 401 } } }) });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<App />);
    fireEvent.click(await screen.findByTestId('pull-task'));
    const fix = await screen.findByTestId('fix-key');
    expect(fix.textContent).toBe(t('vi', 'popup.fixKey'));
    expect([...primary()]).toEqual([fix]);
    expect((screen.getByTestId('pull-task') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(fix);
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
  });

  it('once the key in the settings changed, Get task is primary again', async () => {
    const { current } = routeMessages(appState(), {
      pullTask: () => ({ ok: false, error: { kind: 'unauthorized', detail: { kind: 'unauthorized', status: 401 } } }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('pull-task'));
    await screen.findByTestId('fix-key');
    current.state = appState({ settings: { ...SETTINGS, apiKey: 'the-right-key' } });
    await act(async () => fakeBrowser.storage.local.set({ settings: current.state.settings }));
    await waitFor(() => expect(screen.queryByTestId('fix-key')).toBeNull());
    expect([...primary()]).toEqual([screen.getByTestId('pull-task')]);
  });

  it('reports paused on a refused key: Fix the key is primary even after the popup reopened', async () => {
    routeMessages(appState({ outbox: [outboxEntry({ state: 'paused', lastError: { kind: 'unauthorized', status: 401 } })] }));
    render(<App />);
    expect((await screen.findByTestId('fix-key')).getAttribute('data-fix')).toBe('key');
  });

  it('an API address that answers with a web page: the fix is the address', async () => {
    routeMessages(appState(), {
      pullTask: () => ({ ok: false, error: { kind: 'invalid_response', detail: { kind: 'invalid_response', status: 404, serverMessage: 'not the Entity API' } } }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('pull-task'));
    const fix = await screen.findByTestId('fix-key');
    expect(fix.getAttribute('data-fix')).toBe('address');
    expect(fix.textContent).toBe(t('vi', 'popup.fixAddress'));
    expect(screen.getByTestId('status-message').textContent).toContain(t('vi', 'error.notTheApi'));
  });

  it('a maintenance page (HTML with 200) is said plainly, without "HTTP 200"', async () => {
    routeMessages(appState(), {
      pullTask: () => ({ ok: false, error: { kind: 'invalid_response', detail: { kind: 'invalid_response', status: 200, serverMessage: 'not JSON' } } }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('pull-task'));
    const message = await screen.findByTestId('status-message');
    expect(message.textContent).toBe(t('vi', 'error.maintenance'));
    expect(message.textContent).not.toContain('HTTP');
    // Nothing to fix in the settings: trying again later is the way.
    expect(screen.queryByTestId('fix-key')).toBeNull();
    expect([...primary()]).toEqual([screen.getByTestId('pull-task')]);
  });

  it('a rate limit with Retry-After counts the wait down, and Get task comes back when it is over', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    routeMessages(appState(), {
      pullTask: () => ({ ok: false, error: { kind: 'rate_limited', detail: { kind: 'rate_limited', status: 429, retryAfterMs: 42_000 } } }),
    });
    render(<App />);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    fireEvent.click(screen.getByTestId('pull-task'));
    await act(async () => vi.advanceTimersByTimeAsync(0));
    const wait = screen.getByTestId('rate-limit-wait');
    expect(wait.textContent).toBe(t('vi', 'popup.waitFor', { time: '0:42' }));
    const pull = screen.getByTestId('pull-task') as HTMLButtonElement;
    expect(pull.disabled).toBe(true);
    expect(pull.textContent).toBe(t('vi', 'popup.pullAfter', { time: '0:42' }));

    await act(async () => vi.advanceTimersByTimeAsync(10_000));
    expect(screen.getByTestId('rate-limit-wait').textContent).toBe(t('vi', 'popup.waitFor', { time: '0:32' }));
    await act(async () => vi.advanceTimersByTimeAsync(33_000));
    expect(screen.queryByTestId('rate-limit-wait')).toBeNull();
    expect((screen.getByTestId('pull-task') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('pull-task').textContent).toBe(t('vi', 'popup.pullTask'));
  });

  it('the status line has a visible close button', async () => {
    routeMessages(appState(), { pullTask: () => ({ ok: false, error: { kind: 'no_work' } }) });
    render(<App />);
    fireEvent.click(await screen.findByTestId('pull-task'));
    await screen.findByTestId('status-message');
    const close = screen.getByTestId('dismiss-status');
    expect(close.closest('.visually-hidden')).toBeNull();
    expect(close.getAttribute('aria-label')).toBe(t('vi', 'common.close'));
    fireEvent.click(close);
    expect(screen.queryByTestId('status-message')).toBeNull();
  });
});

describe('reports: waiting, retried, delivered', () => {
  it('a waiting report says when it is retried, as a countdown', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    routeMessages(appState({ outbox: [outboxEntry({ nextAttemptAt: Date.now() + 25_000, lastError: { kind: 'server', status: 500 } })] }));
    render(<App />);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('outbox-countdown').textContent).toBe(t('vi', 'outbox.nextAttempt', { time: '0:25' }));
    await act(async () => vi.advanceTimersByTimeAsync(5_000));
    expect(screen.getByTestId('outbox-countdown').textContent).toBe(t('vi', 'outbox.nextAttempt', { time: '0:20' }));
    await act(async () => vi.advanceTimersByTimeAsync(21_000));
    expect(screen.queryByTestId('outbox-countdown')).toBeNull();
    expect(screen.getByTestId('outbox-next').textContent).toBe(t('vi', 'outbox.sendingNow'));
  });

  it('Retry now says it is sending, then that the server received the reports', async () => {
    const entry = outboxEntry({ lastError: { kind: 'network' } });
    const { current, calls } = routeMessages(appState({ outbox: [entry] }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('outbox-retry'));
    await waitFor(() => expect(calls('retryOutbox')).toHaveLength(1));
    expect((await screen.findByTestId('outbox-retry-result')).textContent).toBe(t('vi', 'outbox.retrying'));

    // The background delivered it: the outbox is empty, the history entry says delivered.
    current.state = appState({ outbox: [], history: [historyEntry({ taskId: entry.taskId })] });
    await act(async () => fakeBrowser.storage.local.set({ outbox: [] }));
    await waitFor(() => expect(screen.getByTestId('outbox-retry-result').textContent).toBe(t('vi', 'outbox.retryAllSent')));
    expect(screen.getByTestId('outbox-retry-result').getAttribute('data-tone')).toBe('ok');
    // The list itself is gone (nothing left to send); the result line stays.
    expect(screen.queryByTestId('outbox-list')).toBeNull();
    expect(screen.getByTestId('report-delivered')).toBeTruthy();
  });

  it('Retry now says why a report still could not be sent', async () => {
    const entry = outboxEntry({ attempts: 2, lastError: { kind: 'network' } });
    const { current } = routeMessages(appState({ outbox: [entry] }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('outbox-retry'));
    await screen.findByTestId('outbox-retry-result');
    const tried = { ...entry, attempts: 3, lastError: { kind: 'server' as const, status: 503 } };
    current.state = appState({ outbox: [tried] });
    await act(async () => fakeBrowser.storage.local.set({ outbox: [tried] }));
    await waitFor(() => expect(screen.getByTestId('outbox-retry-result').getAttribute('data-tone')).toBe('error'));
    expect(screen.getByTestId('outbox-retry-result').textContent).toBe(
      t('vi', 'outbox.retryNone', { reason: `${t('vi', 'error.server')} (HTTP 503)` }),
    );
  });

  it('Retry now with no news within 20 s says so', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    routeMessages(appState({ outbox: [outboxEntry()] }));
    render(<App />);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    fireEvent.click(screen.getByTestId('outbox-retry'));
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('outbox-retry-result').textContent).toBe(t('vi', 'outbox.retrying'));
    await act(async () => vi.advanceTimersByTimeAsync(20_000));
    expect(screen.getByTestId('outbox-retry-result').textContent).toBe(t('vi', 'outbox.retryNoAnswer'));
  });

  it('report-delivered shows only once the server acknowledged the newest report', async () => {
    const { current } = routeMessages(appState({ history: [historyEntry({ delivered: false })] }));
    render(<App />);
    await screen.findByTestId('pull-task');
    expect(screen.queryByTestId('report-delivered')).toBeNull();

    current.state = appState({ history: [historyEntry({ delivered: true })] });
    await act(async () => fakeBrowser.storage.local.set({ history: current.state.history }));
    const delivered = await screen.findByTestId('report-delivered');
    expect(delivered.textContent).toContain('old-site.com');
    expect(delivered.getAttribute('data-task-id')).toBe('task-0');
  });

  it('lastReport: the newest entry, delivered only when it is no longer in the outbox', () => {
    const older = historyEntry({ taskId: 'a', finishedAt: 1_000 });
    const newer = historyEntry({ taskId: 'b', finishedAt: 2_000 });
    expect(lastReport([older, newer], [])).toEqual({ entry: newer, delivered: true });
    expect(lastReport([older, newer], [outboxEntry({ taskId: 'b' })])?.delivered).toBe(false);
    expect(lastReport([older, { ...newer, delivered: false }], [])?.delivered).toBe(false);
    expect(lastReport([], [])).toBeNull();
  });
});

describe("today's pace", () => {
  it('counts today and tasks per hour of work, in the header', async () => {
    const now = Date.now();
    const history = [
      historyEntry({ taskId: '1', startedAt: now - 20 * 60_000, finishedAt: now - 10 * 60_000 }),
      historyEntry({ taskId: '2', outcome: 'fail', startedAt: now - 10 * 60_000, finishedAt: now - 5 * 60_000 }),
    ];
    routeMessages(appState({ active: activeTask(), history, settings: { ...SETTINGS, language: 'en' } }));
    render(<App />);
    const stats = await screen.findByTestId('today-stats');
    expect(stats.closest('header')).not.toBeNull();
    expect(within(stats).getByTestId('counter-completed').textContent).toBe('1 completed');
    // 2 tasks in 15 minutes of work = 8 per hour.
    expect(within(stats).getByTestId('tasks-per-hour').textContent).toBe('8 tasks/hour');
  });

  it('tasksPerHour ignores other days and needs a minute of work', () => {
    const now = new Date(2025, 4, 6, 15, 0).getTime();
    const h = (start: number, end: number) => historyEntry({ startedAt: now - start, finishedAt: now - end });
    expect(tasksPerHour([], now)).toBeNull();
    expect(tasksPerHour([h(30_000, 0)], now)).toBeNull();
    expect(tasksPerHour([h(3 * 3_600_000, 2 * 3_600_000)], now)).toBe(1);
    expect(tasksPerHour([h(40 * 3_600_000, 39 * 3_600_000)], now)).toBeNull();
    expect(tasksPerHour([h(30 * 60_000, 20 * 60_000), h(20 * 60_000, 10 * 60_000)], now)).toBeCloseTo(6);
  });
});

describe('the journey slots (filled by the background later)', () => {
  it('go-profile-editor is disabled until the editor URL is known, then asks the background to go there', async () => {
    const { current, calls } = routeMessages(appState({ active: activeTask() }), {
      goProfileEditor: () => ({ ok: false, error: { kind: 'unsaved_edits' } }),
    });
    render(<App />);
    const go = (await screen.findByTestId('go-profile-editor')) as HTMLButtonElement;
    expect(go.disabled).toBe(true);

    current.state = appState({ active: withJourney({ editorUrl: `https://${TASK.domain}/settings/profile` }) });
    await act(async () => fakeBrowser.storage.local.set({ activeTask: current.state.active }));
    await waitFor(() => expect((screen.getByTestId('go-profile-editor') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('go-profile-editor'));
    await waitFor(() => expect(calls('goProfileEditor')).toHaveLength(1));
    // The background refuses to leave a page with unsaved edits: said plainly.
    expect((await screen.findByTestId('status-message')).textContent).toBe(t('vi', 'error.unsaved_edits'));
  });

  it('an editor URL off the task site (or not http) is never offered', async () => {
    for (const editorUrl of ['https://evil.test/profile', 'javascript:alert(1)', `https://${TASK.domain}.evil.test/x`]) {
      routeMessages(appState({ active: withJourney({ editorUrl }) }));
      const { unmount } = render(<App />);
      expect(((await screen.findByTestId('go-profile-editor')) as HTMLButtonElement).disabled).toBe(true);
      unmount();
    }
  });

  it('shows the public-profile check and prefills link-post and note while the worker has not typed', async () => {
    const journey = {
      publicUrl: `https://${TASK.domain}/u/seouser01`,
      // lib/journey's PublicCheck: the visible links listed, the missing ones too.
      publicCheck: {
        url: `https://${TASK.domain}/u/seouser01`,
        visible: ['a', 'b', 'c', 'd'],
        total: 6,
        missing: ['linkedin.com/in/x', 'youtube.com/@x'],
        at: Date.now(),
      },
      summary: '6/6 links saved; 4/6 visible on the public profile',
    };
    const { current, calls } = routeMessages(appState({ active: withJourney(journey) }));
    render(<App />);
    const check = await screen.findByTestId('public-profile-check');
    expect(check.textContent).toContain(t('vi', 'task.publicCheck', { visible: 4, total: 6, url: journey.publicCheck.url }));
    expect(check.textContent).toContain('linkedin.com/in/x');
    expect(check.textContent).toContain('youtube.com/@x');
    expect((screen.getByTestId('link-post') as HTMLInputElement).value).toBe(journey.publicUrl);
    expect((screen.getByTestId('note') as HTMLTextAreaElement).value).toBe(journey.summary);

    // The worker edits the note; a later journey update changes the untouched link only.
    fireEvent.change(screen.getByTestId('note'), { target: { value: 'checked by hand' } });
    const later = { ...journey, publicUrl: `https://${TASK.domain}/profile/seouser01`, summary: 'newer summary' };
    current.state = appState({ active: withJourney(later) });
    await act(async () => fakeBrowser.storage.local.set({ activeTask: current.state.active }));
    await waitFor(() => expect((screen.getByTestId('link-post') as HTMLInputElement).value).toBe(later.publicUrl));
    expect((screen.getByTestId('note') as HTMLTextAreaElement).value).toBe('checked by hand');

    fireEvent.click(screen.getByTestId('complete-task'));
    await waitFor(() => expect(calls('completeTask')).toEqual([{ linkPost: later.publicUrl, note: 'checked by hand' }]));
  });

  it('without a journey: no check shown, link-post falls back to the task profile link', async () => {
    routeMessages(appState({ active: withJourney({ publicCheck: { url: 'nope', visible: 'x' } }) }));
    render(<App />);
    expect(((await screen.findByTestId('link-post')) as HTMLInputElement).value).toBe(TASK.link_profile);
    expect(screen.queryByTestId('public-profile-check')).toBeNull();
    expect((screen.getByTestId('note') as HTMLTextAreaElement).value).toBe('');
  });
});

describe('what the journey could not do, and what the site changed', () => {
  it('names the steps the extension could not do and the fields the site rewrote or emptied', async () => {
    const journey = {
      stage: 'saved',
      autoMoved: [],
      filled: {},
      problems: ['no_public_profile', 'save_not_seen', 'not-a-problem'],
      saved: {
        at: Date.now(),
        via: 'reload',
        values: [
          { field: 'twitter', filled: 'entity', kept: 'entity', links: ['https://twitter.com/entity'] },
          { field: 'website', filled: 'https://customer.example', kept: '', links: [] },
          { field: 'bio', filled: 'a https://x.com/a', kept: 'a', links: ['https://x.com/a'] },
        ],
      },
    };
    routeMessages(appState({ active: withJourney(journey) }));
    render(<App />);
    const problems = await screen.findByTestId('journey-problems');
    expect([...problems.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      t('vi', 'journey.problem.no_public_profile'),
      t('vi', 'journey.problem.save_not_seen'),
    ]);
    const changed = screen.getByTestId('saved-changes');
    expect(changed.textContent).toContain(t('vi', 'task.changedFields', { count: 2 }));
    expect([...changed.querySelectorAll('li')].map((li) => li.textContent)).toEqual([`website: ${t('vi', 'common.empty')}`, 'bio: a']);
  });

  it('warns when the PC clock is more than 30 s off the API server (and not below that)', async () => {
    routeMessages(appState({ active: activeTask(), clock: { offsetMs: 5 * 60_000, measuredAt: Date.now() } }));
    const { unmount } = render(<App />);
    expect((await screen.findByTestId('clock-warning')).textContent).toBe(t('vi', 'task.clockOff', { time: t('vi', 'task.minutes', { count: 5 }) }));
    unmount();
    routeMessages(appState({ active: activeTask(), clock: { offsetMs: -20_000, measuredAt: Date.now() } }));
    render(<App />);
    await screen.findByTestId('task-domain');
    expect(screen.queryByTestId('clock-warning')).toBeNull();
  });

  it('says how many links beyond 150 were left out', async () => {
    routeMessages(appState({ active: activeTask({ linksDropped: 12 }) }));
    render(<App />);
    expect((await screen.findByTestId('links-dropped')).textContent).toBe(t('vi', 'task.linksDropped', { count: 12 }));
  });
});

describe('credentials folded to one line', () => {
  it('copies the login and the password from the folded line, without showing the password', async () => {
    routeMessages(appState({ active: activeTask() }));
    render(<App />);
    const login = await screen.findByTestId('quick-copy-login');
    expect(login.textContent).toContain('seouser01');
    const pw = screen.getByTestId('quick-copy-password');
    expect(document.body.textContent).not.toContain('S3cret!pw');
    fireEvent.click(login);
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('seouser01'));
    fireEvent.click(pw);
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('S3cret!pw'));
  });

  it('falls back to the email as the login when there is no user name', async () => {
    routeMessages(appState({ active: activeTask({ task: { ...TASK, username: '' } }) }));
    render(<App />);
    fireEvent.click(await screen.findByTestId('quick-copy-login'));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('seo.worker@gmail.com'));
  });
});

describe('accessibility basics', () => {
  it('nothing focusable is hidden away (no 1×1 px buttons), in any stage', async () => {
    const states = [
      appState(),
      appState({ configured: false }),
      appState({ active: activeTask(), outbox: [outboxEntry({ state: 'dead' })], history: [historyEntry()] }),
    ];
    for (const state of states) {
      routeMessages(state, { pullTask: () => ({ ok: false, error: { kind: 'no_work' } }) });
      const { unmount } = render(<App />);
      await screen.findByTestId('popup-footer');
      const focusable = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary, [tabindex]')];
      expect(focusable.length).toBeGreaterThan(2);
      for (const el of focusable) expect({ id: el.dataset.testid ?? el.tagName, hidden: el.closest('.visually-hidden') !== null }).toEqual({ id: el.dataset.testid ?? el.tagName, hidden: false });
      unmount();
    }
  });
});
