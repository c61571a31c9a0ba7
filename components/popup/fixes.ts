import { htmlAnswer } from '../../lib/i18n';
import type { OutboxEntry } from '../../lib/outbox';
import type { Settings } from '../../lib/settings';
import type { FailedAction } from './actions';

/** What the worker must fix in the settings before work can go on. */
export type SettingsFix = 'key' | 'address' | null;

/**
 * A refused key (401/403, or reports paused for it) or an API address that
 * answers with a web page: the fix is in the settings. `failed.with` holds
 * the settings the action ran with; once they changed, the old failure says
 * nothing about the new ones.
 */
export function settingsFix(failed: FailedAction | null, settings: Settings, outbox: readonly OutboxEntry[]): SettingsFix {
  const ranWith = failed?.with as Partial<Settings> | null | undefined;
  const current = !!failed && !!ranWith && ranWith.apiKey === settings.apiKey && ranWith.apiBaseUrl === settings.apiBaseUrl;
  if (failed && current && failed.error.kind === 'unauthorized') return 'key';
  if (outbox.some((e) => e.state === 'paused')) return 'key';
  if (failed && current && failed.error.kind === 'config') return settings.apiKey.trim() ? 'address' : 'key';
  if (failed && current && htmlAnswer(failed.error.kind, failed.error.detail) === 'not_the_api') return 'address';
  return null;
}

/** Until when the server asked us to wait (429 with Retry-After), if that is still ahead. */
export function waitUntil(failed: FailedAction | null, now: number): number | null {
  if (!failed || failed.error.kind !== 'rate_limited') return null;
  const ms = failed.error.detail?.retryAfterMs;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return null;
  const until = failed.at + ms;
  // `now` ticks once a second and may predate the failure: never count more than the server asked for.
  return until > Math.max(now, failed.at) ? until : null;
}
