import { ApiError, createApiClient, type ApiClient } from '../api';
import { getSettings } from '../settings';

/** A client for the stored settings; ApiError('config') when there is no key or no usable base URL. */
export async function clientFromSettings(): Promise<ApiClient> {
  const settings = await getSettings();
  if (!settings.apiKey.trim()) throw new ApiError({ kind: 'config', serverMessage: 'API key is empty' });
  return createApiClient({ baseUrl: settings.apiBaseUrl, apiKey: settings.apiKey });
}
