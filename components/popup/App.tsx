import { useCallback, useEffect, useRef } from 'react';
import { applyDocumentLanguage, describeError, resolveLanguage, t, type Language } from '../../lib/i18n';
import { sendMessage, type AppState } from '../../lib/messaging';
import type { Settings } from '../../lib/settings';
import { Countdown } from '../shared/Countdown';
import { LanguageContext, useT } from '../shared/i18n';
import { LanguageSelect } from '../shared/LanguageSelect';
import { openOptions } from '../shared/openOptions';
import { StatusMessage, type Status } from '../shared/StatusMessage';
import { useAppState, type EarlyState } from '../shared/useAppState';
import { useActionRunner } from './actions';
import { Delivery } from './Delivery';
import { settingsFix, waitUntil } from './fixes';
import { History } from './History';
import { IdleStage, LoadingStage, SetupStage } from './Stages';
import { Outbox } from './Outbox';
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

  const top = <PopupHeader state={state} lang={lang} now={now} changeLanguage={(next) => void changeLanguage(next)} />;
  const wait = waitUntil(failed, now);
  // The once-a-second clock may predate the failure; a wait never shows more than the server asked for.
  const waitClock = failed ? Math.max(now, failed.at) : now;
  const statusLine = <StatusLine status={status} clear={clear} wait={wait} waitClock={waitClock} />;

  let view;
  if (!state) {
    view = <LoadingStage top={top} failed={loadFailed} retry={() => void reload()} />;
  } else {
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
      view = <SetupStage top={top} status={statusLine} busy={busy !== null} />;
    } else {
      const fix = settingsFix(failed, state.settings, state.outbox);
      view = <IdleStage top={top} status={statusLine} extras={extras} busy={busy} run={run} fix={fix} wait={wait} waitClock={waitClock} />;
    }
  }

  return <LanguageContext.Provider value={lang}>{view}</LanguageContext.Provider>;
}

/** Title, language, settings, and today's count (once there is a key): the same on every stage. */
function PopupHeader({ state, lang, now, changeLanguage }: { state: AppState | null; lang: Language; now: number; changeLanguage: (next: Language) => void }) {
  return (
    <header className="app-header">
      <div className="header-row">
        <h1>{t(lang, 'app.title')}</h1>
        {state && <LanguageSelect compact value={lang} onChange={changeLanguage} />}
        <button type="button" className="btn btn-small btn-quiet" data-testid="open-settings" onClick={() => void openOptions()}>
          {t(lang, 'popup.settings')}
        </button>
      </div>
      {state?.configured && <TodayStats history={state.history} now={now} />}
    </header>
  );
}

/** The last action's outcome, and the server's wait after a rate limit as a countdown. */
function StatusLine({ status, clear, wait, waitClock }: { status: Status | null; clear: () => void; wait: number | null; waitClock: number }) {
  const tr = useT();
  return (
    <>
      <StatusMessage status={status} onDismiss={clear} />
      {wait !== null && (
        <p className="wait small" data-testid="rate-limit-wait">
          <Countdown until={wait} now={waitClock}>
            {(time) => tr('popup.waitFor', { time })}
          </Countdown>
        </p>
      )}
    </>
  );
}
