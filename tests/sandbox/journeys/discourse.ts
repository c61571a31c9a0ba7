/**
 * Discourse 3.2 forum: a client-rendered single-page app. Every page route
 * answers the same HTML shell (generator meta, #data-preloaded JSON, an
 * empty #main); discourse-app.js beside this file renders the routes and
 * navigates between them with the History API (no page loads).
 * Modelled on discourse/discourse: app/views/layouts/application.html.erb
 * (shell, `<meta name="generator" content="Discourse …">`, data-preloaded),
 * app/assets/javascripts/discourse/app/templates/preferences/profile.hbs
 * (.pref-bio, .pref-location #edit-location, .pref-website, user fields,
 * save-controls), the login modal ids (#login-account-name,
 * #login-account-password, #login-second-factor, #login-button), and the
 * JSON routes GET /session/csrf, POST /session (second_factor_token,
 * reason "invalid_second_factor"), DELETE /session/:username,
 * GET|PUT /u/:username.json, GET /site.json. Facts only; code written here.
 */
import { readFileSync } from 'node:fs';
import { html, json, type Reply } from '../http';
import { e, isHttpUrl, linkify, token, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';

const HOST = 'discourse-community.test';
const APP_JS = readFileSync(new URL('./discourse-app.js', import.meta.url), 'utf8');

export const USER_FIELDS = [
  { id: 1, name: 'Twitter', description: 'Link to your X / Twitter profile', field_type: 'text', editable: true, required: false },
  { id: 2, name: 'Facebook', description: 'Link to your Facebook page', field_type: 'text', editable: true, required: false },
  { id: 3, name: 'YouTube channel', description: 'Your channel, if you have one', field_type: 'text', editable: true, required: false },
];
const uf = (id: number) => `user_fields[${id}]`;
const STORED_KEYS = ['bio_raw', 'website', 'location', ...USER_FIELDS.map((f) => uf(f.id))];

function userJson(ctx: SiteCtx, u: JourneyUser) {
  const s = ctx.storedAll(u);
  let websiteName: string;
  try {
    websiteName = s.website ? new URL(s.website).hostname : '';
  } catch {
    websiteName = '';
  }
  return {
    id: u.userId,
    username: u.username,
    name: u.displayName,
    avatar_template: `/letter_avatar_proxy/v4/letter/${u.username[0] ?? 'u'}/8e7dd6/{size}.png`,
    bio_raw: s.bio_raw ?? '',
    bio_cooked: s.bio_raw ? `<p>${linkify(s.bio_raw, 'noopener nofollow ugc')}</p>` : '',
    website: s.website ?? '',
    website_name: websiteName,
    location: s.location ?? '',
    user_fields: Object.fromEntries(USER_FIELDS.map((f) => [String(f.id), s[uf(f.id)] ?? ''])),
    can_edit: ctx.me()?.taskId === u.taskId,
    can_change_bio: true,
    can_change_location: true,
    can_change_website: true,
  };
}

function shell(ctx: SiteCtx): string {
  const me = ctx.me();
  // As Discourse preloads it: each key's value is itself a JSON string; no currentUser for guests.
  const preloaded = {
    ...(me && { currentUser: JSON.stringify({ id: me.userId, username: me.username, name: me.displayName }) }),
    site: JSON.stringify({ user_fields: USER_FIELDS, title: 'Lumen Bakers Community' }),
  };
  return `<!DOCTYPE html>
<html lang="en" class="desktop-view not-mobile-device text-size-normal no-touch ${me ? '' : 'anon'}">
<head>
<meta charset="utf-8">
<title>Lumen Bakers Community</title>
<meta name="description" content="Bread, pastry and small-bakery business talk">
<meta name="generator" content="Discourse 3.2.1 - https://github.com/discourse/discourse version 7f2b0c4d6e">
<link rel="icon" type="image/png" href="/uploads/default/optimized/1X/favicon_32x32.png">
<meta name="theme-color" media="all" content="#ffffff">
<meta name="color-scheme" content="light">
<meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0, user-scalable=yes, viewport-fit=cover">
<link rel="canonical" href="http://${HOST}${e(ctx.path)}" />
<link rel="search" type="application/opensearchdescription+xml" href="http://${HOST}/opensearch.xml" title="Lumen Bakers Community Search">
<meta name="discourse_theme_ids" content="2">
<meta name="discourse_current_homepage" content="latest">
<meta name="csrf-param" content="authenticity_token">
<meta name="csrf-token" content="${me ? ctx.session()!.session.csrf : token()}">
<style>
body{margin:0;font:15px/1.4 Arial,sans-serif;color:#222;background:#fff}a{color:#08c;text-decoration:none}.hidden{display:none!important}
.d-header{position:sticky;top:0;background:#fff;box-shadow:0 2px 4px -1px rgba(0,0,0,.25);height:60px;z-index:10}.d-header .contents{display:flex;align-items:center;max-width:1100px;margin:auto;height:60px;padding:0 10px}
.d-header .title{margin-right:auto;font-weight:bold;font-size:20px}.d-header-icons{list-style:none;margin:0;padding:0;display:flex}.btn{border:0;border-radius:3px;padding:7px 12px;font:inherit;cursor:pointer;background:#e9e9e9}.btn-primary{background:#08c;color:#fff}.btn-flat{background:none}
.avatar{border-radius:50%;width:32px;height:32px;background:#8e7dd6;color:#fff;display:inline-grid;place-items:center;font-weight:bold}
.menu-panel{position:absolute;right:10px;top:60px;background:#fff;border:1px solid #ddd;box-shadow:0 4px 12px rgba(0,0,0,.2);width:300px;padding:10px}.menu-panel ul{list-style:none;margin:0;padding:0}.menu-panel li a,.menu-panel li button{display:block;width:100%;text-align:left;padding:8px;background:none;border:0;font:inherit;color:#222;cursor:pointer}
#main-outlet{max-width:1100px;margin:20px auto;padding:0 10px}.topic-list{width:100%;border-collapse:collapse}.topic-list td{padding:10px;border-bottom:1px solid #eee}
.d-modal{position:fixed;inset:0;background:rgba(0,0,0,.5);display:grid;place-items:center;z-index:50}.d-modal__container{background:#fff;width:420px;padding:20px;border-radius:4px}.input-group{position:relative;margin-bottom:14px}.input-group input{width:100%;box-sizing:border-box;padding:10px;font:inherit;border:1px solid #bbb}
.alt-placeholder{display:block;font-size:13px;color:#666;margin-top:3px}.alert-error{background:#fce9e9;color:#b40000;padding:8px;margin-bottom:10px}
.user-preferences{display:flex;gap:20px}.preferences-nav{list-style:none;padding:0;width:180px}.preferences-nav a{display:block;padding:8px}.preferences-nav .active a{font-weight:bold;background:#f1f1f1}
.control-group{margin-bottom:18px}.control-label{display:block;font-weight:bold;margin-bottom:4px}.input-xxlarge,.d-editor-input{width:100%;max-width:540px;box-sizing:border-box;padding:6px;font:inherit;border:1px solid #bbb}.d-editor-input{min-height:120px}.instructions{color:#777;font-size:13px}.saved{color:#090;margin-left:10px}
.user-nav{list-style:none;display:flex;gap:14px;padding:0}.user-main .details{display:flex;gap:20px;padding:20px;background:#f8f8f8}.user-profile-names .username{font-size:28px;margin:0}.location-and-website span{margin-right:14px}.public-user-fields{margin-top:10px}
</style>
</head>
<body class="">
<noscript data-path="${e(ctx.path)}"><header><a href="/">Lumen Bakers Community</a></header><p>This site needs JavaScript enabled.</p></noscript>
<div class="hidden" id="data-preloaded" data-preloaded="${e(JSON.stringify(preloaded))}"></div>
<section id="main" class="ember-application"></section>
<script src="/assets/discourse-journey.js" defer></script>
</body>
</html>`;
}

const notFound = (): Reply => json(404, { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' });
const forbidden = (): Reply => json(403, { errors: ['You are not permitted to view the requested resource.'], error_type: 'invalid_access' });

/** Flattens the PUT body's user_fields object into `user_fields[N]` keys. */
function flatten(body: Record<string, unknown>): Fields {
  const out: Fields = {};
  for (const k of ['bio_raw', 'website', 'location']) if (typeof body[k] === 'string') out[k] = body[k] as string;
  const ufs = body.user_fields;
  if (ufs && typeof ufs === 'object') {
    for (const f of USER_FIELDS) {
      const v = (ufs as Record<string, unknown>)[String(f.id)];
      if (typeof v === 'string') out[uf(f.id)] = v;
    }
  }
  return out;
}

export const discourse: JourneySite = {
  firstUserId: 2,
  spec: {
    host: HOST,
    platform: 'discourse',
    modelledOn: 'Discourse 3.2 (Ember single-page app: HTML shell + JSON API, History API routing)',
    sources: [
      'discourse/discourse app/views/layouts/application.html.erb',
      'discourse/discourse app/assets/javascripts/discourse/app/templates/preferences/profile.hbs',
      'discourse/discourse login modal (login-account-name, login-account-password, login-second-factor) and the /session, /u/:username.json routes',
    ],
    language: 'en',
    scheme: 'http',
    spa: true,
    homePath: '/latest',
    loginPath: '/login',
    loginFields: { identifier: '#login-account-name', password: '#login-account-password' },
    twoFactor: { path: '/login', field: '#login-second-factor' },
    sessionCookie: '_t',
    signedInLoginRedirect: '/latest',
    editorReach: 'user-menu',
    editorPath: (u) => `/u/${u.username}/preferences/profile`,
    editorNeedsTab: false,
    save: { method: 'PUT', encoding: 'json', path: (u) => `/u/${u.username}.json` },
    linkFields: [
      { name: 'bio_raw', label: 'About Me', kind: 'bio', format: 'text' },
      { name: 'website', label: 'Web Site', kind: 'website', format: 'url' },
      { name: 'user_fields[1]', label: 'Twitter', kind: 'platform', platform: 'twitter', format: 'url' },
      { name: 'user_fields[2]', label: 'Facebook', kind: 'platform', platform: 'facebook', format: 'url' },
      { name: 'user_fields[3]', label: 'YouTube channel', kind: 'platform', platform: 'youtube', format: 'url' },
    ],
    rewritesOnSave: false,
    // Discourse's own link to a user (userPath, the user card): /u/<username>; the app then shows its summary.
    publicProfilePath: (u) => `/u/${u.username}`,
    linksVisibleOnPublic: (s) => [
      ...(s.website ? [s.website] : []),
      ...urlsIn(s.bio_raw ?? ''),
      ...USER_FIELDS.map((f) => s[uf(f.id)] ?? '').filter(isHttpUrl),
    ],
    logout: { method: 'DELETE', path: (u) => `/session/${u.username}` },
    notes:
      'Client-rendered: the server answers one shell for every route (deep links too) and the UI is built by /assets/discourse-journey.js. Login is a modal at /login whose inputs have ids but no names; with 2FA the same modal reveals #login-second-factor. Preferences save with fetch PUT /u/<username>.json (JSON, X-CSRF-Token) and show "Saved!". Routes change with history.pushState (no page load). User field values show on the public page as text, the website and bio links as links.',
  },
  handle(ctx) {
    const p = ctx.path;
    const me = ctx.me();
    if (p === '/assets/discourse-journey.js') return { status: 200, text: APP_JS, contentType: 'application/javascript; charset=utf-8' };
    if (p === '/session/csrf') return json(200, { csrf: ctx.session()?.session.csrf ?? 'anon-csrf' });
    if (p === '/site.json') return json(200, { user_fields: USER_FIELDS });
    if (p === '/session/current.json') return me ? json(200, { current_user: { id: me.userId, username: me.username, name: me.displayName } }) : notFound();
    if (p === '/session' && ctx.method === 'POST') {
      if (!ctx.req.headers['x-csrf-token']) return json(403, { errors: ["BAD CSRF"], error_type: 'invalid_access' });
      const body = (ctx.jsonBody() as Record<string, unknown> | undefined) ?? Object.fromEntries(ctx.form);
      const login = String(body.login ?? '');
      const password = String(body.password ?? '');
      const code = String(body.second_factor_token ?? '');
      const pending = ctx.session();
      // Second round of a 2FA login: the client resends the credentials with the code.
      if (pending?.session.stage === '2fa' && code && pending.user.username.toLowerCase() === login.toLowerCase() && String(ctx.task(pending.user)?.password ?? '') === password) {
        if (ctx.verify2fa(pending.session, pending.user, code)) return json(200, { user: userJson(ctx, pending.user) });
        return json(200, { error: 'Invalid authentication code. Each code can only be used once.', reason: 'invalid_second_factor', totp_enabled: true, backup_enabled: false, security_key_enabled: false, multiple_second_factor_methods: false });
      }
      const user = ctx.checkPassword(login, password);
      if (!user) return json(200, { error: 'Incorrect username, email or password' });
      const { headers, session } = ctx.startSession(user, { next: '/', remember: true });
      if (session.stage === '2fa') return json(200, { error: 'Two-factor authentication is required.', reason: 'invalid_second_factor', totp_enabled: true, backup_enabled: false, security_key_enabled: false, multiple_second_factor_methods: false }, headers);
      return json(200, { user: userJson(ctx, user) }, headers);
    }
    const logout = p.match(/^\/session\/([^/]+)$/);
    if (logout && ctx.method === 'DELETE') {
      if (!me || me.username.toLowerCase() !== decodeURIComponent(logout[1]!).toLowerCase()) return forbidden();
      return json(200, { success: 'OK', redirect_url: '/' }, ctx.logout());
    }
    const uj = p.match(/^\/u\/([^/]+)\.json$/);
    if (uj) {
      const user = ctx.userByName(decodeURIComponent(uj[1]!));
      if (!user) return notFound();
      if (ctx.method === 'GET') return json(200, { user: userJson(ctx, user) });
      if (ctx.method === 'PUT') {
        if (!me || me.taskId !== user.taskId) return forbidden();
        if (ctx.req.headers['x-csrf-token'] !== ctx.session()!.session.csrf) return json(403, { errors: ['BAD CSRF'], error_type: 'invalid_access' });
        const body = ctx.jsonBody();
        if (!body || typeof body !== 'object') return json(400, { errors: ['invalid JSON'] });
        const posted = flatten(body as Record<string, unknown>);
        const errors: string[] = [];
        if (posted.website && !isHttpUrl(posted.website)) errors.push('Website is invalid');
        if ((posted.bio_raw ?? '').length > 3000) errors.push('Bio raw is too long (maximum is 3000 characters)');
        if (errors.length) {
          ctx.rejectSave(me);
          return json(422, { errors, error_type: 'invalid_parameters' });
        }
        ctx.save(me, posted, Object.fromEntries(Object.entries(posted).filter(([k]) => STORED_KEYS.includes(k))));
        return json(200, { success: 'OK', user: userJson(ctx, me) });
      }
    }
    if (p.startsWith('/u/') && p.endsWith('.json')) return notFound();
    // Rails' format negotiation (UsersController#show responds to json): a user's page asked for JSON is its data.
    const up = p.match(/^\/u\/([^/]+)(?:\/summary)?$/);
    if (up && ctx.method === 'GET' && /application\/json/.test(String(ctx.req.headers.accept ?? ''))) {
      const user = ctx.userByName(decodeURIComponent(up[1]!));
      return user ? json(200, { user: userJson(ctx, user) }) : notFound();
    }
    // Every other GET is an app route: the same shell, rendered client-side.
    if (ctx.method === 'GET') return html(200, shell(ctx));
    return notFound();
  },
};
