/**
 * The API's defaults, in a module of their own so that pages which only show
 * them (options, storage fallbacks) do not pull in the client and zod.
 */
export const DEFAULT_API_BASE_URL = 'https://manager.likepion.com/api/v1/entity';
export const DEFAULT_TIMEOUT_MS = 15_000;
