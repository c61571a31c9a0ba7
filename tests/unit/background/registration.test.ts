import { beforeEach, describe, expect, it } from 'vitest';
import {
  CONTENT_SCRIPT_FILE,
  CONTENT_SCRIPT_ID,
  matchesFor,
  syncContentScripts,
  type ScriptingApi,
  type TabsApi,
  holdPasswordSaving,
  type PasswordSavingSetting,
} from '../../../lib/background';
import type { ActiveTask } from '../../../lib/task';
import { makeTask } from '../outbox/fake-api';

type Registered = Parameters<ScriptingApi['registerContentScripts']>[0][number];

/** Implements the calls registration makes; handed over as the real API's type (`asApi`). */
class FakeScripting {
  registered: Registered[] = [];
  executed: { tabId: number; frameIds?: number[]; files: string[] }[] = [];
  registerCalls = 0;
  async registerContentScripts(scripts: Registered[]) {
    for (const s of scripts) {
      if (this.registered.some((r) => r.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      this.registered.push(s);
    }
    this.registerCalls += 1;
  }
  async unregisterContentScripts(filter?: { ids?: string[] }) {
    this.registered = this.registered.filter((r) => filter?.ids && !filter.ids.includes(r.id));
  }
  async getRegisteredContentScripts(filter?: { ids?: string[] }) {
    return this.registered.filter((r) => !filter?.ids || filter.ids.includes(r.id));
  }
  async executeScript(injection: { target: { tabId: number; frameIds?: number[] }; files: string[] }) {
    this.executed.push({ ...injection.target, files: injection.files });
  }
  get api(): ScriptingApi {
    return this as unknown as ScriptingApi;
  }
}

const active = (domain: string): ActiveTask => ({ task: makeTask('t', { domain }), startedAt: 1 });
let scripting: FakeScripting;

beforeEach(() => {
  scripting = new FakeScripting();
});

describe('content-script registration', () => {
  it('matches the task domain, its subdomains (any port) and Google sign-in only', () => {
    expect(matchesFor(active('https://www.Example.com/path'))).toEqual([
      '*://example.com/*',
      '*://*.example.com/*',
      'https://accounts.google.com/*',
    ]);
    expect(matchesFor(active('com'))).toBeNull(); // a bare public suffix never becomes a pattern
  });

  it('a tenant space of a hosting platform matches its host and www twin only, never a sibling tenant', () => {
    expect(matchesFor(active('alice.tumblr.com'))).toEqual(['*://alice.tumblr.com/*', '*://www.alice.tumblr.com/*', 'https://accounts.google.com/*']);
    expect(matchesFor(active('https://alice.github.io/'))).toEqual(['*://alice.github.io/*', '*://www.alice.github.io/*', 'https://accounts.google.com/*']);
  });

  it('registers on task start with allFrames at document_start, and unregisters at the end', async () => {
    await syncContentScripts(active('example.com'), scripting.api);
    expect(scripting.registered).toEqual([
      {
        id: CONTENT_SCRIPT_ID,
        matches: ['*://example.com/*', '*://*.example.com/*', 'https://accounts.google.com/*'],
        js: [CONTENT_SCRIPT_FILE],
        allFrames: true,
        runAt: 'document_start',
        persistAcrossSessions: true,
      },
    ]);
    await syncContentScripts(null, scripting.api);
    expect(scripting.registered).toEqual([]);
  });

  it('re-sync is idempotent; a new task domain replaces the old registration', async () => {
    await syncContentScripts(active('example.com'), scripting.api);
    await syncContentScripts(active('example.com'), scripting.api);
    expect(scripting.registerCalls).toBe(1);
    await syncContentScripts(active('other.test'), scripting.api);
    expect(scripting.registered.map((r) => r.matches)).toEqual([['*://other.test/*', '*://*.other.test/*', 'https://accounts.google.com/*']]);
  });

  it('a registration of an older version (document_idle) is replaced by one at document_start', async () => {
    await syncContentScripts(active('example.com'), scripting.api);
    scripting.registered = scripting.registered.map((r) => ({ ...r, runAt: 'document_idle' as const }));
    await syncContentScripts(active('example.com'), scripting.api);
    expect(scripting.registered.map((r) => r.runAt)).toEqual(['document_start']);
  });

  it('a registration lost in a restart is re-created at start-up', async () => {
    await syncContentScripts(active('example.com'), scripting.api);
    scripting.registered = [];
    await syncContentScripts(active('example.com'), scripting.api);
    expect(scripting.registered).toHaveLength(1);
  });

  it('injects into the top frame of tabs already open on the task pages', async () => {
    const queried: unknown[] = [];
    const tabs = {
      query: async (q: { url?: string | string[] }) => {
        queried.push(q.url);
        return [{ id: 4, url: 'https://example.com/login' }, { id: 6, url: 'https://a.example.com/' }];
      },
    };
    await syncContentScripts(active('example.com'), scripting.api, tabs as unknown as TabsApi, { injectOpenTabs: true });
    expect(queried).toEqual([['*://example.com/*', '*://*.example.com/*', 'https://accounts.google.com/*']]);
    expect(scripting.executed).toEqual([
      { tabId: 4, frameIds: [0], files: [`/${CONTENT_SCRIPT_FILE}`] },
      { tabId: 6, frameIds: [0], files: [`/${CONTENT_SCRIPT_FILE}`] },
    ]);
  });
});

describe('registration when the script is already gone', () => {
  it('registers the new domain even if the old registration vanished meanwhile (Chrome rejects unregistering an unknown id)', async () => {
    const strict = new FakeScripting();
    strict.unregisterContentScripts = async (filter?: { ids?: string[] }) => {
      const ids = filter?.ids ?? [];
      if (ids.some((id) => !strict.registered.some((r) => r.id === id))) throw new Error(`Nonexistent script ID '${ids[0]}'`);
      strict.registered = strict.registered.filter((r) => !ids.includes(r.id));
    };
    await syncContentScripts(active('a.test'), strict.api);
    // What getRegisteredContentScripts saw is stale by the time we unregister.
    const stale = await strict.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    strict.getRegisteredContentScripts = async () => stale;
    strict.registered = [];
    await syncContentScripts(active('b.test'), strict.api);
    expect(strict.registered.map((r) => r.matches)).toEqual([matchesFor(active('b.test'))]);
  });
});

describe('password saving while a task is active', () => {
  class FakeSetting {
    override: boolean | null = null;
    constructor(public level: string) {}
    async get() {
      return { value: this.override ?? true, levelOfControl: this.override === null ? this.level : 'controlled_by_this_extension' };
    }
    async set({ value }: { value: boolean }) {
      this.override = value;
    }
    async clear() {
      this.override = null;
    }
    get api(): PasswordSavingSetting {
      return this as unknown as PasswordSavingSetting;
    }
  }

  it('is turned off for the task and handed back exactly as it was afterwards', async () => {
    const s = new FakeSetting('controllable_by_this_extension');
    expect(await holdPasswordSaving(true, s.api)).toBe('off');
    expect(await s.get()).toEqual({ value: false, levelOfControl: 'controlled_by_this_extension' });
    expect(await holdPasswordSaving(true, s.api)).toBe('off'); // idempotent across restarts
    expect(await holdPasswordSaving(false, s.api)).toBe('restored');
    expect(await s.get()).toEqual({ value: true, levelOfControl: 'controllable_by_this_extension' });
  });

  it('a policy or another extension holding the setting is left alone; no API, nothing breaks', async () => {
    const s = new FakeSetting('controlled_by_other_extensions');
    expect(await holdPasswordSaving(true, s.api)).toBe('not_ours');
    expect(s.override).toBeNull();
    expect(await holdPasswordSaving(true, undefined)).toBe('unsupported');
  });
});
