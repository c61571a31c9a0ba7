/**
 * Moodle 4.0 (Boost theme): the profile editor whose link fields sit in
 * collapsed sections (an accordion).
 * Modelled on moodle/moodle: user/editlib.php (useredit_shared_definition:
 * header `moodle_optional` "Optional" holding `url` "Web page" maxlength 255
 * PARAM_URL, icq, skype, …; `description_editor[text]`), user/edit.php
 * (hidden `id`, `course`, `sesskey`, `_qf__user_edit_form`; saving returns to
 * user/profile.php), the custom profile fields (`profile_field_<shortname>`
 * under their category header), lib/form's collapsible headers (collapsed
 * after the first, `a[data-toggle="collapse"][href="#id_<header>container"]`,
 * an "Expand all" link), login/index.php's form (`username`, `password`,
 * `logintoken`, #loginbtn) and the user menu (#user-menu-toggle: Profile,
 * Preferences, Log out with sesskey). Facts only; markup and JS written here.
 */
import { html } from '../http';
import { e, isHttpUrl, linkify, redirect, safePath, token, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';

const HOST = 'moodle-campus.test';

interface Field {
  name: string;
  label: string;
  maxlength: number;
  size: number;
  type?: 'url';
}
interface Section {
  id: string;
  title: string;
  fields: Field[];
}
const SECTIONS: Section[] = [
  {
    id: 'moodle_optional',
    title: 'Optional',
    fields: [
      { name: 'idnumber', label: 'ID number', maxlength: 255, size: 25 },
      { name: 'institution', label: 'Institution', maxlength: 255, size: 25 },
      { name: 'department', label: 'Department', maxlength: 255, size: 25 },
      { name: 'url', label: 'Web page', maxlength: 255, size: 50, type: 'url' },
      { name: 'skype', label: 'Skype ID', maxlength: 50, size: 25 },
      { name: 'phone1', label: 'Phone', maxlength: 20, size: 25 },
    ],
  },
  {
    id: 'category_2',
    title: 'Social profiles',
    fields: [
      { name: 'profile_field_twitter', label: 'Twitter', maxlength: 255, size: 30 },
      { name: 'profile_field_facebook', label: 'Facebook', maxlength: 255, size: 30 },
      { name: 'profile_field_youtube', label: 'YouTube', maxlength: 255, size: 30 },
    ],
  },
];
const FIELD_NAMES = ['firstname', 'lastname', 'city', 'description_editor[text]', ...SECTIONS.flatMap((s) => s.fields.map((f) => f.name))];

function page(ctx: SiteCtx, title: string, pageId: string, main: string, notice = ''): string {
  const me = ctx.me();
  const sesskey = ctx.session()?.session.csrf.slice(0, 10) ?? '';
  const userMenu = me
    ? `<div class="usermenu"><div class="dropdown show">
        <a href="#" role="button" id="user-menu-toggle" data-toggle="dropdown" aria-label="User menu" aria-haspopup="true" aria-controls="user-action-menu" class="btn dropdown-toggle"><span class="userbutton"><span class="avatars"><span class="userinitials size-35">${e(me.displayName.slice(0, 2).toUpperCase())}</span></span></span></a>
        <div id="user-action-menu" class="dropdown-menu dropdown-menu-right"><div id="usermenu-carousel" class="carousel slide"><div class="carousel-inner"><div class="carousel-item active" role="menu" aria-labelledby="user-menu-toggle">
          <a href="/user/profile.php?id=${me.userId}" class="dropdown-item" role="menuitem" tabindex="-1">Profile</a>
          <a href="/grade/report/overview/index.php" class="dropdown-item" role="menuitem" tabindex="-1">Grades</a>
          <a href="/calendar/view.php?view=month" class="dropdown-item" role="menuitem" tabindex="-1">Calendar</a>
          <a href="/user/preferences.php" class="dropdown-item" role="menuitem" tabindex="-1">Preferences</a>
          <div class="dropdown-divider"></div>
          <a href="/login/logout.php?sesskey=${sesskey}" class="dropdown-item" role="menuitem" tabindex="-1">Log out</a>
        </div></div></div></div>
      </div></div>`
    : `<div class="usermenu"><span class="login pl-2">You are not logged in. (<a href="/login/index.php">Log in</a>)</span></div>`;
  return `<!DOCTYPE html>
<html dir="ltr" lang="en" xml:lang="en">
<head>
<title>${e(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="keywords" content="moodle, ${e(title)}" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" type="text/css" href="/theme/styles.php/boost/1700000000_1/all" />
<script src="/lib/javascript.php/1700000000/lib/polyfills/polyfill.js"></script>
<style>
body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2125;background:#f5f5f5}a{color:#0f6cbf;text-decoration:none}
.navbar{display:flex;align-items:center;gap:18px;height:60px;padding:0 20px;background:#fff;box-shadow:0 2px 4px rgba(0,0,0,.08)}.navbar-brand{font-weight:bold;margin-right:auto;color:#1d2125}.primary-navigation a{margin-right:14px}
.dropdown{position:relative}.dropdown-menu{display:none;position:absolute;right:0;top:44px;background:#fff;border:1px solid rgba(0,0,0,.15);border-radius:4px;min-width:200px;padding:6px 0;z-index:20}.dropdown-menu.show{display:block}.dropdown-item{display:block;padding:6px 18px;color:#1d2125}.dropdown-divider{border-top:1px solid #e9ecef;margin:6px 0}
.userinitials{display:inline-grid;place-items:center;width:35px;height:35px;border-radius:50%;background:#e9ecef;font-weight:bold}.btn{border:0;background:none;cursor:pointer;font:inherit}
#page{max-width:1000px;margin:20px auto;background:#fff;padding:24px 30px;border:1px solid #dee2e6}.btn-primary{background:#0f6cbf;color:#fff;border-radius:4px;padding:7px 14px}.btn-secondary{background:#ced4da;border-radius:4px;padding:7px 14px}
.form-group.row{display:flex;margin-bottom:14px}.col-md-3{width:25%;font-weight:600}.col-md-9{width:75%}.form-control{width:100%;max-width:480px;box-sizing:border-box;padding:6px 10px;border:1px solid #8f959e;border-radius:4px;font:inherit}
.collapse:not(.show){display:none}.ftoggler{display:flex;align-items:center;gap:6px;margin:14px 0 8px}.ftoggler h3{margin:0;font-size:18px}.fheader::before{content:"▾";display:inline-block;margin-right:4px}.fheader.collapsed::before{content:"▸"}
.collapsible-actions{text-align:right}.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.alert-success{background:#d7e6d5;padding:10px;border-radius:4px;margin-bottom:14px}.alert-danger{background:#f4d6d2;padding:10px;border-radius:4px;margin-bottom:14px}
.invalid-feedback{color:#ca3120;font-size:13px}dl.profile dt{font-weight:bold}dl.profile dd{margin:0 0 10px}.login-form{max-width:360px;margin:40px auto}
</style>
</head>
<body id="${pageId}" class="${pageId.replace(/^page-/, 'path-').replace(/-[a-z]+$/, '')} chrome dir-ltr lang-en yui-skin-sam yui3-skin-sam pagelayout-${me ? 'mydashboard' : 'login'} course-1 context-1 notloggedin">
<div id="page-wrapper" class="d-print-block">
<nav class="navbar fixed-top navbar-light bg-white navbar-expand" aria-label="Site navigation">
  <a href="/" class="navbar-brand d-flex align-items-center m-0 mr-4 p-0 aabtn">Lumen Campus</a>
  <div class="primary-navigation"><nav class="moremenu navigation"><a role="menuitem" class="nav-link" href="/">Home</a>${me ? '<a role="menuitem" class="nav-link" href="/my/">Dashboard</a><a role="menuitem" class="nav-link" href="/my/courses.php">My courses</a>' : ''}</nav></div>
  ${userMenu}
</nav>
<div id="page" class="container-fluid d-print-block"><div id="page-content" class="pb-3 d-print-block"><div id="region-main-box"><section id="region-main" aria-label="Content">
${notice}
${main}
</section></div></div></div>
<footer id="page-footer" class="py-3 bg-dark text-light"><div class="container"><div class="logininfo">${me ? `You are logged in as <a href="/user/profile.php" title="View profile">${e(me.displayName)}</a>` : 'You are not logged in.'}</div><div class="purgecaches"></div><p style="font-size:12px;text-align:center">Powered by <a href="https://moodle.com">Moodle</a></p></div></footer>
</div>
<script>
// Bootstrap-like behaviour of Boost: dropdowns and collapsible form sections.
document.querySelectorAll('[data-toggle="dropdown"]').forEach(function (t) {
  t.addEventListener('click', function (ev) { ev.preventDefault(); var m = t.parentNode.querySelector('.dropdown-menu'); var open = m.classList.toggle('show'); t.setAttribute('aria-expanded', String(open)); });
});
function setSection(toggle, open) {
  var target = document.querySelector(toggle.getAttribute('href'));
  target.classList.toggle('show', open); toggle.classList.toggle('collapsed', !open); toggle.setAttribute('aria-expanded', String(open));
  var flag = document.querySelector('input[name="mform_isexpanded_' + target.id.replace(/container$/, '') + '"]'); if (flag) flag.value = open ? '1' : '0';
}
document.querySelectorAll('a[data-toggle="collapse"]').forEach(function (t) {
  t.addEventListener('click', function (ev) { ev.preventDefault(); setSection(t, !document.querySelector(t.getAttribute('href')).classList.contains('show')); });
});
document.querySelectorAll('a.collapseexpand').forEach(function (x) {
  x.addEventListener('click', function (ev) {
    ev.preventDefault(); var open = x.getAttribute('aria-expanded') !== 'true';
    x.closest('form').querySelectorAll('a[data-toggle="collapse"]').forEach(function (t) { setSection(t, open); });
    x.setAttribute('aria-expanded', String(open)); x.textContent = open ? 'Collapse all' : 'Expand all';
  });
});
</script>
</body>
</html>`;
}

function loginBody(error = '', username = ''): string {
  return `<div class="login-form"><h2 class="login-heading mb-4">Log in to Lumen Campus</h2>
${error ? `<div class="alert alert-danger" role="alert" data-aria-autofocus="true">${e(error)}</div>` : ''}
<form class="login-form" action="/login/index.php" method="post" id="login">
  <input id="anchor" type="hidden" name="anchor" value="">
  <input type="hidden" name="logintoken" value="${token(16)}">
  <div class="login-form-username form-group"><label for="username" class="sr-only">Username</label>
    <input type="text" name="username" id="username" class="form-control form-control-lg" value="${e(username)}" placeholder="Username" autocomplete="username"></div>
  <div class="login-form-password form-group"><label for="password" class="sr-only">Password</label>
    <input type="password" name="password" id="password" value="" class="form-control form-control-lg" placeholder="Password" autocomplete="current-password"></div>
  <div class="login-form-submit form-group"><button class="btn btn-primary btn-lg" type="submit" id="loginbtn">Log in</button></div>
  <div class="login-form-forgotpassword form-group"><a href="/login/forgot_password.php">Lost password?</a></div>
</form></div>`;
}

function item(f: { name: string; label: string; maxlength?: number; size?: number }, v: string, error = '', required = false): string {
  const id = `id_${f.name.replace(/[[\]]+/g, '_').replace(/_$/, '')}`;
  return `<div id="fitem_${id}" class="form-group row fitem${error ? ' has-danger' : ''}">
  <div class="col-md-3 col-form-label d-flex pb-0 pr-md-0"><label class="d-inline word-break" for="${id}">${e(f.label)}</label>${required ? '<div class="form-label-addon d-flex align-items-center align-self-start"><abbr class="initialism text-danger" title="Required">*</abbr></div>' : ''}</div>
  <div class="col-md-9 form-inline align-items-start felement" data-fieldtype="text">
    <input type="text" class="form-control${error ? ' is-invalid' : ''}" name="${f.name}" id="${id}" value="${e(v)}"${f.size ? ` size="${f.size}"` : ''}${f.maxlength ? ` maxlength="${f.maxlength}"` : ''}${required ? ' required' : ''}>
    <div class="form-control-feedback invalid-feedback" id="${id.replace(/^id_/, 'id_error_')}">${e(error)}</div>
  </div>
</div>`;
}

function section(id: string, title: string, body: string, open: boolean): string {
  return `<fieldset class="clearfix collapsible" id="id_${id}">
  <legend class="sr-only">${e(title)}</legend>
  <div class="d-flex align-items-center mb-2"><div class="position-relative d-flex ftoggler align-items-center position-relative mr-1">
    <a data-toggle="collapse" href="#id_${id}container" role="button" aria-expanded="${open}" aria-controls="id_${id}container" class="btn btn-icon mr-1 icons-collapse-expand stretched-link fheader${open ? '' : ' collapsed'}" id="collapseElement-${id}"><span class="sr-only">${e(title)}</span></a>
    <h3 class="d-flex align-self-stretch align-items-center mb-0" aria-hidden="true">${e(title)}</h3>
  </div></div>
  <div id="id_${id}container" class="fcontainer collapseable collapse${open ? ' show' : ''}">
${body}
  </div>
</fieldset>`;
}

function editBody(ctx: SiteCtx, me: JourneyUser, v: Fields, errors: Record<string, string>): string {
  const general = [
    item({ name: 'firstname', label: 'First name', maxlength: 100, size: 30 }, v.firstname ?? '', errors.firstname, true),
    item({ name: 'lastname', label: 'Last name', maxlength: 100, size: 30 }, v.lastname ?? '', errors.lastname, true),
    `<div id="fitem_id_email" class="form-group row fitem"><div class="col-md-3 col-form-label"><label for="id_email">Email address</label></div><div class="col-md-9 felement"><input type="text" class="form-control" name="email" id="id_email" value="${e(me.email)}" size="30" maxlength="100" readonly></div></div>`,
    item({ name: 'city', label: 'City/town', maxlength: 120, size: 21 }, v.city ?? ''),
    `<div id="fitem_id_description_editor" class="form-group row fitem"><div class="col-md-3 col-form-label"><label for="id_description_editor">Description</label></div><div class="col-md-9 felement" data-fieldtype="editor"><textarea id="id_description_editor" name="description_editor[text]" class="form-control" rows="8" cols="80">${e(v['description_editor[text]'] ?? '')}</textarea><input type="hidden" name="description_editor[format]" value="1"></div></div>`,
  ].join('\n');
  const open = (id: string) => SECTIONS.find((s) => s.id === id)!.fields.some((f) => errors[f.name]);
  const sections = SECTIONS.map((s) => section(s.id, s.title, s.fields.map((f) => item(f, v[f.name] ?? '', errors[f.name])).join('\n'), open(s.id))).join('\n');
  return `<h2>${e(me.displayName)}</h2>
<form autocomplete="off" action="/user/edit.php" method="post" accept-charset="utf-8" id="mform1_${token(5)}" class="mform" data-boost-form-errors-enhanced="1">
  <div style="display: none;"><input name="course" type="hidden" value="1"><input name="id" type="hidden" value="${me.userId}"><input name="returnto" type="hidden" value="profile"><input name="sesskey" type="hidden" value="${ctx.session()!.session.csrf.slice(0, 10)}"><input name="_qf__user_edit_form" type="hidden" value="1">
  <input name="mform_isexpanded_id_moodle" type="hidden" value="1">${SECTIONS.map((s) => `<input name="mform_isexpanded_id_${s.id}" type="hidden" value="0">`).join('')}</div>
  <div class="collapsible-actions"><a href="#" class="collapseexpand" aria-expanded="false" role="button">Expand all</a></div>
  ${section('moodle', 'General', general, true)}
  ${sections}
  <div class="form-group row fitem femptylabel" data-groupname="buttonar"><div class="col-md-9 offset-md-3 felement"><input type="submit" class="btn btn-primary" name="submitbutton" id="id_submitbutton" value="Update profile"> <input type="submit" class="btn btn-secondary" name="cancel" id="id_cancel" value="Cancel" data-skip-validation="1" formnovalidate></div></div>
</form>`;
}

function profileBody(ctx: SiteCtx, user: JourneyUser, s: Fields): string {
  const isMe = ctx.me()?.taskId === user.taskId;
  const rows = [
    s.url ? `<dt>Web page</dt><dd><a href="${e(s.url)}">${e(s.url)}</a></dd>` : '',
    s.city ? `<dt>City/town</dt><dd>${e(s.city)}</dd>` : '',
    ...SECTIONS[1]!.fields.filter((f) => s[f.name]).map((f) => `<dt>${e(f.label)}</dt><dd>${linkify(s[f.name]!, 'nofollow')}</dd>`),
  ].join('');
  return `<div class="page-context-header"><h2 class="h2">${e([s.firstname, s.lastname].filter(Boolean).join(' ') || user.displayName)}</h2></div>
<div class="userprofile">
  ${s['description_editor[text]'] ? `<div class="description"><div class="no-overflow">${linkify(s['description_editor[text]']!, 'nofollow')}</div></div>` : ''}
  <div class="profile_tree"><section class="node_category card d-inline-block w-100 mb-3"><div class="card-body"><h3 class="lead">User details</h3>
    ${isMe ? '<div class="float-right"><a href="/user/edit.php">Edit profile</a></div>' : ''}
    <dl class="profile">${rows}</dl>
  </div></section></div>
</div>`;
}

export const moodle: JourneySite = {
  firstUserId: 3,
  spec: {
    host: HOST,
    platform: 'moodle',
    modelledOn: 'Moodle 4.0 (Boost): link fields in the collapsed "Optional" and custom-field sections',
    sources: ['moodle/moodle user/editlib.php (useredit_shared_definition), user/edit.php, login/index.php form, Boost collapsible form headers and user menu'],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/',
    loginPath: '/login/index.php',
    loginFields: { identifier: 'username', password: 'password' },
    twoFactor: null,
    sessionCookie: 'MoodleSession',
    signedInLoginRedirect: '/my/',
    editorReach: 'user-menu',
    editorPath: () => '/user/edit.php',
    editorNeedsTab: true,
    editorTab: { selector: 'a.collapseexpand', text: 'Expand all' },
    save: { method: 'POST', encoding: 'form', path: () => '/user/edit.php' },
    linkFields: [
      { name: 'description_editor[text]', label: 'Description', kind: 'bio', format: 'text' },
      { name: 'url', label: 'Web page', kind: 'website', format: 'url', tab: 'Optional' },
      { name: 'profile_field_twitter', label: 'Twitter', kind: 'platform', platform: 'twitter', format: 'url', tab: 'Social profiles' },
      { name: 'profile_field_facebook', label: 'Facebook', kind: 'platform', platform: 'facebook', format: 'url', tab: 'Social profiles' },
      { name: 'profile_field_youtube', label: 'YouTube', kind: 'platform', platform: 'youtube', format: 'url', tab: 'Social profiles' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/user/profile.php?id=${u.userId}`,
    linksVisibleOnPublic: (s) => [
      ...urlsIn(s['description_editor[text]'] ?? ''),
      ...(s.url ? [s.url] : []),
      ...SECTIONS[1]!.fields.flatMap((f) => urlsIn(s[f.name] ?? '')),
    ],
    logout: { method: 'GET', path: () => '/login/logout.php' },
    notes:
      'An accordion rather than tabs: "Web page" is in the collapsed "Optional" section and the Twitter/Facebook/YouTube custom fields in the collapsed "Social profiles" section (in the DOM, display:none until their toggle or "Expand all" is clicked). First/last name are required. Logout without its sesskey asks to confirm.',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const me = ctx.me();
    if (p === '/' || p === '/index.php') return html(200, page(ctx, 'Lumen Campus', 'page-site-index', `<h2>Lumen Campus</h2><p>Baking courses for small businesses.</p>`));
    if (p === '/login/index.php') {
      if (ctx.method === 'POST') {
        const username = ctx.form.get('username') ?? '';
        const user = ctx.checkPassword(username, ctx.form.get('password') ?? '', 'username');
        if (!user) return html(200, page(ctx, 'Lumen Campus: Log in to the site', 'page-login-index', loginBody('Invalid login, please try again', username)));
        const next = safePath(ctx.query.get('wantsurl'), '/my/');
        const { headers } = ctx.startSession(user, { next });
        return redirect(next, headers, 303);
      }
      if (me) return redirect('/my/');
      return html(200, page(ctx, 'Lumen Campus: Log in to the site', 'page-login-index', loginBody()));
    }
    if (p === '/login/logout.php') {
      const s = ctx.session();
      if (!s) return redirect('/');
      if (ctx.query.get('sesskey') === s.session.csrf.slice(0, 10)) return redirect('/', ctx.logout(), 303);
      return html(200, page(ctx, 'Log out', 'page-login-logout', `<div class="modal-body"><p>Do you really want to log out?</p><a class="btn btn-primary" href="/login/logout.php?sesskey=${s.session.csrf.slice(0, 10)}">Continue</a> <a class="btn btn-secondary" href="/">Cancel</a></div>`));
    }
    if (p === '/my') {
      if (!me) return redirect('/login/index.php');
      return html(200, page(ctx, 'Dashboard', 'page-my-index', `<h2>Hi, ${e(me.displayName)}! 👋</h2><section class="block_timeline card"><div class="card-body"><h5>Timeline</h5><p>No activities require action</p></div></section>`));
    }
    if (p === '/user/preferences.php') {
      if (!me) return redirect('/login/index.php');
      return html(200, page(ctx, 'Preferences', 'page-user-preferences', `<h2>Preferences</h2><div class="card"><div class="card-body"><h4>User account</h4><ul class="list-unstyled"><li><a href="/user/edit.php">Edit profile</a></li><li><a href="/login/change_password.php">Change password</a></li><li><a href="/user/language.php">Preferred language</a></li></ul></div></div>`));
    }
    if (p === '/user/edit.php') {
      if (!me) return redirect(`/login/index.php?wantsurl=${encodeURIComponent('/user/edit.php')}`);
      if (ctx.method === 'POST') {
        if (ctx.form.has('cancel')) return redirect(`/user/profile.php?id=${me.userId}`, {}, 303);
        const posted = ctx.pick(FIELD_NAMES);
        const v = { ...ctx.storedAll(me), ...posted };
        const errors: Record<string, string> = {};
        if (ctx.form.get('sesskey') !== ctx.session()!.session.csrf.slice(0, 10)) errors.firstname = 'Incorrect sesskey submitted, form not accepted!';
        if (!(v.firstname ?? '').trim()) errors.firstname = 'Missing given name';
        if (!(v.lastname ?? '').trim()) errors.lastname = 'Missing last name';
        if (v.url && !isHttpUrl(v.url)) errors.url = 'Invalid URL';
        if (Object.keys(errors).length) {
          ctx.rejectSave(me);
          return html(200, page(ctx, 'Edit profile', 'page-user-edit', editBody(ctx, me, v, errors)));
        }
        ctx.save(me, posted, posted);
        return redirect(`/user/profile.php?id=${me.userId}&updated=1`, {}, 303);
      }
      const [first, ...rest] = me.displayName.split(' ');
      return html(200, page(ctx, 'Edit profile', 'page-user-edit', editBody(ctx, me, { firstname: first ?? me.username, lastname: rest.join(' ') || 'Bakery', ...ctx.storedAll(me) }, {})));
    }
    if (p === '/user/profile.php') {
      const id = ctx.query.get('id');
      const user = id ? ctx.userById(id) : me;
      if (!user) return id ? html(404, page(ctx, 'Error', 'page-user-profile', '<div class="alert alert-danger">Invalid user</div>')) : redirect('/login/index.php');
      const notice = ctx.query.has('updated') && me?.taskId === user.taskId ? '<div class="alert alert-success alert-block fade in" role="alert">Changes saved</div>' : '';
      return html(200, page(ctx, `${user.displayName}: Public profile`, 'page-user-profile', profileBody(ctx, user, ctx.storedAll(user)), notice));
    }
    return html(404, page(ctx, 'Error', 'page-site-index', '<div class="alert alert-danger">The requested page does not exist.</div>'));
  },
};
