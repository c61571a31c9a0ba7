/**
 * Small rules shared by every context (background, extension pages, content
 * scripts): what counts as a web link, and the limits the API and the product
 * set. Dependency-free on purpose, so any bundle may import it.
 */

/** The API's limit on `error_message` (API.md §5). */
export const FAIL_REASON_MAX = 1000;
/** The API's limit on `note` (both complete and fail). */
export const NOTE_MAX = 5000;
/** Past this offset between the PC clock and the API server's the popup warns (DESIGN "The worker's cockpit"). */
export const CLOCK_WARN_MS = 30_000;
/** `entity_connect` holds 0–150 URLs (API.md §1); more is refused with a message, never processed. */
export const LINKS_MAX = 150;

/**
 * A web link the extension may use or send: `http:`/`https:`, a host, and no
 * user name or password smuggled in front of the host
 * (`https://example.com@evil.test/` goes to evil.test).
 */
export function isHttpUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string') return false;
  try {
    const u = new URL(raw.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Hosts where a plain-http API base URL is acceptable: this machine and `.test` sandboxes (RFC 2606). */
export function isLocalOrTestHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h.endsWith('.test') ||
    h === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}

/**
 * A task id as it may appear in an API path: letters, digits, `-` and `_`
 * (uuids and numbers). Anything else (`..`, `/`, `%2f`, spaces) is refused
 * before it reaches a URL.
 */
export function isSafeTaskId(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id);
}

export type ApiBaseCheck = { ok: true; url: string } | { ok: false; problem: 'not_url' | 'scheme' | 'credentials' | 'insecure' };

/**
 * The API base URL rule (DESIGN "Security rules"): https, or plain http only
 * for this machine and `.test` sandboxes; no credentials; the query and
 * fragment dropped, no trailing slash. The API key goes to this URL and no
 * other, so a plain-http base on the open network would hand it to anyone
 * on the path.
 */
export function checkApiBaseUrl(raw: unknown): ApiBaseCheck {
  if (typeof raw !== 'string') return { ok: false, problem: 'not_url' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'not_url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme' };
  if (!url.hostname) return { ok: false, problem: 'not_url' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.protocol === 'http:' && !isLocalOrTestHost(url.hostname)) return { ok: false, problem: 'insecure' };
  url.search = '';
  url.hash = '';
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}

/**
 * Words a save button says, in the supported languages and the common others: the panel
 * steps aside from such a button, and the journey takes a click on one (beside our filled
 * fields, in an app that saves without sending a form) for the worker's Save.
 */
export const SAVE_WORDS =
  /\b(save|update|submit|apply|done|publish|lưu|cập nhật|speichern|aktualisieren|enregistrer|mettre à jour|guardar|actualizar|salvar|atualizar|salva|aggiorna|сохранить|обновить|zapisz|kaydet|simpan|perbarui)\b|保存|更新|저장/i;
