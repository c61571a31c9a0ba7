import { useEffect, useState, type ReactNode } from 'react';
import { sendMessage } from '../../lib/messaging';
import { useT } from './i18n';

/** Copies; a secret is then cleared from the clipboard by the background 60 s later, if still there. */
export async function copyText(text: string, secret = false): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    return false;
  }
  if (secret) await sendMessage('clipboardCopied', { text }).catch(() => undefined);
  return true;
}

function useCopy(value: string, secret = false) {
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => setResult('idle'), 1500);
    return () => clearTimeout(timer);
  }, [result]);
  const copy = async () => setResult((await copyText(value, secret)) ? 'copied' : 'failed');
  return { result, copy };
}

function CopyIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M3.5 10.5h-.5A1.5 1.5 0 0 1 1.5 9V3A1.5 1.5 0 0 1 3 1.5h6A1.5 1.5 0 0 1 10.5 3v.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

interface Props {
  value: string;
  testId: string;
  /** What is copied, for screen readers ("Copy: Password"). */
  label: string;
  text?: string;
  disabled?: boolean;
  className?: string;
  /** A password or code: cleared from the clipboard 60 s later. */
  secret?: boolean;
}

/** A copy button that says "Copied" for a moment; the value is never shown by the button itself. */
export function CopyButton({ value, testId, label, text, disabled, className = 'btn btn-small', secret }: Props) {
  const tr = useT();
  const { result, copy } = useCopy(value, secret);
  const caption = result === 'copied' ? tr('common.copied') : (text ?? tr('common.copy'));
  return (
    <>
      <button
        type="button"
        className={className}
        data-testid={testId}
        aria-label={`${text ?? tr('common.copy')}: ${label}`}
        disabled={disabled || !value}
        onClick={copy}
      >
        <CopyIcon />
        <span>{caption}</span>
      </button>
      {result === 'failed' && <CopyFailed />}
    </>
  );
}

/**
 * A chip that shows what it copies (a user name) or names it (Password):
 * the visible text stays part of its accessible name.
 */
export function CopyChip({ value, testId, label, children, title, secret }: { value: string; testId: string; label: string; children: ReactNode; title?: string; secret?: boolean }) {
  const tr = useT();
  const { result, copy } = useCopy(value, secret);
  return (
    <>
      <button type="button" className="copy-chip" data-testid={testId} disabled={!value} title={title} onClick={copy}>
        <CopyIcon />
        <span className="visually-hidden">{`${tr('common.copy')} ${label}: `}</span>
        <span className="chip-text">{result === 'copied' ? tr('common.copied') : children}</span>
      </button>
      {result === 'failed' && <CopyFailed />}
    </>
  );
}

/** Said where the copy was asked for: the clipboard refused (no permission, no focus). */
function CopyFailed() {
  const tr = useT();
  return (
    <span role="alert" className="inline-error">
      {tr('common.copyFailed')}
    </span>
  );
}
