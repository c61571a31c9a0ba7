/**
 * Mastodon 4 instance (server-rendered auth and settings pages).
 * Modelled on mastodon/mastodon: app/views/auth/sessions/new.html.haml,
 * app/views/auth/sessions/two_factor/_otp_authentication_form.html.haml
 * (`user[otp_attempt]`, posted to the same /auth/sign_in),
 * app/views/settings/profiles/show.html.haml (`account[display_name]`,
 * `account[note]`, four `account[fields_attributes][i][name|value]` rows,
 * PUT via Rails' `_method`), simple_form's wrapper classes, and the public
 * account page's `.account__header__fields` (links get rel="me"). Facts only.
 */
import { html } from '../http';
import { e, isHttpUrl, redirect, token, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';

const HOST = 'mastodon-social.test';
const ROWS = 4;
const FIELD_NAMES = ['account[display_name]', 'account[note]', ...Array.from({ length: ROWS }, (_, i) => [`account[fields_attributes][${i}][name]`, `account[fields_attributes][${i}][value]`]).flat()];

const STYLE = `<style>
body{margin:0;font:15px/1.4 system-ui,sans-serif;background:#191b22;color:#fff}a{color:#8c8dff}
.container-alt{max-width:400px;margin:40px auto}.logo-container h1{font-size:22px;text-align:center}
.simple_form .input{margin-bottom:14px}.simple_form label{display:block;font-weight:600;margin-bottom:6px}
.simple_form input[type=text],.simple_form input[type=email],.simple_form input[type=password],.simple_form input[type=number],.simple_form textarea{width:100%;box-sizing:border-box;padding:10px;border-radius:4px;border:1px solid #0a0b0e;background:#131419;color:#fff;font:inherit}
.btn,.simple_form button{background:#6364ff;color:#fff;border:0;border-radius:4px;padding:10px 18px;font:inherit;font-weight:600;cursor:pointer}
.hint{color:#9baec8;font-size:13px}.flash-message{padding:10px;border-radius:4px;background:#2f3444;margin-bottom:14px}.flash-message.alert{background:#df405a}
.admin-wrapper{display:flex;min-height:100vh}.sidebar-wrapper{width:240px;background:#282c37}.sidebar ul{list-style:none;padding:0;margin:0}.sidebar a{display:block;padding:12px 16px;color:#d9e1e8;text-decoration:none}.sidebar .selected a{background:#393f4f}
.content-wrapper{flex:1;background:#313543}.content{max-width:700px;padding:20px 30px}.fields-row{display:flex;gap:20px}.fields-row__column-6{flex:1}.row{display:flex;gap:8px}.row .input{flex:1}
.account__header{max-width:600px;margin:20px auto;background:#282c37;border-radius:8px;padding:20px}.account__header__fields dl{display:flex;border-top:1px solid #393f4f;margin:0;padding:10px 0}.account__header__fields dt{width:35%;font-weight:600}.account__header__fields dd{margin:0}
.invisible{font-size:0;line-height:0;display:inline-block;width:0;height:0;position:absolute}
.columns-area{display:flex;gap:10px;padding:10px}.column{background:#282c37;border-radius:4px;padding:14px;flex:1}.navigation-panel a{display:block;padding:10px;color:#d9e1e8}
</style>`;

function head(title: string, csrf: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta content="width=device-width, initial-scale=1" name="viewport">
<link href="/favicon.ico" rel="icon" type="image/x-icon">
<link href="/manifest" crossorigin="use-credentials" rel="manifest">
<meta content="#191b22" name="theme-color">
<meta content="yes" name="apple-mobile-web-app-capable">
<title>${e(title)} - mastodon-social.test</title>
<meta name="csrf-param" content="authenticity_token" />
<meta name="csrf-token" content="${csrf}" />
<meta content="Mastodon" name="application-name">
${STYLE}
</head>`;
}

/** What Mastodon's layout puts in every page: the SVG sprite holder, and the web app's initial state for a signed-in user. */
function resources(me: JourneyUser | undefined, ctx?: SiteCtx): string {
  const sprite = '<div class="logo-resources" tabindex="-1" inert="inert" aria-hidden="true"><svg xmlns="http://www.w3.org/2000/svg"><symbol id="logo-symbol-icon" viewBox="0 0 79 79"><path d="M0 0h79v79H0z"/></symbol></svg></div>';
  if (!me) return sprite;
  const name = (ctx && ctx.stored(me, 'account[display_name]')) || me.username;
  const state = {
    meta: { access_token: null, domain: HOST, locale: 'en', me: String(me.userId), title: HOST, version: '4.2.8' },
    accounts: { [String(me.userId)]: { id: String(me.userId), username: me.username, acct: me.username, display_name: name, url: `http://${HOST}/@${me.username}` } },
  };
  return `${sprite}\n<script id="initial-state" type="application/json">${JSON.stringify(state).replace(/</g, '\\u003c')}</script>`;
}

function authPage(title: string, inner: string): string {
  return `${head(title, token())}
<body class="lighter theme-default no-reduce-motion">
${resources(undefined)}
<div class="container-alt"><div class="logo-container"><h1><a href="/about">mastodon-social.test</a></h1></div>
<div class="form-container">
${inner}
</div></div>
</body></html>`;
}

function signInForm(error = '', email = ''): string {
  return `${error ? `<div class="flash-message alert">${e(error)}</div>` : ''}
<form class="simple_form new_user" id="new_user" novalidate="novalidate" action="/auth/sign_in" accept-charset="UTF-8" method="post">
<input type="hidden" name="authenticity_token" value="${token()}" autocomplete="off" />
<div class="fields-group">
  <div class="input with_label email required user_email"><div class="label_input">
    <label class="email required" for="user_email">E-mail address <abbr title="required">*</abbr></label>
    <div class="label_input__wrapper"><input aria-label="E-mail address" autofocus="autofocus" class="string email required" required="required" aria-required="true" type="email" value="${e(email)}" name="user[email]" id="user_email" /></div>
  </div></div>
</div>
<div class="fields-group">
  <div class="input with_label password required user_password"><div class="label_input">
    <label class="password required" for="user_password">Password <abbr title="required">*</abbr></label>
    <div class="label_input__wrapper"><input aria-label="Password" autocomplete="off" class="password required" required="required" aria-required="true" type="password" name="user[password]" id="user_password" /></div>
  </div></div>
</div>
<div class="actions"><button name="button" type="submit" class="btn">Log in</button></div>
</form>
<div class="form-footer"><ul class="no-list"><li><a href="/auth/sign_up">Sign up</a></li><li><a href="/auth/password/new">Forgot your password?</a></li></ul></div>`;
}

function otpForm(error = ''): string {
  return `${error ? `<div class="flash-message alert">${e(error)}</div>` : ''}
<form class="simple_form new_user" id="otp-authentication-form" novalidate="novalidate" action="/auth/sign_in" accept-charset="UTF-8" method="post">
<input type="hidden" name="authenticity_token" value="${token()}" autocomplete="off" />
<p class="hint authentication-hint">Enter the two-factor code generated by your phone app or use one of your recovery codes:</p>
<div class="fields-group">
  <div class="input with_label integer required user_otp_attempt"><div class="label_input">
    <label class="integer required" for="user_otp_attempt">Enter the two-factor code <abbr title="required">*</abbr></label>
    <div class="label_input__wrapper"><input aria-label="Enter the two-factor code" autocomplete="one-time-code" autofocus="autofocus" class="numeric integer required" required="required" aria-required="true" type="number" step="1" name="user[otp_attempt]" id="user_otp_attempt" /></div>
  </div></div>
</div>
<div class="actions"><button name="button" type="submit" class="btn">Log in</button></div>
</form>`;
}

function adminPage(ctx: SiteCtx, user: JourneyUser, title: string, inner: string): string {
  const s = ctx.session()!.session;
  return `${head(title, s.csrf)}
<body class="admin theme-default no-reduce-motion">
${resources(user, ctx)}
<div class="admin-wrapper">
  <div class="sidebar-wrapper"><div class="sidebar">
    <a href="/home" class="logo">Back to Mastodon</a>
    <ul>
      <li class="selected"><a href="/settings/profile" class="selected">Public profile</a></li>
      <li><a href="/settings/preferences/appearance">Preferences</a></li>
      <li><a href="/settings/privacy">Privacy and reach</a></li>
      <li><a href="/auth/edit">Account</a></li>
      <li><a href="/@${e(user.username)}">View profile</a></li>
      <li><a rel="nofollow" data-method="delete" href="/auth/sign_out" id="logout-link">Logout</a></li>
    </ul>
  </div></div>
  <div class="content-wrapper"><div class="content">
    <div class="content__heading"><h2>${e(title)}</h2></div>
    ${inner}
  </div></div>
</div>
<script>
// Rails UJS: data-method links submit a hidden form.
document.querySelectorAll('a[data-method]').forEach(function (a) {
  a.addEventListener('click', function (ev) {
    ev.preventDefault();
    var f = document.createElement('form'); f.method = 'post'; f.action = a.href;
    f.innerHTML = '<input type="hidden" name="_method" value="' + a.dataset.method + '"><input type="hidden" name="authenticity_token" value="${s.csrf}">';
    document.body.appendChild(f); f.submit();
  });
});
</script>
</body></html>`;
}

function profileForm(ctx: SiteCtx, v: Fields, notice: string, error = ''): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const n = `account[fields_attributes][${i}][name]`;
    const val = `account[fields_attributes][${i}][value]`;
    return `<div class="row">
      <div class="input string optional account_fields_name"><input maxlength="255" placeholder="Label" class="string optional" type="text" value="${e(v[n] ?? '')}" name="${n}" id="account_fields_attributes_${i}_name" /></div>
      <div class="input string optional account_fields_value"><input maxlength="255" placeholder="Content" class="string optional" type="text" value="${e(v[val] ?? '')}" name="${val}" id="account_fields_attributes_${i}_value" /></div>
    </div>`;
  }).join('\n');
  return `${notice ? `<div class="flash-message notice"><strong>${e(notice)}</strong></div>` : ''}
${error ? `<div class="flash-message alert">${e(error)}</div>` : ''}
<form class="simple_form edit_account" id="edit_profile" novalidate="novalidate" enctype="multipart/form-data" action="/settings/profile" accept-charset="UTF-8" method="post">
<input type="hidden" name="_method" value="put" autocomplete="off" />
<input type="hidden" name="authenticity_token" value="${ctx.session()!.session.csrf}" autocomplete="off" />
<p class="lead">Customize your profile with an avatar, a bio, and extra fields. People are more likely to follow you back when you have a filled-out profile.</p>
<h4>Basic information</h4>
<div class="fields-row">
  <div class="fields-row__column fields-row__column-6">
    <div class="fields-group"><div class="input with_block_label string optional account_display_name">
      <label class="string optional" for="account_display_name">Display name</label>
      <input maxlength="30" data-default="${e(v['account[display_name]'] ?? '')}" class="string optional" type="text" value="${e(v['account[display_name]'] ?? '')}" name="account[display_name]" id="account_display_name" />
    </div></div>
    <div class="fields-group"><div class="input with_block_label text optional account_note">
      <label class="text optional" for="account_note">Bio</label>
      <textarea maxlength="500" class="text optional" name="account[note]" id="account_note">${e(v['account[note]'] ?? '')}</textarea>
    </div></div>
  </div>
  <div class="fields-row__column fields-group fields-row__column-6">
    <div class="input with_block_label">
      <label>Profile metadata</label>
      <span class="hint">You can have up to 4 items displayed as a table on your profile</span>
      ${rows}
    </div>
  </div>
</div>
<div class="fields-group"><div class="input with_block_label file optional account_avatar"><label class="file optional" for="account_avatar">Profile picture</label><input accept="image/jpeg,image/png,image/gif,image/webp" class="file optional" type="file" name="account[avatar]" id="account_avatar" /></div></div>
<h4>Other</h4>
<div class="fields-group"><div class="input with_label boolean optional account_bot"><label class="boolean optional" for="account_bot"><input value="0" autocomplete="off" type="hidden" name="account[bot]" /><input class="boolean optional" type="checkbox" value="1" name="account[bot]" id="account_bot" /> This is an automated account</label></div></div>
<div class="actions"><button name="button" type="submit" class="btn">Save changes</button></div>
</form>`;
}

/** Shows a URL the way Mastodon does: scheme hidden in an .invisible span. */
function mastoLink(url: string): string {
  const m = url.match(/^(https?:\/\/(?:www\.)?)(.*)$/);
  const [, scheme = '', rest = url] = m ?? [];
  return `<a href="${e(url)}" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">${e(scheme)}</span><span class="">${e(rest)}</span><span class="invisible"></span></a>`;
}

function publicPage(user: JourneyUser, s: Fields, me: JourneyUser | undefined): string {
  const name = s['account[display_name]'] || user.username;
  const note = (s['account[note]'] ?? '')
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, i) => (i % 2 ? mastoLink(part) : e(part).replace(/\n/g, '<br>')))
    .join('');
  const fields = Array.from({ length: ROWS }, (_, i) => [s[`account[fields_attributes][${i}][name]`] ?? '', s[`account[fields_attributes][${i}][value]`] ?? ''] as const)
    .filter(([n, v]) => n || v)
    .map(([n, v]) => `<dl><dt class="translate" title="${e(n)}">${e(n)}</dt><dd class="translate" title="${e(v)}">${isHttpUrl(v) ? mastoLink(v) : e(v)}</dd></dl>`)
    .join('\n');
  return `${head(`${name} (@${user.username}@${HOST})`, token())}
<body class="app-body theme-default no-reduce-motion">
${resources(me)}
<link rel="alternate" type="application/activity+json" href="https://${HOST}/users/${e(user.username)}">
<div id="mastodon" data-props="{&quot;locale&quot;:&quot;en&quot;}">
  <div class="account__header">
    <div class="account__header__tabs__name"><h1>${e(name)} <small><span>@${e(user.username)}@${HOST}</span></small></h1></div>
    ${me?.taskId === user.taskId ? '<a href="/settings/profile" class="button">Edit profile</a>' : '<a href="/auth/sign_in" class="button">Follow</a>'}
    <div class="account__header__extra">
      <div class="account__header__bio">
        <div class="account__header__content translate">${note ? `<p>${note}</p>` : ''}</div>
        <div class="account__header__fields">${fields}</div>
      </div>
    </div>
  </div>
</div>
</body></html>`;
}

function homePage(ctx: SiteCtx, user: JourneyUser): string {
  return `${head('Home', ctx.session()!.session.csrf)}
<body class="app-body theme-default no-reduce-motion">
${resources(user, ctx)}
<div id="mastodon" class="ui" data-props="{&quot;locale&quot;:&quot;en&quot;}"><div class="columns-area">
  <div class="column"><h2>Home</h2><p>Your home timeline is empty. Follow more people to fill it up.</p></div>
  <div class="column navigation-panel">
    <a href="/@${e(user.username)}" class="navigation-bar__profile-account">@${e(user.username)}</a>
    <a href="/settings/profile" class="navigation-bar__profile-edit">Edit profile</a>
    <a href="/settings/preferences/appearance" class="column-link column-link--transparent">Preferences</a>
    <a href="/auth/sign_out" data-method="delete" class="column-link column-link--transparent">Logout</a>
  </div>
</div></div>
</body></html>`;
}

export const mastodon: JourneySite = {
  firstUserId: 109301,
  spec: {
    host: HOST,
    platform: 'mastodon',
    modelledOn: 'Mastodon 4 (auth and settings pages server-rendered, 2FA on the same /auth/sign_in)',
    sources: [
      'mastodon/mastodon app/views/auth/sessions/new.html.haml',
      'mastodon/mastodon app/views/auth/sessions/two_factor/_otp_authentication_form.html.haml',
      'mastodon/mastodon app/views/settings/profiles/show.html.haml',
    ],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/home',
    loginPath: '/auth/sign_in',
    loginFields: { identifier: 'user[email]', password: 'user[password]' },
    twoFactor: { path: '/auth/sign_in', field: 'user[otp_attempt]' },
    sessionCookie: '_mastodon_session',
    signedInLoginRedirect: '/home',
    editorReach: 'nav-link',
    editorPath: () => '/settings/profile',
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: () => '/settings/profile' },
    linkFields: [
      { name: 'account[note]', label: 'Bio', kind: 'bio', format: 'text' },
      ...Array.from({ length: ROWS }, (_, i) => [
        { name: `account[fields_attributes][${i}][name]`, label: 'Label', kind: 'label' as const, format: 'text' as const },
        { name: `account[fields_attributes][${i}][value]`, label: 'Content', kind: 'slot' as const, format: 'url' as const },
      ]).flat(),
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/@${u.username}`,
    linksVisibleOnPublic: (s) => {
      const out = urlsIn(s['account[note]'] ?? '');
      for (let i = 0; i < ROWS; i++) {
        const v = s[`account[fields_attributes][${i}][value]`] ?? '';
        if (isHttpUrl(v)) out.push(v);
      }
      return out;
    },
    logout: { method: 'DELETE', path: () => '/auth/sign_out' },
    notes:
      'Signs in by e-mail; the 2FA code (user[otp_attempt]) is asked on the same /auth/sign_in URL. Links go into the four label+content "Profile metadata" pairs; the public page hides the scheme in an .invisible span.',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const sess = ctx.session();
    const me = ctx.me();
    if (p === '/' || p === '/about') {
      if (me && p === '/') return redirect('/home');
      return html(200, authPage('mastodon-social.test', `<p>A Mastodon server for bakers and makers.</p><p><a href="/auth/sign_in" class="btn">Log in</a> <a href="/auth/sign_up">Create account</a></p>`));
    }
    if (p === '/auth/sign_in') {
      if (ctx.method === 'POST') {
        // Second step: same URL, the code only (Mastodon keeps the user in the session).
        if (ctx.form.has('user[otp_attempt]') && sess?.session.stage === '2fa') {
          if (ctx.verify2fa(sess.session, sess.user, ctx.form.get('user[otp_attempt]') ?? '')) return redirect(sess.session.next);
          return html(200, authPage('Log in', otpForm('Invalid two-factor code.')));
        }
        const email = ctx.form.get('user[email]') ?? '';
        const user = ctx.checkPassword(email, ctx.form.get('user[password]') ?? '', 'email');
        if (!user) return html(200, authPage('Log in', signInForm('Invalid E-mail address or password.', email)));
        const { headers, session } = ctx.startSession(user, { next: '/home', remember: true });
        if (session.stage === '2fa') return html(200, authPage('Log in', otpForm()), headers);
        return redirect('/home', headers);
      }
      if (me) return redirect('/home');
      return html(200, authPage('Log in', signInForm()));
    }
    if (p === '/auth/sign_out') {
      if (ctx.method === 'POST' || ctx.method === 'DELETE') return redirect('/auth/sign_in', ctx.logout());
      return redirect('/home');
    }
    if (p === '/home') {
      if (!me) return redirect('/auth/sign_in');
      return html(200, homePage(ctx, me));
    }
    if (p === '/settings/profile') {
      if (!me) return redirect('/auth/sign_in');
      const isPut = ctx.method === 'PUT' || (ctx.method === 'POST' && ctx.form.get('_method') === 'put');
      if (isPut) {
        if (ctx.form.get('authenticity_token') !== ctx.session()!.session.csrf) {
          ctx.rejectSave(me);
          return html(422, '<!doctype html><title>The change you wanted was rejected (422)</title><h1>The change you wanted was rejected.</h1>');
        }
        const posted = ctx.pick(FIELD_NAMES);
        const name = posted['account[display_name]'] ?? '';
        if (name.length > 30 || (posted['account[note]'] ?? '').length > 500) {
          ctx.rejectSave(me);
          return html(200, adminPage(ctx, me, 'Public profile', profileForm(ctx, { ...ctx.storedAll(me), ...posted }, '', 'is too long')));
        }
        ctx.save(me, posted, posted);
        return redirect('/settings/profile?flash=saved');
      }
      const notice = ctx.query.get('flash') === 'saved' ? 'Changes successfully saved!' : '';
      return html(200, adminPage(ctx, me, 'Public profile', profileForm(ctx, { 'account[display_name]': me.username, ...ctx.storedAll(me) }, notice)));
    }
    const at = p.match(/^\/@([A-Za-z0-9_.-]+)$/);
    if (at) {
      const user = ctx.userByName(at[1]);
      if (!user) return html(404, authPage('The page you are looking for isn\'t here.', '<h1>The page you are looking for isn\'t here.</h1>'));
      return html(200, publicPage(user, ctx.storedAll(user), me));
    }
    return html(404, authPage('The page you are looking for isn\'t here.', '<h1>The page you are looking for isn\'t here.</h1>'));
  },
};
