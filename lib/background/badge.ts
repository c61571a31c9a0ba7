import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { OutboxEntry } from '../outbox';
import type { Language } from '../settings';
import type { ActiveTask } from '../task';

export type BadgeState = 'idle' | 'active' | 'pending' | 'paused' | 'problem';

export interface Badge {
  state: BadgeState;
  text: string;
  color: string;
}

/** What needs the worker's attention comes first: a refused key, then a problem, then unsent reports. */
export function computeBadge(active: ActiveTask | null, outbox: readonly OutboxEntry[]): Badge {
  if (outbox.some((e) => e.state === 'paused')) return { state: 'paused', text: '!', color: '#d93025' };
  if (active?.problem || outbox.some((e) => e.state === 'dead')) return { state: 'problem', text: '?', color: '#e8710a' };
  const pending = outbox.filter((e) => e.state === 'pending').length;
  if (pending) return { state: 'pending', text: String(pending), color: '#1a73e8' };
  if (active) return { state: 'active', text: '▶', color: '#188038' };
  return { state: 'idle', text: '', color: '#5f6368' };
}

const TITLE_KEYS = {
  idle: 'badge.idle',
  active: 'badge.active',
  pending: 'badge.pending',
  paused: 'badge.paused',
  problem: 'badge.problem',
} as const;

export function badgeTitle(badge: Badge, lang: Language, active: ActiveTask | null): string {
  const key = TITLE_KEYS[badge.state];
  if (key === 'badge.active') return t(lang, key, { domain: active?.task.domain ?? '' });
  if (key === 'badge.pending') return t(lang, key, { count: badge.text });
  return t(lang, key);
}

/** `action` in MV3, `browserAction` in Firefox MV2. */
export async function applyBadge(badge: Badge, title: string): Promise<void> {
  // Either namespace may be missing at run time although the types declare both.
  const action: Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'> | undefined =
    browser.action ?? browser.browserAction;
  if (!action) return;
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: badge.color }),
    action.setTitle({ title }),
  ]);
}
