/**
 * Whether a page shows a signed-in user, read in the page (buttons and form
 * actions count, which the signals sent to the background do not carry).
 * The site's URLs themselves are found in the background from the page's
 * signals: lib/platforms (recognised platforms, then the page's own links).
 */

const LOGOUT = /\blog\s?-?out\b|\bsign\s?-?out\b|\blogoff\b|đăng xuất|thoát|abmelden|déconnexion|deconnexion|cerrar sesi[oó]n|\bsair\b|выйти|wyloguj|çıkış|keluar|ログアウト|退出|登出/i;
const LOGOUT_HREF = /log-?out|sign-?out|signout|sign_out|logoff|mode=logout|action=logout|dang-xuat/i;
/** Is someone signed in on this page? A logout link or button anywhere, menus included. */
export function showsSignedIn(doc: Document): boolean {
  for (const el of Array.from(doc.querySelectorAll('a[href], form[action], button'))) {
    const href = el.getAttribute('href') ?? el.getAttribute('action') ?? '';
    if (LOGOUT_HREF.test(href)) return true;
    if ((el.tagName === 'A' || el.tagName === 'BUTTON') && LOGOUT.test((el.textContent ?? '').slice(0, 60))) return true;
  }
  return false;
}
