/**
 * HumHub 1.15 social network: the tabbed profile editor.
 * Modelled on humhub/humhub: protected/humhub/modules/user/views/account/edit.php
 * (the form starts `display:none` with data-ui-widget="ui.form.TabbedForm"),
 * static/js/humhub/humhub.ui.form.js (TabbedForm turns each profile field
 * category <fieldset><legend> into `ul#profile-tabs.nav.nav-tabs` + `.tab-pane#tab-N`,
 * only the first active), protected/humhub/modules/installer/libs/InitialData.php
 * (categories General / Communication / Social bookmarks; fields `url`,
 * `url_facebook`, `url_linkedin`, `url_xing`, `url_youtube`, `url_vimeo`,
 * `url_flickr`, `url_myspace`, `url_twitter`, url-validated; Yii names
 * `Profile[<field>]`, ids `profile-<field>`). Facts only; the JS is written here.
 */
import { html } from '../http';
import { e, isHttpUrl, linkify, redirect, safePath, token, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';

const HOST = 'humhub-network.test';

interface Pf {
  id: string;
  title: string;
  type: 'text' | 'textarea' | 'url';
}
const CATEGORIES: Array<{ title: string; fields: Pf[] }> = [
  {
    title: 'General',
    fields: [
      { id: 'firstname', title: 'First name', type: 'text' },
      { id: 'lastname', title: 'Last name', type: 'text' },
      { id: 'title', title: 'Title', type: 'text' },
      { id: 'city', title: 'City', type: 'text' },
      { id: 'about', title: 'About', type: 'textarea' },
    ],
  },
  {
    title: 'Communication',
    fields: [
      { id: 'phone_work', title: 'Phone Work', type: 'text' },
      { id: 'mobile', title: 'Mobile', type: 'text' },
      { id: 'im_skype', title: 'Skype Nickname', type: 'text' },
    ],
  },
  {
    title: 'Social bookmarks',
    fields: [
      { id: 'url', title: 'Url', type: 'url' },
      { id: 'url_facebook', title: 'Facebook URL', type: 'url' },
      { id: 'url_linkedin', title: 'LinkedIn URL', type: 'url' },
      { id: 'url_xing', title: 'Xing URL', type: 'url' },
      { id: 'url_youtube', title: 'Youtube URL', type: 'url' },
      { id: 'url_vimeo', title: 'Vimeo URL', type: 'url' },
      { id: 'url_flickr', title: 'Flickr URL', type: 'url' },
      { id: 'url_myspace', title: 'MySpace URL', type: 'url' },
      { id: 'url_twitter', title: 'Twitter URL', type: 'url' },
    ],
  },
];
const ALL = CATEGORIES.flatMap((c) => c.fields);
const key = (id: string) => `Profile[${id}]`;
const FIELD_NAMES = ALL.map((f) => key(f.id));
const SOCIAL = CATEGORIES[2]!.fields;

function page(ctx: SiteCtx, title: string, body: string, bodyClass = ''): string {
  const me = ctx.me();
  const csrf = ctx.session()?.session.csrf ?? 'guest';
  const top = me
    ? `<div id="topbar-first" class="topbar"><div class="container">
        <div class="topbar-brand"><a class="navbar-brand" href="/dashboard">Makers Network</a></div>
        <div class="topbar-actions pull-right">
          <ul class="nav">
            <li class="dropdown account">
              <a href="#" id="account-dropdown-link" class="dropdown-toggle" data-toggle="dropdown" aria-label="Profile menu" aria-haspopup="true" aria-expanded="false">
                <div class="user-title pull-left hidden-xs"><strong>${e(me.displayName)}</strong><br><span class="truncate">Member</span></div>
                <img class="img-rounded" src="/static/img/default_user.jpg" height="32" width="32" alt="My profile image">
              </a>
              <ul class="dropdown-menu pull-right">
                <li><a href="/u/${e(me.username)}/"><i class="fa fa-user"></i> My profile</a></li>
                <li><a href="/user/account/edit"><i class="fa fa-edit"></i> Account settings</a></li>
                <li class="divider"></li>
                <li><a href="/user/auth/logout" data-method="POST"><i class="fa fa-sign-out"></i> Logout</a></li>
              </ul>
            </li>
          </ul>
        </div>
      </div></div>
      <div id="topbar-second" class="topbar"><div class="container"><ul class="nav" id="top-menu-nav"><li class="top-menu-item"><a href="/dashboard">Dashboard</a></li><li class="top-menu-item"><a href="/directory/members">People</a></li></ul></div></div>`
    : '';
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>${e(title)} | Makers Network</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="csrf-param" content="_csrf">
<meta name="csrf-token" content="${csrf}">
<script src="/static/js/humhub/humhub.core.js?v=1700000000"></script>
<style>
body{margin:0;background:#ededed;font:14px "Open Sans",Arial,sans-serif;color:#555}a{color:#21a1b3;text-decoration:none}.container{max-width:1000px;margin:0 auto;padding:0 10px}
.topbar{background:#708fa0;color:#fff}#topbar-first .container{display:flex;align-items:center;height:50px}#topbar-first a{color:#fff}#topbar-second{background:#fff}#topbar-second .nav{display:flex;gap:16px;list-style:none;margin:0;padding:10px 0}#topbar-second a{color:#555}
.topbar-actions{margin-left:auto}.nav{list-style:none;margin:0;padding:0}.dropdown{position:relative}.dropdown-menu{display:none;position:absolute;right:0;top:44px;background:#fff;border-radius:4px;box-shadow:0 0 6px rgba(0,0,0,.2);min-width:190px;list-style:none;padding:6px 0;z-index:20}
.dropdown.open .dropdown-menu{display:block}.dropdown-menu a{display:block;padding:6px 16px;color:#555!important}.divider{border-top:1px solid #eee;margin:4px 0}.user-title{display:inline-block;margin-right:8px;text-align:right;font-size:12px}
.panel{background:#fff;border-radius:4px;margin:15px 0;box-shadow:0 0 3px #dadada}.panel-heading{padding:10px 15px;border-bottom:1px solid #eee;font-weight:bold}.panel-body{padding:15px}
.layout{display:flex;gap:15px}.left-navigation{width:230px}.left-navigation a{display:block;padding:8px 15px;border-left:3px solid transparent}.left-navigation a.active{border-left-color:#21a1b3;font-weight:bold}.layout-content{flex:1}
.nav-tabs{display:flex;gap:2px;border-bottom:1px solid #ddd;margin-bottom:12px}.nav-tabs li a{display:block;padding:8px 14px;color:#555}.nav-tabs li.active a{border-bottom:3px solid #21a1b3;font-weight:bold}
.tab-pane{display:none}.tab-pane.active{display:block}.form-group{margin-bottom:12px}.control-label{display:block;font-weight:bold;margin-bottom:4px}.form-control{width:100%;box-sizing:border-box;padding:7px;border:2px solid #ededed;border-radius:4px;font:inherit}
.has-error .form-control{border-color:#fc4a64}.help-block{color:#fc4a64;font-size:12px}.btn{border:0;border-radius:3px;padding:8px 16px;font:inherit;cursor:pointer}.btn-primary{background:#708fa0;color:#fff}.alert-success{background:#97d271;color:#fff;padding:8px 12px;border-radius:3px}
#login-form{max-width:300px;margin:60px auto}.login-container{background:#708fa0}
</style>
</head>
<body class="${bodyClass}">
${top}
<div class="container">
${body}
</div>
<div class="container"><p class="powered" style="text-align:center;font-size:12px">Powered by <a href="https://www.humhub.com" target="_blank">HumHub</a></p></div>
<script>
// Bootstrap-like dropdowns and a TabbedForm like humhub.ui.form (fieldsets become tabs).
document.querySelectorAll('[data-toggle="dropdown"]').forEach(function (t) {
  t.addEventListener('click', function (ev) { ev.preventDefault(); var d = t.parentNode; d.classList.toggle('open'); t.setAttribute('aria-expanded', d.classList.contains('open')); });
});
document.querySelectorAll('a[data-method]').forEach(function (a) {
  a.addEventListener('click', function (ev) {
    ev.preventDefault();
    var f = document.createElement('form'); f.method = 'post'; f.action = a.getAttribute('href');
    f.innerHTML = '<input type="hidden" name="_csrf" value="${csrf}">';
    document.body.appendChild(f); f.submit();
  });
});
document.querySelectorAll('form[data-ui-widget="ui.form.TabbedForm"]').forEach(function (form) {
  var tabs = document.createElement('ul'); tabs.id = 'profile-tabs'; tabs.className = 'nav nav-tabs'; tabs.setAttribute('data-tabs', 'tabs');
  var content = document.createElement('div'); content.className = 'tab-content';
  var active = 0;
  form.querySelectorAll('fieldset').forEach(function (fs, i) {
    if (fs.querySelector('.has-error')) active = i;
    var li = document.createElement('li'); li.innerHTML = '<a href="#tab-' + i + '" data-toggle="tab"></a>'; li.firstChild.textContent = fs.querySelector('legend').textContent;
    tabs.appendChild(li);
    var pane = document.createElement('div'); pane.className = 'tab-pane'; pane.id = 'tab-' + i; pane.setAttribute('data-tab-index', i);
    fs.querySelectorAll(':scope > .form-group').forEach(function (g) { pane.appendChild(g); });
    content.appendChild(pane); fs.remove();
  });
  form.insertBefore(content, form.firstChild); form.insertBefore(tabs, form.firstChild);
  function show(i) {
    tabs.querySelectorAll('li').forEach(function (li, j) { li.classList.toggle('active', i === j); });
    content.querySelectorAll('.tab-pane').forEach(function (p, j) { p.classList.toggle('active', i === j); });
  }
  tabs.addEventListener('click', function (ev) { var a = ev.target.closest('a[data-toggle="tab"]'); if (!a) return; ev.preventDefault(); show(Number(a.getAttribute('href').slice(5))); });
  show(active);
  form.style.display = '';
});
</script>
</body>
</html>`;
}

function loginBody(next: string, error = '', username = ''): string {
  return `<div class="panel panel-default animated bounceIn" id="login-form">
<div class="panel-heading">Please sign in</div>
<div class="panel-body">
<form id="account-login-form" action="/user/auth/login" method="post">
<input type="hidden" name="_csrf" value="${token()}">
<input type="hidden" name="returnUrl" value="${e(next)}">
<div class="form-group field-login_username required${error ? ' has-error' : ''}">
  <input type="text" id="login_username" class="form-control" name="Login[username]" value="${e(username)}" placeholder="username or email" aria-label="username or email" aria-required="true">
  ${error ? `<p class="help-block help-block-error">${e(error)}</p>` : ''}
</div>
<div class="form-group field-login_password required">
  <input type="password" id="login_password" class="form-control" name="Login[password]" placeholder="password" aria-label="password" aria-required="true">
</div>
<div class="form-group field-login-rememberme"><div class="checkbox"><label><input type="hidden" name="Login[rememberMe]" value="0"><input type="checkbox" id="login-rememberme" name="Login[rememberMe]" value="1"> Remember me</label></div></div>
<div class="row"><button type="submit" id="login-button" data-ui-loader class="btn btn-large btn-primary">Sign in</button> <a href="/user/password-recovery" id="password-recovery-link">Forgot your password?</a></div>
</form>
</div></div>`;
}

function accountLayout(active: string, inner: string): string {
  const link = (href: string, label: string, id: string) => `<a href="${href}" class="list-group-item${id === active ? ' active' : ''}">${label}</a>`;
  return `<div class="layout"><div class="left-navigation panel"><div class="panel-heading"><strong>Account</strong> settings</div>
${link('/user/account/edit', 'Profile', 'profile')}${link('/user/account/edit-settings', 'Settings', 'settings')}${link('/user/account/security', 'Security', 'security')}${link('/user/account/connected-accounts', 'Connected accounts', 'connected')}${link('/user/account/delete', 'Delete account', 'delete')}
</div><div class="layout-content"><div class="panel"><div class="panel-heading"><strong>Your</strong> profile</div><div class="panel-body">${inner}</div></div></div></div>`;
}

function editBody(ctx: SiteCtx, v: Fields, errors: Record<string, string>, saved: boolean): string {
  const fieldsets = CATEGORIES.map(
    (c) => `<fieldset><legend>${e(c.title)}</legend>
${c.fields
  .map((f) => {
    const name = key(f.id);
    const id = `profile-${f.id}`;
    const err = errors[name];
    const control =
      f.type === 'textarea'
        ? `<textarea id="${id}" class="form-control" name="${name}" rows="3">${e(v[name] ?? '')}</textarea>`
        : `<input type="text" id="${id}" class="form-control" name="${name}" value="${e(v[name] ?? '')}"${f.type === 'url' ? ' placeholder="https://"' : ''}>`;
    return `<div class="form-group field-${id}${err ? ' has-error' : ''}">
  <label class="control-label" for="${id}">${e(f.title)}</label>
  ${control}
  <div class="help-block">${err ? e(err) : ''}</div>
</div>`;
  })
  .join('\n')}
</fieldset>`,
  ).join('\n');
  return accountLayout(
    'profile',
    `${saved ? '<div class="alert alert-success" id="profile-saved">Saved</div>' : ''}
<div class="help-block" style="color:#777">Here you can edit your general profile data, which is visible in the about page of your profile.</div>
<form id="w0" action="/user/account/edit" method="post" data-ui-widget="ui.form.TabbedForm" data-ui-init="" style="display:none">
<input type="hidden" name="_csrf" value="${ctx.session()!.session.csrf}">
${fieldsets}
<hr>
<button type="submit" class="btn btn-primary" name="save" data-ui-loader="">Save profile</button>
</form>`,
  );
}

function aboutBody(user: JourneyUser, s: Fields): string {
  const rows = (fields: Pf[]) =>
    fields
      .filter((f) => s[key(f.id)])
      .map((f) => {
        const v = s[key(f.id)]!;
        const shown = f.type === 'url' && isHttpUrl(v) ? `<a href="${e(v)}" target="_blank" rel="nofollow noopener">${e(v)}</a>` : linkify(v, 'nofollow noopener');
        return `<div class="form-group"><label class="col-sm-3 control-label">${e(f.title)}</label><div class="col-sm-9"><p class="form-control-static">${shown}</p></div></div>`;
      })
      .join('\n');
  return `<div class="panel profile-header"><div class="panel-body"><h1 class="displayName">${e(s[key('firstname')] ? `${s[key('firstname')]} ${s[key('lastname')] ?? ''}`.trim() : user.displayName)}</h1><h2 class="profile-username">@${e(user.username)}</h2></div></div>
<div class="panel"><div class="panel-heading"><strong>About</strong> this user</div><div class="panel-body">
<ul class="nav nav-tabs" id="about-tabs">${CATEGORIES.map((c, i) => `<li class="${i === 0 ? 'active' : ''}"><a href="#profile-category-${i}">${e(c.title)}</a></li>`).join('')}</ul>
<div class="tab-content">${CATEGORIES.map((c, i) => `<div class="tab-pane active" id="profile-category-${i}"><h4>${e(c.title)}</h4>${rows(c.fields)}</div>`).join('')}</div>
</div></div>`;
}

export const humhub: JourneySite = {
  firstUserId: 2,
  spec: {
    host: HOST,
    platform: 'humhub',
    modelledOn: 'HumHub 1.15 account profile editor (TabbedForm: link fields on the "Social bookmarks" tab)',
    sources: [
      'humhub/humhub protected/humhub/modules/user/views/account/edit.php',
      'humhub/humhub static/js/humhub/humhub.ui.form.js (TabbedForm)',
      'humhub/humhub protected/humhub/modules/installer/libs/InitialData.php (profile categories and fields)',
    ],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/dashboard',
    loginPath: '/user/auth/login',
    loginFields: { identifier: 'Login[username]', password: 'Login[password]', remember: 'Login[rememberMe]' },
    twoFactor: null,
    sessionCookie: 'PHPSESSID',
    signedInLoginRedirect: '/dashboard',
    editorReach: 'user-menu',
    editorPath: () => '/user/account/edit',
    editorNeedsTab: true,
    editorTab: { selector: '#profile-tabs a[href="#tab-2"]', text: 'Social bookmarks' },
    save: { method: 'POST', encoding: 'form', path: () => '/user/account/edit' },
    linkFields: [
      { name: 'Profile[about]', label: 'About', kind: 'bio', format: 'text', tab: 'General' },
      ...SOCIAL.map((f) => ({
        name: key(f.id),
        label: f.title,
        kind: f.id === 'url' ? ('website' as const) : ('platform' as const),
        ...(f.id !== 'url' && { platform: f.id.slice(4) }),
        format: 'url' as const,
        tab: 'Social bookmarks',
      })),
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/u/${u.username}/user/profile/about`,
    linksVisibleOnPublic: (s) => [...urlsIn(s[key('about')] ?? ''), ...SOCIAL.map((f) => s[key(f.id)] ?? '').filter(isHttpUrl)],
    logout: { method: 'POST', path: () => '/user/auth/logout' },
    notes:
      'The editor form is hidden until its script runs; the link fields are on the third tab ("Social bookmarks"), present in the DOM but not visible until that tab is clicked. Every Social bookmarks field is URL-validated (a handle is refused).',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const me = ctx.me();
    if (p === '/' || p === '/dashboard') {
      if (!me) return redirect('/user/auth/login');
      return html(200, page(ctx, 'Dashboard', `<div class="panel"><div class="panel-body"><h2>Welcome, ${e(me.displayName)}</h2><p>Nothing new yet. <a href="/user/account/edit">Complete your profile</a>.</p></div></div>`));
    }
    if (p === '/user/auth/login') {
      if (ctx.method === 'POST') {
        const name = ctx.form.get('Login[username]') ?? '';
        const user = ctx.checkPassword(name, ctx.form.get('Login[password]') ?? '');
        const next = safePath(ctx.form.get('returnUrl'), '/dashboard');
        if (!user) return html(200, page(ctx, 'Login', loginBody(next, 'User or Password incorrect.', name), 'login-container'));
        const { headers } = ctx.startSession(user, { next, remember: ctx.form.getAll('Login[rememberMe]').includes('1') });
        return redirect(next, headers);
      }
      if (me) return redirect('/dashboard');
      return html(200, page(ctx, 'Login', loginBody(safePath(ctx.query.get('returnUrl'), '/dashboard')), 'login-container'));
    }
    if (p === '/user/auth/logout') {
      if (ctx.method !== 'POST') return redirect('/dashboard');
      return redirect('/user/auth/login', ctx.logout());
    }
    if (p === '/user/account/edit') {
      if (!me) return redirect(`/user/auth/login?returnUrl=${encodeURIComponent('/user/account/edit')}`);
      if (ctx.method === 'POST') {
        const posted = ctx.pick(FIELD_NAMES);
        const v = { ...ctx.storedAll(me), ...posted };
        const errors: Record<string, string> = {};
        if (ctx.form.get('_csrf') !== ctx.session()!.session.csrf) errors[key('firstname')] = 'Unable to verify your data submission.';
        for (const f of SOCIAL) {
          const val = v[key(f.id)] ?? '';
          if (val && !isHttpUrl(val)) errors[key(f.id)] = `${f.title} is not a valid URL.`;
        }
        if (Object.keys(errors).length) {
          ctx.rejectSave(me);
          return html(200, page(ctx, 'Edit account', editBody(ctx, v, errors, false)));
        }
        ctx.save(me, posted, posted);
        return redirect('/user/account/edit?saved=1');
      }
      return html(200, page(ctx, 'Edit account', editBody(ctx, ctx.storedAll(me), {}, ctx.query.has('saved'))));
    }
    const prof = p.match(/^\/u\/([^/]+)(?:\/user\/profile\/about|\/user\/profile\/home)?$/);
    if (prof) {
      const user = ctx.userByName(decodeURIComponent(prof[1]!));
      if (!user) return html(404, page(ctx, 'Error', '<div class="panel"><div class="panel-body"><h1>User not found!</h1></div></div>'));
      if (!p.endsWith('/about')) {
        return html(200, page(ctx, user.displayName, `<div class="panel"><div class="panel-body"><h1>${e(user.displayName)}</h1><ul class="nav nav-tabs"><li class="active"><a href="/u/${e(user.username)}/">Stream</a></li><li><a href="/u/${e(user.username)}/user/profile/about">About</a></li></ul><p>There are no profile posts yet!</p></div></div>`));
      }
      return html(200, page(ctx, `${user.displayName} - About`, aboutBody(user, ctx.storedAll(user))));
    }
    return html(404, page(ctx, 'Error', '<div class="panel"><div class="panel-body"><h1>Page not found!</h1></div></div>'));
  },
};
