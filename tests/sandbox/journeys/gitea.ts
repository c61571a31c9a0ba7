/**
 * Gitea 1.21 (Forgejo shares the routes and markup).
 * Modelled on go-gitea/gitea: templates/user/auth/signin_inner.tmpl
 * (`user_name`, `password`, `remember`, `_csrf`), templates/user/auth/twofa.tmpl
 * (`passcode` on /user/two_factor), templates/user/settings/profile.tmpl
 * (`name`, `full_name`, `description`, `website` type=url, `location`),
 * templates/base/head_navbar.tmpl (the avatar dropdown with Profile,
 * Settings, Sign Out), templates/shared/user/profile_big_avatar.tmpl
 * (website as rel="me" link). Facts only; markup written here.
 */
import { html } from '../http';
import { e, isHttpUrl, linkify, redirect, safePath, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';

const HOST = 'gitea-code.test';
const FIELD_NAMES = ['full_name', 'description', 'website', 'location'];

function page(ctx: SiteCtx, title: string, body: string, flash = ''): string {
  const s = ctx.session();
  const me = ctx.me();
  const csrf = s?.session.csrf ?? 'guest-csrf';
  const right = me
    ? `<div class="right stackable menu">
        <a href="/notifications" class="item" data-tooltip-content="Notifications"><span class="sr-only">Notifications</span>🔔</a>
        <div class="ui dropdown jump item" id="user-dropdown" data-tooltip-content="Profile and Settings…" tabindex="0">
          <span class="text"><img class="ui avatar" src="/avatars/${e(me.username)}" width="24" height="24" alt=""><span class="sr-only">Profile and Settings…</span><span class="not-mobile">▾</span></span>
          <div class="menu user-menu" role="menu">
            <div class="ui header">Signed in as <strong>${e(me.username)}</strong></div>
            <div class="divider"></div>
            <a class="item" href="/${e(me.username)}">Profile</a>
            <a class="item" href="/${e(me.username)}?tab=stars">Starred</a>
            <a class="item" href="/notifications/subscriptions">Subscriptions</a>
            <a class="item" href="/user/settings">Settings</a>
            <a class="item" target="_blank" rel="noopener noreferrer" href="https://docs.gitea.com">Help</a>
            <div class="divider"></div>
            <a class="item link-action" href="" data-url="/user/logout">Sign Out</a>
          </div>
        </div>
      </div>`
    : `<div class="right stackable menu"><a class="item" href="/user/sign_up">Register</a><a class="item" rel="nofollow" href="/user/login?redirect_to=${encodeURIComponent(ctx.path)}">Sign In</a></div>`;
  return `<!DOCTYPE html>
<html lang="en-US" data-theme="gitea-auto">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} - Gitea: Git with a cup of tea</title>
<link rel="manifest" href="data:application/json;base64,e30=">
<meta name="author" content="Gitea - Git with a cup of tea">
<meta name="description" content="Gitea (Git with a cup of tea) is a painless self-hosted Git service written in Go">
<meta name="keywords" content="go,git,self-hosted,gitea">
<meta name="referrer" content="no-referrer">
<meta name="_csrf" content="${csrf}">
<style>
body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",system-ui,sans-serif;background:#fff;color:#181c21}a{color:#4183c4;text-decoration:none}
#navbar{display:flex;align-items:center;gap:6px;padding:0 12px;height:49px;border-bottom:1px solid #d0d7de;background:#f6f8fa}#navbar .item{padding:8px 10px;color:#181c21}.right.menu{margin-left:auto;display:flex;align-items:center}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.ui.dropdown{position:relative;cursor:pointer}.ui.dropdown .menu{display:none;position:absolute;right:0;top:40px;background:#fff;border:1px solid #d0d7de;border-radius:6px;min-width:200px;box-shadow:0 6px 18px rgba(0,0,0,.12);z-index:9}
.ui.dropdown.active .menu{display:block}.ui.dropdown .menu .item{display:block;padding:6px 14px}.ui.dropdown .menu .header{padding:8px 14px;font-weight:normal}.divider{border-top:1px solid #d0d7de}
.ui.container{max-width:1000px;margin:16px auto;padding:0 16px}.ui.top.attached.header{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px 6px 0 0;margin:0;padding:10px 14px}.ui.attached.segment{border:1px solid #d0d7de;border-top:0;padding:14px;margin-bottom:16px}
.ui.form .field{margin-bottom:12px}.ui.form label{display:block;font-weight:600;margin-bottom:4px}.ui.form input:not([type=checkbox]),.ui.form textarea{width:100%;box-sizing:border-box;padding:8px;border:1px solid #d0d7de;border-radius:4px;font:inherit}
.ui.green.button{background:#21ba45;color:#fff;border:0;border-radius:4px;padding:8px 16px;font:inherit;cursor:pointer}.ui.positive.message{background:#fcfff5;border:1px solid #a3c293;color:#2c662d;padding:10px;border-radius:4px}.ui.negative.message{background:#fff6f6;border:1px solid #e0b4b4;color:#9f3a38;padding:10px;border-radius:4px}
.user.settings .ui.container{display:flex;gap:16px}.settings-nav{width:200px}.settings-nav a{display:block;padding:6px 10px}.settings-nav a.active{font-weight:bold;background:#f6f8fa}
.ui.card{border:1px solid #d0d7de;border-radius:6px;padding:14px;width:290px}.user-extra{list-style:none;padding:0}.page-footer{border-top:1px solid #d0d7de;padding:12px;margin-top:40px;font-size:12px;color:#555}
</style>
</head>
<body>
<div class="full height">
<nav id="navbar" aria-label="Navigation Bar">
  <div class="navbar-left ui secondary menu">
    <a class="item" id="navbar-logo" href="/" aria-label="${me ? 'Dashboard' : 'Home'}"><img width="30" height="30" src="/assets/img/logo.svg" alt="Logo" aria-hidden="true"></a>
    <a class="item" href="/explore/repos">Explore</a>
    <a class="item" target="_blank" rel="noopener noreferrer" href="https://docs.gitea.com">Help</a>
  </div>
  ${right}
</nav>
${flash}
${body}
</div>
<footer class="page-footer" role="group" aria-label="Footer"><div class="left-links" role="contentinfo">Powered by Gitea Version: 1.21.4 Page: <strong>2ms</strong> Template: <strong>1ms</strong></div></footer>
<script>
document.querySelectorAll('.ui.dropdown').forEach(function (d) {
  d.addEventListener('click', function (ev) { if (d.querySelector('.menu').contains(ev.target)) return; d.classList.toggle('active'); });
});
document.querySelectorAll('.link-action').forEach(function (a) {
  a.addEventListener('click', function (ev) {
    ev.preventDefault();
    var f = document.createElement('form'); f.method = 'post'; f.action = a.dataset.url;
    f.innerHTML = '<input type="hidden" name="_csrf" value="${csrf}">';
    document.body.appendChild(f); f.submit();
  });
});
</script>
</body>
</html>`;
}

function signIn(ctx: SiteCtx, redirectTo: string, error = '', userName = ''): string {
  return `<div role="main" aria-label="Sign In" class="page-content user signin">
<div class="ui middle very relaxed page grid"><div class="column ui container">
<form class="ui form" action="/user/login" method="post">
  <input type="hidden" name="_csrf" value="${ctx.session()?.session.csrf ?? 'guest-csrf'}">
  <input type="hidden" name="redirect_to" value="${e(redirectTo)}">
  <h4 class="ui top attached header center">Sign In</h4>
  <div class="ui attached segment">
    ${error ? `<div class="ui negative message flash-error"><p>${e(error)}</p></div>` : ''}
    <div class="required field ${error ? 'error' : ''}">
      <label for="user_name">Username or Email Address</label>
      <input id="user_name" type="text" name="user_name" value="${e(userName)}" autofocus required>
    </div>
    <div class="required field">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" value="" autocomplete="current-password" required>
    </div>
    <div class="inline field"><div class="ui checkbox"><label>Remember This Device</label><input name="remember" type="checkbox"></div></div>
    <div class="field"><button class="ui primary green button">Sign In</button> <a href="/user/forgot_password">Forgot password?</a></div>
    <div class="field"><a href="/user/sign_up">Need an account? Register now.</a></div>
  </div>
</form>
</div></div></div>`;
}

function twofa(error = ''): string {
  return `<div role="main" aria-label="Two-Factor Authentication" class="page-content user signin">
<div class="ui middle very relaxed page grid"><div class="column ui container">
<form class="ui form" action="/user/two_factor" method="post">
  <input type="hidden" name="_csrf" value="twofa-csrf">
  <h4 class="ui top attached header center">Two-Factor Authentication</h4>
  <div class="ui attached segment">
    ${error ? `<div class="ui negative message flash-error"><p>${e(error)}</p></div>` : ''}
    <div class="required field">
      <label for="passcode">Passcode</label>
      <input id="passcode" name="passcode" type="text" autocomplete="one-time-code" inputmode="numeric" autofocus required>
    </div>
    <div class="inline field"><button class="ui primary green button">Verify</button> <a href="/user/two_factor/scratch">Use a scratch code</a></div>
  </div>
</form>
</div></div></div>`;
}

function settingsBody(ctx: SiteCtx, me: JourneyUser, v: Fields, error = ''): string {
  return `<div role="main" aria-label="Settings" class="page-content user settings profile">
<div class="ui container">
  <div class="settings-nav"><div class="ui vertical menu">
    <a class="active item" href="/user/settings">Profile</a>
    <a class="item" href="/user/settings/account">Account</a>
    <a class="item" href="/user/settings/appearance">Appearance</a>
    <a class="item" href="/user/settings/security">Security</a>
    <a class="item" href="/user/settings/keys">SSH / GPG Keys</a>
  </div></div>
  <div class="ui twelve wide column content" style="flex:1">
    ${error ? `<div class="ui negative message flash-error"><p>${e(error)}</p></div>` : ''}
    <h4 class="ui top attached header">Public Profile</h4>
    <div class="ui attached segment">
      <p>Your email address will be used for notifications, password recovery and web-based Git operations.</p>
      <form class="ui form" action="/user/settings" method="post">
        <input type="hidden" name="_csrf" value="${ctx.session()!.session.csrf}">
        <div class="required field">
          <label for="username">Username</label>
          <input id="username" name="name" value="${e(me.username)}" data-name="${e(me.username)}" autofocus required maxlength="40">
        </div>
        <div class="field"><label for="full_name">Full Name</label><input id="full_name" name="full_name" value="${e(v.full_name ?? '')}" maxlength="100"></div>
        <div class="field"><label>Email</label><p id="signed-user-email">${e(me.email)}</p></div>
        <div class="field"><label for="description">Biography</label><textarea id="description" name="description" rows="2" placeholder="Tell us a little bit about yourself! (You can use Markdown)" maxlength="255">${e(v.description ?? '')}</textarea></div>
        <div class="field"><label for="website">Website</label><input id="website" name="website" type="url" value="${e(v.website ?? '')}" maxlength="255"></div>
        <div class="field"><label for="location">Location</label><input id="location" name="location" placeholder="Share your approximate location with others" value="${e(v.location ?? '')}" maxlength="50"></div>
        <div class="divider"></div>
        <div class="inline field"><div class="ui checkbox" id="keep-activity-private"><label><strong>Hide activity from profile page</strong></label><input name="keep_activity_private" type="checkbox"></div></div>
        <div class="field"><button class="ui green button">Update Profile</button></div>
      </form>
    </div>
    <h4 class="ui top attached header">Avatar</h4>
    <div class="ui attached segment"><form class="ui form" action="/user/settings/avatar" method="post" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${ctx.session()!.session.csrf}"><div class="inline field"><label for="new-avatar">Choose new avatar</label><input id="new-avatar" name="avatar" type="file" accept="image/png,image/jpeg"></div><div class="field"><button class="ui green button">Update Avatar</button></div></form></div>
  </div>
</div></div>`;
}

function profileBody(user: JourneyUser, s: Fields): string {
  return `<div role="main" aria-label="${e(user.username)}" class="page-content user profile">
<div class="ui container"><div class="ui stackable grid">
  <div class="ui card">
    <div id="profile-avatar" class="content"><img class="ui avatar" src="/avatars/${e(user.username)}" width="256" height="256" alt="${e(user.username)}"></div>
    <div class="content tw-break-anywhere profile-avatar-name">
      ${s.full_name ? `<span class="header text center">${e(s.full_name)}</span>` : ''}
      <span class="username text center">${e(user.username)}</span>
    </div>
    <div class="extra content tw-break-anywhere">
      <ul class="user-extra">
        ${s.location ? `<li>📍 ${e(s.location)}</li>` : ''}
        ${s.website ? `<li>🔗 <a target="_blank" rel="noopener noreferrer me" href="${e(s.website)}">${e(s.website)}</a></li>` : ''}
        ${s.description ? `<li><div class="render-content markup">${linkify(s.description, 'nofollow')}</div></li>` : ''}
      </ul>
    </div>
  </div>
  <div class="ui twelve wide column"><div class="ui secondary stackable pointing tight menu"><a class="active item" href="/${e(user.username)}">Overview</a><a class="item" href="/${e(user.username)}?tab=repositories">Repositories</a></div><p>${e(user.username)} doesn't have any public repositories yet.</p></div>
</div></div></div>`;
}

export const gitea: JourneySite = {
  firstUserId: 2,
  spec: {
    host: HOST,
    platform: 'gitea',
    modelledOn: 'Gitea 1.21 / Forgejo (server-rendered, Fomantic UI dropdown user menu)',
    sources: [
      'go-gitea/gitea templates/user/auth/signin_inner.tmpl',
      'go-gitea/gitea templates/user/auth/twofa.tmpl',
      'go-gitea/gitea templates/user/settings/profile.tmpl',
      'go-gitea/gitea templates/base/head_navbar.tmpl',
    ],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/',
    loginPath: '/user/login',
    loginFields: { identifier: 'user_name', password: 'password', remember: 'remember' },
    twoFactor: { path: '/user/two_factor', field: 'passcode' },
    sessionCookie: 'i_like_gitea',
    signedInLoginRedirect: '/',
    editorReach: 'user-menu',
    editorPath: () => '/user/settings',
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: () => '/user/settings' },
    linkFields: [
      { name: 'website', label: 'Website', kind: 'website', format: 'url' },
      { name: 'description', label: 'Biography', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/${u.username}`,
    linksVisibleOnPublic: (s) => [...(s.website ? [s.website] : []), ...urlsIn(s.description ?? '')],
    logout: { method: 'POST', path: () => '/user/logout' },
    notes: 'One website field plus a 255-character Markdown biography (the only place for the other links). 2FA on /user/two_factor (passcode). Sign Out is a POST behind the avatar dropdown.',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const sess = ctx.session();
    const me = ctx.me();
    if (p === '/') {
      if (me) return html(200, page(ctx, 'Dashboard', `<div role="main" class="page-content dashboard feeds"><div class="ui container"><h2>Dashboard</h2><p>Welcome, ${e(me.username)}.</p></div></div>`));
      return html(200, page(ctx, 'Gitea: Git with a cup of tea', `<div role="main" class="page-content home"><div class="ui container"><h1>Gitea: Git with a cup of tea</h1><p>A painless, self-hosted Git service</p></div></div>`));
    }
    if (p === '/user/login') {
      const to = safePath(ctx.form.get('redirect_to') || ctx.query.get('redirect_to'), '/');
      if (ctx.method === 'POST') {
        const name = ctx.form.get('user_name') ?? '';
        const user = ctx.checkPassword(name, ctx.form.get('password') ?? '');
        if (!user) return html(200, page(ctx, 'Sign In', signIn(ctx, to, 'Username or password is incorrect.', name)));
        const { headers, session } = ctx.startSession(user, { next: to, remember: ctx.form.get('remember') === 'on' });
        return redirect(session.stage === '2fa' ? '/user/two_factor' : to, headers, 303);
      }
      if (me) return redirect('/');
      return html(200, page(ctx, 'Sign In', signIn(ctx, to)));
    }
    if (p === '/user/two_factor') {
      if (!sess) return redirect('/user/login');
      if (sess.session.stage === 'in') return redirect('/');
      if (ctx.method === 'POST') {
        if (ctx.verify2fa(sess.session, sess.user, ctx.form.get('passcode') ?? '')) return redirect(sess.session.next, {}, 303);
        return html(200, page(ctx, 'Two-Factor Authentication', twofa('Your passcode is incorrect.')));
      }
      return html(200, page(ctx, 'Two-Factor Authentication', twofa()));
    }
    if (p === '/user/logout') {
      if (ctx.method !== 'POST') return redirect('/');
      return redirect('/', ctx.logout(), 303);
    }
    if (p === '/user/settings') {
      if (!me) return redirect(`/user/login?redirect_to=${encodeURIComponent('/user/settings')}`, {}, 303);
      if (ctx.method === 'POST') {
        const posted = ctx.pick(FIELD_NAMES);
        const v = { ...ctx.storedAll(me), ...posted };
        let err = '';
        if ((ctx.form.get('_csrf') ?? '') !== ctx.session()!.session.csrf) err = 'Bad Request: invalid CSRF token';
        else if (v.website && !isHttpUrl(v.website)) err = 'Website is not a valid URL.';
        else if ((v.description ?? '').length > 255) err = 'Biography cannot be longer than 255 characters.';
        else if ((v.location ?? '').length > 50) err = 'Location cannot be longer than 50 characters.';
        if (err) {
          ctx.rejectSave(me);
          return html(200, page(ctx, 'Settings', settingsBody(ctx, me, v, err)));
        }
        ctx.save(me, posted, posted);
        return redirect('/user/settings?flash=updated', {}, 303);
      }
      const flash = ctx.query.get('flash') === 'updated' ? '<div class="ui container"><div class="ui positive message flash-success"><p>Your profile has been updated.</p></div></div>' : '';
      return html(200, page(ctx, 'Settings', settingsBody(ctx, me, ctx.storedAll(me)), flash));
    }
    const user = /^\/[A-Za-z0-9_.-]+$/.test(p) ? ctx.userByName(p.slice(1)) : undefined;
    if (user) return html(200, page(ctx, user.username, profileBody(user, ctx.storedAll(user))));
    return html(404, page(ctx, 'Page Not Found', `<div role="main" class="page-content ui container center"><p>The page you are trying to reach either does not exist or you are not authorized to view it.</p></div>`));
  },
};
