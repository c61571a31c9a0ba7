/**
 * The small page scripts of the server-rendered journey sites, run in
 * happy-dom on the pages the sandbox serves: HumHub's TabbedForm (link
 * fields hidden until their tab is clicked) and the closed dropdown menus
 * (custom site, phpBB, Gitea) that open on click.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOURNEY_TASK_IDS, journeyTasks } from '../../../sandbox/journeys';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { openPage, type OpenPage } from '../../autofill/harness';
import { Browser, control } from './client';

let sb: Sandbox;
const pages: OpenPage[] = [];
beforeAll(async () => {
  sb = await startSandbox({ tasks: journeyTasks() });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset(journeyTasks()));
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
});

const task = (key: string) => journeyTasks().find((t) => t.id === JOURNEY_TASK_IDS[key])!;

/** The page at `path` for the signed-in account of `key`, opened with its scripts running. */
async function signedInPage(key: string, path: string): Promise<OpenPage> {
  const t = task(key);
  const preset = await control<{ cookie: { name: string; value: string } }>(sb, 'POST', `/${t.domain}/sessions`, { username: t.username });
  const b = new Browser(sb, t.domain);
  b.jar.set(preset.cookie.name, preset.cookie.value);
  const html = (await b.get(path)).body;
  const page = await openPage(html, `http://${t.domain}${path}`);
  pages.push(page);
  return page;
}

const paneOf = (doc: Document, id: string) => doc.getElementById(id)!.closest('.tab-pane')!;

describe('HumHub TabbedForm', () => {
  it('turns the fieldsets into tabs with the link fields on an inactive "Social bookmarks" tab, shown on click', async () => {
    const { document } = await signedInPage('humhub', '/user/account/edit');
    const form = document.querySelector('form[data-ui-widget="ui.form.TabbedForm"]') as HTMLFormElement;
    expect(form.style.display).toBe('');
    expect(document.querySelectorAll('fieldset')).toHaveLength(0);
    const tabs = [...document.querySelectorAll('#profile-tabs a[data-toggle="tab"]')].map((a) => a.textContent);
    expect(tabs).toEqual(['General', 'Communication', 'Social bookmarks']);
    expect(paneOf(document, 'profile-firstname').classList.contains('active')).toBe(true);
    expect(paneOf(document, 'profile-url_facebook').classList.contains('active')).toBe(false);
    // Still in the form, so still submitted.
    expect(form.contains(document.getElementById('profile-url_facebook'))).toBe(true);
    (document.querySelector('#profile-tabs a[href="#tab-2"]') as HTMLElement).click();
    expect(paneOf(document, 'profile-url_facebook').classList.contains('active')).toBe(true);
    expect(paneOf(document, 'profile-firstname').classList.contains('active')).toBe(false);
    expect(document.querySelector('#profile-tabs li.active')!.textContent).toBe('Social bookmarks');
  });
});

describe('Moodle collapsible sections', () => {
  it('opens a collapsed section from its toggle, and all of them from "Expand all"', async () => {
    const { document } = await signedInPage('moodle', '/user/edit.php');
    const optional = document.getElementById('id_moodle_optionalcontainer')!;
    const social = document.getElementById('id_category_2container')!;
    expect(optional.classList.contains('show')).toBe(false);
    (document.querySelector('a[href="#id_moodle_optionalcontainer"]') as HTMLElement).click();
    expect(optional.classList.contains('show')).toBe(true);
    expect((document.querySelector('input[name="mform_isexpanded_id_moodle_optional"]') as HTMLInputElement).value).toBe('1');
    expect(social.classList.contains('show')).toBe(false);
    (document.querySelector('a.collapseexpand') as HTMLElement).click();
    expect(social.classList.contains('show')).toBe(true);
    expect(document.querySelector('a.collapseexpand')!.textContent).toBe('Collapse all');
  });
});

describe('closed dropdown menus', () => {
  it('custom site: the account menu with the icon-only edit link opens only on click', async () => {
    const { document } = await signedInPage('custom', '/dashboard');
    const menu = document.getElementById('account-menu')!;
    const button = document.getElementById('account-button')!;
    expect(menu.hidden).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.click();
    expect(menu.hidden).toBe(false);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu.querySelector('a[aria-label="Edit profile"]')!.getAttribute('href')).toBe('/members/me/change');
    document.body.click();
    expect(menu.hidden).toBe(true);
  });

  it('phpBB: the username dropdown opens on click', async () => {
    const { document } = await signedInPage('phpbb', '/index.php');
    const container = document.querySelector('#username_logged_in .dropdown-container')!;
    expect(document.body.className).toContain('hasjs');
    expect(container.classList.contains('dropdown-visible')).toBe(false);
    (container.querySelector('.dropdown-trigger') as HTMLElement).click();
    expect(container.classList.contains('dropdown-visible')).toBe(true);
  });

  it('Gitea: the avatar dropdown opens on click and stays open when its items are clicked', async () => {
    const { document } = await signedInPage('gitea', '/');
    const dd = document.getElementById('user-dropdown')!;
    (dd.querySelector('.text') as HTMLElement).click();
    expect(dd.classList.contains('active')).toBe(true);
    (dd.querySelector('.menu .header') as HTMLElement).click();
    expect(dd.classList.contains('active')).toBe(true);
  });
});
