import { ApiError, createApiClient, type ApiClient } from '../api';
import { getSettings } from '../settings';
import { offsetFrom } from '../totp';
import { recordOffset } from './clock';

/** Every answer of the API sets the clock the one-time codes follow. */
export function trackServerClock(dateHeader: string | null, sentAt: number, receivedAt: number): void {
  const offset = offsetFrom(dateHeader, sentAt, receivedAt);
  if (offset !== null) void recordOffset(offset, receivedAt).catch(() => undefined);
}

/** A client for the stored settings; ApiError('config') when there is no key or no usable base URL. */
export async function clientFromSettings(): Promise<ApiClient> {
  const settings = await getSettings();
  if (!settings.apiKey.trim()) throw new ApiError({ kind: 'config', serverMessage: 'API key is empty' });
  return createApiClient({ baseUrl: settings.apiBaseUrl, apiKey: settings.apiKey, onServerTime: trackServerClock });
}
