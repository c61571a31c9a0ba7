/**
 * Finding the profile editor on an unknown site through its own links: the
 * words of account links (en, vi, fr, de, es, pt, ru, id, tr, ja, zh) and of
 * links never to follow, and a pure ranking of a page's links.
 *
 * Words come from real platforms' translation files where they exist: NodeBB
 * public/language/<lang>/{user,global}.json (edit-profile, profile, settings,
 * account-info, logout, delete-account), Redmine config/locales/<lang>.yml
 * (label_my_account, label_profile, label_logout, button_delete_my_account),
 * HumHub protected/humhub/messages/<lang>/base.php (Settings, Logout),
 * django-allauth allauth/locale/<lang>/LC_MESSAGES/django.po (Sign Out);
 * the rest are the common forms of the same words.
 */
import type { PageLink } from './types';

/**
 * Matching is on lowercase text with the accents of Latin letters dropped (đ→d, ı→i), so "Xoá"/"Xóa" and
 * "Huỷ"/"Hủy" match alike; other scripts keep their marks (й, プ).
 */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/([a-z])[\u0300-\u036f]+/g, '$1')
    .normalize('NFC')
    .replace(/đ/g, 'd')
    .replace(/ı/g, 'i');
}

/** Letters and digits only, so punctuation and icons around the words do not matter. */
const plain = (s: string) => fold(s).replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim();
const words = (s: string) => s.split('|').map(plain);

/** Account-link words by strength: edit-profile beats settings/account beats profile. */
export const ACCOUNT_WORDS = {
  edit: words(
    'edit profile|edit my profile|edit your profile|update profile|profile settings|edit account|edit details|personal details|personal information|personal info|account details|' +
      'sửa hồ sơ|chỉnh sửa hồ sơ|cập nhật hồ sơ|sửa thông tin|chỉnh sửa thông tin|cập nhật thông tin|thông tin cá nhân|sửa trang cá nhân|chỉnh sửa trang cá nhân|' +
      'éditer le profil|modifier le profil|modifier mon profil|profil ändern|profil bearbeiten|editar perfil|editar mi perfil|редактировать профиль|изменить профиль|' +
      'ubah profil|edit profil|perbarui profil|profil düzenle|profili düzenle|プロフィールを編集|プロフィール編集|编辑资料|编辑个人资料|修改资料|編輯個人資料',
  ),
  settings: words(
    'account settings|my account|your account|settings|preferences|user cp|user control panel|control panel|account info|' +
      'cài đặt|thiết lập|tùy chọn|tuỳ chọn|tài khoản của tôi|tài khoản|thông tin tài khoản|bảng điều khiển|cá nhân|' +
      'mon compte|paramètres|réglages|préférences|mein konto|einstellungen|kontoinformationen|mi cuenta|opciones|ajustes|configuración|información de cuenta|' +
      'minha conta|configurações|настройки|моя учётная запись|учётная запись|akun saya|pengaturan|hesabım|ayarlar|hesap bilgisi|個人設定|設定|アカウント情報|我的帐号|我的账户|设置|账户信息|帳戶設定',
  ),
  profile: words(
    'my profile|your profile|profile|view profile|public profile|my page|' +
      'hồ sơ|hồ sơ của tôi|trang cá nhân|trang riêng|xem hồ sơ|profil|mon profil|mein profil|perfil|mi perfil|meu perfil|профиль|мой профиль|profil saya|profilim|プロフィール|マイページ|资料|个人资料|简介|個人資料',
  ),
};

/** Links never to follow: log out, delete, deactivate, close account, unsubscribe. */
export const DANGER_WORDS = words(
  'log out|logout|log off|sign out|signout|sign off|delete|remove account|deactivate|disable account|close account|close my account|unsubscribe|cancel account|terminate|' +
    'đăng xuất|thoát|xóa|xoá tài khoản|vô hiệu hóa|vô hiệu hoá|khóa tài khoản|đóng tài khoản|hủy đăng ký|huỷ đăng ký|hủy tài khoản|' +
    'déconnexion|se déconnecter|supprimer|désactiver|se désabonner|désinscrire|fermer le compte|abmelden|ausloggen|löschen|deaktivieren|abbestellen|konto schließen|' +
    'salir|cerrar sesión|terminar sesión|eliminar|borrar|desactivar|darse de baja|cancelar suscripción|sair|excluir|deletar|desativar|cancelar inscrição|encerrar conta|' +
    'выйти|выход|удалить|деактивировать|отписаться|keluar|hapus|nonaktifkan|berhenti berlangganan|çıkış|çıkış yap|oturumu kapat|sil|hesabı sil|devre dışı|abonelikten çık|' +
    'ログアウト|削除|退会|無効化|購読解除|退出|登出|注销|删除|停用|取消订阅|登出帳號',
);

/** The same, as URL path/query parts. */
const DANGER_HREF = /(?:^|[/?&=_.;-])(?:log-?out|log-?off|sign-?out|sign_out|signoff|delete|destroy|deactivate|disable|unsubscribe|remove|cancel|close[-_]?account|terminate)(?:$|[/?&=_.;#-])|[?&;](?:do|mode|action|task|act)=[\w.]*logout/i;
const EDIT_HREF = /(?:profile|account|user|member|settings?)[/_-]?(?:edit|settings?|details|info)|edit[/_-]?(?:profile|account)|editprofile|profile_info|personal[-_]?(?:details|info)|ucp\.php|usercp/i;
const SETTINGS_HREF = /(?:^|\/)(?:my[-_]?account|account|settings|preferences|profile)(?:\/|$|\?)/i;
const STATIC_HREF = /\.(?:jpe?g|png|gif|webp|svg|css|js|pdf|zip|xml|rss)(?:$|\?)/i;

/** A phrase in folded text: whole words for spaced scripts, a substring for CJK. */
function hasPhrase(text: string, phrase: string): boolean {
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(phrase)) return text.includes(phrase);
  return ` ${text} `.includes(` ${phrase} `);
}

export interface AccountLinkContext {
  origin: string;
  userName?: string;
}

export interface RankedLink {
  href: string;
  text: string;
  score: number;
  reasons: string[];
}

function linkWords(l: Pick<PageLink, 'text' | 'title' | 'ariaLabel'>): string {
  // Two spaces between the parts: a phrase never spans text and title.
  return [l.text, l.title, l.ariaLabel].filter(Boolean).map((s) => plain(s!)).join('  ');
}

/** A logout/delete/deactivate/unsubscribe link, by its words or its URL. */
export function isDangerousLink(l: Pick<PageLink, 'href' | 'text' | 'title' | 'ariaLabel'>): boolean {
  const w = linkWords(l);
  if (DANGER_WORDS.some((p) => hasPhrase(w, p))) return true;
  try {
    const u = new URL(l.href);
    return DANGER_HREF.test(decodeURIComponent(u.pathname + u.search));
  } catch {
    return DANGER_HREF.test(l.href);
  }
}

/**
 * Candidate profile-editor links, best first, each with its reasons. Never
 * returns a link off the origin, a non-http(s) or same-page link, a static
 * file, or a dangerous one.
 */
export function rankAccountLinks(links: readonly Pick<PageLink, 'href' | 'text' | 'title' | 'ariaLabel'>[], ctx: AccountLinkContext): RankedLink[] {
  const user = ctx.userName ? plain(ctx.userName) : '';
  const best = new Map<string, RankedLink>();
  links.forEach((l) => {
    let u: URL;
    try {
      u = new URL(l.href, ctx.origin);
    } catch {
      return;
    }
    if (u.origin !== ctx.origin || !/^https?:$/.test(u.protocol)) return;
    if (STATIC_HREF.test(u.pathname) || isDangerousLink({ ...l, href: u.href })) return;
    const w = linkWords(l);
    const path = safeDecode(u.pathname + u.search + u.hash);
    const reasons: string[] = [];
    let score = 0;
    const add = (n: number, why: string) => {
      score += n;
      reasons.push(why);
    };
    const said = (k: keyof typeof ACCOUNT_WORDS) => ACCOUNT_WORDS[k].find((p) => hasPhrase(w, p));
    const edit = said('edit');
    const settings = edit ? undefined : said('settings');
    const profile = edit || settings ? undefined : said('profile');
    if (edit) add(10, `text: ${edit}`);
    else if (settings) add(6, `text: ${settings}`);
    else if (profile) add(4, `text: ${profile}`);
    if (EDIT_HREF.test(path)) add(5, 'href: editor path');
    else if (SETTINGS_HREF.test(path)) add(3, 'href: account path');
    if (user.length > 1 && hasPhrase(plain(path), user)) add(3, 'href: user name');
    if (!score) return;
    const href = u.href;
    const prev = best.get(href);
    if (!prev || prev.score < score) best.set(href, { href, text: l.text, score, reasons });
  });
  // Map keeps first-seen order, and sort is stable: ties stay in page order.
  return [...best.values()].sort((a, b) => b.score - a.score);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const LOGIN_WORDS = words(
  'log in|login|sign in|signin|đăng nhập|connexion|se connecter|anmelden|einloggen|iniciar sesión|entrar|acessar|войти|вход|masuk|giriş|giriş yap|ログイン|登录|登入',
);
const LOGIN_HREF = /(?:^|\/)(?:login|log-in|signin|sign-in|sign_in|users\/sign_in|auth\/sign_in|account\/login|user\/login|dang-nhap)(?:$|[/?.#])|[?&](?:mode|action)=login\b/i;
const PUBLIC_WORDS = words(
  'view profile|view my profile|public profile|my profile|your profile|my page|xem hồ sơ|hồ sơ của tôi|trang cá nhân|voir le profil|voir mon profil|profil anzeigen|mein profil|ver perfil|mi perfil|meu perfil|мой профиль|profil saya|profilim|マイページ|我的资料',
);
/** Account pages that are not the profile: passwords, e-mail, notifications, privacy, security, billing. */
const NOT_PROFILE = /password|passwort|mật khẩu|mot de passe|contraseña|senha|пароль|e-?mail|notification|privacy|security|billing|two-factor|2fa|avatar|theme|appearance/i;
const EDIT_LIKE = /edit|settings|preferences|account|ucp\.php|usercp|\/me\/?(?:$|[?#])/i;

export interface AccountDiscovery {
  loginUrl?: string;
  editorUrl?: string;
  publicUrl?: string;
}

/**
 * Generic discovery on a site no recipe knows (DESIGN step 3): the login page
 * while signed out; the profile editor and the public profile while signed
 * in — from the page's own links (menus included: they are read by href and
 * words, never by clicking). Never off the origin, never a dangerous link.
 */
export function discoverAccount(links: readonly PageLink[], ctx: AccountLinkContext & { signedIn: boolean }): AccountDiscovery {
  const out: AccountDiscovery = {};
  const same = (l: PageLink) => {
    try {
      const u = new URL(l.href, ctx.origin);
      return u.origin === ctx.origin && /^https?:$/.test(u.protocol) ? u : null;
    } catch {
      return null;
    }
  };
  if (!ctx.signedIn) {
    for (const l of links) {
      const u = same(l);
      if (!u || isDangerousLink({ ...l, href: u.href })) continue;
      if (LOGIN_WORDS.some((p) => hasPhrase(linkWords(l), p)) || LOGIN_HREF.test(safeDecode(u.pathname + u.search))) {
        out.loginUrl = u.href;
        break;
      }
    }
    return out;
  }
  const user = ctx.userName ? plain(ctx.userName) : '';
  const isPublic = (l: PageLink) => PUBLIC_WORDS.some((p) => hasPhrase(linkWords(l), p)) || /view-?profile/i.test(l.href);
  const editor = rankAccountLinks(links, ctx).find((r) => r.score >= 6 && !NOT_PROFILE.test(`${r.text} ${safeDecode(new URL(r.href).pathname)}`) && !isPublic(links.find((l) => l.href === r.href) ?? r));
  if (editor) out.editorUrl = editor.href;
  let pub: { href: string; score: number } | null = null;
  for (const l of links) {
    const u = same(l);
    if (!u || isDangerousLink({ ...l, href: u.href }) || u.href === out.editorUrl) continue;
    const path = safeDecode(u.pathname + u.search);
    const named = user.length > 2 && hasPhrase(plain(path), user);
    let score = 0;
    if (isPublic(l)) score = named ? 10 : 8;
    else if (named && !EDIT_LIKE.test(path)) score = 6;
    if (score && (!pub || score > pub.score)) pub = { href: u.href, score };
  }
  if (pub) out.publicUrl = pub.href;
  return out;
}
