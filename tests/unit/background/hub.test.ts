import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  computeBadge,
  contentGuard,
  createContentHandlers,
  createPageHandlers,
  ForbiddenSenderError,
  openPopup,
  pageGuard,
  runCommand,
  siteUrl,
  type PageHandlerDeps,
  type PageHandlers,
  type SenderInfo,
} from '../../../lib/background';
import type { ContentProtocol, PageProtocol } from '../../../lib/messaging';
import { mergeSettings } from '../../../lib/settings';
import { wire } from './dispatch';
import { createOutbox, type Outbox } from '../../../lib/outbox';
import { activeTaskItem, type ActiveTask } from '../../../lib/task';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/settings';
import { outboxItem, type OutboxEntry } from '../../../lib/outbox';
import { createTaskService, type TaskService } from '../../../lib/task/service';
import { currentTotp } from '../../../lib/totp';
import { FakeApi, makeTask } from '../outbox/fake-api';

const EXT = 'chrome-extension://test-extension-id/';
const API_KEY = 'secret-api-key-123';
const SECRET = 'JBSWY3DPEHPK3PXP';

const popupTab: SenderInfo = { id: fakeBrowser.runtime.id, url: `${EXT}popup.html`, tab: { id: 7 } };
const popup: SenderInfo = { id: fakeBrowser.runtime.id, url: `${EXT}popup.html` };
const frame = (url: string): SenderInfo => ({ id: fakeBrowser.runtime.id, url, tab: { id: 3 }, frameId: 0 });

let api: FakeApi;
let outbox: Outbox;
let service: TaskService;
type TabInfo = { id?: number; url?: string; active?: boolean; lastAccessed?: number };
let pageHandlers: PageHandlers;
let page: ReturnType<typeof wire<PageProtocol, true>>['send'];
let content: ReturnType<typeof wire<ContentProtocol, unknown>>['send'];
let pageTypes: () => (keyof PageProtocol)[];
let contentTypes: () => (keyof ContentProtocol)[];
let popupsOpened: number;
let publicChecks: string[];
let created: string[];
let updated: { id: number; url?: string; active?: boolean }[];
let navigateAnswer: { done: boolean } | null;
let probeAnswers: Record<string, boolean>;
let filled: number[];
let tabs: TabInfo[];

const fakeTabs = (t: {
  create(p: { url?: string }): Promise<unknown>;
  query(q: { active?: boolean }): Promise<TabInfo[]>;
  update?(id: number, p: { url?: string; active?: boolean }): Promise<unknown>;
}) => ({ update: async () => undefined, ...t }) as unknown as PageHandlerDeps['tabs'];

beforeEach(async () => {
  fakeBrowser.reset();
  api = new FakeApi([makeTask('t1', { domain: 'example.com', twofa: SECRET.toLowerCase(), pass_mail: 'gmail-pw', username: 'site-user', password: 'site-pw' })]);
  const getClient = async () => api;
  outbox = createOutbox({ getClient });
  service = createTaskService({ getClient, outbox });
  created = [];
  updated = [];
  filled = [];
  tabs = [];
  navigateAnswer = null;
  probeAnswers = {};
  pageHandlers = createPageHandlers({
    service,
    outbox,
    tabs: fakeTabs({
      create: async ({ url }) => void created.push(url ?? ''),
      query: async (q) => (q.active ? tabs.filter((t) => t.active) : tabs),
      update: async (id, p) => void updated.push({ id, ...p }),
    }),
    sendFillNow: async (id) => {
      filled.push(id);
      return null;
    },
    sendNavigate: async () => navigateAnswer,
    probe: async (url) => probeAnswers[url] ?? url.startsWith('https:'),
  });
  const pageWire = wire<PageProtocol, true>(pageHandlers, pageGuard(EXT, fakeBrowser.runtime.id));
  page = pageWire.send;
  pageTypes = pageWire.types;
  popupsOpened = 0;
  publicChecks = [];
  const contentWire = wire<ContentProtocol, unknown>(
    createContentHandlers({
      service,
      openPopup: async () => void (popupsOpened += 1),
      checkPublic: async (url, links) => {
        publicChecks.push(url);
        return { type: 'public_checked', url, visible: links.slice(0, 1), missing: links.slice(1) };
      },
    }) as never,
    contentGuard(service),
  );
  content = contentWire.send;
  contentTypes = contentWire.types;
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiKey: API_KEY });
});

async function pulled(): Promise<ActiveTask> {
  const r = await page('pullTask', undefined, popup);
  if (!r.ok) throw new Error(r.error.kind);
  return r.value;
}

describe('content-script senders', () => {
  beforeEach(pulled);

  it('the task domain and its subdomains get the task data', async () => {
    for (const url of ['https://example.com/login', 'http://example.com:8080/', 'https://a.b.example.com/profile']) {
      const data = await content('getFillData', undefined, frame(url));
      expect(data, url).toMatchObject({ scope: 'task', taskId: 't1', username: 'site-user', password: 'site-pw' });
    }
  });

  it.each([
    'https://example.com.evil.test/login',
    'https://badexample.com/',
    'https://evil.test/?next=example.com',
    'https://evil.test/example.com/',
    'https://examp1e.com/',
    'chrome-extension://other/page.html',
    'file:///home/example.com/x.html',
    'about:blank',
  ])('%s gets nothing', async (url) => {
    await expect(content('getFillData', undefined, frame(url))).rejects.toBeInstanceOf(ForbiddenSenderError);
    for (const type of contentTypes()) {
      const send = content as (t: keyof ContentProtocol, d: unknown, s: SenderInfo) => Promise<unknown>;
      await expect(send(type, { corner: 'tl', collapsed: true }, frame(url)), type).rejects.toBeInstanceOf(ForbiddenSenderError);
    }
    expect(popupsOpened).toBe(0);
    expect((await settingsItem.getValue()).panel).toEqual(DEFAULT_SETTINGS.panel);
    expect(await activeTaskItem.getValue()).not.toBeNull();
  });

  describe('embedded frames: the tab\'s top-level page decides first', () => {
    const inTab = (frameUrl: string, topUrl: string): SenderInfo => ({ id: fakeBrowser.runtime.id, url: frameUrl, tab: { id: 3, url: topUrl }, frameId: 5 });

    it('a frame of the task host inside a task page over https is filled', async () => {
      expect(await content('getFillData', undefined, inTab('https://login.example.com/', 'https://example.com/account'))).toMatchObject({ scope: 'task' });
      // the task's own plain-http site may frame its own http login
      expect(await content('getFillData', undefined, inTab('http://login.example.com/', 'http://example.com/'))).toMatchObject({ scope: 'task' });
    });

    it.each([
      // an unrelated page (a network attacker can inject one) framing the task's http login
      ['http://login-7f3a.example.com/', 'http://news.unrelated.test/'],
      ['https://login.example.com/', 'https://evil.test/'],
      // plain http frame inside an https task page
      ['http://login.example.com/', 'https://example.com/'],
      // Google's sign-in is never served to a frame
      ['https://accounts.google.com/signin', 'https://example.com/'],
      ['https://evil.test/', 'https://example.com/'],
    ])('%s inside %s gets nothing', async (frameUrl, topUrl) => {
      await expect(content('getFillData', undefined, inTab(frameUrl, topUrl))).rejects.toBeInstanceOf(ForbiddenSenderError);
    });

    it('a frame whose tab URL the browser did not give is refused', async () => {
      await expect(content('getFillData', undefined, { url: 'https://login.example.com/', tab: { id: 3 }, frameId: 2 })).rejects.toBeInstanceOf(
        ForbiddenSenderError,
      );
    });
  });

  it('a sender without a tab (not a content script) gets nothing', async () => {
    await expect(content('getFillData', undefined, { url: 'https://example.com/' })).rejects.toBeInstanceOf(ForbiddenSenderError);
  });

  it('Google sign-in gets only the Gmail account, over https only', async () => {
    const data = await content('getFillData', undefined, frame('https://accounts.google.com/v3/signin/identifier'));
    expect(data).toMatchObject({ scope: 'gmail', email: 't1@gmail.test', password: 'gmail-pw', username: '', website: '', links: [] });
    expect(data).toMatchObject({ hasOneTimeCode: true });
    // Its code only on request, like the site's (the page shows a code field).
    expect((await content('getOneTimeCode', undefined, frame('https://accounts.google.com/v2/challenge/totp')))?.code).toMatch(/^\d{6}$/);
    await expect(content('getFillData', undefined, frame('http://accounts.google.com/'))).rejects.toBeInstanceOf(ForbiddenSenderError);
    await expect(content('getFillData', undefined, frame('https://accounts.google.com.evil.test/'))).rejects.toBeInstanceOf(ForbiddenSenderError);

  });

  it('fill data carries neither the TOTP code nor the secret nor the API key; the code comes on request only', async () => {
    const data = await content('getFillData', undefined, frame('https://example.com/2fa'));
    const json = JSON.stringify(data);
    expect(json).not.toContain(API_KEY);
    expect(json.toUpperCase()).not.toContain(SECRET);
    expect(json).not.toContain('twofa');
    expect(Object.keys(data!).sort()).toEqual(
      ['appendLinksToBio', 'autoSubmitLogin', 'autofillMode', 'domain', 'hostReach', 'email', 'journey', 'language', 'links', 'password', 'scope', 'taskId', 'hasOneTimeCode', 'username', 'website'].sort(),
    );
    expect(data!.hasOneTimeCode).toBe(true);
    const before = currentTotp(SECRET).code;
    const code = await content('getOneTimeCode', undefined, frame('https://example.com/2fa'));
    const after = currentTotp(SECRET).code; // window boundary: accept either side
    expect([before, after]).toContain(code!.code);
    expect(JSON.stringify(code).toUpperCase()).not.toContain(SECRET);
  });

  it('the one-time code is refused to every sender the fill data is refused to', async () => {
    for (const sender of [
      frame('https://evil.test/2fa'),
      frame('https://example.com.evil.test/2fa'),
      { url: 'https://example.com/2fa' },
      { id: fakeBrowser.runtime.id, url: 'https://login.example.com/2fa', tab: { id: 3, url: 'https://evil.test/' }, frameId: 5 },
      { id: fakeBrowser.runtime.id, url: 'http://login.example.com/2fa', tab: { id: 3, url: 'https://example.com/' }, frameId: 5 },
    ]) {
      await expect(content('getOneTimeCode', undefined, sender)).rejects.toBeInstanceOf(ForbiddenSenderError);
    }
  });

  it('no active task: content scripts get nothing', async () => {
    await service.dropActiveTask();
    await expect(content('getFillData', undefined, frame('https://example.com/'))).rejects.toBeInstanceOf(ForbiddenSenderError);
  });

  it('a task frame cannot report the task: no content message completes or fails', async () => {
    expect(contentTypes().sort()).toEqual(['getFillData', 'getOneTimeCode', 'getPanelSetup', 'journeyEvent', 'journeySignals', 'openPopup', 'savePanelPrefs']);
    for (const type of contentTypes()) {
      const send = content as (t: keyof ContentProtocol, d: unknown, s: SenderInfo) => Promise<unknown>;
      await send(type, { corner: 'tl', collapsed: true }, frame('https://example.com/'));
    }
    await service.lastFlush();
    expect(api.reports).toEqual([]);
    expect(await activeTaskItem.getValue()).not.toBeNull();
  });

  it('the panel gets its sentences in the worker language and keeps the worker choices (validated)', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiKey: API_KEY, language: 'en' });
    const setup = await content('getPanelSetup', undefined, frame('https://example.com/'));
    expect(setup.text['panel.fillAgain']).toBe('Fill again');
    expect(Object.keys(setup.text).every((k) => k.startsWith('panel.'))).toBe(true);
    expect(JSON.stringify(setup)).not.toContain(API_KEY);
    await content('savePanelPrefs', { corner: 'tl', collapsed: true }, frame('https://example.com/'));
    expect((await settingsItem.getValue()).panel).toEqual({ corner: 'tl', collapsed: true });
    await content('savePanelPrefs', { corner: 'middle', collapsed: 'yes' } as never, frame('https://example.com/'));
    expect((await settingsItem.getValue()).panel).toEqual({ corner: 'tl', collapsed: true });
    expect((await settingsItem.getValue()).apiKey).toBe(API_KEY);
  });

  it('journey events: off-host URLs are dropped, moves come back to the page, the public check runs, the summary follows', async () => {
    const at = frame('https://example.com/');
    const r = await content('journeyEvent', { type: 'page', url: 'https://example.com/', signedIn: true, loginForm: false, editorForm: false, editorUrl: 'https://evil.test/steal' }, at);
    expect(r).toEqual({}); // the off-host editor URL was not taken; nothing to move to
    expect((await activeTaskItem.getValue())!.journey?.editorUrl).toBeUndefined();
    const moved = await content(
      'journeyEvent',
      { type: 'page', url: 'https://example.com/home', signedIn: true, loginForm: false, editorForm: false, editorUrl: 'https://example.com/u/site-user/edit', publicUrl: 'https://example.com/u/site-user' },
      at,
    );
    expect(moved).toEqual({ navigate: { url: 'https://example.com/u/site-user/edit', why: 'editor' } });
    await content('journeyEvent', { type: 'filled', url: 'https://example.com/u/site-user/edit', fields: { bio: { value: 'x', links: ['https://l.example/a'] } } }, at);
    await content('journeyEvent', { type: 'saved', url: 'https://example.com/u/site-user/edit', via: 'reload', kept: { bio: 'x' } }, at);
    await vi.waitFor(async () => expect((await activeTaskItem.getValue())!.journey?.stage).toBe('checked'));
    expect(publicChecks).toEqual(['https://example.com/u/site-user']);
    expect((await activeTaskItem.getValue())!.journey?.publicCheck).toMatchObject({ url: 'https://example.com/u/site-user' });
    // garbage is ignored, never stored
    expect(await content('journeyEvent', { type: 'saved', url: 'https://example.com/', via: 'magic', kept: {} } as never, at)).toEqual({});
  });

  it('the way to the popup opens it', async () => {
    await content('openPopup', undefined, frame('https://example.com/'));
    expect(popupsOpened).toBe(1);
  });
});

describe('page-facing handlers answer extension pages only', () => {
  /** Plausible data for each message; the guard must refuse before any of it is looked at. */
  const sample: Partial<Record<keyof PageProtocol, unknown>> = {
    saveSettings: { apiKey: 'x' },
    testConnection: { apiBaseUrl: 'https://x.test', apiKey: 'k' },
    completeTask: {},
    failTask: { reason: 'r' },
    dismissOutboxEntry: { id: 'x' },
  };

  it('every message of the page map is registered behind the guard', () => {
    expect(pageTypes().sort()).toEqual(Object.keys(pageHandlers).sort());
    expect(pageTypes().length).toBeGreaterThanOrEqual(13);
  });

  it('each page message refuses a content script of the task domain and other extensions', async () => {
    await pulled();
    for (const type of pageTypes()) {
      const before = api.calls.length;
      const send = page as (t: keyof PageProtocol, d: unknown, s: SenderInfo) => Promise<unknown>;
      await expect(send(type, sample[type], frame('https://example.com/')), type).rejects.toBeInstanceOf(ForbiddenSenderError);
      await expect(send(type, sample[type], { url: `chrome-extension://another-extension/popup.html`, id: 'another' }), type).rejects.toBeInstanceOf(
        ForbiddenSenderError,
      );
      expect(api.calls.length, type).toBe(before);
      expect(await activeTaskItem.getValue(), type).not.toBeNull();
    }
  });

  it('popup.html opened as an ordinary tab is an extension page', async () => {
    const state = await page('getState', undefined, popupTab);
    expect(state).toMatchObject({ configured: true, active: null, outbox: [], history: [] });
    expect(state.settings.apiKey).toBe(API_KEY);
  });

  it('getTotp gives the code of the active task', async () => {
    expect(await page('getTotp', undefined, popup)).toBeNull();
    await pulled();
    expect((await page('getTotp', undefined, popup))?.code).toMatch(/^\d{6}$/);
  });
});

describe('settings', () => {
  it('saveSettings validates, trims the key, stores and resumes a paused outbox', async () => {
    const paused: OutboxEntry = { id: 'o1', taskId: 't1', domain: 'example.com', kind: 'complete', body: {}, createdAt: 1, attempts: 1, nextAttemptAt: 1, state: 'paused', lastError: { kind: 'unauthorized', status: 401 } };
    api.tasks.get('t1')!.status = 'connecting';
    await outboxItem.setValue([paused]);
    const r = await page('saveSettings', { apiBaseUrl: ' https://api.example.test/api/v1/entity/ ', apiKey: '  new-key  ', language: 'en' }, popup);
    expect(r).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, apiBaseUrl: 'https://api.example.test/api/v1/entity', apiKey: 'new-key', language: 'en' } });
    expect((await settingsItem.getValue()).apiKey).toBe('new-key');
    await vi.waitFor(async () => expect(await outboxItem.getValue()).toEqual([]));
    expect(api.reports).toHaveLength(1);
  });

  it.each([
    [{ apiBaseUrl: 'ftp://x.test' }],
    [{ apiBaseUrl: 'not a url' }],
    [{ apiBaseUrl: 'https://user:pw@x.test/' }],
    // the API key would cross the open network in clear text
    [{ apiBaseUrl: 'http://manager.example.com/api/v1/entity' }],
    [{ apiBaseUrl: 'http://10.0.0.5:8787/api' }],
    [{ language: 'fr' }],
    [{ autofillMode: 'always' }],
    [{ autoSubmitLogin: 'yes' }],
  ])('refuses %j and stores nothing', async (patch) => {
    expect(await page('saveSettings', patch as never, popup)).toEqual({ ok: false, error: { kind: 'invalid_input' } });
    expect((await settingsItem.getValue()).apiKey).toBe(API_KEY);
    expect(mergeSettings(DEFAULT_SETTINGS, patch as never)).toBeNull();
  });

  it('testConnection lists with limit 1 and returns the count or the error kind', async () => {
    const seen: { baseUrl: string; apiKey: string }[] = [];
    const h = createPageHandlers({
      service,
      outbox,
      tabs: fakeTabs({ create: async () => undefined, query: async () => [] }),
      sendFillNow: async () => null,
      sendNavigate: async () => null,
      makeClient: (o) => {
        seen.push({ baseUrl: o.baseUrl, apiKey: o.apiKey });
        return api;
      },
    });
    expect(await h.testConnection({ apiBaseUrl: 'https://x.test', apiKey: 'k' }, true)).toEqual({ ok: true, value: { tasksWaiting: 1 } });
    expect(seen).toEqual([{ baseUrl: 'https://x.test', apiKey: 'k' }]);
    api.fail('list', { type: 'error', error: { kind: 'unauthorized', status: 401 } });
    expect(await h.testConnection({ apiBaseUrl: 'https://x.test', apiKey: 'k' }, true)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    // The real client refuses an unusable URL as a config error.
    expect(await page('testConnection', { apiBaseUrl: 'javascript:1', apiKey: 'k' }, popup)).toMatchObject({ ok: false, error: { kind: 'config' } });
  });
});

describe('tabs and commands', () => {
  it('openTaskSite opens https://domain/ (or the scheme the task gives)', async () => {
    expect(await page('openTaskSite', undefined, popup)).toEqual({ ok: false, error: { kind: 'no_task' } });
    // Get task opens the site by itself
    await pulled();
    expect(created).toEqual(['https://example.com/']);
    // Open site again with no task tab open: another tab; with the task tab open: that tab comes forward
    expect(await page('openTaskSite', undefined, popup)).toEqual({ ok: true, value: undefined });
    expect(created).toEqual(['https://example.com/', 'https://example.com/']);
    tabs = [{ id: 4, url: 'https://example.com/login', lastAccessed: 5 }];
    expect(await page('openTaskSite', undefined, popup)).toEqual({ ok: true, value: undefined });
    expect(created).toHaveLength(2);
    expect(updated).toEqual([{ id: 4, active: true }]);
    tabs = [];
    expect(siteUrl('http://plain.test:8080/')).toBe('http://plain.test:8080/');
    expect(siteUrl('www.Example.com')).toBe('https://www.example.com/');
    // what the worker sees is where the tab goes: no user info hiding another host
    expect(siteUrl('example.com@evil.test')).toBeNull();
    expect(siteUrl('https://example.com@evil.test/')).toBeNull();
    // A domain that is no web address says so, instead of a generic error.
    const active = (await activeTaskItem.getValue())!;
    await activeTaskItem.setValue({ ...active, task: { ...active.task, domain: 'github.io' } });
    expect(await page('openTaskSite', undefined, popup)).toEqual({ ok: false, error: { kind: 'bad_domain' } });
    expect(created).toHaveLength(2);
  });

  it('a site without TLS opens over plain http, and the journey says so', async () => {
    probeAnswers = { 'https://example.com/': false, 'http://example.com/': true };
    await pulled();
    expect(created).toEqual(['http://example.com/']);
    expect((await activeTaskItem.getValue())!.journey).toMatchObject({ siteUrl: 'http://example.com/', insecure: true, stage: 'opened' });
  });

  it('go-profile-editor: the editor once known, in the task tab, never over unsaved edits', async () => {
    await pulled();
    expect(await page('goProfileEditor', undefined, popup)).toEqual({ ok: false, error: { kind: 'no_editor' } });
    const active = (await activeTaskItem.getValue())!;
    await activeTaskItem.setValue({ ...active, journey: { ...active.journey!, editorUrl: 'https://example.com/settings/profile' } });
    tabs = [{ id: 6, url: 'https://example.com/home', lastAccessed: 3 }];
    navigateAnswer = { done: false };
    expect(await page('goProfileEditor', undefined, popup)).toEqual({ ok: false, error: { kind: 'unsaved_edits' } });
    navigateAnswer = { done: true };
    expect(await page('goProfileEditor', undefined, popup)).toEqual({ ok: true, value: undefined });
    expect(updated).toEqual([{ id: 6, active: true }]);
    navigateAnswer = null; // no page of ours answers (still loading): the tab is moved directly
    expect(await page('goProfileEditor', undefined, popup)).toEqual({ ok: true, value: undefined });
    expect(updated.at(-1)).toEqual({ id: 6, url: 'https://example.com/settings/profile', active: true });
  });

  it('fillActiveTab asks the focused task tab, else the task tab used last; never another site', async () => {
    await pulled();
    tabs = [
      { id: 1, url: 'https://evil.test/', active: true },
      { id: 2, url: 'https://example.com/old', lastAccessed: 10 },
      { id: 3, url: 'https://sub.example.com/new', lastAccessed: 20 },
    ];
    expect(await page('fillActiveTab', undefined, popup)).toEqual({ ok: true, value: undefined });
    expect(filled).toEqual([3]);
    tabs = [{ id: 1, url: 'https://evil.test/', active: true }];
    expect(await page('fillActiveTab', undefined, popup)).toEqual({ ok: false, error: { kind: 'no_site_tab' } });
    expect(filled).toEqual([3]);
  });

  it('commands: fill-now only on a task tab; complete-task only with an active task', async () => {
    const deps = (tab: TabInfo | undefined) => ({
      service,
      handlers: pageHandlers,
      activeTab: async () => tab,
      sendFillNow: async (id: number) => void filled.push(id),
    });
    await runCommand('complete-task', deps(undefined));
    expect(api.calls).toHaveLength(0);
    await pulled();
    await runCommand('fill-now', deps({ id: 9, url: 'https://example.com.evil.test/' }));
    expect(filled).toEqual([]);
    await runCommand('fill-now', deps({ id: 5, url: 'https://example.com/login' }));
    expect(filled).toEqual([5]);
    await runCommand('open-task-site', deps(undefined));
    expect(created).toEqual(['https://example.com/', 'https://example.com/']);
    await runCommand('complete-task', deps(undefined));
    expect(await activeTaskItem.getValue()).toBeNull();
    await service.lastFlush();
    expect(api.reports).toEqual([{ id: 't1', kind: 'complete', body: {} }]);
  });
});

describe('badge', () => {
  const entry = (state: OutboxEntry['state']): OutboxEntry => ({ id: state, taskId: 't', domain: 'd', kind: 'complete', body: {}, createdAt: 1, attempts: 0, nextAttemptAt: 1, state });
  const active = { task: makeTask('t1'), startedAt: 1 } as ActiveTask;
  it('idle / active / pending / paused / problem', () => {
    expect(computeBadge(null, []).state).toBe('idle');
    expect(computeBadge(null, []).text).toBe('');
    expect(computeBadge(active, []).state).toBe('active');
    expect(computeBadge(active, [entry('pending'), entry('pending')])).toMatchObject({ state: 'pending', text: '2' });
    expect(computeBadge(null, [entry('pending'), entry('paused')]).state).toBe('paused');
    expect(computeBadge({ ...active, problem: { kind: 'gone', at: 1 } }, []).state).toBe('problem');
    expect(computeBadge(null, [entry('dead')]).state).toBe('problem');
  });
});

describe('the way to the popup', () => {
  it('the toolbar popup where the browser allows it, else the popup page in a small window', async () => {
    const windows: unknown[] = [];
    const api = (open?: () => Promise<void>) =>
      ({
        action: open ? { openPopup: open } : undefined,
        windows: { create: async (o: unknown) => void windows.push(o) },
        runtime: { getURL: (p: string) => `${EXT}${p.slice(1)}` },
      }) as unknown as Parameters<typeof openPopup>[0];
    let opened = 0;
    await openPopup(api(async () => void (opened += 1)));
    expect([opened, windows.length]).toEqual([1, 0]);
    await openPopup(api(async () => Promise.reject(new Error('openPopup requires a user gesture'))));
    await openPopup(api());
    expect(windows).toEqual([
      expect.objectContaining({ url: `${EXT}popup.html`, type: 'popup' }),
      expect.objectContaining({ url: `${EXT}popup.html`, type: 'popup' }),
    ]);
  });
});
