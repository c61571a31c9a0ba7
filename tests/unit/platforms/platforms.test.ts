// @vitest-environment node
/**
 * One test per platform, on a small page modelled on the platform's real
 * markup (tests/fixtures/platforms/<id>.html, source cited in each file):
 * recognition, the user part read from the page, the editor / public profile /
 * login URLs, the editor part, and that no other platform is recognised there.
 */
import { describe, expect, it } from 'vitest';
import {
  MIN_CONFIDENCE,
  PLATFORMS,
  editorPart,
  editorUrl,
  getPlatform,
  isSignedIn,
  loginUrl,
  platformConfidence,
  publicProfileUrl,
  recognizePlatform,
} from '../../../lib/platforms';
import { SOURCES } from '../../../lib/platforms/sources';
import { fixture, pageDocument, signalsOf } from './load';

interface Case {
  id: string;
  url: string;
  storage?: Record<string, string>;
  editor: string | null;
  pub: string | null;
  login: string | null;
  /** Selector of the element the editor part clicks, checked against the fixture when the page is the editor. */
  part?: string;
}

const CASES: Case[] = [
  { id: 'wordpress', url: 'https://blog.example.test/blog/', editor: 'https://blog.example.test/blog/wp-admin/profile.php', pub: null, login: 'https://blog.example.test/blog/wp-login.php' },
  {
    id: 'buddypress',
    url: 'https://community.example.test/members/jane-doe/profile/edit/group/1/',
    editor: 'https://community.example.test/members/jane-doe/profile/edit/',
    pub: 'https://community.example.test/members/jane-doe/profile/public/',
    login: 'https://community.example.test/wp-login.php',
    part: '#profile-edit-form .button-tabs a[href$="/group/2/"]',
  },
  { id: 'ultimate-member', url: 'https://members.example.test/account/', editor: 'https://members.example.test/user/jane-doe/?um_action=edit', pub: 'https://members.example.test/user/jane-doe/', login: 'https://members.example.test/login/' },
  {
    id: 'ghost',
    url: 'https://news.example.test/ghost/#/dashboard',
    editor: 'https://news.example.test/ghost/#/settings/staff/jane',
    pub: 'https://news.example.test/author/jane/',
    login: 'https://news.example.test/ghost/#/signin',
    part: '[data-testid="user-detail-modal"] #social-links',
  },
  { id: 'discourse', url: 'https://talk.example.test/forum/latest', editor: 'https://talk.example.test/forum/u/jane_doe/preferences/profile', pub: 'https://talk.example.test/forum/u/jane_doe', login: 'https://talk.example.test/forum/login' },
  { id: 'phpbb', url: 'https://forum.example.test/forum/index.php?sid=abc', editor: 'https://forum.example.test/forum/ucp.php?i=ucp_profile&mode=profile_info', pub: 'https://forum.example.test/forum/memberlist.php?mode=viewprofile&u=57', login: 'https://forum.example.test/forum/ucp.php?mode=login' },
  { id: 'mybb', url: 'https://board.example.test/index.php', editor: 'https://board.example.test/usercp.php?action=profile', pub: 'https://board.example.test/member.php?action=profile&uid=12', login: 'https://board.example.test/member.php?action=login' },
  { id: 'smf', url: 'https://smf.example.test/community/index.php', editor: 'https://smf.example.test/community/index.php?action=profile;area=forumprofile', pub: 'https://smf.example.test/community/index.php?action=profile;u=8', login: 'https://smf.example.test/community/index.php?action=login' },
  { id: 'vbulletin4', url: 'https://vb.example.test/forum/forum.php', editor: 'https://vb.example.test/forum/profile.php?do=editprofile', pub: 'https://vb.example.test/forum/member.php?u=42', login: 'https://vb.example.test/forum/' },
  { id: 'vbulletin5', url: 'https://vb5.example.test/', editor: 'https://vb5.example.test/settings/profile', pub: 'https://vb5.example.test/member/3', login: 'https://vb5.example.test/auth/login-form' },
  { id: 'xenforo', url: 'https://xf.example.test/community/', editor: 'https://xf.example.test/community/account/account-details', pub: 'https://xf.example.test/community/members/15/', login: 'https://xf.example.test/community/login/' },
  { id: 'xenforo1', url: 'https://xf1.example.test/', editor: 'https://xf1.example.test/account/personal-details', pub: null, login: 'https://xf1.example.test/login/' },
  { id: 'invision', url: 'https://ips.example.test/', editor: 'https://ips.example.test/profile/23-jane-doe/edit/', pub: 'https://ips.example.test/profile/23-jane-doe/', login: 'https://ips.example.test/login/' },
  { id: 'flarum', url: 'https://flarum.example.test/', editor: 'https://flarum.example.test/settings', pub: 'https://flarum.example.test/u/jane_doe', login: 'https://flarum.example.test/' },
  { id: 'nodebb', url: 'https://nodebb.example.test/community/', editor: 'https://nodebb.example.test/community/user/jane-doe/edit', pub: 'https://nodebb.example.test/community/user/jane-doe', login: 'https://nodebb.example.test/community/login' },
  { id: 'vanilla', url: 'https://vanilla.example.test/discussions', editor: 'https://vanilla.example.test/profile/edit', pub: 'https://vanilla.example.test/profile/JaneDoe', login: 'https://vanilla.example.test/entry/signin' },
  { id: 'joomla', url: 'https://joomla.example.test/', editor: 'https://joomla.example.test/index.php?option=com_users&view=profile&layout=edit', pub: null, login: 'https://joomla.example.test/index.php?option=com_users&view=login' },
  { id: 'drupal', url: 'https://drupal.example.test/', editor: 'https://drupal.example.test/user/5/edit', pub: 'https://drupal.example.test/user/5', login: 'https://drupal.example.test/user/login' },
  {
    id: 'moodle',
    url: 'https://lms.example.test/moodle/user/edit.php',
    editor: 'https://lms.example.test/moodle/user/edit.php',
    pub: 'https://lms.example.test/moodle/user/profile.php?id=4',
    login: 'https://lms.example.test/moodle/login/index.php',
    part: 'a.fheader[aria-controls="id_moodle_optionalcontainer"]',
  },
  {
    id: 'mediawiki',
    url: 'https://wiki.example.test/wiki/Trang_Ch%C3%ADnh',
    editor: 'https://wiki.example.test/w/index.php?title=User:Jane%20Doe&action=edit',
    pub: 'https://wiki.example.test/w/index.php?title=User:Jane%20Doe',
    login: 'https://wiki.example.test/w/index.php?title=Special:UserLogin',
  },
  { id: 'gitea', url: 'https://code.example.test/git/', editor: 'https://code.example.test/git/user/settings', pub: 'https://code.example.test/git/jane-doe', login: 'https://code.example.test/git/user/login' },
  { id: 'gitlab', url: 'https://gitlab.example.test/dashboard/projects', editor: 'https://gitlab.example.test/-/user_settings/profile', pub: 'https://gitlab.example.test/jane.doe', login: 'https://gitlab.example.test/users/sign_in' },
  { id: 'mastodon', url: 'https://social.example.test/home', editor: 'https://social.example.test/settings/profile', pub: 'https://social.example.test/@jane', login: 'https://social.example.test/auth/sign_in' },
  {
    id: 'misskey',
    url: 'https://misskey.example.test/',
    storage: { account: '{"id":"9abc","name":"Jane","username":"jane","host":null,"token":"SECRET-TOKEN-123"}' },
    editor: 'https://misskey.example.test/settings/profile',
    pub: 'https://misskey.example.test/@jane',
    login: 'https://misskey.example.test/',
  },
  { id: 'pixelfed', url: 'https://pixel.example.test/', editor: 'https://pixel.example.test/settings/home', pub: 'https://pixel.example.test/i/me', login: 'https://pixel.example.test/login' },
  { id: 'lemmy', url: 'https://lemmy.example.test/', editor: 'https://lemmy.example.test/settings', pub: 'https://lemmy.example.test/u/jane', login: 'https://lemmy.example.test/login' },
  {
    id: 'forem',
    url: 'https://dev.example.test/',
    storage: { current_user: '{"id":1,"name":"Jane Doe","username":"janedoe","followed_tags":"[]"}' },
    editor: 'https://dev.example.test/settings/profile',
    pub: 'https://dev.example.test/janedoe',
    login: 'https://dev.example.test/enter',
  },
  {
    id: 'humhub',
    url: 'https://hub.example.test/user/account/edit',
    part: '#profile-tabs a[href="#tab-2"]',
    editor: 'https://hub.example.test/user/account/edit',
    pub: 'https://hub.example.test/u/janedoe/user/profile/about',
    login: 'https://hub.example.test/user/auth/login',
  },
  { id: 'elgg', url: 'https://net.example.test/activity', editor: 'https://net.example.test/profile/janedoe/edit', pub: 'https://net.example.test/profile/janedoe', login: 'https://net.example.test/login' },
  { id: 'redmine', url: 'https://pm.example.test/redmine/', editor: 'https://pm.example.test/redmine/my/account', pub: 'https://pm.example.test/redmine/users/5', login: 'https://pm.example.test/redmine/login' },
  { id: 'odoo', url: 'https://erp.example.test/', editor: 'https://erp.example.test/my/account', pub: null, login: 'https://erp.example.test/web/login' },
  { id: 'nextcloud', url: 'https://cloud.example.test/index.php/apps/files/', editor: 'https://cloud.example.test/index.php/settings/user', pub: 'https://cloud.example.test/index.php/u/jane', login: 'https://cloud.example.test/index.php/login' },
  { id: 'keycloak', url: 'https://sso.example.test/realms/acme/protocol/openid-connect/auth?client_id=account-console', editor: 'https://sso.example.test/realms/acme/account/', pub: null, login: 'https://sso.example.test/realms/acme/account/' },
  { id: 'django-allauth', url: 'https://app.example.test/accounts/email/', editor: null, pub: null, login: 'https://app.example.test/accounts/login/' },
];

/** Pages where the fixture shows no signed-in user (a login form). */
const SIGNED_OUT = new Set(['keycloak']);

describe('platform registry', () => {
  it('has at least 30 platforms, unique ids, and every recipe cites its source', () => {
    expect(PLATFORMS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PLATFORMS.map((p) => p.id)).size).toBe(PLATFORMS.length);
    expect(Object.keys(SOURCES).sort()).toEqual(PLATFORMS.map((p) => p.id).sort());
    for (const p of PLATFORMS) {
      const cited = SOURCES[p.id]!;
      expect(cited.length, p.id).toBeGreaterThan(0);
      // "owner/repo path…": a repository and at least one file in it.
      expect(cited.every((s) => /^[\w.-]+\/[\w.-]+ (?:\([^)]*\) )?\S+\.\w+/.test(s)), p.id).toBe(true);
    }
  });

  it('has a fixture case for every platform', () => {
    expect(CASES.map((c) => c.id).sort()).toEqual(PLATFORMS.map((p) => p.id).sort());
  });
});

describe.each(CASES)('$id', (c) => {
  it('is recognised, with its user part, URLs and editor part, and no other platform is', () => {
    const html = fixture(c.id);
    const s = signalsOf(html, c.url, c.storage);
    const origin = new URL(c.url).origin;
    const hit = recognizePlatform(s);
    expect(hit?.platform.id).toBe(c.id);
    const p = hit!.platform;

    expect(editorUrl(p, s, origin)).toBe(c.editor);
    expect(publicProfileUrl(p, s, origin)).toBe(c.pub);
    expect(loginUrl(p, origin, s)).toBe(c.login);
    expect(isSignedIn(p, s)).toBe(!SIGNED_OUT.has(c.id));

    const part = editorPart(p);
    if (c.part) {
      expect(part).not.toBeNull();
      // The part's selector (and label words) pick the expected element on the editor page.
      const doc = pageDocument(html, c.url);
      const target = [...doc.querySelectorAll(part!.click)].find((el) => !part!.text || part!.text.test(el.textContent ?? ''));
      expect(target).toBe(doc.querySelector(c.part));
    } else {
      expect(part).toBeNull();
    }

    // Cross-check: no other platform (bar the plugin's own parent) is sure enough on this page.
    const others = PLATFORMS.filter((o) => o.id !== c.id && o.id !== p.parent && platformConfidence(o, s) >= MIN_CONFIDENCE);
    expect(others.map((o) => o.id)).toEqual([]);
  });
});

describe('user parts', () => {
  it('read the signed-in user, not another user linked on the same page', () => {
    const s = signalsOf(fixture('phpbb'), 'https://forum.example.test/forum/index.php');
    expect(s.users.phpbb).toMatchObject({ id: '57', name: 'Jane Doe' });
    const x = signalsOf(fixture('xenforo'), 'https://xf.example.test/community/');
    expect(x.users.xenforo).toMatchObject({ id: '15', name: 'jane.doe', base: '/community/' });
    const m = signalsOf(fixture('mastodon'), 'https://social.example.test/home');
    expect(m.users.mastodon).toMatchObject({ id: '109', name: 'jane' }); // not the admin account listed next to it
  });

  it('keep nothing but the user name from a storage item that holds a token', () => {
    const s = signalsOf(fixture('misskey'), 'https://misskey.example.test/', { account: '{"id":"9abc","username":"jane","token":"SECRET-TOKEN-123"}' });
    expect(s.users.misskey).toEqual({ name: 'jane' });
    expect(JSON.stringify(s)).not.toContain('SECRET-TOKEN-123');
  });

  it('leave URLs that need a user part null when the page does not show one', () => {
    const s = signalsOf(fixture('drupal').replace(/"user":\{"uid":"5"/, '"user":{"uid":"0"'), 'https://drupal.example.test/');
    const p = getPlatform('drupal')!;
    expect(recognizePlatform(s)?.platform.id).toBe('drupal');
    expect(editorUrl(p, s, 'https://drupal.example.test')).toBeNull();
    expect(publicProfileUrl(p, s, 'https://drupal.example.test')).toBeNull();
  });

  it('fall back to the platform redirect when the name is missing', () => {
    const html = fixture('discourse').replace(/&quot;currentUser&quot;:&quot;\{[^}]*\}&quot;,/, '');
    const s = signalsOf(html, 'https://talk.example.test/forum/latest');
    const p = getPlatform('discourse')!;
    expect(editorUrl(p, s, 'https://talk.example.test')).toBe('https://talk.example.test/forum/my/preferences/profile');
    expect(publicProfileUrl(p, s, 'https://talk.example.test')).toBeNull();
  });

  it('prefer the editor link the page itself gives (GitLab before 16.x: /-/profile)', () => {
    const html = fixture('gitlab').replace('/-/user_settings/profile', '/-/profile');
    const s = signalsOf(html, 'https://gitlab.example.test/dashboard/projects');
    expect(editorUrl(getPlatform('gitlab')!, s, 'https://gitlab.example.test')).toBe('https://gitlab.example.test/-/profile');
  });

  it('never build a URL off the origin from what the page says', () => {
    const html = fixture('gitlab')
      .replace('&quot;/-/user_settings/profile&quot;', '&quot;//evil.example.net/-/user_settings/profile&quot;')
      .replace('&quot;link_to_profile&quot;:&quot;/jane.doe&quot;', '&quot;link_to_profile&quot;:&quot;/\\\\evil.example.net/x&quot;')
      .replace('data-root-path="/"', 'data-root-path="//evil.example.net/"');
    const s = signalsOf(html, 'https://gitlab.example.test/dashboard/projects');
    const p = getPlatform('gitlab')!;
    const o = 'https://gitlab.example.test';
    // The page's own links are dropped, and its patterns are used on this origin.
    expect(editorUrl(p, s, o)).toBe(o + '/-/user_settings/profile');
    expect(publicProfileUrl(p, s, o)).toBe(o + '/jane.doe');
    expect(loginUrl(p, o, s)).toBe(o + '/users/sign_in');
  });

  // Ghost renders its "Your profile" link only inside the open user menu: the staff editor's own route names the editor.
  it.each([
    ['the staff editor (5.x settings modal)', 'https://news.example.test/ghost/#/settings/staff/linh', 'https://news.example.test/ghost/#/settings/staff/linh', 'https://news.example.test/author/linh/'],
    ['its /edit route', 'https://news.example.test/ghost/#/settings/staff/linh/edit', 'https://news.example.test/ghost/#/settings/staff/linh', 'https://news.example.test/author/linh/'],
    ['under a subdirectory, older route #/staff/<slug>', 'https://ex.test/blog/ghost/#/staff/jane-doe/', 'https://ex.test/blog/ghost/#/staff/jane-doe', 'https://ex.test/blog/author/jane-doe/'],
    ['not the invite modal', 'https://news.example.test/ghost/#/settings/staff/invite', 'https://news.example.test/ghost/#/settings/staff', null],
    ['not the staff list', 'https://news.example.test/ghost/#/settings/staff', 'https://news.example.test/ghost/#/settings/staff', null],
    ['not the dashboard', 'https://news.example.test/ghost/#/dashboard', 'https://news.example.test/ghost/#/settings/staff', null],
  ])('read the Ghost editor from its route where no link shows it: %s', (_what, url, editor, pub) => {
    const html = fixture('ghost').replace(/<ul class="dropdown-menu">[\s\S]*?<\/ul>/, '');
    const s = signalsOf(html, url);
    const p = getPlatform('ghost')!;
    const origin = new URL(url).origin;
    expect(recognizePlatform(s)?.platform.id).toBe('ghost');
    expect(editorUrl(p, s, origin)).toBe(editor);
    expect(publicProfileUrl(p, s, origin)).toBe(pub);
  });

  it('use the Ghost admin link of the running version (older Ghost: #/staff/<slug>)', () => {
    const s = signalsOf(fixture('ghost').replace('#/settings/staff/jane', '#/staff/jane'), 'https://news.example.test/ghost/#/dashboard');
    const p = getPlatform('ghost')!;
    expect(editorUrl(p, s, 'https://news.example.test')).toBe('https://news.example.test/ghost/#/staff/jane');
    expect(publicProfileUrl(p, s, 'https://news.example.test')).toBe('https://news.example.test/author/jane/');
  });
});

describe('resource paths', () => {
  it.each([
    ['Ghost 5.130’s admin (relative asset paths under /ghost/)', '<meta name="application-name" content="Ghost"><script src="assets/vendor-aed0068c.js"></script><script src="assets/ghost-bf886dc6.js"></script>', 'https://news.example.test/ghost/#/settings/staff/linh', 'ghost'],
    ['the same admin under a subdirectory', '<meta name="application-name" content="Ghost"><script src="assets/ghost-bf886dc6.js"></script>', 'https://ex.test/blog/ghost/', 'ghost'],
    ['relative WordPress assets on a page of the site', '<link rel="stylesheet" href="../wp-content/themes/x/style.css"><script src="../wp-includes/js/jquery.js"></script>', 'https://blog.example.test/news/post/', 'wordpress'],
  ])('are read relative to the page, not the origin: %s', (_what, head, url, id) => {
    const s = signalsOf(`<!DOCTYPE html><html><head>${head}</head><body></body></html>`, url);
    expect(recognizePlatform(s)?.platform.id).toBe(id);
  });
});
