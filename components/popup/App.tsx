import { useEffect } from 'react';
import { applyDocumentLanguage, describeError, resolveLanguage, t, type Language } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import { LanguageContext } from '../shared/i18n';
import { LanguageSelect } from '../shared/LanguageSelect';
import { openOptions } from '../shared/openOptions';
import { StatusMessage } from '../shared/StatusMessage';
import { useAppState, type EarlyState } from '../shared/useAppState';
import { useActionRunner } from './actions';
import { History } from './History';
import { Outbox } from './Outbox';
import { TaskCard } from './TaskCard';
import { useNow } from './useNow';

/**
 * The toolbar popup (also opened as a plain tab by tests). Everything it
 * shows comes from the background's `getState`, read on every open and after
 * every storage change; nothing here is the source of truth. `firstState`:
 * a `getState` the page sent before React loaded (used for the first load only).
 */
export function App({ firstState }: { firstState?: EarlyState } = {}) {
  const { state, loadFailed, reload } = useAppState(firstState);
  const lang: Language = resolveLanguage(state?.settings.language);
  const { busy, status, setStatus, run } = useActionRunner(reload);
  const now = useNow(1000);

  useEffect(() => applyDocumentLanguage(document, lang), [lang]);

  // Not through `run`: it clears the last message, which should be re-worded in the new language, not lost.
  const changeLanguage = async (next: Language) => {
    try {
      const result = await sendMessage('saveSettings', { language: next });
      if (!result.ok) setStatus({ tone: 'error', say: (l) => describeError(l, result.error, 'connection') });
    } catch {
      setStatus({ tone: 'error', say: (l) => describeError(l, null) });
    }
    await reload();
  };

  let body;
  if (!state) {
    body = loadFailed ? (
      <div className="card" data-testid="load-error">
        <p>{t(lang, 'popup.loadFailed')}</p>
        <button type="button" className="btn" onClick={() => void reload()}>
          {t(lang, 'popup.retryLoad')}
        </button>
      </div>
    ) : (
      <p className="muted" data-testid="loading">
        {t(lang, 'common.loading')}
      </p>
    );
  } else if (state.active) {
    body = (
      <TaskCard
        active={state.active}
        now={now}
        busy={busy}
        run={run}
        manualFill={state.settings.autofillMode === 'manual'}
      />
    );
  } else if (!state.configured) {
    body = (
      <div className="card center" data-testid="not-configured">
        <p>{t(lang, 'popup.notConfigured')}</p>
        <button type="button" className="btn btn-primary btn-big" data-testid="open-options" onClick={() => void openOptions()}>
          {t(lang, 'popup.openOptions')}
        </button>
      </div>
    );
  } else {
    body = (
      <div className="card center" data-testid="idle">
        <p className="muted">{t(lang, 'popup.idle')}</p>
        <button
          type="button"
          className="btn btn-primary btn-big"
          data-testid="pull-task"
          disabled={busy !== null}
          aria-busy={busy === 'pull'}
          onClick={() =>
            run('pull', () => sendMessage('pullTask', undefined), (active) => ({
              tone: 'ok',
              say: (l) => t(l, 'popup.pulled', { domain: active.task.domain }),
            }))
          }
        >
          {busy === 'pull' ? t(lang, 'popup.pulling') : t(lang, 'popup.pullTask')}
        </button>
      </div>
    );
  }

  return (
    <LanguageContext.Provider value={lang}>
      <div className="popup" aria-busy={busy !== null}>
        <header className="app-header">
          <h1>{t(lang, 'app.title')}</h1>
          {state && <LanguageSelect compact value={lang} onChange={(next) => void changeLanguage(next)} />}
          <button type="button" className="btn btn-small btn-quiet" data-testid="open-settings" onClick={() => void openOptions()}>
            {t(lang, 'popup.settings')}
          </button>
        </header>
        <StatusMessage status={status} />
        {status && (
          <button type="button" className="visually-hidden" onClick={() => setStatus(null)}>
            ×
          </button>
        )}
        <main>{body}</main>
        {state && <Outbox outbox={state.outbox} busy={busy} run={run} />}
        {state && <History history={state.history} now={now} open={!state.active} />}
      </div>
    </LanguageContext.Provider>
  );
}
