/**
 * The task journey end to end in firefox-esr with the built MV2 extension,
 * over the sandbox's multi-page journey sites (tests/sandbox/journeys): the
 * Firefox counterpart of tests/e2e/journey.spec.ts for two of its journeys.
 * With auto-submit on, the worker makes three actions: *Get task* in the
 * popup (the extension opens the site in a new tab, logs in, fills the
 * one-time code, reaches the profile editor and the part holding the link
 * fields, fills), the site's own *Save*, and *Complete* in the popup (with
 * `link-post` and the note the extension prefilled). Each journey asserts
 * the profile the site saved, the popup's public-profile check and what the
 * server received.
 *
 * One Firefox and one sandbox serve the file; each journey resets the
 * sandbox to its own task and ends with it completed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JOURNEY_TASK_IDS, journeyTasks } from '../sandbox/journeys';
import { startSandbox, type Sandbox } from '../sandbox/server';
import type { Tab } from './bidi';
import { launchFirefox, type FirefoxWithExtension } from './firefox';

interface Case {
  key: string;
  /** What is special about the journey (the test's title). */
  what: string;
  /** The site's own Save button, as the worker sees it. */
  save: RegExp;
}

const CASES: Case[] = [
  { key: 'gitea', what: 'Gitea: 2FA page, editor behind the avatar dropdown', save: /^Update Profile$/ },
  { key: 'humhub', what: "HumHub: link fields behind the editor's third tab", save: /^Save profile$/ },
];

interface AccountView {
  username: string;
  publicProfilePath: string;
  editorPath: string;
  saved: { stored: Record<string, string>; posted: Record<string, string>; saveCount: number } | null;
  linksVisibleOnPublic: string[];
  counters: Record<string, number>;
}

let sandbox: Sandbox;
let ff: FirefoxWithExtension;

beforeAll(async () => {
  sandbox = await startSandbox({ tasks: [] });
  ff = await launchFirefox();
});

afterAll(async () => {
  await ff?.close();
  await sandbox?.close();
});

async function account(host: string, username: string): Promise<AccountView> {
  const r = await fetch(`${new URL(sandbox.apiBase).origin}/__control/journeys/${host}/accounts/${encodeURIComponent(username)}`);
  const body = (await r.json()) as { data: AccountView };
  return body.data;
}

/** A link as a reader compares it: no scheme, no www, no trailing slash, lowercase. */
const key = (u: string) => u.trim().replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '').toLowerCase();

/** The journey as the extension stores it (read in the popup, an extension page), for failure messages. */
function journeyOf(popup: Tab): Promise<unknown> {
  return popup
    .run(async () => {
      const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
      const { activeTask } = (await api.storage.local.get('activeTask')) as { activeTask?: { journey?: unknown } };
      return activeTask?.journey ?? null;
    })
    .catch((e: Error) => `(unreadable: ${e.message})`);
}

/** Polls `read` until `done` holds; on timeout throws with `describe()`'s account of where things stand. */
async function poll<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, describe: (last: T | undefined) => Promise<string>, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await read();
      error = undefined;
      if (done(last)) return last;
    } catch (e) {
      error = e;
    }
    if (Date.now() > deadline) {
      const why = error instanceof Error ? ` (last error: ${error.message})` : '';
      throw new Error(`timed out after ${limitMs} ms waiting for ${what}${why}\n${await describe(last)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Sets the API, the key and auto-submit on, through the options page's automation contract. */
async function configureAutoSubmit(): Promise<void> {
  const options = await ff.newTab();
  try {
    await options.goto(ff.extensionUrl('options.html'));
    await options.fill('api-base-url', sandbox.apiBase);
    await options.fill('api-key', sandbox.apiKey);
    await options.waitFor(
      '[data-testid=auto-submit] to be checked',
      () => {
        const el = document.querySelector<HTMLInputElement>('[data-testid="auto-submit"]');
        if (!el) return false;
        if (!el.checked) el.click(); // a click, so React's onChange sees it
        return el.checked;
      },
      [],
    );
    await options.click('save-settings');
    await options.waitFor('the settings to be saved', () => document.querySelector<HTMLElement>('[data-testid="save-result"]')?.dataset.tone === 'ok', []);
  } finally {
    await options.close();
  }
}

describe('task journey in Firefox (firefox-esr, MV2 build)', () => {
  for (const c of CASES) {
    test(`journey ${c.key} — ${c.what}`, async () => {
      const port = new URL(sandbox.apiBase).port;
      const task = journeyTasks().find((t) => t.id === JOURNEY_TASK_IDS[c.key])!;
      const host = String(task.domain);
      const username = String(task.username);
      // The task names the site with the sandbox's port (as the demo does); the site speaks only http.
      sandbox.reset([{ ...task, domain: `${host}:${port}` }]);
      const origin = `http://${host}:${port}`;
      await configureAutoSubmit();

      // A fresh popup tab per journey (a popup tab left from the previous journey shows its end state).
      const popup = await ff.newTab();
      let site: Tab | undefined;
      const where = async () => `site tab at ${site ? await site.url().catch(() => '?') : '(none)'}; journey: ${JSON.stringify(await journeyOf(popup))}`;
      try {
        await popup.goto(ff.extensionUrl('popup.html'));
        // A journey that failed before its Complete leaves its task active: end it, so this one starts idle.
        const state = await popup.waitFor(
          'the popup to show a task or the idle state',
          () => (document.querySelector('[data-testid="complete-task"]') ? 'task' : document.querySelector('[data-testid="pull-task"]') ? 'idle' : null),
          [],
        );
        if (state === 'task') {
          await popup.click('complete-task');
          await popup.text('pull-task');
        }
        const before = new Set((await ff.bidi.tabs()).map((t) => t.tab.context));

        // 1. Get task: the extension opens the site in a new tab and walks it to the filled editor.
        await popup.click('pull-task');
        expect(await popup.text('task-domain')).toContain(host);
        site = (
          await poll(
            `a new tab on ${host}`,
            async () => (await ff.bidi.tabs()).find((t) => !before.has(t.tab.context) && URL.canParse(t.url) && new URL(t.url).hostname === host),
            (t) => !!t,
            async () => `tabs: ${JSON.stringify((await ff.bidi.tabs()).map((t) => t.url))}; journey: ${JSON.stringify(await journeyOf(popup))}`,
            20_000,
          )
        )!.tab;

        const initial = await account(host, username);
        // The site's editor (as journey.spec.ts's onEditor: a trailing-slash prefix of it counts too).
        const onEditor = (url: string) => {
          if (!URL.canParse(url)) return false;
          const u = new URL(url);
          const here = u.pathname + u.search;
          return u.hostname === host && (here === initial.editorPath || (here.endsWith('/') && initial.editorPath.startsWith(here) && here.length > 1));
        };
        await poll(`the editor ${initial.editorPath}`, () => site!.url(), onEditor, where, 30_000);
        const marked = await poll(
          'a [data-ec-autofilled] field in the editor',
          () => site!.isolated().run(() => document.querySelectorAll('[data-ec-autofilled]').length),
          (n) => n > 0,
          where,
          20_000,
        );
        expect(marked).toBeGreaterThan(0);
        // The extension never submitted the editor: nothing saved yet.
        expect((await account(host, username)).saved, 'nothing saved before the worker clicks Save').toBeNull();

        // 2. The site's own Save: the submit button whose text is the case's.
        const clicked = await site.run(
          (source: string, flags: string) => {
            const re = new RegExp(source, flags);
            const buttons = [...document.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input[type="submit"]')].filter(
              (b) => b.type === 'submit' && b.form && re.test((b instanceof HTMLInputElement ? b.value : b.textContent ?? '').trim()),
            );
            if (buttons.length !== 1) return buttons.map((b) => b.outerHTML);
            buttons[0]!.click();
            return true;
          },
          c.save.source,
          c.save.flags,
        );
        if (clicked !== true) throw new Error(`expected one ${c.save} submit button, found ${JSON.stringify(clicked)}; ${await where()}`);
        const after = await poll(
          'the save to reach the site (saveCount 1)',
          () => account(host, username),
          (a) => (a.saved?.saveCount ?? 0) >= 1,
          async (a) => `saved: ${JSON.stringify(a?.saved ?? null)}; ${await where()}`,
          20_000,
        );
        expect(after.saved!.saveCount).toBe(1);
        const stored = Object.values(after.saved!.stored).join('\n').toLowerCase();
        const links = task.entity_connect as string[];
        const savedLinks = links.filter((l) => stored.includes(key(l)) || stored.includes(key(l).split('/').pop()!));
        expect(savedLinks.length, `links in the saved profile: ${stored}`).toBeGreaterThan(0);

        // The popup: the public profile counted, link-post and the note prefilled.
        const publicUrl = `${origin}${after.publicProfilePath}`;
        const visible = links.filter((l) => after.linksVisibleOnPublic.some((v) => key(v) === key(l)));
        const readPopup = () =>
          popup.run(() => ({
            check: document.querySelector('[data-testid="public-profile-check"]')?.textContent?.trim() ?? null,
            linkPost: document.querySelector<HTMLInputElement>('[data-testid="link-post"]')?.value ?? null,
            note: document.querySelector<HTMLTextAreaElement | HTMLInputElement>('[data-testid="note"]')?.value ?? null,
          }));
        const shown = await poll(
          'the popup to show the public-profile check, link-post and the note',
          readPopup,
          (p) => /\d/.test(p.check ?? '') && p.linkPost === publicUrl && /^\d+\/\d+ links saved/.test(p.note ?? ''),
          async (p) => `popup: ${JSON.stringify(p ?? null)} (want link-post ${publicUrl}); ${await where()}`,
          20_000,
        );
        expect(shown.check).toContain(String(visible.length));
        expect(shown.linkPost).toBe(publicUrl);
        expect(shown.note).toMatch(/^\d+\/\d+ links saved/);
        expect(shown.note).toContain(`${visible.length}/${links.length} visible on the public profile`);

        // 3. Complete: one report with the public profile URL and the note.
        await popup.click('complete-task');
        await poll(
          'the task to be completed on the server',
          async () => sandbox.task(task.id)?.status,
          (s) => s === 'completed',
          async (s) => `status: ${s}; reports: ${JSON.stringify(sandbox.task(task.id)?.reports ?? [])}; ${await where()}`,
          20_000,
        );
        const reports = sandbox.task(task.id)!.reports;
        expect(reports).toHaveLength(1);
        expect(reports[0]!.body).toMatchObject({ link_post: publicUrl, note: shown.note });

        // The journey never opened a dangerous page and never logged out.
        const end = await account(host, username);
        expect(end.counters.dangerPages ?? 0).toBe(0);
        expect(end.counters.logouts ?? 0).toBe(0);
      } finally {
        await site?.close();
        await popup.close();
      }
    });
  }
});
