/**
 * A marketplace seller profile ("Crumb & Co.") that rewrites what it is given
 * on save, as many real sites do: the website loses its scheme, `www.` and
 * trailing slash and is lowercased; a Twitter/X URL becomes an @handle (as
 * Ghost and others store it); Instagram URLs are lowercased and trimmed; a
 * LinkedIn URL that is not a personal /in/ profile is silently dropped; URLs
 * are stripped out of the story text. The editor shows the stored values
 * after the save, so the extension's read-back must report the differences.
 * Unknown platform (no fingerprints).
 */
import { html } from '../http';
import { e, redirect, safePath, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';
import { accountDropdown, plainPage } from './plain';

const HOST = 'tidy-links.test';
const FIELD_NAMES = ['shop_name', 'website', 'twitter', 'instagram', 'linkedin', 'youtube', 'story'];

/** The site's own clean-up of each field (what it stores). */
export function tidy(posted: Fields): Fields {
  const out: Fields = {};
  for (const [k, raw] of Object.entries(posted)) {
    const v = raw.trim();
    if (k === 'website') out[k] = v.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '').toLowerCase();
    else if (k === 'twitter') {
      const m = v.match(/^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:twitter|x)\.com\/@?([A-Za-z0-9_]{1,15})/i) ?? v.match(/^@?([A-Za-z0-9_]{1,15})$/);
      out[k] = m ? `@${m[1]}` : '';
    } else if (k === 'instagram') out[k] = v.toLowerCase().replace(/^http:\/\//, 'https://').replace('://www.', '://').replace(/[?#].*$/, '').replace(/\/+$/, '');
    else if (k === 'linkedin') out[k] = /^https?:\/\/(?:[a-z]+\.)?linkedin\.com\/in\/[^/?#]+/i.test(v) ? v : '';
    else if (k === 'story') out[k] = v.replace(/https?:\/\/\S+/g, '').replace(/[ \t]{2,}/g, ' ').replace(/ +\n/g, '\n').trim();
    else out[k] = v;
  }
  return out;
}

function nav(ctx: SiteCtx): string {
  const me = ctx.me();
  if (!me) return '<a href="/shops">Shops</a><a href="/login">Log in</a>';
  return `<a href="/shops">Shops</a>${accountDropdown('Your account', me.displayName, [
    { href: `/shop/${me.slug}`, text: 'View my shop' },
    { href: '/account/profile', text: 'Seller profile' },
    { href: '/logout', text: 'Log out', post: true },
  ])}`;
}
const page = (ctx: SiteCtx, title: string, body: string, status = 200) => html(status, plainPage({ lang: 'en', title, brand: 'Crumb & Co.', nav: nav(ctx), body, accent: '#7c3aed' }));

function loginBody(next: string, error = ''): string {
  return `<div class="card" style="max-width:420px;margin:auto"><h1>Log in to Crumb &amp; Co.</h1>
${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="return_to" value="${e(next)}">
  <div class="field"><label for="user_email">Email or username</label><input id="user_email" name="session[login]" autocomplete="username" required></div>
  <div class="field"><label for="user_password">Password</label><input id="user_password" type="password" name="session[password]" autocomplete="current-password" required></div>
  <button class="btn" type="submit">Log in</button>
</form></div>`;
}

function editBody(v: Fields, notice = ''): string {
  const f = (name: string, label: string, type = 'text', hint = '') =>
    `<div class="field"><label for="seller_${name}">${label}</label><input id="seller_${name}" name="${name}" type="${type}" value="${e(v[name] ?? '')}">${hint ? `<p class="hint">${hint}</p>` : ''}</div>`;
  return `<div class="card"><h1>Seller profile</h1>
${notice ? `<p class="ok" role="status">${e(notice)}</p>` : ''}
<form method="post" action="/account/profile">
${f('shop_name', 'Shop name')}
${f('website', 'Website', 'text', 'Your own site, e.g. yourshop.com')}
${f('twitter', 'X (Twitter)', 'text', 'Profile link or @handle')}
${f('instagram', 'Instagram', 'url')}
${f('linkedin', 'LinkedIn', 'url', 'Personal profiles only (linkedin.com/in/…)')}
${f('youtube', 'YouTube', 'url')}
<div class="field"><label for="seller_story">Your story</label><textarea id="seller_story" name="story" rows="4">${e(v.story ?? '')}</textarea><p class="hint">Links are not allowed in your story.</p></div>
<button class="btn" type="submit">Save profile</button>
</form></div>`;
}

/** What the public shop page links, from the stored (tidied) values. */
function publicLinks(s: Fields): string[] {
  const out: string[] = [];
  if (s.website) out.push(`https://${s.website}`);
  if (s.twitter) out.push(`https://x.com/${s.twitter.replace(/^@/, '')}`);
  for (const k of ['instagram', 'linkedin', 'youtube']) if (s[k]) out.push(s[k]!);
  return out;
}

function shopBody(user: JourneyUser, s: Fields): string {
  return `<div class="card shop"><h1>${e(s.shop_name || user.displayName)}</h1>
${s.story ? `<p class="story">${e(s.story)}</p>` : ''}
<ul class="links">${publicLinks(s).map((u) => `<li><a href="${e(u)}" rel="nofollow noopener">${e(u.replace(/^https:\/\//, ''))}</a></li>`).join('')}</ul></div>`;
}

export const rewriter: JourneySite = {
  firstUserId: 501,
  spec: {
    host: HOST,
    platform: 'custom',
    modelledOn: 'A marketplace seller profile that rewrites values on save (unknown platform)',
    sources: ['none: rewrite rules as real sites apply them (scheme stripping, URL → @handle as Ghost stores Twitter, dropped values)'],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/',
    loginPath: '/login',
    loginFields: { identifier: 'session[login]', password: 'session[password]' },
    twoFactor: null,
    sessionCookie: '_crumb_session',
    signedInLoginRedirect: '/account/profile',
    editorReach: 'closed-dropdown',
    editorPath: () => '/account/profile',
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: () => '/account/profile' },
    linkFields: [
      { name: 'website', label: 'Website', kind: 'website', format: 'text' },
      { name: 'twitter', label: 'X (Twitter)', kind: 'platform', platform: 'twitter', format: 'url' },
      { name: 'instagram', label: 'Instagram', kind: 'platform', platform: 'instagram', format: 'url' },
      { name: 'linkedin', label: 'LinkedIn', kind: 'platform', platform: 'linkedin', format: 'url' },
      { name: 'youtube', label: 'YouTube', kind: 'platform', platform: 'youtube', format: 'url' },
      { name: 'story', label: 'Your story', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: true,
    publicProfilePath: (u) => `/shop/${u.slug}`,
    linksVisibleOnPublic: publicLinks,
    logout: { method: 'POST', path: () => '/logout' },
    notes:
      'Saves succeed but store rewritten values: website without scheme/www/slash, lowercased; Twitter URL → @handle; Instagram lowercased without www/trailing slash; non-/in/ LinkedIn dropped; URLs removed from the story. saved.posted keeps the raw request, saved.stored what was kept.',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const me = ctx.me();
    if (p === '/' || p === '/shops') return page(ctx, 'Crumb & Co.', `<div class="card"><h1>Crumb &amp; Co.</h1><p>Handmade bread, cakes and pastry from independent bakers.</p></div>`);
    if (p === '/login') {
      if (ctx.method === 'POST') {
        const user = ctx.checkPassword(ctx.form.get('session[login]') ?? '', ctx.form.get('session[password]') ?? '');
        const next = safePath(ctx.form.get('return_to'), '/account/profile');
        if (!user) return page(ctx, 'Log in', loginBody(next, 'Invalid email or password.'));
        const { headers } = ctx.startSession(user, { next });
        return redirect(next, headers, 303);
      }
      if (me) return redirect('/account/profile');
      return page(ctx, 'Log in', loginBody(safePath(ctx.query.get('return_to'), '/account/profile')));
    }
    if (p === '/logout') {
      if (ctx.method !== 'POST') return redirect('/');
      return redirect('/', ctx.logout(), 303);
    }
    if (p === '/account/profile') {
      if (!me) return redirect('/login?return_to=%2Faccount%2Fprofile');
      if (ctx.method === 'POST') {
        const posted = ctx.pick(FIELD_NAMES);
        ctx.save(me, posted, tidy(posted));
        return redirect('/account/profile?saved=1', {}, 303);
      }
      return page(ctx, 'Seller profile', editBody(ctx.storedAll(me), ctx.query.has('saved') ? 'Profile saved. We tidied up some of your links.' : ''));
    }
    const m = p.match(/^\/shop\/([a-z0-9-]+)$/);
    const user = m ? ctx.userBySlug(m[1]) : undefined;
    if (user) return page(ctx, user.displayName, shopBody(user, ctx.storedAll(user)));
    return page(ctx, 'Not found', '<div class="card"><h1>Not found</h1></div>', 404);
  },
};
