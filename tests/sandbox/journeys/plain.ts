/**
 * A neutral page shell for the custom (no-platform) journey sites: no
 * generator meta, no platform class names, utility-style classes as a
 * hand-built site would have. Also the closed account dropdown (hidden until
 * its button is clicked) that several of them use.
 */
import { e } from './kit';

export interface MenuItem {
  href: string;
  /** Visible text; omit for an icon-only item (then `aria` is required). */
  text?: string;
  aria?: string;
  icon?: string;
  /** POST form instead of a link (sign out). */
  post?: boolean;
  danger?: boolean;
}

export const ICONS = {
  pencil: '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M12 1l3 3-9 9H3v-3z" fill="currentColor"/></svg>',
  user: '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="5" r="3" fill="currentColor"/><path d="M2 15c0-4 12-4 12 0z" fill="currentColor"/></svg>',
  gear: '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="3" fill="none" stroke="currentColor" stroke-width="2"/></svg>',
};

/** The account button + its closed menu (`hidden` until clicked). */
export function accountDropdown(label: string, buttonText: string, items: MenuItem[]): string {
  const li = items
    .map((it) => {
      const inner = `${it.icon ?? ''}${it.text ? `<span>${e(it.text)}</span>` : ''}`;
      const aria = it.aria ? ` aria-label="${e(it.aria)}" title="${e(it.aria)}"` : '';
      const cls = `menu-item${it.danger ? ' menu-item--danger' : ''}`;
      if (it.post) return `<li role="none"><form method="post" action="${e(it.href)}" class="inline"><button type="submit" role="menuitem" class="${cls}"${aria}>${inner}</button></form></li>`;
      return `<li role="none"><a role="menuitem" class="${cls}" href="${e(it.href)}"${aria}>${inner}</a></li>`;
    })
    .join('\n');
  return `<div class="acct">
  <button type="button" id="account-button" class="acct-btn" aria-haspopup="menu" aria-expanded="false" aria-controls="account-menu" aria-label="${e(label)}"><span class="avatar">${e(buttonText.slice(0, 1).toUpperCase())}</span><span class="sr-only">${e(buttonText)}</span> ▾</button>
  <ul id="account-menu" class="acct-menu" role="menu" hidden>
${li}
  </ul>
</div>`;
}

export function plainPage(opts: { lang: string; title: string; brand: string; nav: string; body: string; accent?: string }): string {
  const accent = opts.accent ?? '#0f766e';
  return `<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(opts.title)} — ${e(opts.brand)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;background:#f8fafc}a{color:${accent}}
.top{display:flex;align-items:center;gap:18px;padding:10px 24px;background:#fff;border-bottom:1px solid #e5e7eb}.top .logo{font-weight:800;font-size:18px;text-decoration:none;color:#111827;margin-right:auto}
.wrap{max-width:760px;margin:28px auto;padding:0 16px}.card{background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:22px 26px;margin-bottom:18px}
.acct{position:relative}.acct-btn{display:flex;align-items:center;gap:6px;border:1px solid #d1d5db;background:#fff;border-radius:999px;padding:3px 10px 3px 3px;cursor:pointer;font:inherit}
.avatar{display:inline-grid;place-items:center;width:28px;height:28px;border-radius:50%;background:${accent};color:#fff;font-weight:700}
.acct-menu{position:absolute;right:0;top:40px;min-width:210px;list-style:none;margin:0;padding:6px;background:#fff;border:1px solid #e5e7eb;border-radius:10px;box-shadow:0 10px 30px rgba(0,0,0,.12);z-index:30}
.acct-menu[hidden]{display:none}.menu-item{display:flex;align-items:center;gap:8px;width:100%;padding:8px 10px;border:0;background:none;border-radius:6px;color:#111827;text-decoration:none;font:inherit;cursor:pointer;text-align:left}.menu-item:hover{background:#f3f4f6}.menu-item--danger{color:#b91c1c}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.field{margin:0 0 14px}.field>label,.field>.lbl{display:block;font-weight:600;margin-bottom:4px}.field input,.field textarea,.field select{width:100%;padding:8px 10px;border:1px solid #cbd5e1;border-radius:8px;font:inherit;background:#fff}
.row{display:grid;grid-template-columns:160px 1fr;gap:8px;margin-bottom:8px}.hint{color:#64748b;font-size:13px;margin:3px 0 0}
.btn{background:${accent};color:#fff;border:0;border-radius:8px;padding:9px 18px;font:inherit;font-weight:600;cursor:pointer}.ok{background:#dcfce7;color:#14532d;padding:10px 14px;border-radius:8px}.err{background:#fee2e2;color:#7f1d1d;padding:10px 14px;border-radius:8px}
form.inline{display:inline;margin:0}.links{list-style:none;padding:0}.links li{padding:4px 0}
</style>
</head>
<body>
<header class="top"><a class="logo" href="/">${e(opts.brand)}</a>${opts.nav}</header>
<main class="wrap">
${opts.body}
</main>
<script>
(function () {
  var b = document.getElementById('account-button'), m = document.getElementById('account-menu');
  if (!b || !m) return;
  b.addEventListener('click', function (ev) { ev.stopPropagation(); var open = m.hidden; m.hidden = !open; b.setAttribute('aria-expanded', String(open)); });
  document.addEventListener('click', function (ev) { if (!m.contains(ev.target)) { m.hidden = true; b.setAttribute('aria-expanded', 'false'); } });
})();
</script>
</body>
</html>`;
}
