import { useEffect, useState } from 'react';
import { sendMessage, type TotpNow } from '../../lib/messaging';
import { CopyButton } from '../shared/CopyButton';
import { useT } from '../shared/i18n';

const RADIUS = 15;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** The seconds left as a ring that empties; the number sits inside it. */
function Ring({ remaining, period, label }: { remaining: number; period: number; label: string }) {
  const left = Math.max(0, Math.min(remaining, period));
  const urgent = left <= 5;
  return (
    <span className={urgent ? 'totp-ring urgent' : 'totp-ring'} role="timer" aria-label={label} data-testid="totp-remaining" data-seconds={left}>
      <svg viewBox="0 0 36 36" width="36" height="36" aria-hidden="true" focusable="false">
        <circle className="ring-track" cx="18" cy="18" r={RADIUS} fill="none" strokeWidth="4" />
        <circle
          className="ring-left"
          cx="18"
          cy="18"
          r={RADIUS}
          fill="none"
          strokeWidth="4"
          strokeLinecap="round"
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - left / period)}
          transform="rotate(-90 18 18)"
        />
      </svg>
      <span className="ring-number" aria-hidden="true">
        {left}
      </span>
    </span>
  );
}

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

  if (totp === undefined) return <div className="totp totp-pending" aria-hidden="true" />;
  if (totp === null) {
    return (
      <p className="muted small" data-testid="totp-unavailable">
        {tr('task.totpUnavailable')}
      </p>
    );
  }
  // The background may send the window length later; 30 s is the TOTP default.
  const period = (totp as TotpNow & { period?: number }).period ?? 30;
  const half = Math.ceil(totp.code.length / 2);
  return (
    <div className="totp" role="group" aria-label={tr('task.totp')}>
      <span className="totp-main">
        <span className="totp-label">{tr('task.totp')}</span>
        <span className="totp-code mono" data-testid="totp-code">
          <span>{totp.code.slice(0, half)}</span>
          <span>{totp.code.slice(half)}</span>
        </span>
      </span>
      <Ring remaining={totp.remaining} period={period} label={tr('task.totpRemaining', { seconds: totp.remaining })} />
      <CopyButton value={totp.code} testId="copy-totp" label={tr('task.totp')} className="btn btn-small totp-copy" secret />
    </div>
  );
}
