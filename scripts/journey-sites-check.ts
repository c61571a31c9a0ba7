/**
 * Walks every journey site in real Chromium as a worker would — log in
 * (with the TOTP when asked), reach the profile editor through the site's own
 * menus (clicking dropdowns and tabs), fill, press the site's Save, open the
 * public profile — and checks the links the spec says are visible there.
 * Screenshots of each editor and public page go to --out. No extension is
 * involved: this checks the sandbox sites themselves, JavaScript included.
 *
 *   npx tsx scripts/journey-sites-check.ts [--out /tmp/journey-shots] [--only phpbb,discourse]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath } from '../tests/e2e/support/chromium';
import { JOURNEY_TASK_IDS, journeySpec, journeyTasks } from '../tests/sandbox/journeys';
import { startSandbox, totpNow } from '../tests/sandbox/server';

const { values: args } = parseArgs({ options: { out: { type: 'string', default: '/tmp/journey-shots' }, only: { type: 'string' } } });
const OUT = path.resolve(args.out!);
mkdirSync(OUT, { recursive: true });

const TW = 'https://twitter.com/lumenbakery';
const FB = 'https://www.facebook.com/lumenbakery';
const YT = 'https://www.youtube.com/@lumenbakery';
const LI = 'https://www.linkedin.com/company/lumen-bakery';
const GH = 'https://github.com/lumenbakery';
const SITE = 'https://lumenbakery.example';

interface Walk {
  /** Clicks from the landing page after login to the editor, through the site's UI. */
  toEditor(p: Page): Promise<void>;
  /** Selector → value to fill (selects get selectOption). */
  fill: Array<[string, string]>;
  save: string;
  /** After Save: what shows the save landed. */
  savedSign: string;
}

const WALKS: Record<string, Walk> = {
  phpbb: {
    async toEditor(p) {
      await p.click('#username_logged_in .dropdown-trigger');
      await p.click('#username_logged_in a[title="User Control Panel"]');
      await p.click('#navigation a:has-text("Edit profile")');
    },
    fill: [['[name="pf_phpbb_website"]', SITE], ['[name="pf_phpbb_facebook"]', 'lumenbakery'], ['[name="pf_phpbb_twitter"]', 'lumenbakery'], ['[name="pf_phpbb_interests"]', `Sourdough. ${GH}`]],
    save: 'input[name="submit"]',
    savedSign: 'text=Your profile has been updated.',
  },
  discourse: {
    async toEditor(p) {
      await p.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
      await p.click('#toggle-current-user');
      await p.click('#user-menu a:has-text("Preferences")');
      await p.click('.preferences-nav .nav-profile a');
      await p.waitForSelector('.pref-website input');
      // History API navigation: the page was never reloaded.
      if (!(await p.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload))) throw new Error('the SPA reloaded the page');
    },
    fill: [['.pref-bio textarea', `Bakers. ${GH}`], ['.pref-website input', SITE], ['.user-field[data-user-field-id="1"] input', TW], ['.user-field[data-user-field-id="2"] input', FB]],
    save: '#save-profile',
    savedSign: '#saved-indicator:not(.hidden)',
  },
  mybb: {
    async toEditor(p) {
      await p.click('a.usercp');
      await p.click('a.usercp_nav_profile');
    },
    fill: [['[name="website"]', SITE], ['[name="profile_fields[fid4]"]', FB], ['[name="profile_fields[fid5]"]', 'lumenbakery'], ['[name="profile_fields[fid2]"]', `Family bakery. ${GH}`]],
    save: 'input[name="regsubmit"]',
    savedSign: 'text=Your profile has been successfully updated.',
  },
  mastodon: {
    async toEditor(p) {
      await p.click('a.navigation-bar__profile-edit');
    },
    fill: [['#account_note', `Bread. ${GH}`], ['#account_fields_attributes_0_name', 'Website'], ['#account_fields_attributes_0_value', SITE], ['#account_fields_attributes_1_name', 'Twitter'], ['#account_fields_attributes_1_value', TW]],
    save: '#edit_profile button[type="submit"]',
    savedSign: 'text=Changes successfully saved!',
  },
  gitea: {
    async toEditor(p) {
      await p.click('#user-dropdown');
      await p.click('#user-dropdown a[href="/user/settings"]');
    },
    fill: [['#full_name', 'Lumen Bakery'], ['#website', SITE], ['#description', `Tools. ${TW}`]],
    save: 'form[action="/user/settings"] button.green',
    savedSign: 'text=Your profile has been updated.',
  },
  humhub: {
    async toEditor(p) {
      await p.click('#account-dropdown-link');
      await p.click('a:has-text("Account settings")');
      await p.waitForSelector('#profile-tabs');
      if (await p.isVisible('#profile-url_facebook')) throw new Error('the Social bookmarks tab should start hidden');
      await p.click('#profile-tabs a:has-text("Social bookmarks")');
    },
    fill: [['#profile-url', SITE], ['#profile-url_facebook', FB], ['#profile-url_twitter', TW], ['#profile-url_linkedin', LI]],
    save: 'button[name="save"]',
    savedSign: '#profile-saved',
  },
  custom: {
    async toEditor(p) {
      if (await p.isVisible('[aria-label="Edit profile"]')) throw new Error('the menu should start closed');
      await p.click('#account-button');
      await p.click('[aria-label="Edit profile"]');
    },
    fill: [['#f-home', SITE], ['[name="links[0][network]"]', 'Twitter / X'], ['[name="links[0][url]"]', TW], ['[name="links[1][network]"]', 'Facebook'], ['[name="links[1][url]"]', FB], ['#f-about', `We bake. ${GH}`]],
    save: 'form[action="/members/me/change"] button[type="submit"]',
    savedSign: 'text=Your page is updated.',
  },
  vietnamese: {
    async toEditor(p) {
      await p.click('header a:has-text("Tài khoản")');
      await p.click('a:has-text("Chỉnh sửa hồ sơ")');
    },
    fill: [['#ho_so_website', SITE], ['#ho_so_facebook', FB], ['#ho_so_youtube', YT], ['#ho_so_lien_ket_khac', `${TW}\n${GH}`]],
    save: 'button:has-text("Lưu thay đổi")',
    savedSign: 'text=Đã lưu thay đổi.',
  },
  rewriter: {
    async toEditor(p) {
      await p.goto(p.url().replace(/\/[^/]*$/, '/'));
      await p.click('#account-button');
      await p.click('#account-menu a:has-text("Seller profile")');
    },
    fill: [['#seller_website', 'https://www.LumenBakery.example/'], ['#seller_twitter', TW], ['#seller_linkedin', LI], ['#seller_youtube', YT], ['#seller_story', `Fresh bread. ${GH}`]],
    save: 'button:has-text("Save profile")',
    savedSign: 'text=We tidied up some of your links.',
  },
  partial: {
    async toEditor(p) {
      await p.click('header a:has-text("Settings")');
      await p.click('.subnav a:has-text("Profile")');
    },
    fill: [['#pf_website', SITE], ['#pf_social_1', TW], ['#pf_social_2', FB], ['#pf_social_3', YT], ['#pf_social_4', LI], ['#pf_about', GH]],
    save: 'form[action="/settings/profile"] button[type="submit"]',
    savedSign: 'text=Profile saved.',
  },
  buddypress: {
    async toEditor(p) {
      await p.hover('#wp-admin-bar-my-account');
      await p.hover('#wp-admin-bar-my-account-xprofile');
      await p.click('#wp-admin-bar-my-account-xprofile-edit a');
    },
    fill: [['#field_3', SITE], ['#field_4', TW], ['#field_5', FB], ['#field_2', `About us: ${GH}`]],
    save: '#profile-group-edit-submit',
    savedSign: 'text=Changes saved.',
  },
  drupal: {
    async toEditor(p) {
      await p.click('.tabs a:has-text("Edit")');
    },
    fill: [['#edit-field-website-0-uri', SITE], ['#edit-field-social-links-0-uri', TW], ['#edit-field-social-links-1-uri', FB], ['#edit-field-about-0-value', `Bakers. ${GH}`]],
    save: '#edit-submit',
    savedSign: 'text=The changes have been saved.',
  },
  moodle: {
    async toEditor(p) {
      await p.click('#user-menu-toggle');
      await p.click('#user-action-menu a:has-text("Preferences")');
      await p.click('a:has-text("Edit profile")');
      if (await p.isVisible('#id_url')) throw new Error('the Optional section should start collapsed');
      await p.click('a.collapseexpand');
    },
    fill: [['#id_url', SITE], ['#id_profile_field_twitter', TW], ['#id_profile_field_facebook', FB], ['#id_description_editor', `Baking classes. ${GH}`]],
    save: '#id_submitbutton',
    savedSign: 'text=Changes saved',
  },
};

const sb = await startSandbox({ tasks: journeyTasks() });
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: [`--host-resolver-rules=MAP * 127.0.0.1:${sb.port}`, '--no-sandbox', '--disable-background-networking', '--no-first-run'],
});
const only = args.only?.split(',');
let failures = 0;
try {
  for (const [key, walk] of Object.entries(WALKS)) {
    if (only && !only.includes(key)) continue;
    const t = journeyTasks().find((x) => x.id === JOURNEY_TASK_IDS[key])!;
    const spec = journeySpec(t.domain);
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const url = (p: string) => `http://${t.domain}${p}`;
    try {
      await page.goto(url(spec.homePath));
      await page.goto(url(spec.loginPath));
      const field = (n: string) => (n.startsWith('#') ? n : `[name="${n}"]:visible`);
      const id = /email/i.test(spec.loginFields.identifier) ? String(t.email) : String(t.username);
      await page.fill(field(spec.loginFields.identifier), id);
      if (!(await page.isVisible(field(spec.loginFields.password)))) {
        await page.press(field(spec.loginFields.identifier), 'Enter');
        await page.waitForSelector(field(spec.loginFields.password));
      }
      await page.fill(field(spec.loginFields.password), String(t.password));
      await page.press(field(spec.loginFields.password), 'Enter');
      if (spec.twoFactor && t.twofa) {
        const codeSel = field(spec.twoFactor.field);
        await page.waitForSelector(codeSel);
        await page.fill(codeSel, totpNow(String(t.twofa)));
        await page.press(codeSel, 'Enter');
      }
      await page.waitForLoadState('load');
      if (spec.spa) await page.waitForSelector('#toggle-current-user');
      await walk.toEditor(page);
      await page.waitForLoadState('load');
      const user = (await (await fetch(`${sb.origin}/__control/journeys/${t.domain}/accounts/${encodeURIComponent(String(t.username))}`)).json()).data;
      const at = new URL(page.url());
      if ((at.pathname + at.search).replace(/[?&]sid=[^&]*/, "") !== user.editorPath && at.pathname !== user.editorPath.replace(/\/group\/1\/$/, '/')) throw new Error(`editor reached at ${page.url()}, spec says ${user.editorPath}`);
      for (const [sel, value] of walk.fill) {
        const tag = await page.locator(sel).evaluate((el) => el.tagName);
        if (tag === 'SELECT') await page.selectOption(sel, value);
        else await page.fill(sel, value);
      }
      await page.screenshot({ path: path.join(OUT, `${key}-editor.png`), fullPage: true });
      await page.click(walk.save);
      await page.waitForSelector(walk.savedSign);
      const after = (await (await fetch(`${sb.origin}/__control/journeys/${t.domain}/accounts/${encodeURIComponent(String(t.username))}`)).json()).data;
      if (after.counters.saves !== 1) throw new Error(`saves = ${after.counters.saves}`);
      await page.goto(url(after.publicProfilePath));
      if (spec.spa) await page.waitForSelector('.user-profile-names');
      const missing: string[] = [];
      for (const link of after.linksVisibleOnPublic as string[]) {
        const asLink = await page.locator(`a[href="${link}"]`).count();
        const asText = (await page.innerText('body')).includes(link);
        if (!asLink && !asText) missing.push(link);
      }
      await page.screenshot({ path: path.join(OUT, `${key}-public.png`), fullPage: true });
      if (missing.length) throw new Error(`not visible on the public page: ${missing.join(', ')}`);
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      console.log(`ok   ${key.padEnd(11)} ${t.domain}: editor ${after.editorPath}, ${after.linksVisibleOnPublic.length} links on ${after.publicProfilePath}`);
    } catch (err) {
      failures++;
      await page.screenshot({ path: path.join(OUT, `${key}-failure.png`), fullPage: true }).catch(() => undefined);
      console.log(`FAIL ${key.padEnd(11)} ${t.domain}: ${err instanceof Error ? err.message : err} (at ${page.url()})`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await sb.close();
}
console.log(`\nScreenshots: ${OUT}`);
process.exit(failures ? 1 : 0);
