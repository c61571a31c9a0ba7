/**
 * The Discourse-like SPA's own client (discourse-app.js) running in
 * happy-dom against the real sandbox: the login modal with its second-factor
 * round, the preferences page rendered from JSON and saved with fetch PUT,
 * History API navigation without a page load, and the public summary page
 * showing the links. (Chromium: scripts/journey-sites-check.ts.)
 */
import { Window } from 'happy-dom';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOURNEY_TASK_IDS, journeyTasks } from '../../../sandbox/journeys';
import { startSandbox, totpNow, type Sandbox } from '../../../sandbox/server';
import { account, Browser } from './client';

const HOST = 'discourse-community.test';
const task = () => journeyTasks().find((t) => t.id === JOURNEY_TASK_IDS.discourse)!;

let sb: Sandbox;
let appJs: string;
const windows: Window[] = [];
beforeAll(async () => {
  sb = await startSandbox({ tasks: journeyTasks() });
  appJs = (await new Browser(sb, HOST).get('/assets/discourse-journey.js')).body;
});
afterAll(() => sb.close());
beforeEach(() => sb.reset(journeyTasks()));
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

/** Opens `path` as the app would load: the server's shell, the app script inline, fetch going to the sandbox with `b`'s cookies. */
async function openApp(b: Browser, path: string): Promise<Window> {
  const shell = (await b.get(path)).body.replace('<script src="/assets/discourse-journey.js" defer></script>', () => `<script>${appJs}</script>`);
  const window = new Window({
    url: `http://${HOST}${path}`,
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, navigation: { disableMainFrameNavigation: true } },
  } as ConstructorParameters<typeof Window>[0]);
  windows.push(window);
  (window as unknown as { fetch: unknown }).fetch = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const u = new URL(url, window.location.href);
    const res = await b.send(init.method ?? 'GET', u.pathname + u.search, init.body, init.headers ?? {});
    return { status: res.status, json: async () => JSON.parse(res.body) };
  };
  window.document.write(shell);
  await window.happyDOM.waitUntilComplete();
  return window;
}

async function until(window: Window, selector: string): Promise<Element> {
  for (let i = 0; i < 200; i++) {
    const el = window.document.querySelector(selector);
    if (el) return el as unknown as Element;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${selector} never rendered at ${window.location.pathname}`);
}

function type(window: Window, selector: string, value: string): void {
  const el = window.document.querySelector(selector) as unknown as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
}
const click = (window: Window, selector: string) => (window.document.querySelector(selector) as unknown as HTMLElement).click();

describe('the Discourse SPA client', () => {
  it('logs in through the modal: credentials, then the second factor in the same modal', async () => {
    const t = task();
    const b = new Browser(sb, HOST);
    const w = await openApp(b, '/login');
    await until(w, '#login-account-name');
    expect(w.document.querySelector('#second-factor')!.classList.contains('hidden')).toBe(true);
    type(w, '#login-account-name', String(t.username));
    type(w, '#login-account-password', String(t.password));
    click(w, '#login-button');
    await until(w, '#second-factor:not(.hidden)');
    expect(w.document.querySelector('#credentials')!.classList.contains('hidden')).toBe(true);
    expect(w.document.querySelector('#login-second-factor')!.getAttribute('autocomplete')).toBe('one-time-code');
    type(w, '#login-second-factor', totpNow(String(t.twofa)));
    click(w, '#login-button');
    for (let i = 0; i < 200 && (await account(sb, HOST, 'lumenbakery')).counters.twofaSubmissions === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const view = await account(sb, HOST, 'lumenbakery');
    expect(view.counters).toMatchObject({ logins: 1, twofaSubmissions: 1, twofaFailures: 0 });
    expect(view.liveSessions).toEqual([{ stage: 'in', remember: true }]);
  });

  it('renders the profile preferences from JSON, saves them with PUT, and navigates with pushState', async () => {
    const b = new Browser(sb, HOST);
    const preset = (await (await fetch(`${sb.origin}/__control/journeys/${HOST}/sessions`, { method: 'POST', body: JSON.stringify({ username: 'lumenbakery' }), headers: { 'Content-Type': 'application/json' } })).json()) as { data: { cookie: { name: string; value: string } } };
    b.jar.set(preset.data.cookie.name, preset.data.cookie.value);
    const w = await openApp(b, '/u/lumenbakery/preferences/profile');
    await until(w, '.pref-website input');
    expect(w.document.body.className).toBe('user-preferences-page user-preferences-profile-page');
    const labels = [...w.document.querySelectorAll('.user-field label')].map((l) => l.textContent);
    expect(labels).toEqual(['Twitter', 'Facebook', 'YouTube channel']);
    type(w, '.pref-bio textarea', 'Bakers. https://github.com/lumenbakery');
    type(w, '.pref-website input', 'https://lumenbakery.example');
    type(w, '.user-field[data-user-field-id="1"] input', 'https://twitter.com/lumenbakery');
    click(w, '#save-profile');
    await until(w, '#saved-indicator:not(.hidden)');
    const view = await account(sb, HOST, 'lumenbakery');
    expect(view.saved!.stored).toMatchObject({ bio_raw: 'Bakers. https://github.com/lumenbakery', website: 'https://lumenbakery.example', 'user_fields[1]': 'https://twitter.com/lumenbakery', 'user_fields[2]': '' });
    // Client-side navigation: the same window (a marker survives), a new URL, a new view.
    (w as unknown as { __marker: number }).__marker = 42;
    const before = w.history.length;
    click(w, '.preferences-nav .nav-account a');
    await until(w, '.pref-username');
    expect(w.location.pathname).toBe('/u/lumenbakery/preferences/account');
    expect(w.history.length).toBe(before + 1);
    expect((w as unknown as { __marker: number }).__marker).toBe(42);
    // The avatar menu is closed until clicked, and holds Preferences and Log Out.
    expect(w.document.querySelector('#user-menu')!.classList.contains('hidden')).toBe(true);
    click(w, '#toggle-current-user');
    expect(w.document.querySelector('#user-menu')!.classList.contains('hidden')).toBe(false);
    expect(w.document.querySelector('#user-menu a[href="/u/lumenbakery/preferences"]')).not.toBeNull();
    expect(w.document.querySelector('#logout-button')!.textContent).toBe('Log Out');
  });

  it('shows a guest the public summary with the website and bio links, and the user fields as text', async () => {
    await fetch(`${sb.origin}/__control/journeys/${HOST}/accounts/lumenbakery/saved`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: { website: 'https://lumenbakery.example', bio_raw: 'See https://github.com/lumenbakery', 'user_fields[2]': 'https://www.facebook.com/lumenbakery' } }),
    });
    const w = await openApp(new Browser(sb, HOST), '/u/lumenbakery');
    await until(w, '.user-profile-names');
    expect(w.location.pathname).toBe('/u/lumenbakery/summary');
    expect(w.document.querySelector('.user-profile-website a')!.getAttribute('href')).toBe('https://lumenbakery.example');
    expect(w.document.querySelector('.bio a')!.getAttribute('href')).toBe('https://github.com/lumenbakery');
    expect(w.document.querySelector('.public-user-field.facebook .user-field-value')!.textContent).toBe('https://www.facebook.com/lumenbakery');
    expect(w.document.querySelector('.user-preferences')).toBeNull();
    // A guest asking for the preferences is sent to the login modal.
    const p = await openApp(new Browser(sb, HOST), '/u/lumenbakery/preferences/profile');
    await until(p, '#login-account-name');
    expect(p.location.pathname).toBe('/login');
  });
});
