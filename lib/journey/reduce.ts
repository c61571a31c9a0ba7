import type { Journey, JourneyAction, JourneyEvent, JourneyProblem, JourneyStage, SavedValue } from './types';

const ORDER: readonly JourneyStage[] = ['opened', 'login', 'signed_in', 'editor', 'saved', 'checked'];
const later = (a: JourneyStage, b: JourneyStage) => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

const withProblem = (j: Journey, p: JourneyProblem): Journey => (j.problems.includes(p) ? j : { ...j, problems: [...j.problems, p] });
const without = (j: Journey, ...ps: JourneyProblem[]): Journey => ({ ...j, problems: j.problems.filter((p) => !ps.includes(p)) });

export interface ReduceOptions {
  /** The worker's autofill mode: automatic moves happen only in `auto`. */
  auto: boolean;
  now: number;
}

/**
 * One journey event applied to the journey: the new journey and what to do
 * next. Pure, so every step is table-tested; the background stores the
 * result with the active task and the content script carries out the moves
 * (it knows whether the page holds the worker's unsaved edits).
 */
export function reduceJourney(journey: Journey, event: JourneyEvent, opts: ReduceOptions): { journey: Journey; actions: JourneyAction[] } {
  const actions: JourneyAction[] = [];
  let j: Journey = journey;
  switch (event.type) {
    case 'opened':
      j = without({ ...j, siteUrl: event.url, insecure: event.insecure }, 'site_unreachable');
      break;

    case 'page': {
      // A recognised platform's URLs win; once the site is known, a page's link discovery only fills gaps.
      const fill = (have: string | undefined, found: string | undefined) => (event.platform || !j.platform ? (found ?? have) : (have ?? found));
      const loginUrl = fill(j.loginUrl, event.loginUrl);
      const editorUrl = fill(j.editorUrl, event.editorUrl);
      const publicUrl = fill(j.publicUrl, event.publicUrl);
      j = {
        ...j,
        ...(event.platform && { platform: event.platform }),
        ...(loginUrl && { loginUrl }),
        ...(editorUrl && { editorUrl }),
        ...(publicUrl && { publicUrl }),
      };
      if (event.editorForm) {
        j = without({ ...j, stage: later(j.stage, 'editor'), editorUrl: j.editorUrl ?? event.url }, 'no_editor');
      } else if (event.signedIn) {
        j = { ...j, stage: later(j.stage, 'signed_in') };
      } else if (event.loginForm) {
        j = { ...j, stage: later(j.stage, 'login') };
      }
      if (!opts.auto) break;
      // A signed-in page that is not the editor: go to the editor, once per task.
      if (event.signedIn && !event.editorForm && ORDER.indexOf(j.stage) < ORDER.indexOf('editor')) {
        if (j.editorUrl && !j.autoMoved.includes('editor') && !sameUrl(j.editorUrl, event.url)) {
          actions.push({ type: 'navigate', url: j.editorUrl, why: 'editor' });
          j = { ...j, autoMoved: [...j.autoMoved, 'editor'] };
        } else if (!j.editorUrl) {
          j = withProblem(j, 'no_editor');
        }
      }
      // The home page of a signed-out site: to its login page, once.
      if (!event.signedIn && !event.loginForm && !event.editorForm && j.stage === 'opened' && j.loginUrl && !j.autoMoved.includes('login') && !sameUrl(j.loginUrl, event.url)) {
        actions.push({ type: 'navigate', url: j.loginUrl, why: 'login' });
        j = { ...j, autoMoved: [...j.autoMoved, 'login'] };
      }
      break;
    }

    case 'login_submitted':
      j = { ...j, loginSubmittedAt: opts.now };
      break;

    case 'save_attempted':
      j = { ...j, saveAttemptAt: opts.now, ...(event.fields && { stage: later(j.stage, 'editor'), filled: { ...j.filled, ...event.fields } }) };
      break;

    case 'filled':
      j = { ...j, stage: later(j.stage, 'editor'), filled: { ...j.filled, ...event.fields } };
      break;

    case 'saved': {
      const values: SavedValue[] = Object.entries(j.filled).map(([field, f]) => ({ field, filled: f.value, kept: event.kept[field] ?? f.value, links: f.links }));
      const { saveAttemptAt: _done, ...rest } = j;
      j = without({ ...rest, stage: later(j.stage, 'saved'), saved: { at: opts.now, via: event.via, values } }, 'save_not_seen');
      if (j.publicUrl) actions.push({ type: 'check_public', url: j.publicUrl });
      else j = withProblem(j, 'no_public_profile');
      break;
    }

    case 'public_checked':
      j = without(
        {
          ...j,
          stage: later(j.stage, 'checked'),
          publicUrl: j.publicUrl ?? event.url,
          publicCheck: { url: event.url, total: event.visible.length + event.missing.length, visible: event.visible, missing: event.missing, at: opts.now },
        },
        'no_public_profile',
        'public_unreachable',
      );
      break;

    case 'problem':
      j = withProblem(j, event.problem);
      break;
  }
  return { journey: j, actions };
}

/**
 * Same page for the journey's purposes: scheme, host, path and query, ignoring a trailing slash and
 * the fragment — unless the fragment is a route (`#/…`, `#!/…`: a hash-routed app such as Ghost's
 * admin, where `#/dashboard` and `#/settings/staff/x` are different pages).
 */
export function sameUrl(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    const route = (u: URL) => (/^#!?\//.test(u.hash) ? u.hash.replace(/^#!?/, '#').replace(/\/+$/, '') : '');
    const norm = (u: URL) => `${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}${route(u)}`.toLowerCase();
    return norm(x) === norm(y);
  } catch {
    return a === b;
  }
}
