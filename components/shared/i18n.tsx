import { createContext, useContext } from 'react';
import { t, type Language, type MessageKey } from '../../lib/i18n';

export const LanguageContext = createContext<Language>('vi');

type TArgs<K extends MessageKey> = Parameters<typeof t<K>> extends [Language, K, ...infer Rest] ? Rest : never;
export type BoundT = <K extends MessageKey>(key: K, ...args: TArgs<K>) => string;

const untypedT = t as (lang: Language, key: MessageKey, params?: Record<string, string | number>) => string;

/** `t` bound to the language the worker chose (from the nearest LanguageContext). */
export function useT(): BoundT {
  const lang = useContext(LanguageContext);
  return ((key: MessageKey, params?: Record<string, string | number>) => untypedT(lang, key, params)) as BoundT;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}
