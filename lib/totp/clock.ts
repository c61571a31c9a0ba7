/**
 * One-time codes follow the API server's clock, not the worker's PC: a PC a
 * few minutes off would otherwise produce codes every site refuses. The
 * offset comes from the `Date` header of the API's answers (1 s resolution);
 * the background keeps it (lib/background/clock.ts).
 */
export interface ClockOffset {
  /** Server time minus local time, in ms. */
  offsetMs: number;
  /** Local time of the measurement. */
  measuredAt: number;
}

/**
 * The offset shown by one answer. `Date` is truncated to the second, so the
 * server's moment is taken half a second in; the local moment is the middle
 * of the request.
 */
export function offsetFrom(dateHeader: string | null, sentAt: number, receivedAt: number): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (!Number.isFinite(server)) return null;
  return Math.round(server + 500 - (sentAt + receivedAt) / 2);
}
