import { useEffect, useState } from 'react';
import { sendMessage, type TotpNow } from '../../lib/messaging';
import { CopyButton } from '../shared/CopyButton';
import { useT } from '../shared/i18n';

/**
 * The live 2FA code. The background computes it (the popup never needs the
 * secret for this) and is asked once a second, so the code rolls over on time
 * even when the popup stays open across a 30 s window.
 */
export function Totp({ taskId }: { taskId: string }) {
  const tr = useT();
  const [totp, setTotp] = useState<TotpNow | null | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    const poll = async () => {
      try {
        const next = await sendMessage('getTotp', undefined);
        if (alive) setTotp(next ?? null);
      } catch {
        if (alive) setTotp(null);
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [taskId]);

  if (totp === undefined) return null;
  if (totp === null) {
    return (
      <p className="muted small" data-testid="totp-unavailable">
        {tr('task.totpUnavailable')}
      </p>
    );
  }
  const urgent = totp.remaining <= 5;
  return (
    <div className="totp" aria-live="off">
      <span className="cred-label">{tr('task.totp')}</span>
      <span className="totp-value">
        <span className="totp-code mono" data-testid="totp-code">
          {totp.code}
        </span>
        <span className={urgent ? 'totp-left urgent' : 'totp-left'} data-testid="totp-remaining">
          {tr('task.totpRemaining', { seconds: totp.remaining })}
        </span>
      </span>
      <CopyButton value={totp.code} testId="copy-totp" label={tr('task.totp')} />
    </div>
  );
}
