import { useEffect, useId, useState, type FormEvent } from 'react';
import { DEFAULT_API_BASE_URL } from '../../lib/api/defaults';
import { applyDocumentLanguage, describeError, resolveLanguage, t, type Language } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import type { Settings } from '../../lib/settings';
import { LanguageContext } from '../shared/i18n';
import { LanguageSelect } from '../shared/LanguageSelect';
import { StatusMessage, type Status } from '../shared/StatusMessage';
import { useAppState } from '../shared/useAppState';

/** What the options page edits: the language is saved on its own, the panel's place belongs to the panel. */
type Form = Omit<Settings, 'language' | 'panel'>;

function formOf(settings: Settings): Form {
  const { language: _language, panel: _panel, ...rest } = settings;
  return rest;
}

function sameForm(a: Form, b: Form): boolean {
  return (Object.keys(a) as (keyof Form)[]).every((k) => a[k] === b[k]);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The options page. Settings are saved through the background (the only
 * writer of storage), so the key never touches storage from here. The
 * language is saved the moment it changes; everything else on Save.
 */
export function OptionsApp() {
  const { state, loadFailed, reload } = useAppState();
  const saved = state?.settings ?? null;
  // Language chosen here applies at once, before the background confirms it.
  const [langChoice, setLangChoice] = useState<Language | null>(null);
  const lang: Language = langChoice ?? resolveLanguage(saved?.language);
  const [draft, setDraft] = useState<Form | null>(null);
  const [showKey, setShowKey] = useState(false);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [saveStatus, setSaveStatus] = useState<Status | null>(null);
  const [testStatus, setTestStatus] = useState<Status | null>(null);
  const hintId = useId();

  useEffect(() => applyDocumentLanguage(document, lang), [lang]);

  // Until the worker edits something, the form follows the stored settings.
  const form: Form | null = draft ?? (saved ? formOf(saved) : null);
  const dirty = draft !== null && saved !== null && !sameForm(draft, formOf(saved));

  const update = <K extends keyof Form>(key: K, value: Form[K]) => {
    if (!form) return;
    setDraft({ ...form, [key]: value });
    setSaveStatus(null);
  };

  const changeLanguage = async (next: Language) => {
    setLangChoice(next);
    try {
      const result = await sendMessage('saveSettings', { language: next });
      if (!result.ok) setSaveStatus({ tone: 'error', say: (l) => t(l, 'options.saveFailed', { reason: describeError(l, result.error, 'connection') }) });
    } catch {
      setSaveStatus({ tone: 'error', say: (l) => describeError(l, null) });
    }
    await reload();
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    if (!isHttpUrl(form.apiBaseUrl)) {
      setSaveStatus({ tone: 'error', say: (l) => t(l, 'options.badUrl') });
      return;
    }
    setBusy('save');
    setSaveStatus(null);
    try {
      const result = await sendMessage('saveSettings', {
        ...form,
        apiBaseUrl: form.apiBaseUrl.trim(),
        apiKey: form.apiKey.trim(),
        language: lang,
      });
      if (result.ok) {
        setDraft(null);
        setSaveStatus({ tone: 'ok', say: (l) => t(l, 'options.saved') });
      } else {
        setSaveStatus({ tone: 'error', say: (l) => t(l, 'options.saveFailed', { reason: describeError(l, result.error, 'connection') }) });
      }
    } catch {
      setSaveStatus({ tone: 'error', say: (l) => describeError(l, null) });
    } finally {
      setBusy(null);
    }
    await reload();
  };

  const testConnection = async () => {
    if (!form) return;
    if (!isHttpUrl(form.apiBaseUrl)) {
      setTestStatus({ tone: 'error', say: (l) => t(l, 'options.badUrl') });
      return;
    }
    if (!form.apiKey.trim()) {
      setTestStatus({ tone: 'error', say: (l) => t(l, 'options.missingKey') });
      return;
    }
    setBusy('test');
    setTestStatus(null);
    try {
      // Tests what is typed, saved or not, so a key can be checked before saving it.
      const result = await sendMessage('testConnection', { apiBaseUrl: form.apiBaseUrl.trim(), apiKey: form.apiKey.trim() });
      setTestStatus(
        result.ok
          ? { tone: 'ok', say: (l) => t(l, result.value.tasksWaiting > 0 ? 'options.connectionOkWork' : 'options.connectionOkNoWork') }
          : { tone: 'error', say: (l) => describeError(l, result.error, 'connection') },
      );
    } catch {
      setTestStatus({ tone: 'error', say: (l) => describeError(l, null) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <LanguageContext.Provider value={lang}>
      <div className="options">
        <header className="app-header">
          <h1>{t(lang, 'options.title')}</h1>
        </header>
        <main className="options-main">
          {!form ? (
            <p className="muted" data-testid={loadFailed ? 'load-error' : 'loading'}>
              {loadFailed ? t(lang, 'popup.loadFailed') : t(lang, 'common.loading')}
            </p>
          ) : (
            <>
              <section className="card">
                <h2>{t(lang, 'options.languageTitle')}</h2>
                <LanguageSelect value={lang} onChange={(next) => void changeLanguage(next)} />
                <p className="muted small">{t(lang, 'options.languageHint')}</p>
              </section>
              <form className="card" onSubmit={save} noValidate data-testid="settings-form">
                <h2>{t(lang, 'options.connection')}</h2>
                <label className="field">
                  <span>{t(lang, 'options.apiBaseUrl')}</span>
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
                  {t(lang, 'options.apiBaseUrlHint', { url: DEFAULT_API_BASE_URL })}{' '}
                  {form.apiBaseUrl !== DEFAULT_API_BASE_URL && (
                    <button type="button" className="link-button" data-testid="reset-api-base-url" onClick={() => update('apiBaseUrl', DEFAULT_API_BASE_URL)}>
                      {t(lang, 'options.useDefault')}
                    </button>
                  )}
                </p>
                <label className="field">
                  <span>{t(lang, 'options.apiKey')}</span>
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
                    <button
                      type="button"
                      className="btn btn-small"
                      data-testid="toggle-api-key"
                      aria-pressed={showKey}
                      onClick={() => setShowKey((s) => !s)}
                    >
                      {showKey ? t(lang, 'options.hideKey') : t(lang, 'options.showKey')}
                    </button>
                  </span>
                </label>
                <p id={`${hintId}-key`} className="muted small">
                  {t(lang, 'options.apiKeyHint')}
                </p>
                <div className="row">
                  <button type="button" className="btn" data-testid="test-connection" disabled={busy !== null} onClick={() => void testConnection()}>
                    {busy === 'test' ? t(lang, 'options.testing') : t(lang, 'options.testConnection')}
                  </button>
                </div>
                <StatusMessage status={testStatus} testId="connection-result" />

                <h2>{t(lang, 'options.autofill')}</h2>
                <fieldset className="choices">
                  <legend className="visually-hidden">{t(lang, 'options.autofill')}</legend>
                  <label className="choice">
                    <input
                      type="radio"
                      name="autofillMode"
                      data-testid="autofill-auto"
                      checked={form.autofillMode === 'auto'}
                      onChange={() => update('autofillMode', 'auto')}
                    />
                    <span>{t(lang, 'options.autofillAuto')}</span>
                  </label>
                  <label className="choice">
                    <input
                      type="radio"
                      name="autofillMode"
                      data-testid="autofill-manual"
                      checked={form.autofillMode === 'manual'}
                      onChange={() => update('autofillMode', 'manual')}
                    />
                    <span>{t(lang, 'options.autofillManual')}</span>
                  </label>
                </fieldset>
                <label className="choice">
                  <input
                    type="checkbox"
                    data-testid="auto-submit"
                    checked={form.autoSubmitLogin}
                    onChange={(e) => update('autoSubmitLogin', e.target.checked)}
                  />
                  <span>
                    {t(lang, 'options.autoSubmit')}
                    <br />
                    <span className="muted small">{t(lang, 'options.autoSubmitHint')}</span>
                  </span>
                </label>
                <label className="choice">
                  <input
                    type="checkbox"
                    data-testid="append-bio"
                    checked={form.appendLinksToBio}
                    onChange={(e) => update('appendLinksToBio', e.target.checked)}
                  />
                  <span>{t(lang, 'options.appendBio')}</span>
                </label>

                <div className="row save-row">
                  <button type="submit" className="btn btn-primary btn-big" data-testid="save-settings" disabled={busy !== null}>
                    {busy === 'save' ? t(lang, 'options.saving') : t(lang, 'options.save')}
                  </button>
                  {dirty && !saveStatus && (
                    <span className="muted small" data-testid="unsaved">
                      {t(lang, 'options.unsaved')}
                    </span>
                  )}
                </div>
                <StatusMessage status={saveStatus} testId="save-result" />
              </form>
            </>
          )}
        </main>
      </div>
    </LanguageContext.Provider>
  );
}
