/**
 * A Vietnamese community site ("Cộng Đồng Thợ Bánh"), unknown platform: the
 * whole interface is in Vietnamese (Đăng nhập, Mã xác thực, Tài khoản,
 * Chỉnh sửa hồ sơ, Lưu thay đổi, Đăng xuất), Vietnamese route slugs, a TOTP
 * step, and a "one link per line" box next to the platform fields. Not
 * modelled on one platform (hand-built, as many small Vietnamese sites are).
 */
import { html } from '../http';
import { e, isHttpUrl, linkify, redirect, safePath, urlsIn, type Fields, type JourneySite, type JourneyUser, type SiteCtx } from './kit';
import { plainPage } from './plain';

const HOST = 'congdong-viet.test';
const FIELDS: Array<{ name: string; label: string; type: 'text' | 'url' | 'textarea'; hint?: string; platform?: string }> = [
  { name: 'ten_hien_thi', label: 'Tên hiển thị', type: 'text' },
  { name: 'gioi_thieu', label: 'Giới thiệu bản thân', type: 'textarea' },
  { name: 'website', label: 'Trang web', type: 'url', hint: 'Địa chỉ trang web của bạn, ví dụ https://tiembanh.vn' },
  { name: 'facebook', label: 'Facebook', type: 'url', platform: 'facebook' },
  { name: 'youtube', label: 'Kênh YouTube', type: 'url', platform: 'youtube' },
  { name: 'tiktok', label: 'TikTok', type: 'url', platform: 'tiktok' },
  { name: 'lien_ket_khac', label: 'Liên kết khác', type: 'textarea', hint: 'Mỗi dòng một liên kết.' },
];
const FIELD_NAMES = FIELDS.map((f) => f.name);

function nav(ctx: SiteCtx): string {
  const me = ctx.me();
  return me
    ? `<a href="/">Trang chủ</a><span>Xin chào, <strong>${e(me.displayName)}</strong></span><a href="/tai-khoan">Tài khoản</a>`
    : `<a href="/">Trang chủ</a><a href="/dang-ky">Đăng ký</a><a href="/dang-nhap">Đăng nhập</a>`;
}
const page = (ctx: SiteCtx, title: string, body: string, status = 200) =>
  html(status, plainPage({ lang: 'vi', title, brand: 'Cộng Đồng Thợ Bánh', nav: nav(ctx), body, accent: '#b45309' }));

function loginBody(next: string, error = '', id = ''): string {
  return `<div class="card" style="max-width:440px;margin:auto"><h1>Đăng nhập</h1>
${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/dang-nhap"><input type="hidden" name="tiep_theo" value="${e(next)}">
  <div class="field"><label for="ten_dang_nhap">Tên đăng nhập hoặc email</label><input id="ten_dang_nhap" name="ten_dang_nhap" value="${e(id)}" autocomplete="username" required></div>
  <div class="field"><label for="mat_khau">Mật khẩu</label><input id="mat_khau" type="password" name="mat_khau" autocomplete="current-password" required></div>
  <label><input type="checkbox" name="ghi_nho" value="1"> Ghi nhớ đăng nhập</label><br><br>
  <button class="btn" type="submit">Đăng nhập</button> <a href="/quen-mat-khau">Quên mật khẩu?</a>
</form></div>`;
}

function otpBody(error = ''): string {
  return `<div class="card" style="max-width:440px;margin:auto"><h1>Xác thực hai lớp</h1>
${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/xac-thuc">
  <div class="field"><label for="ma_xac_thuc">Mã xác thực</label><input id="ma_xac_thuc" name="ma_xac_thuc" inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}" required>
  <p class="hint">Nhập mã 6 chữ số từ ứng dụng xác thực (Google Authenticator, Authy…).</p></div>
  <button class="btn" type="submit">Xác nhận</button>
</form></div>`;
}

function accountBody(me: JourneyUser): string {
  return `<div class="card"><h1>Tài khoản của tôi</h1><p>Xin chào ${e(me.displayName)}.</p>
<ul class="links account-menu">
  <li><a href="/thanh-vien/${e(me.slug)}">Xem trang cá nhân</a></li>
  <li><a href="/tai-khoan/ho-so">Chỉnh sửa hồ sơ</a></li>
  <li><a href="/tai-khoan/mat-khau">Đổi mật khẩu</a></li>
  <li><form method="post" action="/dang-xuat" class="inline"><button class="menu-item" type="submit" style="padding:0;color:#b45309">Đăng xuất</button></form></li>
</ul></div>`;
}

function editBody(v: Fields, error = ''): string {
  const rows = FIELDS.map((f) => {
    const id = `ho_so_${f.name}`;
    const control = f.type === 'textarea' ? `<textarea id="${id}" name="${f.name}" rows="4">${e(v[f.name] ?? '')}</textarea>` : `<input id="${id}" type="${f.type}" name="${f.name}" value="${e(v[f.name] ?? '')}"${f.type === 'url' ? ' placeholder="https://"' : ''}>`;
    return `<div class="field"><label for="${id}">${e(f.label)}</label>${control}${f.hint ? `<p class="hint">${e(f.hint)}</p>` : ''}</div>`;
  }).join('\n');
  return `<div class="card"><h1>Chỉnh sửa hồ sơ</h1>
${error ? `<p class="err" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/tai-khoan/ho-so">
${rows}
<button class="btn" type="submit">Lưu thay đổi</button>
</form></div>`;
}

function publicBody(user: JourneyUser, s: Fields, saved: boolean): string {
  const links = ['website', 'facebook', 'youtube', 'tiktok']
    .filter((k) => isHttpUrl(s[k] ?? ''))
    .map((k) => `<li><a href="${e(s[k]!)}" rel="nofollow">${e(s[k]!)}</a></li>`);
  const more = (s.lien_ket_khac ?? '').split('\n').map((l) => l.trim()).filter(isHttpUrl).map((u) => `<li><a href="${e(u)}" rel="nofollow">${e(u)}</a></li>`);
  return `${saved ? '<p class="ok" role="status">Đã lưu thay đổi.</p>' : ''}
<div class="card"><h1>${e(s.ten_hien_thi || user.displayName)}</h1>
${s.gioi_thieu ? `<div class="gioi-thieu">${linkify(s.gioi_thieu)}</div>` : ''}
${links.length + more.length ? `<h2>Liên kết</h2><ul class="links">${[...links, ...more].join('')}</ul>` : ''}
</div>`;
}

export const vietnamese: JourneySite = {
  firstUserId: 1,
  spec: {
    host: HOST,
    platform: 'custom',
    modelledOn: 'A Vietnamese-language community site, unknown platform',
    sources: ['none: Vietnamese UI wording as common on .vn community sites'],
    language: 'vi',
    scheme: 'http',
    spa: false,
    homePath: '/',
    loginPath: '/dang-nhap',
    loginFields: { identifier: 'ten_dang_nhap', password: 'mat_khau', remember: 'ghi_nho' },
    twoFactor: { path: '/xac-thuc', field: 'ma_xac_thuc' },
    sessionCookie: 'phien',
    signedInLoginRedirect: '/tai-khoan',
    editorReach: 'nav-link',
    editorPath: () => '/tai-khoan/ho-so',
    editorNeedsTab: false,
    save: { method: 'POST', encoding: 'form', path: () => '/tai-khoan/ho-so' },
    linkFields: [
      { name: 'website', label: 'Trang web', kind: 'website', format: 'url' },
      { name: 'facebook', label: 'Facebook', kind: 'platform', platform: 'facebook', format: 'url' },
      { name: 'youtube', label: 'Kênh YouTube', kind: 'platform', platform: 'youtube', format: 'url' },
      { name: 'tiktok', label: 'TikTok', kind: 'platform', platform: 'tiktok', format: 'url' },
      { name: 'lien_ket_khac', label: 'Liên kết khác', kind: 'slot', format: 'text' },
      { name: 'gioi_thieu', label: 'Giới thiệu bản thân', kind: 'bio', format: 'text' },
    ],
    rewritesOnSave: false,
    publicProfilePath: (u) => `/thanh-vien/${u.slug}`,
    linksVisibleOnPublic: (s) => [
      ...urlsIn(s.gioi_thieu ?? ''),
      ...['website', 'facebook', 'youtube', 'tiktok'].map((k) => s[k] ?? '').filter(isHttpUrl),
      ...(s.lien_ket_khac ?? '').split('\n').map((l) => l.trim()).filter(isHttpUrl),
    ],
    logout: { method: 'POST', path: () => '/dang-xuat' },
    notes: 'Vietnamese labels only; the editor link ("Chỉnh sửa hồ sơ") is on the account page (/tai-khoan) linked as "Tài khoản"; "Liên kết khác" is a one-URL-per-line box.',
  },
  handle(ctx) {
    const p = ctx.path.replace(/\/+$/, '') || '/';
    const sess = ctx.session();
    const me = ctx.me();
    if (p === '/') return page(ctx, 'Trang chủ', `<div class="card"><h1>Cộng Đồng Thợ Bánh</h1><p>Nơi chia sẻ công thức và kinh nghiệm làm bánh.</p>${me ? '<p><a href="/tai-khoan">Tài khoản</a></p>' : '<p><a href="/dang-nhap">Đăng nhập</a> để tham gia.</p>'}</div>`);
    if (p === '/dang-nhap') {
      if (ctx.method === 'POST') {
        const id = ctx.form.get('ten_dang_nhap') ?? '';
        const user = ctx.checkPassword(id, ctx.form.get('mat_khau') ?? '');
        const next = safePath(ctx.form.get('tiep_theo'), '/tai-khoan');
        if (!user) return page(ctx, 'Đăng nhập', loginBody(next, 'Tên đăng nhập hoặc mật khẩu không đúng.', id));
        const { headers, session } = ctx.startSession(user, { next, remember: ctx.form.get('ghi_nho') === '1' });
        return redirect(session.stage === '2fa' ? '/xac-thuc' : next, headers, 303);
      }
      if (me) return redirect('/tai-khoan');
      return page(ctx, 'Đăng nhập', loginBody(safePath(ctx.query.get('tiep_theo'), '/tai-khoan')));
    }
    if (p === '/xac-thuc') {
      if (!sess) return redirect('/dang-nhap');
      if (sess.session.stage === 'in') return redirect('/tai-khoan');
      if (ctx.method === 'POST') {
        if (ctx.verify2fa(sess.session, sess.user, ctx.form.get('ma_xac_thuc') ?? '')) return redirect(sess.session.next, {}, 303);
        return page(ctx, 'Xác thực hai lớp', otpBody('Mã xác thực không đúng hoặc đã hết hạn.'));
      }
      return page(ctx, 'Xác thực hai lớp', otpBody());
    }
    if (p === '/dang-xuat') {
      if (ctx.method !== 'POST') return redirect('/');
      return redirect('/', ctx.logout(), 303);
    }
    if (p === '/tai-khoan') {
      if (!me) return redirect('/dang-nhap?tiep_theo=%2Ftai-khoan');
      return page(ctx, 'Tài khoản', accountBody(me));
    }
    if (p === '/tai-khoan/ho-so') {
      if (!me) return redirect(`/dang-nhap?tiep_theo=${encodeURIComponent('/tai-khoan/ho-so')}`);
      if (ctx.method === 'POST') {
        const posted = ctx.pick(FIELD_NAMES);
        const v = { ...ctx.storedAll(me), ...posted };
        const bad = FIELDS.find((f) => f.type === 'url' && v[f.name] && !isHttpUrl(v[f.name]!));
        if (bad) {
          ctx.rejectSave(me);
          return page(ctx, 'Chỉnh sửa hồ sơ', editBody(v, `${bad.label}: địa chỉ không hợp lệ (cần bắt đầu bằng https://).`), 422);
        }
        ctx.save(me, posted, posted);
        return redirect(`/thanh-vien/${me.slug}?da_luu=1`, {}, 303);
      }
      return page(ctx, 'Chỉnh sửa hồ sơ', editBody({ ten_hien_thi: me.displayName, ...ctx.storedAll(me) }));
    }
    const m = p.match(/^\/thanh-vien\/([a-z0-9-]+)$/);
    const user = m ? ctx.userBySlug(m[1]) : undefined;
    if (user) return page(ctx, user.displayName, publicBody(user, ctx.storedAll(user), ctx.query.has('da_luu')));
    return page(ctx, 'Không tìm thấy', '<div class="card"><h1>Không tìm thấy trang</h1></div>', 404);
  },
};
