import { formatDuration } from '../../lib/i18n';

/** Whole seconds left until `until`, rounded up (a wait of 0.2 s still says 0:01). */
function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

export function countdownText(until: number, now: number): string {
  return formatDuration(secondsLeft(until, now) * 1000);
}

/** A time that counts down; role=timer is not announced every second. */
export function Countdown({ until, now, testId, children }: { until: number; now: number; testId?: string; children: (time: string) => string }) {
  return (
    <span role="timer" data-testid={testId} data-seconds={secondsLeft(until, now)}>
      {children(countdownText(until, now))}
    </span>
  );
}
