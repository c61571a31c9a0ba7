/**
 * MyBB 1.8 board (default theme).
 * Modelled on mybb/mybb: install/resources/mybb_theme.xml templates
 * member_login (`username`, `password`, `remember=yes`, `action=do_login`,
 * `url`, `my_post_key`), usercp_profile + usercp_profile_website (`website`,
 * maxlength 75) + usercp_profile_customfield / _profilefields_text
 * (`profile_fields[fidN]`), usercp_nav_profile, member_profile,
 * member_profile_website, member_profile_customfields_field,
 * header_welcomeblock_member; install/resources/mysql_db_inserts.php (fid1
 * Location, fid2 Bio, fid3 Gender); language strings from
 * inc/languages/english/{usercp,member,global}.lang.php. fid4 Facebook and
 * fid5 Twitter are admin-added fields, as boards commonly add. Facts only.
 */
import { html } from '../http';
import { e, isHttpUrl, linkify, redirect, safePath, token, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';

const HOST = 'mybb-board.test';

interface Pf {
  fid: string;
  name: string;
  description: string;
  type: 'text' | 'textarea' | 'select';
  maxlength?: number;
  options?: string[];
}
const PFS: Pf[] = [
  { fid: 'fid1', name: 'Location', description: 'Where in the world do you live?', type: 'text', maxlength: 255 },
  { fid: 'fid2', name: 'Bio', description: 'Enter a few short details about yourself, your life story etc.', type: 'textarea' },
  { fid: 'fid3', name: 'Gender', description: 'Please select your gender from the list below.', type: 'select', options: ['Undisclosed', 'Male', 'Female', 'Other'] },
  { fid: 'fid4', name: 'Facebook', description: 'The full address of your Facebook page.', type: 'text', maxlength: 255 },
  { fid: 'fid5', name: 'Twitter', description: 'Your Twitter username, without the @.', type: 'text', maxlength: 15 },
];
const pfName = (fid: string) => `profile_fields[${fid}]`;
const FIELD_NAMES = ['website', ...PFS.map((f) => pfName(f.fid))];

function page(ctx: SiteCtx, title: string, body: string, extraHead = ''): string {
  const me = ctx.me();
  const welcome = me
    ? `<span class="welcome"><strong>Welcome back, <a href="member.php?action=profile&amp;uid=${me.userId}">${e(me.username)}</a></strong>. You last visited: Today, 09:12 AM <a href="member.php?action=logout&amp;logoutkey=${ctx.session()!.session.csrf}" class="logout">Log Out</a></span>
      </div></div>
      <div class="lower"><div class="wrapper">
        <ul class="menu panel_links"><li><a href="usercp.php" class="usercp">User CP</a></li></ul>
        <ul class="menu user_links"><li><a href="search.php?action=getnew">View New Posts</a></li><li><a href="private.php" class="inbox">Inbox</a></li></ul>
      </div><br class="clear" /></div>`
    : `<span class="welcome">Hello There, Guest! <a href="member.php?action=login" class="login">Login</a> <a href="member.php?action=register" class="register">Register</a></span>
      </div></div>`;
  return `<!DOCTYPE html>
<html xml:lang="en" lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>Baker's Board - ${e(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<script type="text/javascript" src="jscripts/general.js?ver=1827"></script>
<script type="text/javascript">var cookieDomain = ""; var cookiePath = "/"; var my_post_key = "${ctx.session()?.session.csrf ?? ''}";</script>
${extraHead}
<style>
body{margin:0;background:#fff;font:13px Tahoma,Verdana,Arial,sans-serif;color:#333}a{color:#0072bc}#container{width:95%;margin:auto}
#logo{background:#0f0f0f;padding:10px}#logo h1{color:#fff;margin:0;font-size:22px}.top_links{list-style:none;display:flex;gap:12px;margin:6px 0 0;padding:0}.top_links a{color:#fff}
#panel .upper{background:#0f5c8e;color:#fff;padding:8px}#panel .upper a{color:#fff;font-weight:bold}#panel .lower{background:#efefef;padding:6px;display:flex}.menu{list-style:none;display:flex;gap:12px;margin:0;padding:0}.user_links{margin-left:auto}
#content{padding:12px 0}.tborder{background:#fff;border:1px solid #ccc;border-radius:6px;width:100%}.thead{background:#0066a2;color:#fff;padding:8px}.trow1{background:#f5f5f5}.trow2{background:#efefef}.tcat{background:#0f5c8e;color:#fff}
.textbox{padding:4px;border:1px solid #ccc}.button{padding:4px 10px}fieldset{border:1px solid #ccc;margin:6px 0}.error{background:#ffe7e7;border:1px solid #c00;padding:8px;margin-bottom:8px}
#footer{margin-top:20px;border-top:1px solid #ccc;padding:8px;font-size:11px}
</style>
</head>
<body>
<div id="container">
  <a name="top" id="top"></a>
  <div id="header">
    <div id="logo"><div class="wrapper"><a href="index.php"><h1>Baker's Board</h1></a>
      <ul class="menu top_links"><li><a href="search.php" class="search">Search</a></li><li><a href="memberlist.php" class="memberlist">Member List</a></li><li><a href="misc.php?action=help" class="help">Help</a></li></ul>
    </div></div>
    <div id="panel"><div class="upper"><div class="wrapper">
      ${welcome}
    </div>
  </div>
  <div id="content"><div class="wrapper">
    <div class="navigation"><a href="index.php">Baker's Board</a> › <span class="active">${e(title)}</span></div><br />
${body}
  </div></div>
  <div id="footer"><div class="lower"><span id="copyright">Powered By <a href="https://mybb.com" target="_blank" rel="noopener">MyBB</a>, &copy; 2002-2024 <a href="https://mybb.com" target="_blank" rel="noopener">MyBB Group</a>.</span></div></div>
</div>
</body>
</html>`;
}

function loginBody(url: string, error = '', username = ''): string {
  return `${error ? `<div class="error"><p><em>Please correct the following errors before continuing:</em></p><ul><li>${e(error)}</li></ul></div>` : ''}
<form action="member.php" method="post">
<table border="0" cellspacing="0" cellpadding="5" class="tborder">
<tr><td class="thead" colspan="2"><strong>Login</strong></td></tr>
<tr><td class="trow1"><strong>Username:</strong></td><td class="trow1"><input type="text" class="textbox" name="username" size="25" style="width: 200px;" value="${e(username)}" /></td></tr>
<tr><td class="trow2"><strong>Password:</strong><br /><span class="smalltext">Please note that passwords are case sensitive.</span></td><td class="trow2"><input type="password" class="textbox" name="password" size="25" style="width: 200px;" value="" /> (<a href="member.php?action=lostpw">Lost Password?</a>)</td></tr>
<tr><td class="trow1" colspan="2" align="center"><label title="If ticked, your login details will be remembered on this computer, otherwise you will be logged out as soon as you close your browser."><input type="checkbox" class="checkbox" name="remember" checked="checked" value="yes" /> Remember me</label></td></tr>
</table>
<br />
<div align="center"><input type="submit" class="button" name="submit" value="Login" /></div>
<input type="hidden" name="action" value="do_login" />
<input type="hidden" name="url" value="${e(url)}" />
<input name="my_post_key" type="hidden" value="${token()}" />
</form>`;
}

function usercpNav(): string {
  return `<td width="180" valign="top"><table border="0" cellspacing="0" cellpadding="5" class="tborder">
<tr><td class="thead"><strong><a href="usercp.php">User CP Menu</a></strong></td></tr>
<tbody><tr><td class="tcat tcat_menu"><div><span class="smalltext"><strong>Your Profile</strong></span></div></td></tr></tbody>
<tbody id="usercpprofile_e"><tr><td class="trow1 smalltext">
  <div><a href="usercp.php?action=profile" class="usercp_nav_item usercp_nav_profile">Edit Profile</a></div>
  <div><a href="usercp.php?action=password" class="usercp_nav_item usercp_nav_password">Change Password</a></div>
  <div><a href="usercp.php?action=email" class="usercp_nav_item usercp_nav_email">Change Email</a></div>
  <div><a href="usercp.php?action=avatar" class="usercp_nav_item usercp_nav_avatar">Change Avatar</a></div>
  <div><a href="usercp.php?action=editsig" class="usercp_nav_item usercp_nav_editsig">Change Signature</a></div>
</td></tr>
<tr><td class="trow1 smalltext"><a href="usercp.php?action=options" class="usercp_nav_item usercp_nav_options">Edit Options</a></td></tr></tbody>
</table></td>`;
}

function pfControl(f: Pf, v: string): string {
  const name = pfName(f.fid);
  if (f.type === 'textarea') return `<textarea name="${name}" rows="6" cols="30" style="width: 95%">${e(v)}</textarea>`;
  if (f.type === 'select') return `<select name="${name}">${f.options!.map((o) => `<option value="${e(o)}"${o === v ? ' selected="selected"' : ''}>${e(o)}</option>`).join('')}</select>`;
  return `<input type="text" name="${name}" class="textbox" size="0"${f.maxlength ? ` maxlength="${f.maxlength}"` : ''} value="${e(v)}" />`;
}

function profileBody(ctx: SiteCtx, v: Fields, error = ''): string {
  const custom = PFS.map(
    (f) => `<tr><td><span>${e(f.name)}</span>:<br /><span class="smalltext">${e(f.description)}</span></td></tr>
<tr><td>${pfControl(f, v[pfName(f.fid)] ?? '')}</td></tr>`,
  ).join('\n');
  return `<form action="usercp.php" method="post" name="input">
<input type="hidden" name="my_post_key" value="${ctx.session()!.session.csrf}" />
<table width="100%" border="0" align="center"><tr>
${usercpNav()}
<td valign="top">
${error ? `<div class="error"><p><em>Please correct the following errors before continuing:</em></p><ul><li>${e(error)}</li></ul></div>` : ''}
<table border="0" cellspacing="0" cellpadding="5" class="tborder">
<tr><td class="thead" colspan="2"><strong>Edit Profile</strong></td></tr>
<tr><td width="50%" class="trow1" valign="top">
<fieldset class="trow2"><legend><strong>Optional Fields</strong></legend>
<table cellspacing="0" cellpadding="5">
<tr><td colspan="3"><span class="smalltext">Birthday:</span></td></tr>
<tr><td><select name="bday1"><option value="">&nbsp;</option><option value="1">1</option></select></td><td><select name="bday2"><option value="">&nbsp;</option><option value="1">January</option></select></td><td><input type="text" class="textbox" size="4" maxlength="4" name="bday3" value="" /></td></tr>
<tr><td colspan="3"><span class="smalltext">Your Website URL:</span></td></tr>
<tr><td colspan="3"><input type="text" class="textbox" name="website" size="25" maxlength="75" value="${e(v.website ?? '')}" /></td></tr>
</table></fieldset>
<fieldset class="trow2"><legend><strong>Additional Information</strong></legend>
<table cellspacing="0" cellpadding="5">
${custom}
</table></fieldset>
</td>
<td width="50%" class="trow1" valign="top">
<fieldset class="trow2"><legend><strong>Additional Contact Information</strong></legend>
<table cellspacing="0" cellpadding="5"><tr><td><span class="smalltext">Skype ID:</span></td></tr><tr><td><input type="text" class="textbox" name="skype" size="25" value="" /></td></tr></table></fieldset>
</td></tr>
</table>
<br />
<div align="center"><input type="hidden" name="action" value="do_profile" /><input type="submit" class="button" name="regsubmit" value="Update Profile" /></div>
</td></tr></table>
</form>`;
}

function memberProfile(user: JourneyUser, s: Fields): string {
  const custom = PFS.filter((f) => s[pfName(f.fid)])
    .map((f, i) => `<tr><td class="trow${(i % 2) + 1}"><strong>${e(f.name)}:</strong></td><td class="trow${(i % 2) + 1} scaleimages">${linkify(s[pfName(f.fid)]!, 'nofollow ugc')}</td></tr>`)
    .join('\n');
  return `<fieldset><table width="100%" cellspacing="0" cellpadding="0" border="0"><tr><td width="75%">
<span class="largetext"><strong>${e(user.username)}</strong></span><br /><span class="smalltext">(Junior Member)<br /><br /><strong>Registration Date:</strong> 03-14-2024<br /><strong>Local Time:</strong> Today at 09:12 AM</span>
</td></tr></table></fieldset><br />
<table width="100%" cellspacing="0" cellpadding="0" border="0" align="center"><tr>
<td width="50%" valign="top">
<table border="0" cellspacing="0" cellpadding="5" class="tborder">
<tr><td colspan="2" class="thead"><strong>${e(user.username)}'s Forum Info</strong></td></tr>
<tr><td class="trow1" style="width: 30%;"><strong>Joined:</strong></td><td class="trow1">03-14-2024</td></tr>
<tr><td class="trow2"><strong>Total Posts:</strong></td><td class="trow2">0 (0 posts per day | 0 percent of total posts)</td></tr>
</table><br />
<table border="0" cellspacing="0" cellpadding="5" class="tborder tfixed">
<tr><td colspan="2" class="thead"><strong>${e(user.username)}'s Contact Details</strong></td></tr>
${s.website ? `<tr><td class="trow1"><strong>Homepage:</strong></td><td class="trow1"><a href="${e(s.website)}" target="_blank" rel="noopener">${e(s.website)}</a></td></tr>` : ''}
<tr><td class="trow2"><strong>Private Message:</strong></td><td class="trow2"><a href="private.php?action=send&amp;uid=${user.userId}">Send ${e(user.username)} a private message.</a></td></tr>
</table>
</td><td>&nbsp;&nbsp;</td>
<td width="50%" valign="top">
${custom ? `<table border="0" cellspacing="0" cellpadding="5" class="tborder tfixed"><colgroup><col style="width: 30%;" /></colgroup><tr><td colspan="2" class="thead"><strong>Additional Info About ${e(user.username)}</strong></td></tr>\n${custom}\n</table><br />` : ''}
</td></tr></table>`;
}

export const mybb: JourneySite = {
  firstUserId: 2,
  spec: {
    host: HOST,
    platform: 'mybb',
    modelledOn: 'MyBB 1.8 (default theme) with custom profile fields',
    sources: [
      'mybb/mybb install/resources/mybb_theme.xml (member_login, usercp_profile, usercp_profile_website, usercp_profile_customfield, member_profile …)',
      'mybb/mybb install/resources/mysql_db_inserts.php (profilefields fid1..fid3)',
      'mybb/mybb inc/languages/english/usercp.lang.php, member.lang.php, global.lang.php',
    ],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/index.php',
    loginPath: '/member.php?action=login',
    loginFields: { identifier: 'username', password: 'password', remember: 'remember' },
    twoFactor: null,
    sessionCookie: 'mybbuser',
    signedInLoginRedirect: '/index.php',
    editorReach: 'nav-link',
    editorPath: () => '/usercp.php?action=profile',
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: () => '/usercp.php' },
    linkFields: [
      { name: 'website', label: 'Your Website URL:', kind: 'website', format: 'url' },
      { name: 'profile_fields[fid4]', label: 'Facebook', kind: 'platform', platform: 'facebook', format: 'url' },
      { name: 'profile_fields[fid5]', label: 'Twitter', kind: 'platform', platform: 'twitter', format: 'handle' },
      { name: 'profile_fields[fid2]', label: 'Bio', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/member.php?action=profile&uid=${u.userId}`,
    linksVisibleOnPublic: (s) => [
      ...(s.website ? [s.website] : []),
      ...urlsIn(s['profile_fields[fid2]'] ?? ''),
      ...urlsIn(s['profile_fields[fid4]'] ?? ''),
    ],
    logout: { method: 'GET', path: () => '/member.php?action=logout' },
    notes:
      'Website input has maxlength 75 (longer URLs do not fit); custom fields are profile_fields[fidN] with labels in separate rows (no <label for>); Twitter is a 15-character handle field shown as text. Save answers a friendly-redirect page.',
  },
  handle(ctx) {
    const p = ctx.path;
    const action = ctx.query.get('action') ?? ctx.form.get('action') ?? '';
    const me = ctx.me();
    if (p === '/' || p === '/index.php') {
      return html(200, page(ctx, 'Index', `<table class="tborder"><tr><td class="thead"><strong>Baker's Board</strong></td></tr><tr><td class="trow1"><a href="forumdisplay.php?fid=2">General Discussion</a></td></tr></table>`));
    }
    if (p === '/member.php') {
      if (action === 'login') {
        if (me) return redirect('/index.php');
        return html(200, page(ctx, 'Login', loginBody(ctx.query.get('url') ?? '/index.php')));
      }
      if (action === 'do_login' && ctx.method === 'POST') {
        const username = ctx.form.get('username') ?? '';
        const user = ctx.checkPassword(username, ctx.form.get('password') ?? '', 'username');
        if (!user) return html(200, page(ctx, 'Login', loginBody(ctx.form.get('url') ?? '', 'You have entered an invalid username/password combination. If you have forgotten your password please retrieve a new one.', username)));
        const to = safePath(ctx.form.get('url'), '/index.php');
        const { headers } = ctx.startSession(user, { next: to, remember: ctx.form.get('remember') === 'yes' });
        return redirect(to, headers);
      }
      if (action === 'logout') {
        const s = ctx.session();
        // MyBB checks the logout key so a foreign link cannot sign the user out.
        if (s && ctx.query.get('logoutkey') !== s.session.csrf) return html(200, page(ctx, 'Error', '<div class="error">Your user could not be logged out because the logout key did not match.</div>'));
        return redirect('/index.php', ctx.logout());
      }
      if (action === 'profile') {
        const user = ctx.userById(ctx.query.get('uid'));
        if (!user) return html(200, page(ctx, 'Error', '<div class="error">The member you specified is either invalid or doesn\'t exist.</div>'));
        return html(200, page(ctx, `Profile of ${user.username}`, memberProfile(user, ctx.storedAll(user))));
      }
    }
    if (p === '/usercp.php') {
      if (!me) return html(200, page(ctx, 'Error', `<div class="error"><p>You are either not logged in or do not have permission to view this page.</p></div>${loginBody(`/usercp.php${ctx.req.url.search}`)}`));
      if (action === 'do_profile' && ctx.method === 'POST') {
        const posted = ctx.pick(FIELD_NAMES);
        const v = { ...ctx.storedAll(me), ...posted };
        let err = '';
        if (ctx.form.get('my_post_key') !== ctx.session()!.session.csrf) err = 'Your authorization code is invalid. Are you accessing this function correctly? Please go back and try again.';
        else if (v.website && !isHttpUrl(v.website)) err = 'The website address you entered is invalid. Please make sure you enter a complete URL including http:// or https://.';
        else if ((v['profile_fields[fid5]'] ?? '').length > 15) err = 'The value entered for Twitter is too long.';
        if (err) {
          ctx.rejectSave(me);
          return html(200, page(ctx, 'Edit Profile', profileBody(ctx, v, err)));
        }
        ctx.save(me, posted, posted);
        return html(
          200,
          page(ctx, 'Redirecting', `<table border="0" cellspacing="0" cellpadding="5" class="tborder"><tr><td class="thead"><strong>Baker's Board</strong></td></tr><tr><td class="trow1" align="center"><p>Your profile has been successfully updated.<br />You will be now returned to the profile settings.</p></td></tr><tr><td class="trow2" align="right"><a href="usercp.php?action=profile"><span class="smalltext">Click here if you don't want to wait any longer.</span></a></td></tr></table>`, '<meta http-equiv="refresh" content="2;URL=usercp.php?action=profile" />'),
        );
      }
      if (action === 'profile') return html(200, page(ctx, 'Edit Profile', profileBody(ctx, ctx.storedAll(me))));
      return html(200, page(ctx, 'User Control Panel', `<table width="100%"><tr>${usercpNav()}<td valign="top"><table class="tborder"><tr><td class="thead"><strong>Your Account Summary</strong></td></tr><tr><td class="trow1">Username: ${e(me.username)}</td></tr></table></td></tr></table>`));
    }
    return html(404, page(ctx, 'Error', '<div class="error">The specified page does not exist.</div>'));
  },
};
