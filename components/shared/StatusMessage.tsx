import type { Language } from '../../lib/i18n';
import { useLanguage } from './i18n';

export interface Status {
  tone: 'ok' | 'error' | 'info';
  /** Rendered in the current language, so switching language re-words the last message too. */
  say: (lang: Language) => string;
}

/** One line of feedback for the last action; errors are announced at once (role=alert). */
export function StatusMessage({ status, testId = 'status-message' }: { status: Status | null; testId?: string }) {
  const lang = useLanguage();
  if (!status) return null;
  return (
    <p className={`status status-${status.tone}`} data-testid={testId} data-tone={status.tone} role={status.tone === 'error' ? 'alert' : 'status'}>
      {status.say(lang)}
    </p>
  );
}
