/** The API's limit on a failure reason (API.md §5; lib/api's FAIL_REASON_MAX, not imported to keep zod out of the popup). */
export const FAIL_REASON_MAX_CHARS = 1000;
