import { LANGUAGES, t, type Language } from '../../lib/i18n';
import { useT } from './i18n';

interface Props {
  value: Language;
  onChange: (lang: Language) => void;
  testId?: string;
  compact?: boolean;
}

/** Each language is named in its own language so a worker can always find theirs. */
export function LanguageSelect({ value, onChange, testId = 'language', compact }: Props) {
  const tr = useT();
  return (
    <label className={compact ? 'lang-select compact' : 'lang-select'}>
      <span className={compact ? 'visually-hidden' : undefined}>{tr('common.language')}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as Language)}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(lang, lang === 'vi' ? 'lang.vi' : 'lang.en')}
          </option>
        ))}
      </select>
    </label>
  );
}
