/**
 * An unknown custom site ("Makers Guild"): no platform fingerprints. The
 * profile editor sits at an unusual path (/members/me/change) and is linked
 * only from a closed account dropdown (hidden until its button is clicked),
 * as an icon-only item with aria-label "Edit profile", next to "Sign out"
 * and "Delete account". Login is two-step (e-mail first, then password).
 * Links go into a network picker + URL rows. Not modelled on one platform:
 * the pattern (avatar menu, icon-only edit, two-step sign-in, picker rows)
 * is what hand-built community sites commonly do.
 */
import { html } from '../http';
import { e, isHttpUrl, linkify, redirect, safePath, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';
import { ICONS, accountDropdown, plainPage } from './plain';

const HOST = 'makers-guild.test';
const ROWS = 4;
const NETWORKS = ['', 'Twitter / X', 'Facebook', 'Instagram', 'YouTube', 'LinkedIn', 'GitHub', 'Pinterest', 'Other'];
const FIELD_NAMES = ['display_name', 'headline', 'homepage', 'about', ...Array.from({ length: ROWS }, (_, i) => [`links[${i}][network]`, `links[${i}][url]`]).flat()];

function nav(ctx: SiteCtx): string {
  const me = ctx.me();
  if (!me) return `<a href="/explore">Explore</a><a href="/signin" class="btn" style="color:#fff;text-decoration:none">Sign in</a>`;
  return `<a href="/explore">Explore</a><a href="/dashboard">Dashboard</a>
${accountDropdown('Account menu', me.displayName, [
  { href: `/people/${me.slug}`, text: 'My page', icon: ICONS.user },
  { href: '/members/me/change', aria: 'Edit profile', icon: ICONS.pencil },
  { href: '/members/me/security', text: 'Security', icon: ICONS.gear },
  { href: '/session/end', text: 'Sign out', post: true },
  { href: '/members/me/delete', text: 'Delete account', danger: true },
])}`;
}

const page = (ctx: SiteCtx, title: string, body: string) => html(200, plainPage({ lang: 'en', title, brand: 'Makers Guild', nav: nav(ctx), body }));

function editBody(v: Fields, error = ''): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const sel = v[`links[${i}][network]`] ?? '';
    const opts = NETWORKS.map((n) => `<option value="${e(n)}"${n === sel ? ' selected' : ''}>${n ? e(n) : 'Choose…'}</option>`).join('');
    return `<div class="row link-row">
  <select name="links[${i}][network]" aria-label="Network ${i + 1}">${opts}</select>
  <input type="url" name="links[${i}][url]" aria-label="Link ${i + 1}" placeholder="https://" value="${e(v[`links[${i}][url]`] ?? '')}">
</div>`;
  }).join('\n');
  return `<div class="card">
<h1>Your maker page</h1>
${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/members/me/change" class="stack">
  <div class="field"><label for="f-display">Display name</label><input id="f-display" name="display_name" value="${e(v.display_name ?? '')}" maxlength="60"></div>
  <div class="field"><label for="f-headline">Headline</label><input id="f-headline" name="headline" value="${e(v.headline ?? '')}" maxlength="120" placeholder="What do you make?"></div>
  <div class="field"><label for="f-home">Homepage</label><input id="f-home" type="url" name="homepage" value="${e(v.homepage ?? '')}" placeholder="https://"></div>
  <div class="field"><span class="lbl" id="links-lbl">Where else can people find you?</span><div role="group" aria-labelledby="links-lbl">
${rows}
  </div><p class="hint">Pick the network, then paste the full address.</p></div>
  <div class="field"><label for="f-about">About you</label><textarea id="f-about" name="about" rows="4" maxlength="800">${e(v.about ?? '')}</textarea></div>
  <button class="btn" type="submit">Save</button>
</form>
</div>`;
}

function publicBody(user: JourneyUser, s: Fields, updated: boolean): string {
  const links = Array.from({ length: ROWS }, (_, i) => [s[`links[${i}][network]`] ?? '', s[`links[${i}][url]`] ?? ''] as const)
    .filter(([, u]) => isHttpUrl(u))
    .map(([n, u]) => `<li><strong>${e(n || 'Link')}</strong>: <a href="${e(u)}" rel="me nofollow">${e(u)}</a></li>`)
    .join('\n');
  return `${updated ? '<p class="ok" role="status">Your page is updated.</p>' : ''}
<div class="card maker-page">
<h1>${e(s.display_name || user.displayName)}</h1>
${s.headline ? `<p>${e(s.headline)}</p>` : ''}
${s.homepage ? `<p>🌐 <a href="${e(s.homepage)}" rel="me nofollow">${e(s.homepage)}</a></p>` : ''}
${links ? `<ul class="links">${links}</ul>` : ''}
${s.about ? `<div class="about">${linkify(s.about)}</div>` : ''}
</div>`;
}

export const custom: JourneySite = {
  firstUserId: 1001,
  spec: {
    host: HOST,
    platform: 'custom',
    modelledOn: 'An unknown hand-built community site (no platform fingerprints)',
    sources: ['none: a generic pattern (closed avatar menu with icon-only edit link, two-step sign-in, network picker + URL rows)'],
    language: 'en',
    scheme: 'http',
    spa: false,
    homePath: '/',
    loginPath: '/signin',
    loginFields: { identifier: 'email', password: 'password' },
    twoFactor: null,
    sessionCookie: 'mg_sess',
    signedInLoginRedirect: '/dashboard',
    editorReach: 'icon-only-dropdown',
    editorPath: () => '/members/me/change',
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: () => '/members/me/change' },
    linkFields: [
      { name: 'homepage', label: 'Homepage', kind: 'website', format: 'url' },
      ...Array.from({ length: ROWS }, (_, i) => [
        { name: `links[${i}][network]`, label: `Network ${i + 1}`, kind: 'label' as const, format: 'text' as const },
        { name: `links[${i}][url]`, label: `Link ${i + 1}`, kind: 'slot' as const, format: 'url' as const },
      ]).flat(),
      { name: 'about', label: 'About you', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/people/${u.slug}`,
    linksVisibleOnPublic: (s) => [
      ...(s.homepage ? [s.homepage] : []),
      ...Array.from({ length: ROWS }, (_, i) => s[`links[${i}][url]`] ?? '').filter(isHttpUrl),
      ...urlsIn(s.about ?? ''),
    ],
    logout: { method: 'POST', path: () => '/session/end' },
    notes:
      'Two-step sign-in (/signin asks the e-mail, /signin/password the password). The only link to the editor is an icon-only menu item (aria-label "Edit profile") in a closed dropdown that also holds "Sign out" and "Delete account" (/members/me/delete, counted as dangerPages). Links go in network <select> + URL rows.',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const me = ctx.me();
    if (p === '/' || p === '/explore') {
      return page(ctx, 'Makers Guild', `<div class="card"><h1>Makers Guild</h1><p>Find local makers, bakers and repair shops.</p>${me ? '' : '<p><a href="/signin">Sign in</a> to build your maker page.</p>'}</div>`);
    }
    if (p === '/signin') {
      if (ctx.method === 'POST') {
        const email = (ctx.form.get('email') ?? '').trim();
        const known = ctx.users().some((u) => u.email.toLowerCase() === email.toLowerCase());
        const next = safePath(ctx.form.get('next'), '/dashboard');
        if (!known) return page(ctx, 'Sign in', signInStep1(next, 'We couldn’t find an account with that e-mail.', email));
        return redirect(`/signin/password?email=${encodeURIComponent(email)}&next=${encodeURIComponent(next)}`, {}, 303);
      }
      if (me) return redirect('/dashboard');
      return page(ctx, 'Sign in', signInStep1(safePath(ctx.query.get('next'), '/dashboard')));
    }
    if (p === '/signin/password') {
      const email = ctx.form.get('email') ?? ctx.query.get('email') ?? '';
      const next = safePath(ctx.form.get('next') ?? ctx.query.get('next'), '/dashboard');
      if (ctx.method === 'POST') {
        const user = ctx.checkPassword(email, ctx.form.get('password') ?? '', 'email');
        if (!user) return page(ctx, 'Sign in', signInStep2(email, next, 'That password isn’t right.'));
        const { headers } = ctx.startSession(user, { next, remember: ctx.form.get('stay') === '1' });
        return redirect(next, headers, 303);
      }
      if (!email) return redirect('/signin');
      return page(ctx, 'Sign in', signInStep2(email, next));
    }
    if (p === '/session/end') {
      if (ctx.method !== 'POST') return redirect('/');
      return redirect('/', ctx.logout(), 303);
    }
    if (p === '/dashboard') {
      if (!me) return redirect('/signin?next=%2Fdashboard');
      return page(ctx, 'Dashboard', `<div class="card"><h1>Hi ${e(me.displayName)}</h1><p>Your page has 0 visits this week.</p></div>`);
    }
    if (p === '/members/me/delete') {
      if (!me) return redirect('/signin');
      ctx.count(me, 'dangerPages');
      ctx.event('danger-page', me);
      return page(ctx, 'Delete account', `<div class="card"><h1>Delete your account?</h1><p>This cannot be undone.</p><form method="post" action="/members/me/delete"><button class="btn" style="background:#b91c1c" type="submit">Delete my account</button></form></div>`);
    }
    if (p === '/members/me/security') {
      if (!me) return redirect('/signin');
      return page(ctx, 'Security', `<div class="card"><h1>Security</h1><div class="field"><label for="np">New password</label><input id="np" type="password" name="new_password" autocomplete="new-password"></div></div>`);
    }
    if (p === '/members/me/change') {
      if (!me) return redirect(`/signin?next=${encodeURIComponent('/members/me/change')}`);
      if (ctx.method === 'POST') {
        const posted = ctx.pick(FIELD_NAMES);
        const v = { ...ctx.storedAll(me), ...posted };
        const bad = ['homepage', ...Array.from({ length: ROWS }, (_, i) => `links[${i}][url]`)].find((k) => v[k] && !isHttpUrl(v[k]!));
        if (bad) {
          ctx.rejectSave(me);
          return html(422, plainPage({ lang: 'en', title: 'Edit', brand: 'Makers Guild', nav: nav(ctx), body: editBody(v, 'Links must be full web addresses starting with https://.') }));
        }
        ctx.save(me, posted, posted);
        return redirect(`/people/${me.slug}?updated=1`, {}, 303);
      }
      return page(ctx, 'Edit your page', editBody({ display_name: me.displayName, ...ctx.storedAll(me) }));
    }
    const person = p.match(/^\/people\/([a-z0-9-]+)$/);
    if (person) {
      const user = ctx.userBySlug(person[1]);
      if (user) return page(ctx, user.displayName, publicBody(user, ctx.storedAll(user), ctx.query.has('updated') && me?.taskId === user.taskId));
    }
    return html(404, plainPage({ lang: 'en', title: 'Not found', brand: 'Makers Guild', nav: nav(ctx), body: '<div class="card"><h1>Nothing here</h1></div>' }));
  },
};

function signInStep1(next: string, error = '', email = ''): string {
  return `<div class="card" style="max-width:420px;margin:auto"><h1>Sign in</h1>
${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/signin"><input type="hidden" name="next" value="${e(next)}">
  <div class="field"><label for="email">E-mail</label><input id="email" type="email" name="email" autocomplete="username" value="${e(email)}" required></div>
  <button class="btn" type="submit">Continue</button>
</form></div>`;
}

function signInStep2(email: string, next: string, error = ''): string {
  return `<div class="card" style="max-width:420px;margin:auto"><h1>Welcome back</h1><p>${e(email)} · <a href="/signin">Not you?</a></p>
${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/signin/password"><input type="hidden" name="email" value="${e(email)}" autocomplete="username"><input type="hidden" name="next" value="${e(next)}">
  <div class="field"><label for="password">Password</label><input id="password" type="password" name="password" autocomplete="current-password" required></div>
  <label><input type="checkbox" name="stay" value="1"> Keep me signed in</label><br><br>
  <button class="btn" type="submit">Sign in</button>
</form></div>`;
}
