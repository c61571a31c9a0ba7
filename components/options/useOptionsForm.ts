import { useState, type FormEvent } from 'react';
import { describeError, resolveLanguage, t, type Language } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import { isHttpUrl } from '../../lib/rules';
import type { Settings } from '../../lib/settings';
import type { Status } from '../shared/StatusMessage';
import { useAppState } from '../shared/useAppState';

/** What the options page edits: the language is saved on its own, the panel's place belongs to the panel. */
export type Form = Omit<Settings, 'language' | 'panel'>;

function formOf(settings: Settings): Form {
  const { language: _language, panel: _panel, ...rest } = settings;
  return rest;
}

function sameForm(a: Form, b: Form): boolean {
  return (Object.keys(a) as (keyof Form)[]).every((k) => a[k] === b[k]);
}

const saveFailed = (error: Parameters<typeof describeError>[1]): Status => ({
  tone: 'error',
  say: (l) => t(l, 'options.saveFailed', { reason: describeError(l, error, 'connection') }),
});
const noAnswer: Status = { tone: 'error', say: (l) => describeError(l, null) };

/**
 * The options page's state: the stored settings (through the background, the
 * only writer of storage), the worker's unsaved draft over them, and the three
 * things the page does with it (change the language at once, save, test the
 * connection with what is typed).
 */
export function useOptionsForm() {
  const { state, loadFailed, reload } = useAppState();
  const saved = state?.settings ?? null;
  // Language chosen here applies at once, before the background confirms it.
  const [langChoice, setLangChoice] = useState<Language | null>(null);
  const lang: Language = langChoice ?? resolveLanguage(saved?.language);
  const [draft, setDraft] = useState<Form | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [saveStatus, setSaveStatus] = useState<Status | null>(null);
  const [testStatus, setTestStatus] = useState<Status | null>(null);

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
      if (!result.ok) setSaveStatus(saveFailed(result.error));
    } catch {
      setSaveStatus(noAnswer);
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
      const result = await sendMessage('saveSettings', { ...form, apiBaseUrl: form.apiBaseUrl.trim(), apiKey: form.apiKey.trim(), language: lang });
      if (result.ok) {
        setDraft(null);
        setSaveStatus({ tone: 'ok', say: (l) => t(l, 'options.saved') });
      } else {
        setSaveStatus(saveFailed(result.error));
      }
    } catch {
      setSaveStatus(noAnswer);
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
      setTestStatus(noAnswer);
    } finally {
      setBusy(null);
    }
  };

  return { lang, form, loadFailed, dirty, busy, saveStatus, testStatus, update, changeLanguage, save, testConnection };
}

export type OptionsForm = ReturnType<typeof useOptionsForm>;
