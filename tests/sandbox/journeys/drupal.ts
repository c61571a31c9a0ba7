/**
 * Drupal 10 (Olivero theme) with user fields added by the site builder.
 * Modelled on drupal/drupal core: the user login form (form#user-login-form,
 * `name` #edit-name, `pass` #edit-pass, hidden `form_build_id` and
 * `form_id=user_login_form`, `op=Log in`), the account form (form#user-form:
 * `mail`, `current_pass`, `pass[pass1]`/`pass[pass2]`, hidden
 * `form_build_id`/`form_token`/`form_id=user_form`, `op=Save`), core link
 * field widget names (`field_website[0][uri]`, a multi-value
 * `field_social_links[N][uri]`), text_long `field_about[0][value]`, the
 * primary local tasks (View / Edit), the account menu, `<meta name="Generator"
 * content="Drupal 10 (https://www.drupal.org)">` and body class `path-user`.
 * Facts only; markup written here.
 */
import { html } from '../http';
import { e, isHttpUrl, linkify, redirect, safePath, token, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';

const HOST = 'drupal-portal.test';
const SOCIAL = 3;
const FIELD_NAMES = ['field_website[0][uri]', 'field_about[0][value]', ...Array.from({ length: SOCIAL }, (_, i) => `field_social_links[${i}][uri]`)];

function page(ctx: SiteCtx, title: string, bodyClass: string, main: string, messages = ''): string {
  const me = ctx.me();
  return `<!DOCTYPE html>
<html lang="en" dir="ltr" style="--color--primary-hue:202;--color--primary-saturation:79%;--color--primary-lightness:50">
<head>
<meta charset="utf-8" />
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<meta name="MobileOptimized" content="width" />
<meta name="HandheldFriendly" content="true" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>${e(title)} | Lumen Community Portal</title>
<link rel="stylesheet" media="all" href="/core/themes/olivero/css/base/base.css?s8k2m1" />
<style>
body{margin:0;font:16px/1.6 Metropolis,-apple-system,sans-serif;color:#232429;background:#e7e8eb}a{color:#0d77b5}
.page-wrapper{max-width:1100px;margin:0 auto;background:#fff;min-height:100vh}.site-header{background:#0d77b5;color:#fff;padding:18px 40px;display:flex;align-items:center}.site-branding__name a{color:#fff;font-size:22px;font-weight:700;text-decoration:none}
#block-olivero-account-menu{margin-left:auto}#block-olivero-account-menu ul{display:flex;gap:16px;list-style:none;margin:0;padding:0}#block-olivero-account-menu a{color:#fff}
.main-content{padding:30px 40px}.tabs{display:flex;gap:2px;list-style:none;padding:0;border-bottom:2px solid #d3d4d9}.tabs__link{display:block;padding:8px 16px;color:#232429;text-decoration:none}.tabs__link.is-active{border-bottom:3px solid #0d77b5;font-weight:700}
.form-item{margin-bottom:16px}.form-item__label{display:block;font-weight:700}.form-element{width:100%;max-width:520px;box-sizing:border-box;padding:8px;border:1px solid #919297;border-radius:2px;font:inherit}.form-item__description{font-size:13px;color:#575863}
.button{background:#0d77b5;color:#fff;border:0;border-radius:2px;padding:10px 22px;font:inherit;cursor:pointer}.button--add-more{background:#fff;color:#0d77b5;border:1px solid #0d77b5;margin-top:6px}
.messages{padding:14px 18px;margin-bottom:20px;border-left:6px solid}.messages--status{border-color:#3e8e41;background:#eaf5ea}.messages--error{border-color:#d72222;background:#fbeaea}
.field--label-above .field__label{font-weight:700}.field{margin-bottom:14px}fieldset{border:1px solid #d3d4d9;padding:12px 16px;margin:0 0 16px}
</style>
</head>
<body class="${bodyClass}${me ? ' user-logged-in' : ''}">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div id="page-wrapper" class="page-wrapper"><div id="page">
<header id="header" class="site-header" data-drupal-selector="site-header" role="banner">
  <div class="site-branding__text"><div class="site-branding__name"><a href="/" title="Home" rel="home">Lumen Community Portal</a></div></div>
  <nav role="navigation" aria-labelledby="block-olivero-account-menu-menu" id="block-olivero-account-menu" class="block block-menu navigation menu--account secondary-nav">
    <h2 class="visually-hidden block__title" id="block-olivero-account-menu-menu" style="display:none">User account menu</h2>
    <ul class="menu secondary-nav__menu">${
      me
        ? `<li class="secondary-nav__menu-item"><a href="/user" class="secondary-nav__menu-link" data-drupal-link-system-path="user">My account</a></li><li class="secondary-nav__menu-item"><a href="/user/logout?token=${ctx.session()!.session.csrf}" class="secondary-nav__menu-link" data-drupal-link-system-path="user/logout">Log out</a></li>`
        : '<li class="secondary-nav__menu-item"><a href="/user/login" class="secondary-nav__menu-link" data-drupal-link-system-path="user/login">Log in</a></li>'
    }</ul>
  </nav>
</header>
<div id="main-wrapper" class="layout-main-wrapper layout-container"><div id="main" class="layout-main"><div class="main-content">
<a id="main-content" tabindex="-1"></a>
<div data-drupal-messages>${messages}</div>
<h1 class="title page-title">${e(title)}</h1>
${main}
</div></div></div>
</div></div></div>
<script type="application/json" data-drupal-selector="drupal-settings-json">${JSON.stringify({ path: { baseUrl: '/', pathPrefix: '', currentPath: ctx.path.slice(1), currentPathIsAdmin: false, isFront: ctx.path === '/', currentLanguage: 'en' }, pluralDelimiter: '\u0003', user: { uid: String(me?.userId ?? 0), permissionsHash: '5d1c0f2e9b7a' } }).replace(/\//g, '\\/')}</script>
</body>
</html>`;
}

function tabs(user: JourneyUser, active: 'view' | 'edit'): string {
  const li = (href: string, label: string, on: boolean) => `<li class="tabs__tab${on ? ' is-active' : ''}"><a href="${href}" class="tabs__link${on ? ' is-active' : ''}" data-drupal-link-system-path="${href.slice(1)}">${label}${on ? '<span class="visually-hidden" style="display:none">(active tab)</span>' : ''}</a></li>`;
  return `<nav class="tabs-wrapper tabs-wrapper--primary" aria-labelledby="primary-tabs-title"><h2 id="primary-tabs-title" class="visually-hidden" style="display:none">Primary tabs</h2><ul class="tabs tabs--primary">${li(`/user/${user.userId}`, 'View', active === 'view')}${li(`/user/${user.userId}/edit`, 'Edit', active === 'edit')}</ul></nav>`;
}

function loginForm(destination: string, name = ''): string {
  return `<form class="user-login-form" data-drupal-selector="user-login-form" action="/user/login${destination ? `?destination=${encodeURIComponent(destination)}` : ''}" method="post" id="user-login-form" accept-charset="UTF-8">
  <div class="js-form-item form-item form-type-textfield js-form-type-textfield form-item-name js-form-item-name">
    <label for="edit-name" class="js-form-required form-required form-item__label">Username</label>
    <input autocorrect="none" autocapitalize="none" spellcheck="false" autofocus="autofocus" autocomplete="username" data-drupal-selector="edit-name" type="text" id="edit-name" name="name" value="${e(name)}" size="60" maxlength="60" class="form-text required form-element form-element--type-text form-element--api-textfield" required="required" aria-required="true" />
  </div>
  <div class="js-form-item form-item form-type-password js-form-type-password form-item-pass js-form-item-pass">
    <label for="edit-pass" class="js-form-required form-required form-item__label">Password</label>
    <input autocomplete="current-password" data-drupal-selector="edit-pass" type="password" id="edit-pass" name="pass" size="60" maxlength="128" class="form-text required form-element form-element--type-password form-element--api-password" required="required" aria-required="true" />
  </div>
  <input autocomplete="off" data-drupal-selector="form-${token(8)}" type="hidden" name="form_build_id" value="form-${token(20)}" />
  <input data-drupal-selector="edit-user-login-form" type="hidden" name="form_id" value="user_login_form" />
  <div data-drupal-selector="edit-actions" class="form-actions js-form-wrapper form-wrapper" id="edit-actions"><input data-drupal-selector="edit-submit" type="submit" id="edit-submit" name="op" value="Log in" class="button js-form-submit form-submit" /></div>
</form>
<div class="item-list"><ul><li><a href="/user/register" title="Create a new user account." class="create-account-link">Create new account</a></li><li><a href="/user/password" title="Send password reset instructions via email." class="request-password-link">Reset your password</a></li></ul></div>`;
}

function editForm(ctx: SiteCtx, me: JourneyUser, v: Fields): string {
  const social = Array.from({ length: SOCIAL }, (_, i) => {
    const n = `field_social_links[${i}][uri]`;
    const id = `edit-field-social-links-${i}-uri`;
    return `<tr class="draggable"><td><div class="js-form-item form-item form-type-url form-item-field-social-links-${i}-uri">
      <label for="${id}" class="form-item__label visually-hidden" style="display:none">URL</label>
      <input data-drupal-selector="${id}" type="url" id="${id}" name="${n}" value="${e(v[n] ?? '')}" size="60" maxlength="2048" placeholder="" class="form-url form-element form-element--type-url form-element--api-url" />
    </div></td></tr>`;
  }).join('\n');
  return `${tabs(me, 'edit')}
<form class="user-form" data-drupal-selector="user-form" enctype="multipart/form-data" action="/user/${me.userId}/edit" method="post" id="user-form" accept-charset="UTF-8">
  <div data-drupal-selector="edit-account" id="edit-account" class="js-form-wrapper form-wrapper">
    <div class="js-form-item form-item form-type-password form-item-current-pass">
      <label for="edit-current-pass" class="form-item__label">Current password</label>
      <input autocomplete="off" data-drupal-selector="edit-current-pass" aria-describedby="edit-current-pass--description" type="password" id="edit-current-pass" name="current_pass" size="25" maxlength="128" class="form-text form-element form-element--type-password" />
      <div id="edit-current-pass--description" class="form-item__description">Required if you want to change the <em class="placeholder">Email address</em> or <em class="placeholder">Password</em> below. <a href="/user/password" title="Send password reset instructions via email.">Reset your password</a>.</div>
    </div>
    <div class="js-form-item form-item form-type-email form-item-mail">
      <label for="edit-mail" class="js-form-required form-required form-item__label">Email address</label>
      <input data-drupal-selector="edit-mail" type="email" id="edit-mail" name="mail" value="${e(me.email)}" size="60" maxlength="254" class="form-email required form-element form-element--type-email" required="required" aria-required="true" />
    </div>
    <div class="js-form-item form-item form-type-textfield form-item-name">
      <label for="edit-name" class="js-form-required form-required form-item__label">Username</label>
      <input autocapitalize="none" data-drupal-selector="edit-name" type="text" id="edit-name" name="name" value="${e(me.username)}" size="60" maxlength="60" class="form-text required form-element" required="required" aria-required="true" />
    </div>
    <div class="js-form-type-password-confirm js-form-item form-item form-type-password-confirm form-item-pass">
      <div class="js-form-item form-item form-type-password form-item-pass-pass1"><label for="edit-pass-pass1" class="form-item__label">Password</label><input class="password-field js-password-field form-text form-element" autocomplete="new-password" data-drupal-selector="edit-pass-pass1" type="password" id="edit-pass-pass1" name="pass[pass1]" size="25" maxlength="128" /></div>
      <div class="js-form-item form-item form-type-password form-item-pass-pass2"><label for="edit-pass-pass2" class="form-item__label">Confirm password</label><input class="password-confirm js-password-confirm form-text form-element" autocomplete="new-password" data-drupal-selector="edit-pass-pass2" type="password" id="edit-pass-pass2" name="pass[pass2]" size="25" maxlength="128" /></div>
    </div>
  </div>
  <div class="field--type-link field--name-field-website field--widget-link-default js-form-wrapper form-wrapper" data-drupal-selector="edit-field-website-wrapper" id="edit-field-website-wrapper">
    <div class="js-form-item form-item form-type-url form-item-field-website-0-uri">
      <label for="edit-field-website-0-uri" class="form-item__label">Website</label>
      <input data-drupal-selector="edit-field-website-0-uri" aria-describedby="edit-field-website-0-uri--description" type="url" id="edit-field-website-0-uri" name="field_website[0][uri]" value="${e(v['field_website[0][uri]'] ?? '')}" size="60" maxlength="2048" class="form-url form-element form-element--type-url" />
      <div id="edit-field-website-0-uri--description" class="form-item__description">This must be an external URL such as <em class="placeholder">http://example.com</em>.</div>
    </div>
  </div>
  <div class="field--type-link field--name-field-social-links field--widget-link-default js-form-wrapper form-wrapper" data-drupal-selector="edit-field-social-links-wrapper" id="edit-field-social-links-wrapper">
    <div class="js-form-item form-item form-type-item"><span class="form-item__label">Social links</span>
    <table id="field-social-links-values" class="field-multiple-table responsive-enabled"><tbody>${social}</tbody></table>
    <div class="form-item__description">Your profiles on other sites.</div>
    <input class="field-add-more-submit button--add-more button js-form-submit form-submit" data-drupal-selector="edit-field-social-links-add-more" type="submit" name="field_social_links_add_more" value="Add another item" formnovalidate /></div>
  </div>
  <div class="field--type-text-long field--name-field-about field--widget-text-textarea js-form-wrapper form-wrapper" data-drupal-selector="edit-field-about-wrapper" id="edit-field-about-wrapper">
    <div class="js-form-item form-item form-type-textarea form-item-field-about-0-value">
      <label for="edit-field-about-0-value" class="form-item__label">About</label>
      <div class="form-textarea-wrapper"><textarea class="js-text-full text-full form-textarea form-element form-element--type-textarea" data-drupal-selector="edit-field-about-0-value" id="edit-field-about-0-value" name="field_about[0][value]" rows="5" cols="60">${e(v['field_about[0][value]'] ?? '')}</textarea></div>
    </div>
  </div>
  <input autocomplete="off" data-drupal-selector="form-${token(8)}" type="hidden" name="form_build_id" value="form-${token(20)}" />
  <input data-drupal-selector="edit-user-form-form-token" type="hidden" name="form_token" value="${ctx.session()!.session.csrf}" />
  <input data-drupal-selector="edit-user-form" type="hidden" name="form_id" value="user_form" />
  <div data-drupal-selector="edit-actions" class="form-actions js-form-wrapper form-wrapper" id="edit-actions"><input data-drupal-selector="edit-submit" type="submit" id="edit-submit" name="op" value="Save" class="button button--primary js-form-submit form-submit" /> <a href="/user/${me.userId}/cancel" class="button button--danger" data-drupal-selector="edit-delete" id="edit-delete">Cancel account</a></div>
</form>`;
}

function viewBody(ctx: SiteCtx, user: JourneyUser, s: Fields): string {
  const web = s['field_website[0][uri]'] ?? '';
  const social = Array.from({ length: SOCIAL }, (_, i) => s[`field_social_links[${i}][uri]`] ?? '').filter(isHttpUrl);
  const about = s['field_about[0][value]'] ?? '';
  return `${ctx.me()?.taskId === user.taskId ? tabs(user, 'view') : ''}
<article class="profile">
  ${web ? `<div class="field field--name-field-website field--type-link field--label-above"><div class="field__label">Website</div><div class="field__item"><a href="${e(web)}">${e(web)}</a></div></div>` : ''}
  ${social.length ? `<div class="field field--name-field-social-links field--type-link field--label-above"><div class="field__label">Social links</div><div class="field__items">${social.map((u) => `<div class="field__item"><a href="${e(u)}">${e(u)}</a></div>`).join('')}</div></div>` : ''}
  ${about ? `<div class="clearfix text-formatted field field--name-field-about field--type-text-long field--label-above"><div class="field__label">About</div><div class="field__item"><p>${linkify(about, 'nofollow')}</p></div></div>` : ''}
  <div class="field field--name-member-for field--label-above"><h4 class="label">Member for</h4> 3 months</div>
</article>`;
}

export const drupal: JourneySite = {
  firstUserId: 2,
  spec: {
    host: HOST,
    platform: 'drupal',
    modelledOn: 'Drupal 10 (Olivero) with link and text fields on the user entity',
    sources: ['drupal/drupal core: user login form, user account form, link field widget, Olivero account menu and local tasks'],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/',
    loginPath: '/user/login',
    loginFields: { identifier: 'name', password: 'pass' },
    twoFactor: null,
    sessionCookie: 'SESS4f9a1d7c2b8e3a6d5c0f1e2a3b4c5d6e',
    signedInLoginRedirect: '/user/2',
    editorReach: 'nav-link',
    editorPath: (u) => `/user/${u.userId}/edit`,
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: (u) => `/user/${u.userId}/edit` },
    linkFields: [
      { name: 'field_website[0][uri]', label: 'Website', kind: 'website', format: 'url' },
      ...Array.from({ length: SOCIAL }, (_, i) => ({ name: `field_social_links[${i}][uri]`, label: 'URL', kind: 'slot' as const, format: 'url' as const })),
      { name: 'field_about[0][value]', label: 'About', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/user/${u.userId}`,
    linksVisibleOnPublic: (s) => [
      ...(isHttpUrl(s['field_website[0][uri]'] ?? '') ? [s['field_website[0][uri]']!] : []),
      ...Array.from({ length: SOCIAL }, (_, i) => s[`field_social_links[${i}][uri]`] ?? '').filter(isHttpUrl),
      ...urlsIn(s['field_about[0][value]'] ?? ''),
    ],
    logout: { method: 'GET', path: () => '/user/logout' },
    notes:
      'The account form also holds Current password and new Password / Confirm password fields that must stay empty; the Social links rows are labelled only "URL" (visually hidden) under a "Social links" heading. Logout without its token asks for confirmation.',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const me = ctx.me();
    if (p === '/' || p === '/node') return html(200, page(ctx, 'Welcome', 'path-frontpage', `<p>Lumen Community Portal: recipes, events and member pages.</p>${me ? '' : '<p><a href="/user/login">Log in</a></p>'}`));
    if (p === '/user/login') {
      const dest = safePath(ctx.query.get('destination'), '');
      if (ctx.method === 'POST') {
        const name = ctx.form.get('name') ?? '';
        const user = ctx.form.get('form_id') === 'user_login_form' ? ctx.checkPassword(name, ctx.form.get('pass') ?? '') : undefined;
        if (!user) {
          const msg = '<div class="messages messages--error" role="alert"><h2 class="visually-hidden" style="display:none">Error message</h2>Unrecognized username or password. <a href="/user/password">Forgot your password?</a></div>';
          return html(200, page(ctx, 'Log in', 'path-user', loginForm(dest, name), msg));
        }
        const { headers } = ctx.startSession(user, { next: dest || `/user/${user.userId}` });
        return redirect(dest || `/user/${user.userId}`, headers, 303);
      }
      if (me) return redirect(`/user/${me.userId}`);
      return html(200, page(ctx, 'Log in', 'path-user', loginForm(dest)));
    }
    if (p === '/user') return me ? redirect(`/user/${me.userId}`) : redirect('/user/login');
    if (p === '/user/logout') {
      const s = ctx.session();
      if (!s) return redirect('/');
      if (ctx.query.get('token') === s.session.csrf || (ctx.method === 'POST' && ctx.form.get('form_id') === 'user_logout_confirm')) return redirect('/', ctx.logout(), 303);
      return html(200, page(ctx, 'Are you sure you want to log out?', 'path-user', `<form action="/user/logout" method="post" id="user-logout-confirm"><input type="hidden" name="form_id" value="user_logout_confirm"><input type="submit" name="op" value="Log out" class="button button--primary"> <a href="/user">Cancel</a></form>`));
    }
    const m = p.match(/^\/user\/(\d+)(\/edit|\/cancel)?$/);
    if (m) {
      const user = ctx.userById(m[1]);
      if (!user) return html(404, page(ctx, 'Page not found', 'path-user', '<p>The requested page could not be found.</p>'));
      if (m[2] === '/cancel') {
        if (!me || me.taskId !== user.taskId) return html(403, page(ctx, 'Access denied', 'path-user', '<p>You are not authorized to access this page.</p>'));
        ctx.count(me, 'dangerPages');
        ctx.event('danger-page', me);
        return html(200, page(ctx, `Are you sure you want to cancel your account?`, 'path-user', '<p>This action cannot be undone.</p>'));
      }
      if (m[2] === '/edit') {
        if (!me) return redirect(`/user/login?destination=${encodeURIComponent(p)}`);
        if (me.taskId !== user.taskId) return html(403, page(ctx, 'Access denied', 'path-user', '<p>You are not authorized to access this page.</p>'));
        if (ctx.method === 'POST') {
          const posted = ctx.pick(FIELD_NAMES);
          const v = { ...ctx.storedAll(me), ...posted };
          let err = '';
          if (ctx.form.get('form_token') !== ctx.session()!.session.csrf || ctx.form.get('form_id') !== 'user_form') err = 'The form has become outdated. Press the back button, copy any unsaved work in the form, and then reload the page.';
          else if ((ctx.form.get('pass[pass1]') ?? '') !== (ctx.form.get('pass[pass2]') ?? '')) err = 'The specified passwords do not match.';
          else if ((ctx.form.get('pass[pass1]') ?? '') && !ctx.form.get('current_pass')) err = 'Your current password is missing or incorrect; it\'s required to change the Password.';
          else {
            const bad = FIELD_NAMES.filter((k) => k.endsWith('[uri]')).find((k) => v[k] && !isHttpUrl(v[k]!));
            if (bad) err = `The path '${v[bad]}' is invalid.`;
          }
          if (err) {
            ctx.rejectSave(me);
            return html(200, page(ctx, me.username, 'path-user', editForm(ctx, me, v), `<div class="messages messages--error" role="alert">${e(err)}</div>`));
          }
          ctx.save(me, posted, posted);
          return redirect(`/user/${me.userId}/edit?saved=1`, {}, 303);
        }
        const msg = ctx.query.has('saved') ? '<div class="messages messages--status" role="status" aria-label="Status message"><h2 class="visually-hidden" style="display:none">Status message</h2>The changes have been saved.</div>' : '';
        return html(200, page(ctx, me.username, 'path-user', editForm(ctx, me, ctx.storedAll(me)), msg));
      }
      return html(200, page(ctx, user.username, 'path-user', viewBody(ctx, user, ctx.storedAll(user))));
    }
    return html(404, page(ctx, 'Page not found', 'path-system', '<p>The requested page could not be found.</p>'));
  },
};
