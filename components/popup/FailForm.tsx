import { useId } from 'react';
import { FAIL_PRESETS, type MessageKey } from '../../lib/i18n';
import { FAIL_REASON_MAX } from '../../lib/rules';
import { useT } from '../shared/i18n';
import { keepWhole } from '../shared/keepWhole';

type Preset = (typeof FAIL_PRESETS)[number];

const PRESET_IDS: Record<Preset, string> = {
  'fail.preset.loginFailed': 'login-failed',
  'fail.preset.banned': 'banned',
  'fail.preset.noLinkFields': 'no-link-fields',
  'fail.preset.siteDown': 'site-down',
  'fail.preset.captcha': 'captcha',
  'fail.preset.totpRejected': 'totp-rejected',
  'fail.preset.emailVerify': 'email-verify',
  'fail.preset.accountMissing': 'account-missing',
};

/** The chip's short label; the chip fills in the full sentence (what the API's readers see). */
const SHORT: Record<Preset, MessageKey> = {
  'fail.preset.loginFailed': 'fail.short.loginFailed',
  'fail.preset.banned': 'fail.short.banned',
  'fail.preset.noLinkFields': 'fail.short.noLinkFields',
  'fail.preset.siteDown': 'fail.short.siteDown',
  'fail.preset.captcha': 'fail.short.captcha',
  'fail.preset.totpRejected': 'fail.short.totpRejected',
  'fail.preset.emailVerify': 'fail.short.emailVerify',
  'fail.preset.accountMissing': 'fail.short.accountMissing',
};

interface Props {
  domain: string;
  reason: string;
  empty: boolean;
  onReason: (text: string) => void;
  onCancel: () => void;
}

/** The API refuses more than 1000 characters; pasting more keeps the start. */
function capReason(text: string): string {
  return text.slice(0, FAIL_REASON_MAX);
}

/**
 * `fail-task` opens it in place of the task card, so presets, the reason and
 * (in the footer) *Send* fit without a scroll. A preset fills the reason box,
 * which the worker can then edit. Escape cancels.
 */
export function FailForm({ domain, reason, empty, onReason, onCancel }: Props) {
  const tr = useT();
  const counterId = useId();
  const titleId = useId();
  return (
    <section
      className="fail-form card"
      data-testid="fail-form"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id={titleId}>{keepWhole(tr('fail.title', { domain }))}</h2>
      <div className="presets" role="group" aria-label={tr('fail.presets')}>
        {FAIL_PRESETS.map((key) => {
          const sentence = tr(key as 'fail.preset.banned');
          return (
            <button
              key={key}
              type="button"
              className="chip"
              data-testid={`fail-preset-${PRESET_IDS[key]}`}
              title={sentence}
              aria-pressed={reason === sentence}
              onClick={() => onReason(capReason(sentence))}
            >
              {tr(SHORT[key] as 'fail.short.banned')}
            </button>
          );
        })}
      </div>
      <label className="field">
        <span>{tr('fail.reason')}</span>
        <textarea
          data-testid="fail-reason"
          rows={3}
          // Opening the form is a request to type: put the caret there (keyboard users too).
          autoFocus
          maxLength={FAIL_REASON_MAX}
          value={reason}
          aria-describedby={counterId}
          aria-invalid={empty}
          onChange={(e) => onReason(capReason(e.target.value))}
        />
      </label>
      <p id={counterId} className="counter muted small" data-testid="fail-reason-count">
        {tr('fail.counter', { count: reason.length, max: FAIL_REASON_MAX })}
      </p>
      {empty && (
        <p className="inline-error" role="alert">
          {tr('fail.empty')}
        </p>
      )}
    </section>
  );
}
