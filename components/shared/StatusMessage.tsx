export interface Status {
  tone: 'ok' | 'error' | 'info';
  text: string;
}

/** One line of feedback for the last action; errors are announced at once (role=alert). */
export function StatusMessage({ status, testId = 'status-message' }: { status: Status | null; testId?: string }) {
  if (!status) return null;
  return (
    <p className={`status status-${status.tone}`} data-testid={testId} data-tone={status.tone} role={status.tone === 'error' ? 'alert' : 'status'}>
      {status.text}
    </p>
  );
}
