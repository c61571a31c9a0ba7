import { useEffect, useState } from 'react';
import { useT } from './i18n';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

interface Props {
  value: string;
  testId: string;
  /** What is copied, for screen readers ("Copy Password"). */
  label: string;
  text?: string;
  disabled?: boolean;
}

/** A copy button that says "Copied" for a moment; the value is never shown by the button itself. */
export function CopyButton({ value, testId, label, text, disabled }: Props) {
  const tr = useT();
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => setResult('idle'), 1500);
    return () => clearTimeout(timer);
  }, [result]);

  const caption = result === 'copied' ? tr('common.copied') : (text ?? tr('common.copy'));
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid={testId}
        aria-label={`${text ?? tr('common.copy')}: ${label}`}
        disabled={disabled || !value}
        onClick={async () => setResult((await copyText(value)) ? 'copied' : 'failed')}
      >
        {caption}
      </button>
      {result === 'failed' && (
        <span role="alert" className="inline-error">
          {tr('common.copyFailed')}
        </span>
      )}
    </>
  );
}
