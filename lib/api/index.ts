export { createApiClient, normalizeBaseUrl, DEFAULT_API_BASE_URL, DEFAULT_TIMEOUT_MS } from './client';
export type { ApiClient, ApiClientOptions } from './client';
export { ApiError, isApiError } from './errors';
export type { ApiErrorKind, ApiErrorInit } from './errors';
export { TaskSchema } from './schemas';
export type { Task, CompleteBody, FailBody } from './schemas';
