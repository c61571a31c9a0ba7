import { useEffect } from 'react';
import { applyDocumentLanguage, t } from '../../lib/i18n';
import { LanguageContext } from '../shared/i18n';
import { LanguageSelect } from '../shared/LanguageSelect';
import { StatusMessage } from '../shared/StatusMessage';
import { AutofillFields } from './AutofillFields';
import { ConnectionFields } from './ConnectionFields';
import { useOptionsForm } from './useOptionsForm';

/**
 * The options page. Settings are saved through the background (the only
 * writer of storage), so the key never touches storage from here. The
 * language is saved the moment it changes; everything else on Save.
 */
export function OptionsApp() {
  const options = useOptionsForm();
  const { lang, form, loadFailed, dirty, busy, saveStatus } = options;
  useEffect(() => applyDocumentLanguage(document, lang), [lang]);

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
                <LanguageSelect value={lang} onChange={(next) => void options.changeLanguage(next)} />
                <p className="muted small">{t(lang, 'options.languageHint')}</p>
              </section>
              <form className="card" onSubmit={(e) => void options.save(e)} noValidate data-testid="settings-form">
                <ConnectionFields form={form} busy={busy} testStatus={options.testStatus} update={options.update} testConnection={options.testConnection} />
                <AutofillFields form={form} update={options.update} />
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
