import type { JourneyView } from '../journey';
import type { FillData } from '../messaging';
import type { Settings } from '../settings';
import type { ActiveTask } from '../task';
import { hostReach, normalizeTaskDomain } from '../domain/registrable';
import { tryCurrentTotp } from '../totp';
import type { TotpNow } from '../messaging';
import type { ContentScope } from './senders';

/**
 * The data a content script gets. Built field by field (never by spreading
 * the task or the settings) so the API key and the TOTP secret cannot slip
 * in. No one-time code either: a page showing a code field asks for it
 * (`oneTimeCodeFor`).
 */
export function buildFillData(active: ActiveTask, settings: Settings, scope: ContentScope): FillData {
  const task = active.task;
  const domain = normalizeTaskDomain(task.domain) ?? '';
  const common = {
    taskId: task.id,
    domain,
    hostReach: domain ? hostReach(domain) : ('exact' as const),
    hasOneTimeCode: typeof task.twofa === 'string' && task.twofa.trim() !== '',
    autofillMode: settings.autofillMode,
    autoSubmitLogin: settings.autoSubmitLogin,
    appendLinksToBio: settings.appendLinksToBio,
    language: settings.language,
  };
  if (scope === 'gmail') {
    // Google's sign-in gets the task's Gmail account and nothing of the site.
    return { scope, ...common, username: '', email: task.email ?? '', password: task.pass_mail ?? '', website: '', links: [] };
  }
  return {
    scope,
    ...common,
    username: task.username ?? '',
    email: task.email ?? '',
    password: task.password ?? '',
    website: task.website ?? '',
    links: [...(task.entity_connect ?? [])],
    journey: journeyView(active),
  };
}

/** The current code of the task's TOTP secret (the secret itself never leaves the background). */
export function oneTimeCodeFor(active: ActiveTask, now: number = Date.now()): TotpNow | null {
  return tryCurrentTotp(active.task.twofa, now);
}

/** What a page of the site needs of the journey: where the editor and the public profile are, a Save to read back. */
function journeyView(active: ActiveTask): JourneyView {
  const j = active.journey;
  return {
    ...(j?.editorUrl && { editorUrl: j.editorUrl }),
    ...(j?.publicUrl && { publicUrl: j.publicUrl }),
    ...(j?.saveAttemptAt && { saveAttemptAt: j.saveAttemptAt }),
    filledFields: Object.keys(j?.filled ?? {}),
  };
}
