import type { MessageKey } from '../i18n';

/** The panel's own sentences. */
export type PanelKey = Extract<MessageKey, `panel.${string}`>;

/**
 * The panel's sentences in the worker's language, sent by the background once
 * per page (`getPanelText`), so the content script carries no catalogue at all.
 */
export type PanelText = Readonly<Record<PanelKey, string>>;

/** `{name}` placeholders filled from `params`; unknown ones are left as they are. */
export function format(text: PanelText, key: PanelKey, params?: Record<string, string | number>): string {
  const template = text[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
