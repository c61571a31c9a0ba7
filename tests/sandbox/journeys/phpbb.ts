/**
 * phpBB 3.3 board (prosilver style).
 * Modelled on phpbb/phpbb: phpBB/styles/prosilver/template/login_body.html,
 * ucp_header.html, ucp_profile_profile_info.html, navbar_header.html,
 * memberlist_view.html, and the shipped custom profile fields (schema data:
 * phpbb_location, phpbb_website (url, 12–255), phpbb_interests, phpbb_occupation,
 * phpbb_facebook `[\w.]+` 5–50 → http://facebook.com/%s/, phpbb_twitter `[\w_]+`
 * 1–15 → http://twitter.com/%s, phpbb_youtube 3–60 → http://youtube.com/user/%s).
 * Facts only (ids, names, routes, classes); the markup is written here.
 */
import { e, isHttpUrl, linkify, redirect, safePath, token, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';
import { html } from '../http';

const HOST = 'phpbb-forum.test';
const COOKIE = 'phpbb3_k3x9f_sid';

interface Cpf {
  ident: string;
  label: string;
  type: 'string' | 'url' | 'text';
  size: number;
  min: number;
  max: number;
  pattern?: RegExp;
  contact?: { desc: string; url: (v: string) => string };
}

const CPFS: Cpf[] = [
  { ident: 'pf_phpbb_location', label: 'Location', type: 'string', size: 20, min: 2, max: 100 },
  { ident: 'pf_phpbb_website', label: 'Website', type: 'url', size: 40, min: 12, max: 255, contact: { desc: 'Visit website', url: (v) => v } },
  { ident: 'pf_phpbb_interests', label: 'Interests', type: 'text', size: 30, min: 2, max: 500 },
  { ident: 'pf_phpbb_occupation', label: 'Occupation', type: 'text', size: 30, min: 2, max: 500 },
  { ident: 'pf_phpbb_facebook', label: 'Facebook', type: 'string', size: 20, min: 5, max: 50, pattern: /^[\w.]+$/, contact: { desc: 'View Facebook profile', url: (v) => `http://facebook.com/${v}/` } },
  { ident: 'pf_phpbb_twitter', label: 'Twitter', type: 'string', size: 20, min: 1, max: 15, pattern: /^[\w_]+$/, contact: { desc: 'View Twitter profile', url: (v) => `http://twitter.com/${v}` } },
  { ident: 'pf_phpbb_skype', label: 'Skype', type: 'string', size: 20, min: 6, max: 32, pattern: /^[a-zA-Z][\w.,\-_]+$/, contact: { desc: 'View Skype profile', url: (v) => `skype:${v}?userinfo` } },
  { ident: 'pf_phpbb_youtube', label: 'YouTube', type: 'string', size: 20, min: 3, max: 60, pattern: /^[a-zA-Z][\w.,\-_]+$/, contact: { desc: 'View YouTube channel', url: (v) => `http://youtube.com/user/${v}` } },
];
const FIELD_NAMES = ['jabber', ...CPFS.map((c) => c.ident)];

function sidQ(ctx: SiteCtx, amp = '&amp;'): string {
  const s = ctx.session();
  return s ? `${amp}sid=${s.session.sid}` : '';
}

function layout(ctx: SiteCtx, title: string, section: string, body: string): string {
  const me = ctx.me();
  const sid = me ? ctx.session()!.session.sid : '';
  const q = (p: string) => (sid ? `${p}${p.includes('?') ? '&amp;' : '?'}sid=${sid}` : p);
  const userMenu = me
    ? `<li id="username_logged_in" class="rightside no-bulletin" data-skip-responsive="true">
        <div class="header-profile dropdown-container">
          <a href="${q('./ucp.php')}" class="header-avatar dropdown-trigger"><span class="username">${e(me.username)}</span> <i class="icon fa-caret-down fa-fw" aria-hidden="true"></i></a>
          <div class="dropdown">
            <div class="pointer"><div class="pointer-inner"></div></div>
            <ul class="dropdown-contents" role="menu">
              <li><a href="${q('./ucp.php')}" title="User Control Panel" role="menuitem"><i class="icon fa-sliders fa-fw" aria-hidden="true"></i><span>User Control Panel</span></a></li>
              <li><a href="${q(`./memberlist.php?mode=viewprofile&amp;u=${me.userId}`)}" title="Profile" role="menuitem"><i class="icon fa-user fa-fw" aria-hidden="true"></i><span>Profile</span></a></li>
              <li class="separator"></li>
              <li><a href="./ucp.php?mode=logout&amp;sid=${sid}" title="Logout [ ${e(me.username)} ]" accesskey="x" role="menuitem"><i class="icon fa-power-off fa-fw" aria-hidden="true"></i><span>Logout [ ${e(me.username)} ]</span></a></li>
            </ul>
          </div>
        </div>
      </li>`
    : `<li class="rightside" data-skip-responsive="true"><a href="./ucp.php?mode=login&amp;redirect=index.php" title="Login" accesskey="x" role="menuitem"><i class="icon fa-power-off fa-fw" aria-hidden="true"></i><span>Login</span></a></li>
       <li class="rightside" data-skip-responsive="true"><a href="./ucp.php?mode=register" role="menuitem"><i class="icon fa-pencil-square-o fa-fw" aria-hidden="true"></i><span>Register</span></a></li>`;
  return `<!DOCTYPE html>
<html dir="ltr" lang="en-gb">
<head>
<meta charset="utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Lumen Makers Forum - ${e(title)}</title>
<link href="./styles/prosilver/theme/stylesheet.css?assets_version=5" rel="stylesheet">
<style>
body{margin:0;background:#f5f7fa;font:13px/1.4 Verdana,Helvetica,Arial,sans-serif;color:#536482}
.wrap{max-width:1152px;margin:0 auto;padding:15px;background:#fff;border:1px solid #e6e9ed;border-radius:8px}
.headerbar{background:linear-gradient(#6aceff,#0076b1);border-radius:7px;padding:10px;color:#fff}.headerbar h1{margin:0;font-family:"Trebuchet MS",Arial;font-size:20px}
.navbar{background:#cadceb;border-radius:7px;padding:3px 10px;margin-top:4px}.linklist{list-style:none;margin:0;padding:4px 0;display:flex;gap:14px}.linklist .rightside{margin-left:auto}
.linklist .rightside~.rightside{margin-left:0}a{color:#105289;text-decoration:none}
.dropdown-container{position:relative}.dropdown{display:none;position:absolute;right:0;top:22px;background:#fff;border:1px solid #b4bac0;border-radius:5px;box-shadow:1px 3px 5px rgba(0,0,0,.2);z-index:10;min-width:200px}
.dropdown-visible .dropdown{display:block}.dropdown-contents{list-style:none;margin:0;padding:5px}.dropdown-contents li{padding:4px}.separator{border-top:1px solid #ccc;padding:0!important}
.panel{background:#ecf1f3;border-radius:7px;padding:10px;margin:8px 0}.bg1{background:#ecf3f7}.bg3{background:#e1ebf2}
.tabs ul{list-style:none;display:flex;gap:4px;margin:8px 0 0;padding:0}.tab a{display:block;background:#cadceb;padding:5px 10px;border-radius:5px 5px 0 0}.activetab a{background:#e1ebf2;font-weight:bold}
.cp-menu{float:left;width:19%}.cp-main{float:left;width:80%}.navigation ul{list-style:none;padding:0}.navigation a{display:block;padding:5px;background:#cadceb;margin-bottom:2px}.active-subsection a{background:#fff;font-weight:bold}
dl{display:flex;margin:6px 0}dt{width:40%;font-weight:bold}dd{margin:0}.inputbox{border:1px solid #b4bac0;padding:2px}.error{color:#bc2a4d}.button1,.button2{padding:3px 8px}
.page-footer{margin-top:20px;font-size:11px;text-align:center}
</style>
</head>
<body id="phpbb" class="nojs notouch section-${section} ltr ">
<div id="wrap" class="wrap">
  <a id="top" class="top-anchor" accesskey="t"></a>
  <div id="page-header">
    <div class="headerbar" role="banner"><div class="inner">
      <div id="site-description" class="site-description"><a id="logo" class="logo" href="${q('./index.php')}" title="Board index"><span class="site_logo"></span></a>
      <h1>Lumen Makers Forum</h1><p>A board for bakers, makers and small shops</p></div>
    </div></div>
    <div class="navbar" role="navigation"><div class="inner">
      <ul id="nav-main" class="nav-main linklist" role="menubar">
        <li class="in-menu"><a href="/app.php/help/faq" rel="help" title="Frequently Asked Questions" role="menuitem"><i class="icon fa-question-circle fa-fw" aria-hidden="true"></i><span>FAQ</span></a></li>
        ${userMenu}
      </ul>
      <ul id="nav-breadcrumbs" class="nav-breadcrumbs linklist navlinks" role="menubar"><li class="breadcrumbs"><span class="crumb"><a href="${q('./index.php')}" accesskey="h" data-navbar-reference="index"><span>Board index</span></a></span></li></ul>
    </div></div>
  </div>
  <div id="page-body" class="page-body" role="main">
${body}
  </div>
  <div id="page-footer" class="page-footer" role="contentinfo">
    <div class="copyright">Powered by <a href="https://www.phpbb.com/">phpBB</a>&reg; Forum Software &copy; phpBB Limited</div>
  </div>
</div>
<script src="./assets/javascript/core.js?assets_version=5"></script>
<script>
document.body.className = document.body.className.replace('nojs', 'hasjs');
document.querySelectorAll('.dropdown-trigger').forEach(function (t) {
  t.addEventListener('click', function (ev) { ev.preventDefault(); t.parentNode.classList.toggle('dropdown-visible'); });
});
</script>
</body>
</html>`;
}

function loginBody(redirectTo: string, error = '', username = ''): string {
  return `<form action="./ucp.php?mode=login" method="post" id="login" data-focus="username">
<div class="panel"><div class="inner"><div class="content">
  <h2 class="login-title">Login</h2>
  <fieldset class="fields1">
  ${error ? `<div class="error">${e(error)}</div>` : ''}
  <dl><dt><label for="username">Username:</label></dt>
    <dd><input type="text" tabindex="1" name="username" id="username" size="25" value="${e(username)}" class="inputbox autowidth" /></dd></dl>
  <dl><dt><label for="password">Password:</label></dt>
    <dd><input type="password" tabindex="2" id="password" name="password" size="25" class="inputbox autowidth" autocomplete="off" /></dd>
    <dd><a href="/app.php/user/forgot_password">I forgot my password</a></dd></dl>
  <dl><dd><label for="autologin"><input type="checkbox" name="autologin" id="autologin" tabindex="4" /> Remember me</label></dd>
    <dd><label for="viewonline"><input type="checkbox" name="viewonline" id="viewonline" tabindex="5" /> Hide my online status this session</label></dd></dl>
  <input type="hidden" name="redirect" value="${e(redirectTo)}" />
  <input type="hidden" name="creation_time" value="${Math.floor(Date.now() / 1000)}" />
  <input type="hidden" name="form_token" value="${token(20)}" />
  <dl><dt>&nbsp;</dt><dd><input type="hidden" name="sid" value="${token()}" /><input type="submit" name="login" tabindex="6" value="Login" class="button1" /></dd></dl>
  </fieldset>
</div></div></div>
<div class="panel"><div class="inner"><div class="content"><h3>Register</h3><p>In order to login you must be registered.</p><p><a href="./ucp.php?mode=register" class="button2">Register</a></p></div></div></div>
</form>`;
}

function ucpFrame(ctx: SiteCtx, active: string, main: string): string {
  const sid = sidQ(ctx);
  const sub = [
    ['profile_info', 'Edit profile'],
    ['signature', 'Edit signature'],
    ['avatar', 'Edit avatar'],
    ['reg_details', 'Edit account settings'],
    ['autologin_keys', 'Manage “Remember me” login keys'],
  ]
    .map(([mode, label]) =>
      mode === active
        ? `<li id="active-subsection" class="active-subsection"><a href="./ucp.php?i=ucp_profile&amp;mode=${mode}${sid}"><span>${label}</span></a></li>`
        : `<li><a href="./ucp.php?i=ucp_profile&amp;mode=${mode}${sid}"><span>${label}</span></a></li>`,
    )
    .join('\n');
  return `<h2 class="ucp-title">User Control Panel</h2>
<div id="tabs" class="tabs"><ul>
  <li class="tab"><a href="./ucp.php?i=ucp_main${sid}">Overview</a></li>
  <li class="tab activetab"><a href="./ucp.php?i=ucp_profile${sid}">Profile</a></li>
  <li class="tab"><a href="./ucp.php?i=ucp_prefs${sid}">Board preferences</a></li>
  <li class="tab"><a href="./ucp.php?i=ucp_pm${sid}">Private messages</a></li>
</ul></div>
<div class="panel bg3"><div class="inner"><div style="width: 100%;">
<div id="cp-menu" class="cp-menu"><div id="navigation" class="navigation" role="navigation"><ul>
${sub}
</ul></div></div>
<div id="cp-main" class="cp-main ucp-main panel-container">
${main}
</div><div style="clear:both"></div>
</div></div></div>`;
}

function cpfControl(c: Cpf, value: string): string {
  if (c.type === 'text') return `<textarea name="${c.ident}" id="${c.ident}" rows="3" cols="30" class="inputbox">${e(value)}</textarea>`;
  return `<input type="${c.type === 'url' ? 'url' : 'text'}" class="inputbox autowidth" name="${c.ident}" id="${c.ident}" size="${c.size}" maxlength="${c.max}" value="${e(value)}" />`;
}

function profileInfoBody(ctx: SiteCtx, user: JourneyUser, values: Fields, error = ''): string {
  const rows = CPFS.map(
    (c) => `<dl>
      <dt><label for="${c.ident}">${c.label}:</label></dt>
      <dd>${cpfControl(c, values[c.ident] ?? '')}</dd>
    </dl>`,
  ).join('\n');
  const main = `<form id="ucp" method="post" action="./ucp.php?i=ucp_profile&amp;mode=profile_info${sidQ(ctx)}">
<h2>Edit profile</h2>
<div class="panel"><div class="inner">
  <p>Please note that this information will be viewable to other members. Be careful when including any personal details. Any fields marked with a * must be completed.</p>
  <fieldset>
  ${error ? `<p class="error">${e(error)}</p>` : ''}
  <dl><dt><label for="jabber">Jabber address:</label></dt><dd><input type="email" name="jabber" id="jabber" maxlength="255" value="${e(values.jabber ?? '')}" class="inputbox" /></dd></dl>
  ${rows}
  </fieldset>
</div></div>
<fieldset class="submit-buttons">
  <input type="hidden" name="creation_time" value="${Math.floor(Date.now() / 1000)}" /><input type="hidden" name="form_token" value="${token(20)}" />
  <input type="reset" value="Reset" name="reset" class="button2" />&nbsp;
  <input type="submit" name="submit" value="Submit" class="button1" />
</fieldset>
</form>`;
  return ucpFrame(ctx, 'profile_info', main);
}

/** phpBB validates every field before storing anything; one error rejects the form. */
function validate(values: Fields): string {
  for (const c of CPFS) {
    const v = values[c.ident] ?? '';
    if (!v) continue;
    if (v.length < c.min) return `The field “${c.label}” is too short, a minimum of ${c.min} characters is required.`;
    if (v.length > c.max) return `The field “${c.label}” is too long, a maximum of ${c.max} characters is allowed.`;
    if (c.type === 'url' && !isHttpUrl(v)) return `The field “${c.label}” has an invalid value.`;
    if (c.pattern && !c.pattern.test(v)) return `The field “${c.label}” has invalid characters.`;
  }
  if (values.jabber && !/^[^\s@]+@[^\s@]+$/.test(values.jabber)) return 'The Jabber address you entered is invalid.';
  return '';
}

function viewProfileBody(user: JourneyUser, s: Fields): string {
  const text = (id: string, label: string) => (s[id] ? `<dt>${label}:</dt> <dd>${linkify(s[id]!, 'nofollow')}</dd>` : '');
  const contacts = CPFS.filter((c) => c.contact && s[c.ident])
    .map((c) => `<dt>${c.label}:</dt> <dd><a href="${e(c.contact!.url(s[c.ident]!))}" class="postlink">${c.contact!.desc}</a></dd>`)
    .join('\n');
  return `<h2 class="memberlist-title">Viewing profile - ${e(user.username)}</h2>
<form method="post" action="./memberlist.php?mode=group" id="viewprofile">
<div class="panel bg1"><div class="inner">
  <dl class="left-box details profile-details">
    <dt>Username:</dt><dd><span>${e(user.username)}</span></dd>
    <dt>Rank:</dt><dd>Registered User</dd>
    ${s.pf_phpbb_location ? `<dt>Location:</dt> <dd>${e(s.pf_phpbb_location)}</dd>` : ''}
    ${text('pf_phpbb_interests', 'Interests')}
    ${text('pf_phpbb_occupation', 'Occupation')}
  </dl>
</div></div>
<div class="panel bg2"><div class="inner">
  <div class="column2"><h3>Contact ${e(user.username)}</h3>
  <dl class="details">
    ${contacts}
  </dl></div>
</div></div>
</form>`;
}

export const phpbb: JourneySite = {
  firstUserId: 53,
  spec: {
    host: HOST,
    platform: 'phpbb',
    modelledOn: 'phpBB 3.3 (prosilver) with the shipped custom profile fields',
    sources: [
      'phpbb/phpbb phpBB/styles/prosilver/template/login_body.html',
      'phpbb/phpbb phpBB/styles/prosilver/template/ucp_profile_profile_info.html',
      'phpbb/phpbb phpBB/styles/prosilver/template/ucp_header.html',
      'phpbb/phpbb phpBB/styles/prosilver/template/navbar_header.html',
      'phpbb/phpbb install schema data: phpbb_profile_fields (phpbb_website, phpbb_facebook, phpbb_twitter, phpbb_youtube …)',
    ],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/index.php',
    loginPath: '/ucp.php?mode=login',
    loginFields: { identifier: 'username', password: 'password', remember: 'autologin' },
    twoFactor: null,
    sessionCookie: COOKIE,
    signedInLoginRedirect: '/index.php',
    editorReach: 'user-menu',
    editorPath: () => '/ucp.php?i=ucp_profile&mode=profile_info',
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: () => '/ucp.php?i=ucp_profile&mode=profile_info' },
    linkFields: [
      { name: 'pf_phpbb_website', label: 'Website', kind: 'website', format: 'url' },
      { name: 'pf_phpbb_facebook', label: 'Facebook', kind: 'platform', platform: 'facebook', format: 'handle' },
      { name: 'pf_phpbb_twitter', label: 'Twitter', kind: 'platform', platform: 'twitter', format: 'handle' },
      { name: 'pf_phpbb_youtube', label: 'YouTube', kind: 'platform', platform: 'youtube', format: 'handle' },
      { name: 'pf_phpbb_interests', label: 'Interests', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/memberlist.php?mode=viewprofile&u=${u.userId}`,
    linksVisibleOnPublic: (s) => {
      const out: string[] = [];
      if (s.pf_phpbb_website) out.push(s.pf_phpbb_website);
      if (s.pf_phpbb_facebook) out.push(`http://facebook.com/${s.pf_phpbb_facebook}/`);
      if (s.pf_phpbb_twitter) out.push(`http://twitter.com/${s.pf_phpbb_twitter}`);
      if (s.pf_phpbb_youtube) out.push(`http://youtube.com/user/${s.pf_phpbb_youtube}`);
      out.push(...urlsIn(s.pf_phpbb_interests ?? ''), ...urlsIn(s.pf_phpbb_occupation ?? ''));
      return out;
    },
    logout: { method: 'GET', path: () => '/ucp.php?mode=logout' },
    notes:
      'Facebook/Twitter/YouTube take handles (phpBB validation patterns and max lengths); one invalid field rejects the whole form. Session id also travels as the sid query parameter on every link.',
  },
  handle(ctx) {
    // phpBB carries the session id in ?sid= as well as in its cookie.
    const qsid = ctx.query.get('sid');
    if (qsid && !ctx.cookies[COOKIE] && ctx.store.sessions.has(qsid)) ctx.cookies[COOKIE] = qsid;
    const p = ctx.path;
    const mode = ctx.query.get('mode') ?? '';
    const me = ctx.me();
    if (p === '/' || p === '/index.php') {
      return html(200, layout(ctx, 'Index page', 'index', `<h2>Board index</h2><div class="forabg"><ul class="topiclist forums"><li class="row"><a href="./viewforum.php?f=2" class="forumtitle">Bakery talk</a></li><li class="row"><a href="./viewforum.php?f=3" class="forumtitle">Shop tools</a></li></ul></div>${me ? '' : '<p><a href="./ucp.php?mode=login">Login</a> to post.</p>'}`));
    }
    if (p === '/ucp.php') {
      if (mode === 'login') {
        if (ctx.method === 'POST') {
          const username = ctx.form.get('username') ?? '';
          const user = ctx.checkPassword(username, ctx.form.get('password') ?? '', 'username');
          const to = safePath('/' + (ctx.form.get('redirect') ?? 'index.php').replace(/^\.?\//, ''), '/index.php');
          if (!user) return html(200, layout(ctx, 'Login', 'ucp', loginBody(ctx.form.get('redirect') ?? 'index.php', 'You have specified an incorrect username. Please check your username and try again.', username)));
          const { headers, session } = ctx.startSession(user, { next: to, remember: ctx.form.get('autologin') === 'on' });
          return redirect(`${to}${to.includes('?') ? '&' : '?'}sid=${session.sid}`, headers);
        }
        if (me) return redirect('/index.php');
        return html(200, layout(ctx, 'Login', 'ucp', loginBody(ctx.query.get('redirect') ?? 'index.php')));
      }
      if (mode === 'logout') {
        const headers = ctx.logout();
        return redirect('/index.php', headers);
      }
      if (!me) {
        const back = `ucp.php${ctx.req.url.search.replace(/[?&]sid=[^&]*/, '')}`;
        return html(200, layout(ctx, 'Login', 'ucp', loginBody(back)));
      }
      const i = ctx.query.get('i') ?? '';
      if ((i === 'ucp_profile' || i === 'profile') && (mode === 'profile_info' || mode === '')) {
        if (ctx.method === 'POST') {
          const posted = ctx.pick(FIELD_NAMES);
          const values = { ...ctx.storedAll(me), ...posted };
          const err = validate(values);
          if (err) {
            ctx.rejectSave(me);
            return html(200, layout(ctx, 'User Control Panel - Edit profile', 'ucp', profileInfoBody(ctx, me, values, err)));
          }
          ctx.save(me, posted, posted);
          const back = `./ucp.php?i=ucp_profile&amp;mode=profile_info${sidQ(ctx)}`;
          return html(200, layout(ctx, 'Information', 'ucp', `<div class="panel" id="message"><div class="inner"><h2 class="message-title">Information</h2><p>Your profile has been updated.<br /><br /><a href="${back}">Return to the User Control Panel</a></p></div></div>`).replace('<head>', `<head>\n<meta http-equiv="refresh" content="3; url=${back}" />`));
        }
        return html(200, layout(ctx, 'User Control Panel - Edit profile', 'ucp', profileInfoBody(ctx, me, ctx.storedAll(me))));
      }
      return html(200, layout(ctx, 'User Control Panel', 'ucp', ucpFrame(ctx, '', `<h2>Welcome to the User Control Panel</h2><p>From here you can view and alter your profile, preferences, subscribed forums and topics.</p>`)));
    }
    if (p === '/memberlist.php' && mode === 'viewprofile') {
      const user = ctx.userById(ctx.query.get('u'));
      if (!user) return html(404, layout(ctx, 'Information', 'memberlist', '<div class="panel"><h2>Information</h2><p>The requested user does not exist.</p></div>'));
      return html(200, layout(ctx, `Viewing profile - ${user.username}`, 'memberlist', viewProfileBody(user, ctx.storedAll(user))));
    }
    return html(404, layout(ctx, 'Information', 'index', '<div class="panel"><h2>Information</h2><p>The requested page could not be found.</p></div>'));
  },
};
