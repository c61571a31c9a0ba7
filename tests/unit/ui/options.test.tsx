// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../../components/options/OptionsApp';
import { t } from '../../../lib/i18n';
import { sendMessage, type ActionError } from '../../../lib/messaging';
import type { Settings } from '../../../lib/settings';
import { appState, deferred, routeMessages, SETTINGS } from './helpers';

vi.mock('../../../lib/messaging', () => ({ sendMessage: vi.fn() }));

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(sendMessage).mockReset();
});
afterEach(cleanup);

/** A background double that stores what saveSettings receives, like the real one. */
function withBackground(settings: Settings = SETTINGS, testResult: unknown = { ok: true, value: { tasksWaiting: 3 } }) {
  const route = routeMessages(appState({ settings }), {
    saveSettings: (data) => {
      route.current.state = appState({ settings: { ...route.current.state.settings, ...(data as Partial<Settings>) } });
      return { ok: true, value: route.current.state.settings };
    },
    testConnection: () => testResult,
  });
  return route;
}

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

describe('options page', () => {
  it('shows the stored settings, with the key masked until revealed', async () => {
    withBackground();
    render(<OptionsApp />);
    expect(((await screen.findByTestId('api-base-url')) as HTMLInputElement).value).toBe(SETTINGS.apiBaseUrl);
    expect(input('api-key').value).toBe('sk-live-123456');
    expect(input('api-key').type).toBe('password');
    fireEvent.click(screen.getByTestId('toggle-api-key'));
    expect(input('api-key').type).toBe('text');
    expect(input('autofill-auto').checked).toBe(true);
    expect(input('auto-submit').checked).toBe(false);
    expect(input('append-bio').checked).toBe(true);
    expect((screen.getByTestId('language') as HTMLSelectElement).value).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
  });

  it('saves every field through the background, trimmed, and says it applies at once', async () => {
    const { calls, current } = withBackground();
    render(<OptionsApp />);
    fireEvent.change(await screen.findByTestId('api-base-url'), { target: { value: ' http://127.0.0.1:8787/api/v1/entity ' } });
    fireEvent.change(input('api-key'), { target: { value: '  new-key-42 ' } });
    fireEvent.click(input('autofill-manual'));
    fireEvent.click(input('auto-submit'));
    fireEvent.click(input('append-bio'));
    expect(screen.getByTestId('unsaved')).toBeTruthy();
    fireEvent.click(screen.getByTestId('save-settings'));

    await waitFor(() =>
      expect(calls('saveSettings')).toEqual([
        {
          apiBaseUrl: 'http://127.0.0.1:8787/api/v1/entity',
          apiKey: 'new-key-42',
          language: 'vi',
          autofillMode: 'manual',
          autoSubmitLogin: true,
          appendLinksToBio: false,
        },
      ]),
    );
    expect((await screen.findByTestId('save-result')).textContent).toBe(t('vi', 'options.saved'));
    expect(current.state.settings.apiKey).toBe('new-key-42');
    // The form now shows what the background stored.
    expect(input('api-base-url').value).toBe('http://127.0.0.1:8787/api/v1/entity');
    expect(screen.queryByTestId('unsaved')).toBeNull();
  });

  it('refuses a base URL that is not http(s) without sending anything', async () => {
    const { calls } = withBackground();
    render(<OptionsApp />);
    fireEvent.change(await screen.findByTestId('api-base-url'), { target: { value: 'ftp://manager.likepion.com' } });
    fireEvent.click(screen.getByTestId('save-settings'));
    expect((await screen.findByTestId('save-result')).textContent).toBe(t('vi', 'options.badUrl'));
    expect(calls('saveSettings')).toEqual([]);
  });

  it('shows the reason when the background refuses to save', async () => {
    routeMessages(appState(), { saveSettings: () => ({ ok: false, error: { kind: 'config' } }) });
    render(<OptionsApp />);
    fireEvent.click(await screen.findByTestId('save-settings'));
    expect((await screen.findByTestId('save-result')).textContent).toBe(
      t('vi', 'options.saveFailed', { reason: t('vi', 'error.conn.config') }),
    );
  });

  it('tests the typed URL and key (not yet saved) and reports success', async () => {
    const pending = deferred<unknown>();
    const { calls } = routeMessages(appState(), { testConnection: () => pending.promise });
    render(<OptionsApp />);
    fireEvent.change(await screen.findByTestId('api-key'), { target: { value: 'typed-key ' } });
    fireEvent.click(screen.getByTestId('test-connection'));
    expect(screen.getByTestId('test-connection').textContent).toBe(t('vi', 'options.testing'));
    expect(calls('testConnection')).toEqual([{ apiBaseUrl: SETTINGS.apiBaseUrl, apiKey: 'typed-key' }]);
    await act(async () => pending.resolve({ ok: true, value: { tasksWaiting: 0 } }));
    const result = await screen.findByTestId('connection-result');
    expect(result.textContent).toBe(t('vi', 'options.connectionOkNoWork'));
    expect(result.getAttribute('data-tone')).toBe('ok');
    expect(calls('saveSettings')).toEqual([]);
  });

  it.each<[ActionError, RegExp, RegExp]>([
    [{ kind: 'unauthorized', detail: { kind: 'unauthorized', status: 401 } }, /API key sai hoặc đã bị thu hồi/, /API key is wrong or was revoked/],
    [{ kind: 'network' }, /Không kết nối được máy chủ/, /Cannot reach the server/],
    [{ kind: 'timeout' }, /không trả lời kịp/, /took too long/],
    [{ kind: 'not_found', detail: { kind: 'not_found', status: 404 } }, /Sai địa chỉ API/, /Wrong API address/],
    [{ kind: 'invalid_response' }, /không phải API của Likepion/, /not the Likepion API/],
  ])('explains a failed connection test (%o) in the chosen language', async (error, viText, enText) => {
    const { current } = withBackground(SETTINGS, { ok: false, error });
    render(<OptionsApp />);
    fireEvent.click(await screen.findByTestId('test-connection'));
    const result = await screen.findByTestId('connection-result');
    expect(result.textContent).toMatch(viText);
    expect(result.getAttribute('role')).toBe('alert');

    fireEvent.change(screen.getByTestId('language'), { target: { value: 'en' } });
    await waitFor(() => expect(current.state.settings.language).toBe('en'));
    fireEvent.click(screen.getByTestId('test-connection'));
    await waitFor(() => expect(screen.getByTestId('connection-result').textContent).toMatch(enText));
  });

  it('checks for an empty key before testing', async () => {
    const { calls } = withBackground({ ...SETTINGS, apiKey: '' });
    render(<OptionsApp />);
    fireEvent.click(await screen.findByTestId('test-connection'));
    expect((await screen.findByTestId('connection-result')).textContent).toBe(t('vi', 'options.missingKey'));
    expect(calls('testConnection')).toEqual([]);
  });

  it('switches the language at once, saves it, and keeps unsaved edits', async () => {
    const { calls } = withBackground();
    render(<OptionsApp />);
    expect((await screen.findByTestId('save-settings')).textContent).toBe('Lưu cài đặt');
    fireEvent.change(input('api-key'), { target: { value: 'half-typed' } });

    fireEvent.change(screen.getByTestId('language'), { target: { value: 'en' } });
    expect(screen.getByTestId('save-settings').textContent).toBe('Save settings');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Entity Connect settings');
    await waitFor(() => expect(calls('saveSettings')).toEqual([{ language: 'en' }]));
    expect(document.documentElement.lang).toBe('en');
    expect(input('api-key').value).toBe('half-typed');
  });

  it('offers the production default URL back', async () => {
    withBackground({ ...SETTINGS, apiBaseUrl: 'http://localhost:9999/x' });
    render(<OptionsApp />);
    fireEvent.click(await screen.findByTestId('reset-api-base-url'));
    expect(input('api-base-url').value).toBe('https://manager.likepion.com/api/v1/entity');
  });
});
