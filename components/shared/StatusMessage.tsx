import type { Language } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { useLanguage } from './i18n';
import { keepWhole } from './keepWhole';

export interface Status {
  tone: 'ok' | 'error' | 'info';
  /** Rendered in the current language, so switching language re-words the last message too. */
  say: (lang: Language) => string;
}

interface Props {
  status: Status | null;
  testId?: string;
  /** Shows a visible close button (never a hidden one: every focusable thing can be seen). */
  onDismiss?: () => void;
}

/** One line of feedback for the last action; errors are announced at once (role=alert). */
export function StatusMessage({ status, testId = 'status-message', onDismiss }: Props) {
  const lang = useLanguage();
  if (!status) return null;
  const text = (
    <p className={`status status-${status.tone}`} data-testid={testId} data-tone={status.tone} role={status.tone === 'error' ? 'alert' : 'status'}>
      {keepWhole(status.say(lang))}
    </p>
  );
  if (!onDismiss) return text;
  return (
    <div className={`status-wrap status-${status.tone}`}>
      {text}
      <button type="button" className="status-close" data-testid="dismiss-status" aria-label={t(lang, 'common.close')} title={t(lang, 'common.close')} onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
