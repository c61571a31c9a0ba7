/**
 * The worker's settings: what they are, their defaults, how a change is
 * checked. Stored in `storage.local` (written by the background only).
 */
import { storage, update } from '../storage';
import { DEFAULT_API_BASE_URL } from '../api/defaults';
import { checkApiBaseUrl } from '../rules';

export type Language = 'vi' | 'en';
export type AutofillMode = 'auto' | 'manual';

/** Where the in-page panel sits and whether it is folded (the worker's choice, kept across pages). */
export interface PanelPrefs {
  corner: 'br' | 'bl' | 'tr' | 'tl';
  collapsed: boolean;
}

export interface Settings {
  apiBaseUrl: string;
  apiKey: string;
  language: Language;
  autofillMode: AutofillMode;
  autoSubmitLogin: boolean;
  appendLinksToBio: boolean;
  panel: PanelPrefs;
}

export const DEFAULT_SETTINGS: Settings = {
  apiBaseUrl: DEFAULT_API_BASE_URL,
  apiKey: '',
  language: 'vi',
  autofillMode: 'auto',
  autoSubmitLogin: false,
  appendLinksToBio: true,
  panel: { corner: 'br', collapsed: false },
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The stored settings with defaults for anything an older version did not store. */
export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

/** Validates a partial settings object; null when any given field is unusable. */
export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings | null {
  if (!patch || typeof patch !== 'object') return null;
  const next: Settings = { ...DEFAULT_SETTINGS, ...current };
  if (patch.apiBaseUrl !== undefined) {
    const base = checkApiBaseUrl(patch.apiBaseUrl);
    if (!base.ok) return null;
    next.apiBaseUrl = base.url;
  }
  if (patch.apiKey !== undefined) {
    if (typeof patch.apiKey !== 'string') return null;
    next.apiKey = patch.apiKey.trim();
  }
  if (patch.language !== undefined) {
    if (patch.language !== 'vi' && patch.language !== 'en') return null;
    next.language = patch.language;
  }
  if (patch.autofillMode !== undefined) {
    if (patch.autofillMode !== 'auto' && patch.autofillMode !== 'manual') return null;
    next.autofillMode = patch.autofillMode;
  }
  if (patch.panel !== undefined) {
    const p = patch.panel as Partial<PanelPrefs> | null;
    if (!p || typeof p !== 'object' || !['br', 'bl', 'tr', 'tl'].includes(p.corner as string) || typeof p.collapsed !== 'boolean') return null;
    next.panel = { corner: p.corner!, collapsed: p.collapsed };
  }
  for (const key of ['autoSubmitLogin', 'appendLinksToBio'] as const) {
    if (patch[key] !== undefined) {
      if (typeof patch[key] !== 'boolean') return null;
      next[key] = patch[key];
    }
  }
  return next;
}

/** Applies a change under the storage lock; null (nothing written) when it is not valid. */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings | null> {
  let accepted: Settings | null = null;
  await update(settingsItem, (current) => {
    accepted = mergeSettings({ ...DEFAULT_SETTINGS, ...current }, patch);
    return accepted ?? current;
  });
  return accepted;
}

export function isConfigured(settings: Settings): boolean {
  return !!settings.apiKey.trim() && checkApiBaseUrl(settings.apiBaseUrl).ok;
}
