// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../components/popup/App';
import { startEarlyState, takeEarlyState } from '../../../entrypoints/popup/early';
import { sendMessage } from '../../../lib/messaging';
import { appState, routeMessages } from './helpers';

vi.mock('../../../lib/messaging', () => ({ sendMessage: vi.fn() }));

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(sendMessage).mockReset();
});
afterEach(cleanup);

const getStateCalls = () => vi.mocked(sendMessage).mock.calls.filter(([name]) => name === 'getState').length;

/*
 * popup-early.js sends getState before React loads; the app must use that
 * answer (no second round trip) and still never show an old state.
 */
describe('popup: the early getState', () => {
  it('is sent at once, and the app renders its answer without asking again', async () => {
    routeMessages(appState());
    startEarlyState();
    expect(getStateCalls()).toBe(1);
    render(<App firstState={takeEarlyState()} />);
    expect(await screen.findByTestId('pull-task')).toBeTruthy();
    expect(getStateCalls()).toBe(1);
  });

  it('is taken once: a second take gets nothing', () => {
    routeMessages(appState());
    startEarlyState();
    expect(takeEarlyState()).toBeDefined();
    expect(takeEarlyState()).toBeUndefined();
  });

  it('asks again when storage changed after the early request (its answer may be old)', async () => {
    const { current } = routeMessages(appState({ configured: false }));
    const early = startEarlyState();
    await early.answer;
    // the background wrote after answering, before the app listened
    current.state = appState();
    await fakeBrowser.storage.local.set({ anything: 1 });
    render(<App firstState={takeEarlyState()} />);
    expect(await screen.findByTestId('pull-task')).toBeTruthy();
    expect(getStateCalls()).toBe(2);
  });

  it('a failed early request shows the retry, and retry asks the background', async () => {
    routeMessages(appState());
    vi.mocked(sendMessage).mockImplementationOnce(async () => {
      throw new Error('no receiver');
    });
    startEarlyState();
    render(<App firstState={takeEarlyState()} />);
    expect(await screen.findByTestId('load-error')).toBeTruthy();
    screen.getByTestId('retry-load').click();
    await waitFor(() => expect(screen.queryByTestId('pull-task')).toBeTruthy());
    expect(getStateCalls()).toBe(2);
  });
});
