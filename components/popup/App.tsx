import { useCallback, useEffect, useRef } from 'react';
import { applyDocumentLanguage, describeError, resolveLanguage, t, type Language } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import type { Settings } from '../../lib/settings';
import { Countdown, countdownText } from '../shared/Countdown';
import { LanguageContext } from '../shared/i18n';
import { LanguageSelect } from '../shared/LanguageSelect';
import { openOptions } from '../shared/openOptions';
import { StatusMessage } from '../shared/StatusMessage';
import { useAppState, type EarlyState } from '../shared/useAppState';
import { useActionRunner } from './actions';
import { Delivery } from './Delivery';
import { settingsFix, waitUntil } from './fixes';
import { History } from './History';
import { Outbox } from './Outbox';
import { Shell } from './Shell';
import { TaskStage } from './TaskStage';
import { TodayStats } from './TodayStats';
import { useNow } from './useNow';

/**
 * The toolbar popup (also opened as a plain tab by tests). Everything it
 * shows comes from the background's `getState`, read on every open and after
 * every storage change; nothing here is the source of truth. `firstState`:
 * a `getState` the page sent before React loaded (used for the first load only).
 *
 * Laid out by stage (no key → setup, no task → idle, a task → TaskStage):
 * each stage has one primary action, in a footer that stays in view.
 */
export function App({ firstState }: { firstState?: EarlyState } = {}) {
  const { state, loadFailed, reload } = useAppState(firstState);
  const lang: Language = resolveLanguage(state?.settings.language);
  // The settings an action ran with: a failure caused by them stops counting once they change.
  const settingsRef = useRef<Pick<Settings, 'apiKey' | 'apiBaseUrl'> | null>(null);
  useEffect(() => {
    settingsRef.current = state ? { apiKey: state.settings.apiKey, apiBaseUrl: state.settings.apiBaseUrl } : null;
  }, [state]);
  const snapshot = useCallback(() => settingsRef.current, []);
  const { busy, status, setStatus, failed, clear, run } = useActionRunner(reload, snapshot);
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

  const top = (
    <header className="app-header">
      <div className="header-row">
        <h1>{t(lang, 'app.title')}</h1>
        {state && <LanguageSelect compact value={lang} onChange={(next) => void changeLanguage(next)} />}
        <button type="button" className="btn btn-small btn-quiet" data-testid="open-settings" onClick={() => void openOptions()}>
          {t(lang, 'popup.settings')}
        </button>
      </div>
      {state?.configured && <TodayStats history={state.history} now={now} />}
    </header>
  );

  const wait = waitUntil(failed, now);
  // The once-a-second clock may predate the failure; a wait never shows more than the server asked for.
  const waitClock = failed ? Math.max(now, failed.at) : now;
  const statusLine = (
    <>
      <StatusMessage status={status} onDismiss={clear} />
      {wait !== null && (
        <p className="wait small" data-testid="rate-limit-wait">
          <Countdown until={wait} now={waitClock}>
            {(time) => t(lang, 'popup.waitFor', { time })}
          </Countdown>
        </p>
      )}
    </>
  );

  let view;
  if (!state) {
    view = (
      <Shell
        stage={loadFailed ? 'load-error' : 'loading'}
        top={top}
        busy={false}
        footer={
          loadFailed ? (
            <button type="button" className="btn btn-primary btn-big" data-testid="retry-load" onClick={() => void reload()}>
              {t(lang, 'popup.retryLoad')}
            </button>
          ) : undefined
        }
      >
        {loadFailed ? (
          <div className="card" data-testid="load-error">
            <p>{t(lang, 'popup.loadFailed')}</p>
          </div>
        ) : (
          <p className="loading" data-testid="loading">
            {t(lang, 'common.loading')}
          </p>
        )}
      </Shell>
    );
  } else {
    const fix = settingsFix(failed, state.settings, state.outbox);
    const extras = (
      <>
        <Delivery history={state.history} outbox={state.outbox} now={now} />
        <Outbox outbox={state.outbox} busy={busy} run={run} now={now} />
        <History history={state.history} now={now} open={!state.active} />
      </>
    );

    if (state.active) {
      view = (
        <TaskStage
          key={state.active.task.id}
          active={state.active}
          clock={state.clock ?? null}
          now={now}
          busy={busy}
          run={run}
          manualFill={state.settings.autofillMode === 'manual'}
          top={top}
          status={statusLine}
          extras={extras}
        />
      );
    } else if (!state.configured) {
      view = (
        <Shell
          stage="setup"
          top={top}
          busy={busy !== null}
          footer={
            <button type="button" className="btn btn-primary btn-big" data-testid="open-options" onClick={() => void openOptions()}>
              {t(lang, 'popup.openOptions')}
            </button>
          }
        >
          {statusLine}
          <div className="card" data-testid="not-configured">
            <p>{t(lang, 'popup.notConfigured')}</p>
          </div>
        </Shell>
      );
    } else {
      const pull = (
        <button
          type="button"
          className={fix ? 'btn' : 'btn btn-primary btn-big grow'}
          data-testid="pull-task"
          data-primary={!fix}
          disabled={busy !== null || wait !== null}
          aria-busy={busy === 'pull'}
          onClick={() =>
            run('pull', () => sendMessage('pullTask', undefined), (active) => ({
              tone: 'ok',
              say: (l) => t(l, 'popup.pulled', { domain: active.task.domain }),
            }))
          }
        >
          {busy === 'pull'
            ? t(lang, 'popup.pulling')
            : wait !== null
              ? t(lang, 'popup.pullAfter', { time: countdownText(wait, waitClock) })
              : t(lang, 'popup.pullTask')}
        </button>
      );
      view = (
        <Shell
          stage={fix ? `idle-fix-${fix}` : 'idle'}
          top={top}
          busy={busy !== null}
          footer={
            <div className="footer-row">
              {fix && (
                // The way out of a refused key is the settings, so that is the big button.
                <button type="button" className="btn btn-primary btn-big grow" data-testid="fix-key" data-fix={fix} onClick={() => void openOptions()}>
                  {t(lang, fix === 'key' ? 'popup.fixKey' : 'popup.fixAddress')}
                </button>
              )}
              {pull}
            </div>
          }
        >
          {statusLine}
          <p className="muted idle-text" data-testid="idle">
            {t(lang, 'popup.idle')}
          </p>
          {extras}
        </Shell>
      );
    }
  }

  return <LanguageContext.Provider value={lang}>{view}</LanguageContext.Provider>;
}
