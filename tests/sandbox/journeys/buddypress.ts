/**
 * WordPress 6.4 + BuddyPress 12 (BP Nouveau template pack).
 * Modelled on WordPress core wp-login.php (form#loginform: `log` #user_login,
 * `pwd` #user_pass, `rememberme`, `wp-submit`, `redirect_to`, `testcookie`;
 * body.login.wp-core-ui) and the admin bar (#wp-admin-bar-my-account with the
 * BuddyPress "Profile → View / Edit" submenu, shown on hover); and on
 * buddypress/buddypress src/bp-templates/bp-nouveau/buddypress/members/single/profile/edit.php
 * (form#profile-edit-form.standard-form.profile-edit, ul.button-tabs.button-nav
 * of profile groups, div.editfield.field_N per xprofile field with a <legend>
 * as its label, hidden field_ids, submit #profile-group-edit-submit) and the
 * profile loop (table.profile-fields). Facts only; markup written here.
 */
import { html } from '../http';
import { e, isHttpUrl, linkify, redirect, safePath, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';

const HOST = 'wp-buddypress.test';
const COOKIE = 'wordpress_logged_in_7c2f5e81c0b4a9d3e6f1a2b3c4d5e6f7';

interface XField {
  id: number;
  name: string;
  type: 'textbox' | 'textarea' | 'url';
  required?: boolean;
}
const GROUPS: Array<{ id: number; name: string; slug: string; fields: XField[] }> = [
  {
    id: 1,
    name: 'Base',
    slug: 'base',
    fields: [
      { id: 1, name: 'Name', type: 'textbox', required: true },
      { id: 2, name: 'About Me', type: 'textarea' },
      { id: 3, name: 'Website', type: 'url' },
      { id: 4, name: 'Twitter', type: 'url' },
      { id: 5, name: 'Facebook', type: 'url' },
      { id: 6, name: 'YouTube', type: 'url' },
    ],
  },
  { id: 2, name: 'Details', slug: 'details', fields: [{ id: 7, name: 'Location', type: 'textbox' }] },
];
const ALL = GROUPS.flatMap((g) => g.fields);
const fname = (f: XField) => `field_${f.id}`;
const cssName = (f: XField) => f.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function adminBar(ctx: SiteCtx, me: JourneyUser): string {
  const base = `/members/${me.slug}`;
  return `<div id="wpadminbar" class="nojq nojs">
<div class="quicklinks" id="wp-toolbar" role="navigation" aria-label="Toolbar">
  <ul role="menu" id="wp-admin-bar-root-default" class="ab-top-menu">
    <li role="group" id="wp-admin-bar-site-name" class="menupop"><a class="ab-item" role="menuitem" aria-haspopup="true" href="/">Lumen Bakers Club</a></li>
  </ul>
  <ul role="menu" id="wp-admin-bar-top-secondary" class="ab-top-secondary ab-top-menu">
    <li role="group" id="wp-admin-bar-my-account" class="menupop with-avatar"><a class="ab-item" role="menuitem" aria-haspopup="true" href="${base}/profile/edit/">Howdy, <span class="display-name">${e(me.displayName)}</span></a>
      <div class="ab-sub-wrapper"><ul role="menu" id="wp-admin-bar-user-actions" class="ab-submenu">
        <li role="group" id="wp-admin-bar-user-info"><a class="ab-item" role="menuitem" tabindex="-1" href="${base}/"><span class="display-name">${e(me.displayName)}</span><span class="username">${e(me.username)}</span></a></li>
        <li role="group" id="wp-admin-bar-logout"><a class="ab-item" role="menuitem" href="/wp-login.php?action=logout&amp;_wpnonce=${ctx.session()!.session.csrf.slice(0, 10)}">Log Out</a></li>
      </ul>
      <ul role="menu" id="wp-admin-bar-my-account-buddypress" class="ab-submenu">
        <li role="group" id="wp-admin-bar-my-account-xprofile" class="menupop"><a class="ab-item" role="menuitem" aria-haspopup="true" href="${base}/profile/">Profile</a>
          <div class="ab-sub-wrapper"><ul role="menu" id="wp-admin-bar-my-account-xprofile-default" class="ab-submenu">
            <li role="group" id="wp-admin-bar-my-account-xprofile-public"><a class="ab-item" role="menuitem" href="${base}/profile/">View</a></li>
            <li role="group" id="wp-admin-bar-my-account-xprofile-edit"><a class="ab-item" role="menuitem" href="${base}/profile/edit/">Edit</a></li>
            <li role="group" id="wp-admin-bar-my-account-xprofile-change-avatar"><a class="ab-item" role="menuitem" href="${base}/profile/change-avatar/">Change Profile Photo</a></li>
          </ul></div>
        </li>
        <li role="group" id="wp-admin-bar-my-account-settings" class="menupop"><a class="ab-item" role="menuitem" href="${base}/settings/">Settings</a></li>
      </ul></div>
    </li>
  </ul>
</div></div>`;
}

function page(ctx: SiteCtx, title: string, bodyClass: string, content: string): string {
  const me = ctx.me();
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} &#8211; Lumen Bakers Club</title>
<meta name='robots' content='max-image-preview:large' />
<link rel='stylesheet' id='bp-nouveau-css' href='/wp-content/plugins/buddypress/bp-templates/bp-nouveau/css/buddypress.min.css?ver=12.2.0' media='screen' />
<link rel="https://api.w.org/" href="/wp-json/" />
<meta name="generator" content="WordPress 6.4.3" />
<style>
body{margin:0;font:16px/1.6 -apple-system,"Segoe UI",Roboto,sans-serif;color:#1e1e1e;background:#fff}a{color:#0073aa}
#wpadminbar{background:#1d2327;color:#f0f0f1;height:32px;font-size:13px}#wpadminbar ul{list-style:none;margin:0;padding:0}#wpadminbar .quicklinks{display:flex;justify-content:space-between}#wpadminbar .ab-top-menu>li{position:relative}
#wpadminbar .ab-item{display:block;color:#f0f0f1;padding:0 10px;line-height:32px;text-decoration:none}#wpadminbar .ab-sub-wrapper{display:none;position:absolute;right:0;background:#2c3338;min-width:220px;z-index:99}
#wpadminbar .menupop:hover>.ab-sub-wrapper,#wpadminbar .menupop:focus-within>.ab-sub-wrapper,#wpadminbar .menupop.hover>.ab-sub-wrapper{display:block}#wpadminbar .ab-submenu .menupop>.ab-sub-wrapper{right:100%;top:0}
.site-header{padding:20px 40px;border-bottom:1px solid #eee}.site-title{font-size:24px;margin:0}.main-navigation ul{display:flex;gap:18px;list-style:none;padding:0}
.site-content{max-width:900px;margin:20px auto;padding:0 20px}.bp-navs ul{display:flex;gap:4px;list-style:none;padding:0;margin:0 0 10px;border-bottom:1px solid #ddd}.bp-navs li a{display:block;padding:8px 12px}.bp-navs li.current a,.bp-navs li.selected a{background:#eee;font-weight:bold}
.button-tabs{display:flex;gap:4px;list-style:none;padding:0}.button-tabs li a{display:block;border:1px solid #ccc;padding:4px 12px;border-radius:3px}.button-tabs li.current a{background:#0073aa;color:#fff}
.editfield{margin-bottom:14px}.editfield fieldset{border:0;padding:0;margin:0}.editfield legend{font-weight:600}.editfield input[type=text],.editfield input[type=url],.editfield textarea{width:100%;box-sizing:border-box;padding:6px;border:1px solid #ccc}.field-visibility-settings-notoggle{font-size:12px;color:#777;margin:2px 0}
.bp-feedback{padding:10px;border-left:4px solid #46b450;background:#f0f8f0;margin-bottom:12px}.bp-feedback.error{border-color:#d63638;background:#fbeaea}.profile-fields td{padding:6px 10px;border-bottom:1px solid #eee}.profile-fields .label{font-weight:600;width:30%}
body.login{background:#f0f0f1;font-size:13px}#login{width:320px;margin:8% auto;padding:0}#loginform{background:#fff;border:1px solid #c3c4c7;padding:26px 24px;box-shadow:0 1px 3px rgba(0,0,0,.04)}#loginform .input{width:100%;box-sizing:border-box;font-size:20px;padding:3px 5px;margin:2px 6px 16px 0}.button-primary{background:#2271b1;color:#fff;border:0;padding:6px 12px;border-radius:3px}
#login_error{border-left:4px solid #d63638;background:#fff;padding:12px;margin-bottom:20px}
</style>
</head>
<body class="${bodyClass}">
${me && !bodyClass.includes('login') ? adminBar(ctx, me) : ''}
${content}
</body>
</html>`;
}

function theme(ctx: SiteCtx, inner: string): string {
  const me = ctx.me();
  return `<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/" rel="home">Lumen Bakers Club</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="/members/">Members</a></li><li class="menu-item"><a href="/activity/">Activity</a></li>${me ? '' : '<li class="menu-item"><a href="/wp-login.php">Log in</a></li>'}</ul></nav></header>
<div id="content" class="site-content"><div id="buddypress" class="buddypress-wrap bp-dir-hori-nav">${inner}</div></div></div>`;
}

function memberHeader(user: JourneyUser, current: 'view' | 'edit', isMe: boolean): string {
  const base = `/members/${user.slug}`;
  return `<div id="item-header" role="complementary" class="users-header single-headers"><div id="item-header-content"><h2 class="user-nicename">@${e(user.username)}</h2></div></div>
<nav class="main-navs no-ajax bp-navs single-screen-navs horizontal users-nav" id="object-nav" role="navigation" aria-label="Member menu"><ul>
  <li id="activity-personal-li" class="bp-personal-tab"><a href="${base}/activity/" id="user-activity">Activity</a></li>
  <li id="xprofile-personal-li" class="bp-personal-tab current selected"><a href="${base}/profile/" id="user-xprofile">Profile</a></li>
  ${isMe ? `<li id="settings-personal-li" class="bp-personal-tab"><a href="${base}/settings/" id="user-settings">Settings</a></li>` : ''}
</ul></nav>
${isMe ? `<nav class="bp-navs bp-subnavs no-ajax user-subnav" id="subnav" role="navigation" aria-label="Profile menu"><ul class="subnav">
  <li id="public-personal-li" class="bp-personal-sub-tab${current === 'view' ? ' current selected' : ''}"><a href="${base}/profile/" id="public">View</a></li>
  <li id="edit-personal-li" class="bp-personal-sub-tab${current === 'edit' ? ' current selected' : ''}"><a href="${base}/profile/edit/" id="edit">Edit</a></li>
  <li id="change-avatar-personal-li" class="bp-personal-sub-tab"><a href="${base}/profile/change-avatar/" id="change-avatar">Change Profile Photo</a></li>
</ul></nav>` : ''}`;
}

function editForm(ctx: SiteCtx, me: JourneyUser, groupId: number, v: Fields, message: string, isError: boolean): string {
  const group = GROUPS.find((g) => g.id === groupId)!;
  const base = `/members/${me.slug}/profile/edit/group`;
  const fields = group.fields
    .map((f) => {
      const n = fname(f);
      const legend = `<legend id="${n}-1">${e(f.name)}${f.required ? ' <span class="bp-required-field-label">(required)</span>' : ''}</legend>`;
      const attrs = `id="${n}" name="${n}" aria-labelledby="${n}-1" aria-describedby="${n}-3"${f.required ? ' aria-required="true" required' : ''}`;
      const control =
        f.type === 'textarea'
          ? `<textarea ${attrs} cols="40" rows="5">${e(v[n] ?? '')}</textarea>`
          : `<input ${attrs} type="${f.type === 'url' ? 'url' : 'text'}"${f.type === 'url' ? ' inputmode="url"' : ''} value="${e(v[n] ?? '')}">`;
      return `<div class="editfield ${n} field_${cssName(f)} ${f.required ? 'required-field' : 'optional-field'} visibility-public field_type_${f.type}"><fieldset>
${legend}
${control}
<p class="field-visibility-settings-notoggle field-visibility-settings-header" id="field-visibility-settings-toggle-${f.id}">This field may be seen by: <span class="current-visibility-level">Everyone</span></p>
</fieldset></div>`;
    })
    .join('\n');
  return `${memberHeader(me, 'edit', true)}
<div id="item-body" class="item-body"><div class="profile edit">
${message ? `<div id="message" class="bp-feedback ${isError ? 'error' : 'updated success'}"><span class="bp-icon" aria-hidden="true"></span><p>${e(message)}</p></div>` : ''}
<h2 class="screen-heading edit-profile-screen">Edit Profile</h2>
<form action="${base}/${groupId}/" method="post" id="profile-edit-form" class="standard-form profile-edit ${group.slug}">
  <ul class="button-tabs button-nav">${GROUPS.map((g) => `<li${g.id === groupId ? ' class="current"' : ''}><a href="${base}/${g.id}/">${e(g.name)}</a></li>`).join('')}</ul>
  <h2 class="screen-heading profile-group-title edit">Editing '${e(group.name)}' Profile Group</h2>
${fields}
  <input type="hidden" name="field_ids" id="field_ids" value="${group.fields.map((f) => f.id).join(',')}" />
  <div class="submit"><input type="submit" name="profile-group-edit-submit" id="profile-group-edit-submit" value="Save Changes" /></div>
  <input type="hidden" id="_wpnonce" name="_wpnonce" value="${ctx.session()!.session.csrf.slice(0, 10)}" /><input type="hidden" name="_wp_http_referer" value="${base}/${groupId}/" />
</form>
</div></div>`;
}

function viewBody(ctx: SiteCtx, user: JourneyUser, s: Fields): string {
  const groups = GROUPS.map((g) => {
    const rows = g.fields
      .filter((f) => s[fname(f)])
      .map((f) => {
        const v = s[fname(f)]!;
        const data = f.type === 'url' && isHttpUrl(v) ? `<a href="${e(v)}" rel="nofollow">${e(v)}</a>` : linkify(v, 'nofollow');
        return `<tr class="${fname(f)} field_${cssName(f)} ${f.required ? 'required-field' : 'optional-field'} visibility-public field_type_${f.type}"><td class="label">${e(f.name)}</td><td class="data"><p>${data}</p></td></tr>`;
      })
      .join('\n');
    return rows ? `<div class="bp-widget ${g.slug}"><h3 class="screen-heading profile-group-title">${e(g.name)}</h3><table class="profile-fields bp-tables-user"><tbody>${rows}</tbody></table></div>` : '';
  }).join('\n');
  return `${memberHeader(user, 'view', ctx.me()?.taskId === user.taskId)}
<div id="item-body" class="item-body"><div class="profile public"><h2 class="screen-heading view-profile-screen">View Profile</h2>
${groups}
</div></div>`;
}

function loginPage(redirectTo: string, error = '', log = ''): string {
  return `<div id="login"><h1><a href="https://wordpress.org/">Powered by WordPress</a></h1>
${error ? `<div id="login_error">${error}</div>` : ''}
<form name="loginform" id="loginform" action="/wp-login.php" method="post">
  <p><label for="user_login">Username or Email Address</label>
  <input type="text" name="log" id="user_login" class="input" value="${e(log)}" size="20" autocapitalize="off" autocomplete="username" required="required" /></p>
  <div class="user-pass-wrap"><label for="user_pass">Password</label>
  <div class="wp-pwd"><input type="password" name="pwd" id="user_pass" class="input password-input" value="" size="20" autocomplete="current-password" spellcheck="false" required="required" /></div></div>
  <p class="forgetmenot"><input name="rememberme" type="checkbox" id="rememberme" value="forever" /> <label for="rememberme">Remember Me</label></p>
  <p class="submit"><input type="submit" name="wp-submit" id="wp-submit" class="button button-primary button-large" value="Log In" />
  <input type="hidden" name="redirect_to" value="${e(redirectTo)}" /><input type="hidden" name="testcookie" value="1" /></p>
</form>
<p id="nav"><a href="/wp-login.php?action=lostpassword">Lost your password?</a></p>
<p id="backtoblog"><a href="/">&larr; Go to Lumen Bakers Club</a></p></div>`;
}

export const buddypress: JourneySite = {
  firstUserId: 2,
  spec: {
    host: HOST,
    platform: 'buddypress',
    modelledOn: 'WordPress 6.4 + BuddyPress 12 (BP Nouveau) extended profiles',
    sources: [
      'WordPress core wp-login.php (login form ids and names), admin bar markup',
      'buddypress/buddypress src/bp-templates/bp-nouveau/buddypress/members/single/profile/edit.php',
    ],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/',
    loginPath: '/wp-login.php',
    loginFields: { identifier: 'log', password: 'pwd', remember: 'rememberme' },
    twoFactor: null,
    sessionCookie: COOKIE,
    signedInLoginRedirect: '/wp-admin/',
    editorReach: 'user-menu',
    editorPath: (u) => `/members/${u.slug}/profile/edit/group/1/`,
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: (u) => `/members/${u.slug}/profile/edit/group/1/` },
    linkFields: [
      { name: 'field_3', label: 'Website', kind: 'website', format: 'url' },
      { name: 'field_4', label: 'Twitter', kind: 'platform', platform: 'twitter', format: 'url' },
      { name: 'field_5', label: 'Facebook', kind: 'platform', platform: 'facebook', format: 'url' },
      { name: 'field_6', label: 'YouTube', kind: 'platform', platform: 'youtube', format: 'url' },
      { name: 'field_2', label: 'About Me', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/members/${u.slug}/profile/`,
    linksVisibleOnPublic: (s) => [...urlsIn(s.field_2 ?? ''), ...['field_3', 'field_4', 'field_5', 'field_6'].map((k) => s[k] ?? '').filter(isHttpUrl)],
    logout: { method: 'GET', path: () => '/wp-login.php?action=logout' },
    notes:
      'xprofile fields are labelled by <legend> (no <label for>), named field_N; profile groups are separate pages (button-tabs), the links are all in group 1 "Base". Name (field_1) is required. /wp-admin/ sends members to their BuddyPress profile.',
  },
  handle(ctx) {
    const p = ctx.path;
    const me = ctx.me();
    const action = ctx.query.get('action') ?? '';
    if (p === '/' || p === '/members/' || p === '/members') {
      const list = ctx.users().map((u) => `<li><a href="/members/${e(u.slug)}/">${e(u.displayName)}</a></li>`).join('');
      return html(200, page(ctx, 'Members', 'home blog buddypress bp-nouveau', theme(ctx, `<h1>Members</h1><ul id="members-list" class="item-list members-list">${list}</ul>`)));
    }
    if (p === '/wp-login.php') {
      if (action === 'logout') {
        const s = ctx.session();
        if (s && !ctx.query.get('_wpnonce')) return html(200, page(ctx, 'Log Out', 'login wp-core-ui', `<div id="login"><p class="message">You are attempting to log out of Lumen Bakers Club</p><p>Do you really want to <a href="/wp-login.php?action=logout&amp;_wpnonce=${s.session.csrf.slice(0, 10)}">log out</a>?</p></div>`));
        return redirect('/wp-login.php?loggedout=true', ctx.logout());
      }
      if (ctx.method === 'POST') {
        const log = ctx.form.get('log') ?? '';
        const user = ctx.checkPassword(log, ctx.form.get('pwd') ?? '');
        const to = safePath(ctx.form.get('redirect_to'), '/wp-admin/');
        if (!user) return html(200, page(ctx, 'Log In', 'login no-js login-action-login wp-core-ui locale-en-us', loginPage(to, `<strong>Error:</strong> The password you entered for the username <strong>${e(log)}</strong> is incorrect.`, log)));
        const { headers } = ctx.startSession(user, { next: to, remember: ctx.form.get('rememberme') === 'forever' });
        return redirect(to, headers);
      }
      if (me) return redirect('/wp-admin/');
      return html(200, page(ctx, 'Log In', 'login no-js login-action-login wp-core-ui locale-en-us', loginPage(safePath(ctx.query.get('redirect_to'), '/wp-admin/'))));
    }
    if (p.startsWith('/wp-admin')) {
      if (!me) return redirect(`/wp-login.php?redirect_to=${encodeURIComponent(p)}&reauth=1`);
      return redirect(`/members/${me.slug}/profile/`);
    }
    const m = p.match(/^\/members\/([a-z0-9-]+)\/(?:(profile)\/(?:(edit)\/(?:group\/(\d+)\/?)?)?)?$/);
    if (m) {
      const user = ctx.userBySlug(m[1]);
      if (!user) return html(404, page(ctx, 'Page not found', 'error404', theme(ctx, '<h1>Oops! That page can&rsquo;t be found.</h1>')));
      if (m[3] === 'edit') {
        if (!me) return redirect(`/wp-login.php?redirect_to=${encodeURIComponent(p)}`);
        if (me.taskId !== user.taskId) return redirect(`/members/${user.slug}/profile/`);
        const groupId = Number(m[4] ?? 1);
        if (!GROUPS.some((g) => g.id === groupId)) return redirect(`/members/${me.slug}/profile/edit/group/1/`);
        const cls = 'members buddypress bp-user my-account xprofile profile-edit bp-nouveau';
        if (ctx.method === 'POST') {
          const ids = (ctx.form.get('field_ids') ?? '').split(',').map(Number);
          const fields = ALL.filter((f) => ids.includes(f.id));
          const posted = ctx.pick(fields.map(fname));
          const v = { ...ctx.storedAll(me), ...posted };
          let err = '';
          if (ctx.form.get('_wpnonce') !== ctx.session()!.session.csrf.slice(0, 10)) err = 'There was a problem saving your changes. Please try again.';
          else if (fields.some((f) => f.required && !(v[fname(f)] ?? '').trim())) err = 'Your changes have not been saved. Please fill in all required fields, and save your changes again.';
          else if (fields.some((f) => f.type === 'url' && v[fname(f)] && !isHttpUrl(v[fname(f)]!))) err = 'There was a problem updating some of your profile information. Please try again.';
          if (err) {
            ctx.rejectSave(me);
            return html(200, page(ctx, 'Profile', cls, theme(ctx, editForm(ctx, me, groupId, v, err, true))));
          }
          ctx.save(me, posted, posted);
          return redirect(`/members/${me.slug}/profile/edit/group/${groupId}/?updated=1`);
        }
        const values = { field_1: me.displayName, ...ctx.storedAll(me) };
        return html(200, page(ctx, 'Profile', cls, theme(ctx, editForm(ctx, me, groupId, values, ctx.query.has('updated') ? 'Changes saved.' : '', false))));
      }
      return html(200, page(ctx, `${user.displayName} | Profile`, 'members buddypress bp-user xprofile public bp-nouveau', theme(ctx, viewBody(ctx, user, { field_1: user.displayName, ...ctx.storedAll(user) }))));
    }
    return html(404, page(ctx, 'Page not found', 'error404', theme(ctx, '<h1>Oops! That page can&rsquo;t be found.</h1>')));
  },
};

