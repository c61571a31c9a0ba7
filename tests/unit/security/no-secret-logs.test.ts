import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { createApiClient, isApiError } from '../../../lib/api';
import { startBackground } from '../../../lib/background';
import { removeAllListeners } from '../../../lib/messaging';
import { createOutbox } from '../../../lib/outbox';
import { activeTaskItem } from '../../../lib/task';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/settings';
import { outboxItem } from '../../../lib/outbox';
import { createTaskService } from '../../../lib/task/service';
import { currentTotp, tryCurrentTotp } from '../../../lib/totp';
import { startSandbox, type FaultSpec, type Sandbox } from '../../sandbox/server';

/**
 * "No secret in logs or error reports": a static rule over every console call
 * in the shipped code, and the whole background run against a faulty server
 * with every console method captured.
 */

const API_KEY = 'k-LOG-SECRET-5d1e0a9b';
const SECRETS = {
  apiKey: API_KEY,
  password: 'Site-Pass-LOG-7781',
  pass_mail: 'Mail-Pass-LOG-3342',
  twofa: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ',
  app_password: 'logx logy logz logw',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** The argument text of each `console.x(...)` call (balanced parentheses, strings skipped). */
function consoleCalls(src: string): { method: string; args: string }[] {
  const calls: { method: string; args: string }[] = [];
  for (const m of src.matchAll(/\bconsole\.(\w+)\s*\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    let quote: string | null = null;
    const start = i;
    for (; i < src.length && depth > 0; i++) {
      const c = src[i]!;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    calls.push({ method: m[1]!, args: src.slice(start, i - 1) });
  }
  return calls;
}

/** Top-level comma split of an argument list. */
function splitArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (let i = 0; i < args.length; i++) {
    const c = args[i]!;
    if (quote) {
      if (c === '\\') cur += c + args[++i];
      else {
        if (c === quote) quote = null;
        cur += c;
      }
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const PLAIN_STRING = /^(['"])[^'"]*\1$|^`[^`$]*`$/;
/** The only allowed way to log an error: its class name or message, never the object (which may carry data). */
const ERROR_DESCRIPTION = /^(\w+) instanceof Error \? \1\.(name|message) : (typeof \1|'[^']*')$/;

describe('every console call in the shipped code logs fixed text and an error description only', () => {
  const files = ['lib', 'components', 'entrypoints'].flatMap((d) => sourceFiles(d));
  const calls = files.flatMap((file) => consoleCalls(readFileSync(file, 'utf8')).map((c) => ({ file, ...c })));

  it('finds the console calls (the scan works)', () => {
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.some((c) => c.file === path.join('lib', 'outbox', 'outbox.ts'))).toBe(true);
  });

  it('first a plain message, then at most e.name / e.message / typeof e', () => {
    for (const { file, args } of calls) {
      const [first, ...rest] = splitArgs(args);
      expect(first, `${file}: ${args}`).toMatch(PLAIN_STRING);
      for (const arg of rest) expect(arg, `${file}: ${args}`).toMatch(ERROR_DESCRIPTION);
    }
  });

  it('no call mentions settings, keys, passwords, secrets, tasks or report bodies', () => {
    for (const { file, args } of calls) {
      const [, ...rest] = splitArgs(args);
      for (const arg of rest) expect(arg, file).not.toMatch(/apiKey|api_key|password|pass_mail|twofa|secret|settings|task|body|entry|headers/i);
    }
  });
});

describe('a whole background run against a faulty server logs no secret', () => {
  let sb: Sandbox;
  const logged: string[] = [];

  const describeArg = (a: unknown): string => {
    if (a instanceof Error) return `${a.name}: ${a.message}\n${a.stack ?? ''}\n${JSON.stringify(a)}`;
    try {
      return typeof a === 'string' ? a : JSON.stringify(a);
    } catch {
      return String(a);
    }
  };

  beforeAll(async () => {
    sb = await startSandbox({
      apiKey: API_KEY,
      tasks: [
        { id: 'log-1', domain: 'log-site.test', username: 'log-user', email: 'log@gmail.test', status: 'connect', ...SECRETS, apiKey: undefined },
        { id: 'log-2', domain: 'log-site2.test', status: 'connect', password: SECRETS.password, twofa: 'not a secret!!' },
      ],
    });
  });
  afterAll(async () => {
    await sb.close();
  });

  beforeEach(async () => {
    logged.length = 0;
    for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(describeArg).join(' ')));
    }
    fakeBrowser.reset();
    removeAllListeners();
    (globalThis as { chrome?: unknown }).chrome = fakeBrowser;
    sb.setFault({ mode: 'none' });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBaseUrl: sb.apiBase, apiKey: API_KEY });
  });
  afterEach(() => {
    removeAllListeners();
    const all = logged.join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) expect(all, `${name} in a log line`).not.toContain(secret);
  });

  const faults: FaultSpec[] = [
    { mode: 'down' },
    { mode: 'error500' },
    { mode: 'html-error' },
    { mode: 'malformed-json' },
    { mode: 'rate-limit', retryAfterSec: 1 },
    { mode: 'status', status: 401, body: { success: false, message: `invalid api key ${API_KEY}` } },
    { mode: 'drop-after-act' },
  ];

  it.each(faults.map((f) => [f.mode, f] as const))('%s: start-up, pull, complete, fail, flush', async (_mode, fault) => {
    const { ready } = startBackground();
    await ready;
    const getClient = async () => createApiClient({ baseUrl: sb.apiBase, apiKey: API_KEY, timeoutMs: 2000 });
    const outbox = createOutbox({
      getClient,
      onChange: () => {
        throw new Error(`badge broke with ${API_KEY}`);
      },
    });
    const service = createTaskService({
      getClient,
      outbox,
      onActiveChange: () => {
        throw new Error(`hook broke with ${SECRETS.password}`);
      },
    });
    sb.reset([{ id: 'log-1', domain: 'log-site.test', status: 'connect', ...SECRETS }]);
    await service.pullTask();
    sb.setFault(fault);
    await service.completeTask({ note: SECRETS.password });
    await service.lastFlush();
    await outbox.flush();
    await service.pullTask();
    sb.setFault({ mode: 'none' });
    await outbox.retryAll();
    // Errors the worker may see (stored with the report) carry no secret either.
    const stored = JSON.stringify(await outboxItem.getValue());
    expect(stored).not.toContain(API_KEY);
  });

  it('a broken storage during a flush logs the error class only', async () => {
    await outboxItem.setValue([
      { id: 'o', taskId: 'log-1', domain: 'log-site.test', kind: 'fail', body: { error_message: SECRETS.password }, createdAt: 1, attempts: 0, nextAttemptAt: 1, state: 'pending' },
    ]);
    const outbox = createOutbox({
      getClient: async () => {
        throw Object.assign(new TypeError(`storage broke: ${API_KEY}`), { settings: { apiKey: API_KEY } });
      },
    });
    const spy = vi.spyOn(storage, 'setItems').mockRejectedValueOnce(new Error(`quota: ${SECRETS.password}`));
    await outbox.flush();
    spy.mockRestore();
    expect(logged.some((l) => l.startsWith('outbox flush failed'))).toBe(true);
  });

  it('the restored active task with its secrets: start-up verification under faults', async () => {
    for (const mode of ['down', 'error500', 'malformed-json'] as const) {
      removeAllListeners();
      await activeTaskItem.setValue({ task: { id: 'log-1', domain: 'log-site.test', ...SECRETS, entity_connect: [] }, startedAt: 1 });
      sb.setFault({ mode });
      await startBackground().ready;
    }
  });

  it('API errors (message, stack, JSON) never contain the key, even when the server echoes it', async () => {
    const client = createApiClient({ baseUrl: sb.apiBase, apiKey: API_KEY, timeoutMs: 2000 });
    const bodies: FaultSpec[] = [
      { mode: 'status', status: 401, body: { success: false, message: `invalid api key: ${API_KEY}` } },
      { mode: 'status', status: 400, body: { success: false, message: `bad request from key ${API_KEY} (${API_KEY})` } },
      { mode: 'status', status: 409, body: { success: false, message: `status ${API_KEY}`, current_status: 'completed' } },
      { mode: 'error500', status: 503 },
      { mode: 'down' },
    ];
    for (const fault of bodies) {
      sb.setFault(fault);
      const e = await client.listTasks().then(
        () => null,
        (err: unknown) => err,
      );
      expect(isApiError(e)).toBe(true);
      const text = describeArg(e);
      expect(text, fault.mode).not.toContain(API_KEY);
    }
  });

  it('TOTP failures name the kind, never the secret', () => {
    for (const bad of ['0189!!', 'AB', `otpauth://totp/x?secret=${SECRETS.password}`, SECRETS.password]) {
      expect(tryCurrentTotp(bad)).toBeNull();
      let text = '';
      try {
        currentTotp(bad);
      } catch (e) {
        text = describeArg(e);
      }
      expect(text).not.toBe('');
      expect(text).not.toContain(bad);
      expect(text).not.toContain(SECRETS.password);
    }
  });
});
