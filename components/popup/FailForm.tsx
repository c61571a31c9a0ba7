import { useId, useState } from 'react';
import { FAIL_REASON_MAX_CHARS } from './limits';
import { FAIL_PRESETS, t, type MessageKey } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import { useT } from '../shared/i18n';
import type { RunAction } from './actions';

interface Props {
  domain: string;
  busy: boolean;
  run: RunAction;
}

const PRESET_IDS: Record<(typeof FAIL_PRESETS)[number], string> = {
  'fail.preset.loginFailed': 'login-failed',
  'fail.preset.banned': 'banned',
  'fail.preset.noLinkFields': 'no-link-fields',
  'fail.preset.siteDown': 'site-down',
  'fail.preset.captcha': 'captcha',
  'fail.preset.totpRejected': 'totp-rejected',
  'fail.preset.emailVerify': 'email-verify',
  'fail.preset.accountMissing': 'account-missing',
};

/** `fail-task` opens it; a preset fills the reason box, which the worker can then edit. */
export function FailForm({ domain, busy, run }: Props) {
  const tr = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [empty, setEmpty] = useState(false);
  const counterId = useId();

  const setCapped = (text: string) => {
    // The API refuses more than 1000 characters; pasting more keeps the start.
    setReason(text.slice(0, FAIL_REASON_MAX_CHARS));
    setEmpty(false);
  };

  if (!open) {
    return (
      <button type="button" className="btn btn-danger-quiet" data-testid="fail-task" disabled={busy} onClick={() => setOpen(true)}>
        {tr('fail.open')}
      </button>
    );
  }

  const confirm = async () => {
    const text = reason.trim();
    if (!text) {
      setEmpty(true);
      return;
    }
    const ok = await run('fail', () => sendMessage('failTask', { reason: text }), () => ({
      tone: 'ok',
      say: (l) => t(l, 'fail.done', { domain }),
    }));
    if (ok) setOpen(false);
  };

  return (
    <section className="card-section fail-form" data-testid="fail-form" aria-label={tr('fail.title')}>
      <h3>{tr('fail.title')}</h3>
      <div className="presets" role="group" aria-label={tr('fail.presets')}>
        {FAIL_PRESETS.map((key) => (
          <button
            key={key}
            type="button"
            className="chip"
            data-testid={`fail-preset-${PRESET_IDS[key]}`}
            onClick={() => setCapped(tr(key as MessageKey as 'fail.preset.banned'))}
          >
            {tr(key as 'fail.preset.banned')}
          </button>
        ))}
      </div>
      <label className="field">
        <span>{tr('fail.reason')}</span>
        <textarea
          data-testid="fail-reason"
          rows={3}
          // Opening the form is a request to type: put the caret there (keyboard users too).
          autoFocus
          maxLength={FAIL_REASON_MAX_CHARS}
          value={reason}
          aria-describedby={counterId}
          aria-invalid={empty}
          onChange={(e) => setCapped(e.target.value)}
        />
      </label>
      <p id={counterId} className="counter muted small" data-testid="fail-reason-count">
        {tr('fail.counter', { count: reason.length, max: FAIL_REASON_MAX_CHARS })}
      </p>
      {empty && (
        <p className="inline-error" role="alert">
          {tr('fail.empty')}
        </p>
      )}
      <div className="row">
        <button type="button" className="btn btn-danger" data-testid="confirm-fail" disabled={busy || reason.trim() === ''} onClick={confirm}>
          {busy ? tr('fail.sending') : tr('fail.confirm')}
        </button>
        <button type="button" className="btn btn-quiet" data-testid="cancel-fail" onClick={() => setOpen(false)}>
          {tr('common.cancel')}
        </button>
      </div>
    </section>
  );
}
