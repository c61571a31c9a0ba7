/**
 * A portfolio site ("Showcase Cards") whose public profile shows only part
 * of what was saved: the website and the first three social links (the rest
 * become "+N more" without their URLs), and not the About text at all
 * (members-only). The editor keeps everything. Unknown platform; the
 * pattern (a capped link list on the public card) is common on portfolio
 * and link-in-bio sites.
 */
import { html } from '../http';
import { e, isHttpUrl, redirect, safePath, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';
import { plainPage } from './plain';

const HOST = 'showcase-cards.test';
const SLOTS = 6;
const SHOWN = 3;
const SOCIAL = Array.from({ length: SLOTS }, (_, i) => `social_${i + 1}`);
const FIELD_NAMES = ['tagline', 'website', 'about', ...SOCIAL];

function nav(ctx: SiteCtx): string {
  const me = ctx.me();
  return me
    ? `<a href="/portfolio/${e(me.slug)}">My card</a><a href="/settings">Settings</a><form method="post" action="/logout" class="inline"><button class="menu-item" style="padding:0;color:#2563eb" type="submit">Log out</button></form>`
    : '<a href="/discover">Discover</a><a href="/login">Log in</a>';
}
const page = (ctx: SiteCtx, title: string, body: string, status = 200) => html(status, plainPage({ lang: 'en', title, brand: 'Showcase Cards', nav: nav(ctx), body, accent: '#2563eb' }));

function shownSocial(s: Fields): { shown: string[]; hidden: number } {
  const all = SOCIAL.map((k) => s[k] ?? '').filter(isHttpUrl);
  return { shown: all.slice(0, SHOWN), hidden: Math.max(0, all.length - SHOWN) };
}

function editBody(v: Fields, error = '', saved = false): string {
  const slots = SOCIAL.map((k, i) => `<div class="field"><label for="pf_${k}">Social link ${i + 1}</label><input id="pf_${k}" type="url" name="${k}" value="${e(v[k] ?? '')}" placeholder="https://"></div>`).join('\n');
  return `<div class="card"><nav class="subnav"><a href="/settings">Account</a> · <strong>Profile</strong></nav><h1>Profile</h1>
${saved ? '<p class="ok" role="status">Profile saved.</p>' : ''}${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/settings/profile">
  <div class="field"><label for="pf_tagline">Tagline</label><input id="pf_tagline" name="tagline" maxlength="90" value="${e(v.tagline ?? '')}"></div>
  <div class="field"><label for="pf_website">Website</label><input id="pf_website" type="url" name="website" value="${e(v.website ?? '')}" placeholder="https://"></div>
  <div class="field"><label for="pf_about">About</label><textarea id="pf_about" name="about" rows="4">${e(v.about ?? '')}</textarea><p class="hint">Visible to signed-in members only.</p></div>
  <fieldset style="border:0;padding:0"><legend style="font-weight:700;margin-bottom:6px">Social links</legend><p class="hint">Your card shows the first ${SHOWN}.</p>
${slots}
  </fieldset>
  <button class="btn" type="submit">Save</button>
</form></div>`;
}

function cardBody(user: JourneyUser, s: Fields): string {
  const { shown, hidden } = shownSocial(s);
  return `<div class="card portfolio-card"><h1>${e(user.displayName)}</h1>
${s.tagline ? `<p class="tagline">${e(s.tagline)}</p>` : ''}
${s.website ? `<p class="site"><a href="${e(s.website)}" rel="me nofollow">${e(s.website.replace(/^https?:\/\//, ''))}</a></p>` : ''}
<ul class="links">${shown.map((u) => `<li><a href="${e(u)}" rel="me nofollow">${e(new URL(u).hostname.replace(/^www\./, ''))}</a></li>`).join('')}${hidden ? `<li class="more">+${hidden} more</li>` : ''}</ul>
</div>`;
}

export const partial: JourneySite = {
  firstUserId: 7001,
  spec: {
    host: HOST,
    platform: 'custom',
    modelledOn: 'A portfolio / link-card site whose public card shows only part of the saved links',
    sources: ['none: the capped public link list common to portfolio and link-in-bio sites'],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/',
    loginPath: '/login',
    loginFields: { identifier: 'username', password: 'password' },
    twoFactor: null,
    sessionCookie: 'showcase_sid',
    signedInLoginRedirect: '/settings/profile',
    editorReach: 'nav-link',
    editorPath: () => '/settings/profile',
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: () => '/settings/profile' },
    linkFields: [
      { name: 'website', label: 'Website', kind: 'website', format: 'url' },
      ...SOCIAL.map((k, i) => ({ name: k, label: `Social link ${i + 1}`, kind: 'slot' as const, format: 'url' as const })),
      { name: 'about', label: 'About', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/portfolio/${u.slug}`,
    linksVisibleOnPublic: (s) => [...(s.website ? [s.website] : []), ...shownSocial(s).shown],
    logout: { method: 'POST', path: () => '/logout' },
    notes: 'The public card shows the website and the first 3 social links only ("+N more" for the rest, no URLs) and never the About text; links show as their host name.',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const me = ctx.me();
    if (p === '/' || p === '/discover') return page(ctx, 'Showcase Cards', '<div class="card"><h1>Showcase Cards</h1><p>One card for all your work.</p></div>');
    if (p === '/login') {
      if (ctx.method === 'POST') {
        const user = ctx.checkPassword(ctx.form.get('username') ?? '', ctx.form.get('password') ?? '', 'username');
        const next = safePath(ctx.form.get('next'), '/settings/profile');
        if (!user) return page(ctx, 'Log in', loginBody(next, 'Wrong username or password.'));
        const { headers } = ctx.startSession(user, { next, remember: true });
        return redirect(next, headers, 303);
      }
      if (me) return redirect('/settings/profile');
      return page(ctx, 'Log in', loginBody(safePath(ctx.query.get('next'), '/settings/profile')));
    }
    if (p === '/logout') {
      if (ctx.method !== 'POST') return redirect('/');
      return redirect('/', ctx.logout(), 303);
    }
    if (p === '/settings') {
      if (!me) return redirect('/login?next=%2Fsettings');
      return page(ctx, 'Settings', `<div class="card"><nav class="subnav"><strong>Account</strong> · <a href="/settings/profile">Profile</a></nav><h1>Account</h1><div class="field"><label for="acct_email">E-mail</label><input id="acct_email" type="email" name="email" value="${e(me.email)}" readonly></div></div>`);
    }
    if (p === '/settings/profile') {
      if (!me) return redirect('/login?next=%2Fsettings%2Fprofile');
      if (ctx.method === 'POST') {
        const posted = ctx.pick(FIELD_NAMES);
        const v = { ...ctx.storedAll(me), ...posted };
        const bad = ['website', ...SOCIAL].find((k) => v[k] && !isHttpUrl(v[k]!));
        if (bad) {
          ctx.rejectSave(me);
          return page(ctx, 'Profile', editBody(v, 'Please enter full links (https://…).'), 422);
        }
        ctx.save(me, posted, posted);
        return redirect('/settings/profile?saved=1', {}, 303);
      }
      return page(ctx, 'Profile', editBody(ctx.storedAll(me), '', ctx.query.has('saved')));
    }
    const m = p.match(/^\/portfolio\/([a-z0-9-]+)$/);
    const user = m ? ctx.userBySlug(m[1]) : undefined;
    if (user) return page(ctx, user.displayName, cardBody(user, ctx.storedAll(user)));
    return page(ctx, 'Not found', '<div class="card"><h1>Not found</h1></div>', 404);
  },
};

function loginBody(next: string, error = ''): string {
  return `<div class="card" style="max-width:420px;margin:auto"><h1>Log in</h1>
${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${e(next)}">
  <div class="field"><label for="login_username">Username</label><input id="login_username" name="username" autocomplete="username" required></div>
  <div class="field"><label for="login_password">Password</label><input id="login_password" type="password" name="password" autocomplete="current-password" required></div>
  <button class="btn" type="submit">Log in</button>
</form></div>`;
}
