import { useId, useState } from 'react';
import { DEFAULT_API_BASE_URL } from '../../lib/api/defaults';
import { useT } from '../shared/i18n';
import { StatusMessage } from '../shared/StatusMessage';
import type { Form, OptionsForm } from './useOptionsForm';

interface Props {
  form: Form;
  busy: OptionsForm['busy'];
  testStatus: OptionsForm['testStatus'];
  update: OptionsForm['update'];
  testConnection: OptionsForm['testConnection'];
}

/** The API address (with the way back to the default), the key (hidden unless asked) and *Test the connection*. */
export function ConnectionFields({ form, busy, testStatus, update, testConnection }: Props) {
  const tr = useT();
  const hintId = useId();
  const [showKey, setShowKey] = useState(false);
  return (
    <>
      <h2>{tr('options.connection')}</h2>
      <label className="field">
        <span>{tr('options.apiBaseUrl')}</span>
        <input
          type="url"
          data-testid="api-base-url"
          value={form.apiBaseUrl}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${hintId}-url`}
          onChange={(e) => update('apiBaseUrl', e.target.value)}
        />
      </label>
      <p id={`${hintId}-url`} className="muted small">
        {tr('options.apiBaseUrlHint', { url: DEFAULT_API_BASE_URL })}{' '}
        {form.apiBaseUrl !== DEFAULT_API_BASE_URL && (
          <button type="button" className="link-button" data-testid="reset-api-base-url" onClick={() => update('apiBaseUrl', DEFAULT_API_BASE_URL)}>
            {tr('options.useDefault')}
          </button>
        )}
      </p>
      <label className="field">
        <span>{tr('options.apiKey')}</span>
        <span className="row">
          <input
            className="grow mono"
            type={showKey ? 'text' : 'password'}
            data-testid="api-key"
            value={form.apiKey}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${hintId}-key`}
            onChange={(e) => update('apiKey', e.target.value)}
          />
          <button type="button" className="btn btn-small" data-testid="toggle-api-key" aria-pressed={showKey} onClick={() => setShowKey((s) => !s)}>
            {showKey ? tr('options.hideKey') : tr('options.showKey')}
          </button>
        </span>
      </label>
      <p id={`${hintId}-key`} className="muted small">
        {tr('options.apiKeyHint')}
      </p>
      <div className="row">
        <button type="button" className="btn" data-testid="test-connection" disabled={busy !== null} onClick={() => void testConnection()}>
          {busy === 'test' ? tr('options.testing') : tr('options.testConnection')}
        </button>
      </div>
      <StatusMessage status={testStatus} testId="connection-result" />
    </>
  );
}
