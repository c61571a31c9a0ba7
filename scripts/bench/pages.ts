/**
 * Generated large pages for the benchmark: a profile editor at the top (the
 * fields the engine must find and fill) followed by a realistic mass of other
 * controls — labelled rows, table rows, definition lists, selects,
 * checkboxes, textareas, placeholder-only inputs and a few hidden honeypots —
 * until the page holds `inputs` form controls.
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const PROFILE = `
<form id="profile" action="/settings/profile" method="post">
  <h2>Public profile</h2>
  <div class="row"><label for="display_name">Display name</label><input id="display_name" name="user[name]" value="Jane D."></div>
  <div class="row"><label for="public_email">Public email</label><input id="public_email" name="user[public_email]" type="email"></div>
  <div class="row"><label for="website">Website</label><input id="website" name="user[website_url]" type="url"></div>
  <div class="row"><label for="twitter">X (Twitter) username</label><span class="prefix">https://x.com/</span><input id="twitter" name="user[twitter]" maxlength="16"></div>
  <div class="row"><label for="facebook">Facebook</label><input id="facebook" name="user[facebook]" type="url"></div>
  <div class="row"><label for="linkedin">LinkedIn profile URL</label><input id="linkedin" name="user[linkedin]" type="url"></div>
  <div class="row"><label for="bio">Bio</label><textarea id="bio" name="user[bio]" maxlength="1000">Illustrator.</textarea></div>
  <button type="submit">Update profile</button>
</form>`;

/** How many controls PROFILE holds (display name, email, website, twitter, facebook, linkedin, bio). */
const PROFILE_CONTROLS = 7;

type Block = (i: number) => { html: string; controls: number };

const BLOCKS: Block[] = [
  (i) => ({
    html: `<div class="row"><label for="addr${i}">Address line ${i}</label><input id="addr${i}" name="address[${i}]" autocomplete="address-line1"></div>`,
    controls: 1,
  }),
  (i) => {
    let rows = '';
    for (let r = 0; r < 5; r++) {
      const id = `t${i}_${r}`;
      const label = ['Phone', 'Fax', 'Company', 'Department', 'Office'][r]!;
      const type = r < 2 ? 'tel' : 'text';
      rows += `<tr><th><label for="${id}">${label} ${i}</label></th><td><input id="${id}" name="contact[${i}][${r}]" type="${type}"></td><td class="help">Shown to members only</td></tr>`;
    }
    return { html: `<table class="form-table"><tbody>${rows}</tbody></table>`, controls: 5 };
  },
  (i) => ({
    html: `<div class="row"><label for="country${i}">Country</label><select id="country${i}" name="country[${i}]"><option>Viet Nam</option><option>France</option><option>Germany</option><option>Japan</option><option>Brazil</option></select></div>`,
    controls: 1,
  }),
  (i) => ({
    html: `<div class="row check"><label><input type="checkbox" name="notify[${i}]" checked> Email me about ${esc('replies & mentions')} (${i})</label></div>`,
    controls: 1,
  }),
  (i) => ({
    html: `<dl><dt><label for="org${i}">Organisation ${i}</label></dt><dd><input id="org${i}" name="org[${i}]"><br><span class="help">Your employer or school.</span></dd></dl>`,
    controls: 1,
  }),
  (i) => ({ html: `<div class="row"><input name="q${i}" type="search" placeholder="Search members"></div>`, controls: 1 }),
  (i) => ({
    html: `<div class="row"><label for="notes${i}">Private notes ${i}</label><textarea id="notes${i}" name="notes[${i}]" rows="2"></textarea></div>`,
    controls: 1,
  }),
  (i) => ({
    html: `<div class="row"><label for="city${i}">City</label><input id="city${i}" name="city[${i}]" value="Hanoi"><label for="zip${i}">Postcode</label><input id="zip${i}" name="zip[${i}]" inputmode="numeric" maxlength="6"></div>`,
    controls: 2,
  }),
  (i) => ({
    html: `<div style="position:absolute;left:-9999px" aria-hidden="true"><label for="hp${i}">Leave empty</label><input id="hp${i}" name="website_hp${i}" tabindex="-1"></div>`,
    controls: 1,
  }),
  (i) => ({
    html: `<div class="row"><label for="cb${i}">Webhook callback URL</label><input id="cb${i}" name="hooks[${i}][url]" type="url" placeholder="https://"></div>`,
    controls: 1,
  }),
];

export function largePage(inputs: number): string {
  let body = '';
  let controls = PROFILE_CONTROLS + 1; // + the header search box
  let i = 0;
  while (controls < inputs) {
    const block = BLOCKS[i % BLOCKS.length]!(i);
    if (controls + block.controls > inputs) {
      body += BLOCKS[0]!(i).html;
      controls += 1;
    } else {
      body += block.html;
      controls += block.controls;
    }
    if (i % 40 === 39) body += `</fieldset><fieldset><legend>Section ${i / 40 + 1}</legend>`;
    i++;
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Settings (${inputs} inputs)</title>
<style>
  body{font:14px system-ui;margin:0 24px} .row{display:flex;gap:8px;align-items:center;margin:4px 0}
  label{min-width:160px} .help{color:#666;font-size:12px} table{border-collapse:collapse} th{text-align:left;font-weight:normal}
</style></head>
<body>
<header><form role="search" action="/search"><input name="q" type="search" placeholder="Search" aria-label="Search"></form></header>
${PROFILE}
<form id="settings" action="/settings" method="post"><fieldset><legend>Section 0</legend>
${body}
</fieldset><button type="submit">Save settings</button></form>
</body></html>`;
}

/** Counts the form controls of a generated page (for the report). */
export function countControls(html: string): number {
  return (html.match(/<(input|textarea|select)\b/g) ?? []).length;
}
