/** Same limit as the API's error_message (lib/api FAIL_REASON_MAX); repeated so the content script never imports lib/api. */
export const FAIL_REASON_MAX = 1000;
