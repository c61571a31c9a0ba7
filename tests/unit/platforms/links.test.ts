// @vitest-environment node
/** The vocabulary for finding the editor on unknown sites, and the ranking of a page's links. */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_WORDS, DANGER_WORDS, isDangerousLink, rankAccountLinks } from '../../../lib/platforms';

const ORIGIN = 'https://site.example.test';
type L = { href: string; text: string; title?: string; ariaLabel?: string };
const l = (href: string, text: string, extra: Partial<L> = {}): L => ({ href: href.startsWith('http') ? href : ORIGIN + href, text, ...extra });

describe('isDangerousLink', () => {
  const cases: [L, boolean][] = [
    [l('/logout', 'Log out'), true],
    [l('/a', 'Sign out'), true],
    [l('/u', 'Đăng xuất'), true],
    [l('/u', 'Thoát'), true],
    [l('/u', 'Xoá tài khoản'), true],
    [l('/u', 'Xóa tài khoản'), true],
    [l('/u', 'Hủy đăng ký nhận tin'), true],
    [l('/u', 'Vô hiệu hóa tài khoản'), true],
    [l('/u', 'Déconnexion'), true],
    [l('/u', 'Abmelden'), true],
    [l('/u', 'Cerrar sesión'), true],
    [l('/u', 'Sair'), true],
    [l('/u', 'Выйти'), true],
    [l('/u', 'Keluar'), true],
    [l('/u', 'Çıkış'), true],
    [l('/u', 'ログアウト'), true],
    [l('/u', '退出'), true],
    [l('/u', 'Close account'), true],
    [l('/u', 'Unsubscribe'), true],
    [l('/u', '', { ariaLabel: 'Log out' }), true],
    [l('/u', '', { title: 'Delete account' }), true],
    [l('/ucp.php?mode=logout&sid=1', 'Bye'), true],
    [l('/member.php?action=logout&logoutkey=1', ''), true],
    [l('/login.php?do=logout&logouthash=1', ''), true],
    [l('/index.php?option=com_users&task=user.logout', ''), true],
    [l('/user/logout?token=1', ''), true],
    [l('/users/sign_out', ''), true],
    [l('/settings/delete', 'Danger zone'), true],
    [l('/account/deactivate', ''), true],
    [l('/newsletter/unsubscribe?u=1', ''), true],
    [l('/user/settings', 'Settings'), false],
    [l('/profile/edit', 'Edit profile'), false],
    [l('/u/jane', 'Jane'), false],
    [l('/blog/silver-linings', 'Silver linings'), false], // Turkish "sil" only as a whole word
    [l('/blog/logo-design', 'Logo design'), false],
  ];
  it.each(cases)('%j → %s', (link, dangerous) => {
    expect(isDangerousLink(link)).toBe(dangerous);
  });
});

describe('rankAccountLinks', () => {
  it('ranks edit-profile links first, then settings/account, then profile, with reasons', () => {
    const ranked = rankAccountLinks(
      [
        l('/', 'Home'),
        l('/u/jane', 'Hồ sơ'),
        l('/account', 'Tài khoản'),
        l('/profile/edit', 'Sửa hồ sơ'),
        l('/blog', 'Blog'),
      ],
      { origin: ORIGIN, userName: 'jane' },
    );
    expect(ranked.map((r) => r.href)).toEqual([ORIGIN + '/profile/edit', ORIGIN + '/account', ORIGIN + '/u/jane']);
    expect(ranked[0]!.reasons).toEqual(['text: sua ho so', 'href: editor path']);
    expect(ranked[2]!.reasons).toContain('href: user name');
  });

  const table: { name: string; links: L[]; user?: string; first: string | null }[] = [
    { name: 'English menu', links: [l('/help', 'Help'), l('/settings', 'Settings'), l('/me/edit', 'Edit profile')], first: '/me/edit' },
    { name: 'Vietnamese menu', links: [l('/tin-tuc', 'Tin tức'), l('/tai-khoan', 'Tài khoản của tôi'), l('/thanh-vien/sua', 'Chỉnh sửa thông tin')], first: '/thanh-vien/sua' },
    { name: 'French', links: [l('/compte', 'Mon compte'), l('/profil/modifier', 'Modifier le profil')], first: '/profil/modifier' },
    { name: 'German', links: [l('/konto', 'Mein Konto'), l('/profil', 'Profil bearbeiten')], first: '/profil' },
    { name: 'Spanish', links: [l('/cuenta', 'Mi cuenta'), l('/perfil/editar', 'Editar perfil')], first: '/perfil/editar' },
    { name: 'Portuguese', links: [l('/conta', 'Minha conta'), l('/config', 'Configurações')], first: '/conta' },
    { name: 'Russian', links: [l('/profile', 'Профиль'), l('/me/edit', 'Редактировать профиль')], first: '/me/edit' },
    { name: 'Indonesian', links: [l('/akun', 'Akun saya'), l('/pengaturan', 'Pengaturan')], first: '/akun' },
    { name: 'Turkish', links: [l('/hesap', 'Hesabım'), l('/profil/duzenle', 'Profili düzenle')], first: '/profil/duzenle' },
    { name: 'Japanese', links: [l('/mypage', 'マイページ'), l('/settings/profile', 'プロフィールを編集')], first: '/settings/profile' },
    { name: 'Chinese', links: [l('/home', '首页'), l('/user/edit', '编辑资料')], first: '/user/edit' },
    { name: 'icon-only link with aria-label', links: [l('/x', '', { ariaLabel: 'Account settings' })], first: '/x' },
    { name: 'title only', links: [l('/y', '⚙', { title: 'Edit your profile' })], first: '/y' },
    { name: 'only the user name in the href', links: [l('/blog', 'Blog'), l('/members/jane-doe', 'JD')], user: 'jane-doe', first: '/members/jane-doe' },
    { name: 'editor path without words', links: [l('/ucp.php?i=ucp_profile&mode=profile_info', '»')], first: '/ucp.php?i=ucp_profile&mode=profile_info' },
    { name: 'nothing account-like', links: [l('/', 'Home'), l('/news', 'News'), l('/contact', 'Contact')], first: null },
  ];
  it.each(table)('$name', ({ links, user, first }) => {
    const ranked = rankAccountLinks(links, { origin: ORIGIN, userName: user });
    expect(ranked[0]?.href ?? null).toBe(first && ORIGIN + first);
    for (const r of ranked) expect(r.score).toBeGreaterThan(0);
  });

  it('never returns off-origin, non-http(s), static-file or dangerous links', () => {
    const ranked = rankAccountLinks(
      [
        l('https://evil.example.net/profile/edit', 'Edit profile'),
        l('https://site.example.test.evil.example/profile/edit', 'Edit profile'),
        l('http://site.example.test/profile/edit', 'Edit profile'), // other scheme = other origin
        { href: 'javascript:alert(1)', text: 'Edit profile' },
        { href: 'mailto:me@site.example.test', text: 'My account' },
        l('/files/profile-edit.pdf', 'Edit profile (PDF)'),
        l('/account/delete', 'Delete my account'),
        l('/profile/edit?next=/logout', 'Edit profile'), // a logout anywhere in the URL: not followed either
        l('/settings', 'Settings'),
        l('/logout', 'Settings'), // a logout URL under a harmless label
        l('/settings/profile', 'Log out'), // a logout label on a harmless URL
      ],
      { origin: ORIGIN },
    );
    expect(ranked.map((r) => r.href)).toEqual([ORIGIN + '/settings']);
  });

  it('accepts relative hrefs and keeps one entry per URL, the best scored', () => {
    const ranked = rankAccountLinks([{ href: '/settings', text: 'Gear' }, { href: '/settings', text: 'Account settings' }], { origin: ORIGIN });
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).toMatchObject({ href: ORIGIN + '/settings', text: 'Account settings' });
  });
});

describe('vocabulary', () => {
  it('covers edit / settings / profile words and the words never to follow, in every supported language', () => {
    const all = [...ACCOUNT_WORDS.edit, ...ACCOUNT_WORDS.settings, ...ACCOUNT_WORDS.profile].join('|');
    for (const w of ['edit profile', 'sua ho so', 'tai khoan', 'modifier le profil', 'profil bearbeiten', 'editar perfil', 'minha conta', 'настройки', 'pengaturan', 'ayarlar', 'プロフィール', '设置']) {
      expect(all, w).toContain(w);
    }
    for (const w of ['log out', 'dang xuat', 'deconnexion', 'abmelden', 'cerrar sesion', 'sair', 'выйти', 'keluar', 'cikis', 'ログアウト', '退出', 'unsubscribe', 'deactivate', 'close account']) {
      expect(DANGER_WORDS, w).toContain(w);
    }
  });
});
