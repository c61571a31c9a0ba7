import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Task } from '../../../lib/api';
import type { AppState, PageProtocol } from '../../../lib/messaging';
import { sendMessage } from '../../../lib/messaging';
import type { ActiveTask } from '../../../lib/task';
import type { Settings } from '../../../lib/settings';

export const SETTINGS: Settings = {
  apiBaseUrl: 'https://manager.likepion.com/api/v1/entity',
  apiKey: 'sk-live-123456',
  language: 'vi',
  autofillMode: 'auto',
  autoSubmitLogin: false,
  appendLinksToBio: true,
  panel: { corner: 'br', collapsed: false },
};

export const TASK = {
  id: 'task-1',
  request_id: 'req-1',
  domain: 'example-social.com',
  website: 'https://customer.example',
  email: 'seo.worker@gmail.com',
  username: 'seouser01',
  password: 'S3cret!pw',
  pass_mail: 'GmailPw#1',
  twofa: 'JBSWY3DPEHPK3PXP',
  app_password: 'abcd efgh ijkl mnop',
  link_profile: 'https://example-social.com/u/seouser01',
  entity_connect: [
    'https://twitter.com/entity',
    'javascript:alert(1)',
    'https://twitter.com/entity',
    'https://www.facebook.com/entity',
  ],
} as Task;

export function activeTask(overrides: Partial<ActiveTask> = {}): ActiveTask {
  return { task: TASK, startedAt: Date.now() - 65_000, ...overrides };
}

export function appState(overrides: Partial<AppState> = {}): AppState {
  return { settings: SETTINGS, configured: true, active: null, outbox: [], history: [], clock: null, ...overrides };
}

type Name = keyof PageProtocol;
type Handler = (data: unknown) => unknown;

/**
 * Routes the mocked `sendMessage` to per-message handlers; `getState` returns
 * whatever `current.state` is when it is asked.
 */
export function routeMessages(initial: AppState, handlers: Partial<Record<Name, Handler>> = {}) {
  const current = { state: initial };
  const mock = vi.mocked(sendMessage);
  mock.mockReset();
  mock.mockImplementation((async (name: Name, data: unknown) => {
    if (name === 'getState') return current.state;
    const handler = handlers[name];
    if (handler) return handler(data);
    if (name === 'getTotp') return { code: '123456', remaining: 17 };
    return { ok: true, value: undefined };
  }) as never);
  const calls = (name: Name) => mock.mock.calls.filter((c) => c[0] === name).map((c) => c[1]);
  return { current, mock, calls };
}

export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Each test starts from a fresh fake browser, no message routes and a
 * clipboard that records what was written (`clipboard.writeText`); the
 * rendered popup and fake timers go after it. The test file still mocks
 * lib/messaging itself (vi.mock is hoisted per file).
 */
export function freshPopupPerTest(): { writeText: ReturnType<typeof vi.fn> } {
  const clipboard = { writeText: vi.fn(async () => {}) };
  beforeEach(() => {
    fakeBrowser.reset();
    vi.mocked(sendMessage).mockReset();
    clipboard.writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: clipboard.writeText }, configurable: true });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
  return clipboard;
}
