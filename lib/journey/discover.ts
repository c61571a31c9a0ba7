/**
 * Finding the account's pages on a site nobody told us about (DESIGN step 3):
 * the page's own links and menus — read by their href, text, title and
 * aria-label, hidden dropdown menus included (never by clicking) — scored by
 * what they say in the supported languages. Never a link off the task's
 * host, never one that logs out, deletes, deactivates or unsubscribes.
 */
import type { Discovery } from './page';

const LOGOUT = /\blog\s?-?out\b|\bsign\s?-?out\b|\blogoff\b|đăng xuất|thoát|abmelden|déconnexion|deconnexion|cerrar sesi[oó]n|\bsair\b|выйти|wyloguj|çıkış|keluar|ログアウト|退出|登出/i;
const LOGOUT_HREF = /log-?out|sign-?out|signout|sign_out|logoff|mode=logout|action=logout|dang-xuat/i;
/** Links that must never be followed by the extension. */
const DANGER = /delete|deactivat|unsubscri|close[-_ ]?account|remove[-_ ]?account|cancel[-_ ]?account|xóa tài khoản|hủy tài khoản|vô hiệu|löschen|supprimer|eliminar|excluir|удалить/i;
const LOGIN = /\blog\s?-?in\b|\bsign\s?-?in\b|đăng nhập|anmelden|connexion|iniciar sesi[oó]n|\bentrar\b|войти|zaloguj|giriş|masuk|ログイン|登录|登入/i;
const LOGIN_HREF = /\/(login|log-in|signin|sign-in|sign_in|users\/sign_in|auth\/sign_in|account\/login|user\/login|member\.php\?action=login|ucp\.php\?mode=login)\b/i;

/** Words for the profile editor, strongest first (score). */
const EDITOR_WORDS: [RegExp, number][] = [
  [/edit (your |my )?profile|profile settings|edit account|account settings|chỉnh sửa hồ sơ|sửa hồ sơ|cập nhật hồ sơ|sửa thông tin|profil bearbeiten|modifier (le |mon )?profil|editar perfil|редактировать профиль|edytuj profil|profili düzenle|ubah profil|プロフィール(を)?編集|编辑(个人)?资料/i, 10],
  [/\bprofile\b.*\b(edit|settings)\b|\b(my )?account\b|tài khoản|cài đặt|thiết lập|einstellungen|paramètres|ajustes|configuraç|настройки|ustawienia|ayarlar|pengaturan|設定|设置/i, 6],
  [/\bsettings\b|\bpreferences\b|\bprofile\b|hồ sơ|trang cá nhân|profil|perfil|профиль/i, 4],
];
const EDITOR_HREF = /edit|settings|account|profile|preferences|ucp\.php|usercp|\/me\b/i;
const PUBLIC_WORDS = /view (my |your )?profile|public profile|my profile|xem hồ sơ|trang cá nhân|hồ sơ của tôi|profil anzeigen|voir (le |mon )?profil|ver perfil|мой профиль/i;
const EDIT_HREF = /edit|settings|preferences|account|ucp\.php|usercp/i;

interface Candidate {
  el: HTMLAnchorElement;
  url: URL;
  words: string;
}

function candidates(doc: Document, onTaskHost: (url: string) => boolean, limit = 2_000): Candidate[] {
  const out: Candidate[] = [];
  const anchors = doc.querySelectorAll<HTMLAnchorElement>('a[href]');
  for (let i = 0; i < anchors.length && i < limit; i++) {
    const el = anchors[i]!;
    let url: URL;
    try {
      url = new URL(el.href, doc.baseURI);
    } catch {
      continue;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !onTaskHost(url.toString())) continue;
    // textContent, not innerText: a closed dropdown menu's links count too.
    const words = `${el.textContent ?? ''} ${el.title} ${el.getAttribute('aria-label') ?? ''}`.replace(/\s+/g, ' ').trim().slice(0, 120);
    out.push({ el, url, words });
  }
  return out;
}

const safe = (c: Candidate) => !DANGER.test(c.words) && !DANGER.test(c.url.pathname + c.url.search) && !LOGOUT.test(c.words) && !LOGOUT_HREF.test(c.url.href);

/** Is someone signed in on this page? A logout link or button anywhere, menus included. */
export function showsSignedIn(doc: Document): boolean {
  for (const el of Array.from(doc.querySelectorAll('a[href], form[action], button'))) {
    const href = el.getAttribute('href') ?? el.getAttribute('action') ?? '';
    if (LOGOUT_HREF.test(href)) return true;
    if ((el.tagName === 'A' || el.tagName === 'BUTTON') && LOGOUT.test((el.textContent ?? '').slice(0, 60))) return true;
  }
  return false;
}

/**
 * Generic discovery: signed in or not, the login page, the profile editor
 * and the public profile, from the page's own links.
 */
export function discoverFromLinks(doc: Document, ctx: { onTaskHost: (url: string) => boolean; userName?: string }): Discovery {
  const signedIn = showsSignedIn(doc);
  const all = candidates(doc, ctx.onTaskHost).filter(safe);
  const user = ctx.userName?.trim().toLowerCase();
  const carriesUser = (c: Candidate) => !!user && user.length >= 3 && decodeURIComponent(c.url.pathname + c.url.search).toLowerCase().includes(user);

  let editor: { url: string; score: number } | null = null;
  let pub: { url: string; score: number } | null = null;
  let login: string | undefined;
  for (const c of all) {
    if (!signedIn && !login && (LOGIN.test(c.words) || LOGIN_HREF.test(c.url.pathname + c.url.search))) login = c.url.toString();
    if (!signedIn) continue;
    let score = 0;
    for (const [re, s] of EDITOR_WORDS) if (re.test(c.words)) score = Math.max(score, s);
    if (EDITOR_HREF.test(c.url.pathname + c.url.search)) score += 2;
    if (carriesUser(c)) score += 2;
    if (/password|passwort|mật khẩu|e-?mail|notification|privacy|security|billing|two-factor|2fa/i.test(c.words + c.url.pathname)) score -= 6;
    if (score >= 6 && (!editor || score > editor.score)) editor = { url: c.url.toString(), score };
    let p = 0;
    if (PUBLIC_WORDS.test(c.words)) p = 8;
    else if (carriesUser(c) && !EDIT_HREF.test(c.url.pathname + c.url.search)) p = 6;
    if (p && (!pub || p > pub.score)) pub = { url: c.url.toString(), score: p };
  }
  return {
    signedIn,
    ...(login && { loginUrl: login }),
    ...(editor && { editorUrl: editor.url }),
    ...(pub && { publicUrl: pub.url }),
  };
}
