/**
 * The demo target site served for every non-loopback Host (e2e maps made-up
 * domains to 127.0.0.1). One shared flow: /login → /2fa (when the account's
 * task has a `twofa` secret) → /profile/edit → /profile. Accounts are the
 * sandbox's tasks whose `domain` is this host (or a parent of it).
 */
import { randomBytes } from 'node:crypto';
import { escapeHtml as e, html, parseCookies, type Reply } from './http';
import type { SandboxState, Session } from './state';
import { verifyTotp } from './totp';
import type { ProfileField, ProfileFields, SandboxTask } from './types';

export const SESSION_COOKIE = 'demo_session';

export interface SiteRequest {
  method: string;
  host: string;
  url: URL;
  cookieHeader: string | undefined;
  /** application/x-www-form-urlencoded body (empty for GET). */
  form: URLSearchParams;
}

/** "demo-social.test" → "Demo Social". */
export function siteTitle(host: string): string {
  const first = host.replace(/^www\./, '').split('.')[0] ?? host;
  return first
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

function page(host: string, title: string, body: string, session?: Session): string {
  const brand = siteTitle(host);
  const nav = session?.stage === 'in'
    ? `<a href="/profile">My profile</a> <a href="/profile/edit">Edit profile</a>
       <form method="post" action="/logout" class="inline"><button type="submit" class="link">Log out</button></form>`
    : `<a href="/login">Log in</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · ${e(brand)}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #1d2330; }
  header { background: #243b6b; color: #fff; padding: 10px 24px; display: flex; gap: 16px; align-items: center; }
  header a, header .link { color: #fff; background: none; border: 0; font: inherit; cursor: pointer; text-decoration: underline; padding: 0; }
  header .brand { font-weight: 700; text-decoration: none; margin-right: auto; }
  main { max-width: 720px; margin: 24px auto; background: #fff; padding: 24px 32px; border-radius: 8px; box-shadow: 0 1px 3px #0002; }
  label { display: block; font-weight: 600; margin-top: 14px; }
  input[type=text], input[type=email], input[type=url], input[type=password], textarea { width: 100%; box-sizing: border-box; padding: 7px 9px; border: 1px solid #b8bfcc; border-radius: 4px; font: inherit; }
  .prefixed { display: flex; } .prefixed span { padding: 7px 9px; background: #eef0f4; border: 1px solid #b8bfcc; border-right: 0; border-radius: 4px 0 0 4px; }
  .prefixed input { border-radius: 0 4px 4px 0; }
  .hint { color: #5b6475; font-size: 13px; margin: 2px 0 0; }
  .error { background: #fde8e8; color: #8a1c1c; padding: 8px 12px; border-radius: 4px; }
  .notice { background: #e6f4ea; color: #1e5631; padding: 8px 12px; border-radius: 4px; }
  button.primary { margin-top: 18px; background: #243b6b; color: #fff; border: 0; border-radius: 4px; padding: 9px 18px; font: inherit; cursor: pointer; }
  fieldset { border: 1px solid #dde1e8; border-radius: 6px; margin-top: 20px; }
  form.inline { display: inline; }
  aside.newsletter { margin-top: 32px; padding-top: 16px; border-top: 1px solid #dde1e8; }
</style>
</head>
<body>
<header><a class="brand" href="/">${e(brand)}</a>${nav}</header>
<main>
${body}
</main>
</body>
</html>`;
}

function redirect(location: string, headers: Record<string, string> = {}): Reply {
  return { status: 303, text: '', headers: { Location: location, ...headers } };
}

/** Only same-site absolute paths, so `next` cannot send the worker elsewhere. */
function safeNext(raw: string | null | undefined, fallback = '/profile/edit'): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.includes('\\') ? raw : fallback;
}

function sessionOf(state: SandboxState, req: SiteRequest): { sid?: string; session?: Session } {
  const sid = parseCookies(req.cookieHeader)[SESSION_COOKIE];
  const session = sid ? state.sessions.get(sid) : undefined;
  if (!sid || !session || session.host !== req.host) return {};
  // The account may have been removed by a reset since.
  if (!state.record(session.taskId)) {
    state.sessions.delete(sid);
    return {};
  }
  return { sid, session };
}

function newSession(state: SandboxState, session: Session): Record<string, string> {
  const sid = randomBytes(18).toString('base64url');
  state.sessions.set(sid, session);
  return { 'Set-Cookie': `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax` };
}

const clearCookie = { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` };

export function handleSite(state: SandboxState, req: SiteRequest): Reply {
  const { host, url } = req;
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const { sid, session } = sessionOf(state, req);
  const task = session ? state.record(session.taskId)?.task : undefined;

  switch (path) {
    case '/':
      return html(200, page(host, 'Home', homeBody(host, session), session));
    case '/login':
      if (req.method === 'POST') return postLogin(state, req, sid);
      if (session?.stage === 'in') return redirect(safeNext(url.searchParams.get('next')));
      return html(200, page(host, 'Log in', loginBody(url.searchParams.get('next'))));
    case '/2fa':
      if (!session || !task) return redirect('/login');
      if (session.stage === 'in') return redirect(session.next);
      if (req.method === 'POST') {
        const code = req.form.get('otp') ?? '';
        if (verifyTotp(String(task.twofa ?? ''), code)) {
          session.stage = 'in';
          state.siteEvent(host, '2fa', String(task.username ?? ''));
          return redirect(session.next);
        }
        state.siteEvent(host, '2fa-failed', String(task.username ?? ''));
        return html(200, page(host, 'Two-factor authentication', twoFactorBody('That code was incorrect or has expired. Try again.')));
      }
      return html(200, page(host, 'Two-factor authentication', twoFactorBody()));
    case '/logout':
      if (sid) state.sessions.delete(sid);
      if (task) state.siteEvent(host, 'logout', String(task.username ?? ''));
      return redirect('/login', clearCookie);
    case '/profile':
      if (session?.stage !== 'in' || !task) return redirect(`/login?next=${encodeURIComponent('/profile')}`);
      return html(200, page(host, 'Profile', profileBody(state.profile(host, task).fields, url.searchParams.has('saved')), session));
    case '/profile/edit':
      if (session?.stage !== 'in' || !task) return redirect(`/login?next=${encodeURIComponent('/profile/edit')}`);
      if (req.method === 'POST') return postProfile(state, req, task, session);
      return html(200, page(host, 'Edit profile', editBody(state.profile(host, task).fields), session));
    case '/newsletter':
      // A form beside the profile editor that must never receive links.
      return redirect(session?.stage === 'in' ? '/profile/edit?subscribed=1' : '/');
    default:
      return html(404, page(host, 'Not found', '<h1>Page not found</h1><p>The page you asked for does not exist.</p>', session));
  }
}

function homeBody(host: string, session?: Session): string {
  return `<h1>Welcome to ${e(siteTitle(host))}</h1>
<p>A community for makers and small businesses.</p>
<p>${session?.stage === 'in' ? '<a href="/profile/edit">Edit your profile</a>' : '<a href="/login">Log in</a> to edit your profile.'}</p>`;
}

function loginBody(next: string | null, error?: string, identifier = ''): string {
  return `<h1>Log in</h1>
${error ? `<p class="error" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/login" id="login-form" autocomplete="on">
  <input type="hidden" name="authenticity_token" value="${randomBytes(12).toString('hex')}">
  <input type="hidden" name="next" value="${e(safeNext(next))}">
  <label for="login_field">Username or email address</label>
  <input type="text" id="login_field" name="login" autocomplete="username" autocapitalize="off" spellcheck="false" required value="${e(identifier)}">
  <label for="password">Password</label>
  <input type="password" id="password" name="password" autocomplete="current-password" required>
  <label class="check"><input type="checkbox" name="remember_me" value="1"> Keep me signed in</label>
  <button type="submit" class="primary" name="commit">Sign in</button>
</form>
<p class="hint"><a href="/password/reset">Forgot password?</a></p>`;
}

function postLogin(state: SandboxState, req: SiteRequest, oldSid?: string): Reply {
  const { host } = req;
  const identifier = (req.form.get('login') ?? '').trim();
  const password = req.form.get('password') ?? '';
  const next = safeNext(req.form.get('next'));
  const id = identifier.toLowerCase();
  const task = state
    .accounts(host)
    .find(
      (t) =>
        !!id &&
        (String(t.username ?? '').toLowerCase() === id || String(t.email ?? '').toLowerCase() === id) &&
        String(t.password ?? '') === password &&
        password !== '',
    );
  if (!task) {
    state.siteEvent(host, 'login-failed', identifier);
    return html(200, page(host, 'Log in', loginBody(next, 'Incorrect username or password.', identifier)));
  }
  if (oldSid) state.sessions.delete(oldSid);
  const needs2fa = String(task.twofa ?? '').trim() !== '';
  state.siteEvent(host, 'login', String(task.username ?? ''));
  const cookie = newSession(state, { host, taskId: task.id, stage: needs2fa ? '2fa' : 'in', next });
  return redirect(needs2fa ? '/2fa' : next, cookie);
}

function twoFactorBody(error?: string): string {
  return `<h1>Two-factor authentication</h1>
${error ? `<p class="error" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/2fa" id="two-factor-form">
  <label for="otp">Authentication code</label>
  <input type="text" id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]{6,8}" maxlength="8" placeholder="123456" required>
  <p class="hint">Open your two-factor authenticator (TOTP) app to view your authentication code.</p>
  <button type="submit" class="primary">Verify</button>
</form>`;
}

interface FieldDef {
  name: ProfileField;
  label: string;
  type: 'text' | 'email' | 'url' | 'textarea';
  placeholder?: string;
  hint?: string;
  prefix?: string;
  pattern?: string;
  maxlength?: number;
  autocomplete?: string;
}

const ACCOUNT_FIELDS: FieldDef[] = [
  { name: 'display_name', label: 'Display name', type: 'text', maxlength: 80, autocomplete: 'name' },
  { name: 'email', label: 'Public email', type: 'email', autocomplete: 'email' },
  { name: 'location', label: 'Location', type: 'text', maxlength: 100, placeholder: 'City, country' },
  { name: 'website', label: 'Website', type: 'url', placeholder: 'https://your-site.com', autocomplete: 'url' },
  { name: 'bio', label: 'Bio', type: 'textarea', maxlength: 1000, hint: 'Tell people a little about yourself.' },
];

const SOCIAL_FIELDS: FieldDef[] = [
  {
    name: 'twitter',
    label: 'X (Twitter) username',
    type: 'text',
    prefix: 'https://x.com/',
    placeholder: 'username',
    pattern: '@?[A-Za-z0-9_]{1,15}',
    maxlength: 16,
    hint: 'Your username only, without the URL.',
  },
  { name: 'facebook', label: 'Facebook page', type: 'url', placeholder: 'https://www.facebook.com/yourpage' },
  { name: 'linkedin', label: 'LinkedIn profile', type: 'url', placeholder: 'https://www.linkedin.com/in/you' },
  { name: 'youtube', label: 'YouTube channel', type: 'url', placeholder: 'https://www.youtube.com/@channel' },
  { name: 'instagram', label: 'Instagram', type: 'url', placeholder: 'https://www.instagram.com/you' },
  { name: 'github', label: 'GitHub', type: 'url', placeholder: 'https://github.com/you' },
];

const OTHER_FIELDS: FieldDef[] = [1, 2, 3].map((n) => ({
  name: `other_link_${n}` as ProfileField,
  label: `Other link ${n}`,
  type: 'url' as const,
  placeholder: 'https://',
}));

const AVATAR_FIELD: FieldDef = {
  name: 'avatar_url',
  label: 'Avatar image URL',
  type: 'url',
  placeholder: 'https://…/avatar.png',
  hint: 'A direct link to a square image (PNG or JPG).',
};

const ALL_FIELDS = [...ACCOUNT_FIELDS, ...SOCIAL_FIELDS, ...OTHER_FIELDS, AVATAR_FIELD];

function fieldHtml(f: FieldDef, value: string, error?: string): string {
  const id = `profile_${f.name}`;
  const attrs = [
    `id="${id}"`,
    `name="${f.name}"`,
    f.placeholder && `placeholder="${e(f.placeholder)}"`,
    f.maxlength && `maxlength="${f.maxlength}"`,
    f.pattern && `pattern="${e(f.pattern)}"`,
    f.autocomplete && `autocomplete="${f.autocomplete}"`,
    (f.hint || error) && `aria-describedby="${id}_hint"`,
    error && 'aria-invalid="true"',
  ]
    .filter(Boolean)
    .join(' ');
  const control =
    f.type === 'textarea'
      ? `<textarea ${attrs} rows="5">${e(value)}</textarea>`
      : `<input type="${f.type}" ${attrs} value="${e(value)}">`;
  const wrapped = f.prefix ? `<div class="prefixed"><span>${e(f.prefix)}</span>${control}</div>` : control;
  const hint = error ?? f.hint;
  return `<label for="${id}">${e(f.label)}</label>
  ${wrapped}${hint ? `\n  <p class="hint${error ? ' error' : ''}" id="${id}_hint">${e(hint)}</p>` : ''}`;
}

function editBody(fields: ProfileFields, errors: Partial<Record<ProfileField, string>> = {}): string {
  const group = (defs: FieldDef[]) => defs.map((f) => fieldHtml(f, fields[f.name], errors[f.name])).join('\n  ');
  const hasErrors = Object.keys(errors).length > 0;
  return `<h1>Edit profile</h1>
${hasErrors ? '<p class="error" role="alert">Please correct the highlighted fields.</p>' : ''}
<form method="post" action="/profile/edit" id="edit-profile-form" novalidate>
  <input type="hidden" name="authenticity_token" value="${randomBytes(12).toString('hex')}">
  <fieldset><legend>About you</legend>
  ${group(ACCOUNT_FIELDS)}
  </fieldset>
  <fieldset><legend>Social profiles</legend>
  ${group(SOCIAL_FIELDS)}
  </fieldset>
  <fieldset><legend>Other links</legend>
  <p class="hint">Add up to three more places people can find you.</p>
  ${group(OTHER_FIELDS)}
  </fieldset>
  <fieldset><legend>Picture</legend>
  ${group([AVATAR_FIELD])}
  </fieldset>
  <button type="submit" class="primary" id="save-profile">Save profile</button>
</form>
<aside class="newsletter">
  <h2>Newsletter</h2>
  <form method="post" action="/newsletter" id="newsletter-form">
    <label for="newsletter_email">Get our monthly tips by email</label>
    <input type="email" id="newsletter_email" name="newsletter_email" placeholder="you@example.com">
    <button type="submit">Subscribe</button>
  </form>
</aside>`;
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validates like a typical site would: URL fields take http(s) URLs, the X field a handle. */
export function validateProfile(form: URLSearchParams): { fields: Partial<ProfileFields>; errors: Partial<Record<ProfileField, string>> } {
  const fields: Partial<ProfileFields> = {};
  const errors: Partial<Record<ProfileField, string>> = {};
  for (const f of ALL_FIELDS) {
    const raw = form.get(f.name);
    if (raw === null) continue; // not sent: keep what was stored
    const v = f.type === 'textarea' ? raw.replace(/\r\n/g, '\n') : raw.trim();
    fields[f.name] = v;
    if (!v) continue;
    if (f.maxlength && v.length > f.maxlength) errors[f.name] = `At most ${f.maxlength} characters.`;
    else if (f.type === 'url' && !isHttpUrl(v)) errors[f.name] = 'Enter a full URL starting with http:// or https://.';
    else if (f.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) errors[f.name] = 'Enter a valid email address.';
    else if (f.name === 'twitter' && !/^@?[A-Za-z0-9_]{1,15}$/.test(v)) errors[f.name] = 'Enter your X username, not a URL.';
  }
  return { fields, errors };
}

function postProfile(state: SandboxState, req: SiteRequest, task: SandboxTask, session: Session): Reply {
  const { fields, errors } = validateProfile(req.form);
  if (Object.keys(errors).length) {
    state.siteEvent(req.host, 'profile-rejected', String(task.username ?? ''));
    const shown = { ...state.profile(req.host, task).fields, ...fields };
    return html(422, page(req.host, 'Edit profile', editBody(shown, errors), session));
  }
  state.saveProfile(req.host, task, fields);
  state.siteEvent(req.host, 'profile-saved', String(task.username ?? ''));
  return redirect('/profile?saved=1');
}

function profileBody(fields: ProfileFields, saved: boolean): string {
  const link = (v: string) => (isHttpUrl(v) ? `<a href="${e(v)}" rel="me nofollow">${e(v)}</a>` : e(v));
  const rows = ALL_FIELDS.filter((f) => f.name !== 'avatar_url')
    .map((f) => {
      const v = fields[f.name];
      const shown = !v ? '<span class="hint">—</span>' : f.name === 'bio' ? e(v).replace(/\n/g, '<br>') : f.name === 'twitter' ? link(`https://x.com/${v.replace(/^@/, '')}`) : link(v);
      return `<dt>${e(f.label)}</dt><dd data-field="${f.name}">${shown}</dd>`;
    })
    .join('\n  ');
  return `${saved ? '<p class="notice" role="status">Your profile has been updated.</p>' : ''}
<h1>${e(fields.display_name || 'Your profile')}</h1>
<dl id="profile">
  ${rows}
</dl>
<p><a href="/profile/edit">Edit profile</a></p>`;
}
