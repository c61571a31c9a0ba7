// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient, type ApiClient } from '../../../lib/api';
import { FAIL_REASON_MAX } from '../../../lib/rules';
import { autofillDocument } from '../../../lib/autofill';
import { buildFillData, oneTimeCodeFor } from '../../../lib/background';
import { describeError } from '../../../lib/i18n';
import { prepareLinks } from '../../../lib/links';
import { createOutbox } from '../../../lib/outbox';
import { activeTaskItem, type ActiveTask } from '../../../lib/task';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { outboxItem } from '../../../lib/outbox';
import { createTaskService, type TaskService } from '../../../lib/task/service';
import { tryCurrentTotp } from '../../../lib/totp';

/**
 * The list of bad inputs, each through the public entry that meets
 * it first: a clear message (in both languages) or a skip, never a crash,
 * never a fill.
 */

function serviceAnswering(text: string, status = 200): { service: TaskService; calls: string[] } {
  const calls: string[] = [];
  const client: ApiClient = createApiClient({
    baseUrl: 'https://api.bad.test/api/v1/entity',
    apiKey: 'k',
    fetch: async (input) => {
      calls.push(String(input));
      return new Response(text, { status, headers: { 'Content-Type': text.startsWith('<') ? 'text/html' : 'application/json' } });
    },
  });
  const getClient = async () => client;
  return { service: createTaskService({ getClient, outbox: createOutbox({ getClient }) }), calls };
}

beforeEach(() => fakeBrowser.reset());

describe('bad API answers to a pull: a clear message, nothing stored, nothing started', () => {
  const longList = Array.from({ length: 3 }, (_, i) => ({ id: `x${i}` })); // tasks without a domain
  it.each([
    ['malformed JSON', '{"success": true, "data": [{"id": "a", "dom', 200],
    ['a wrong shape (object instead of a list)', JSON.stringify({ success: true, data: { id: 'a', domain: 'a.test' } }), 200],
    ['a list of tasks without a domain', JSON.stringify({ success: true, data: longList }), 200],
    ['no success envelope', JSON.stringify([{ id: 'a', domain: 'a.test' }]), 200],
    ['an HTML page with 200 (captive portal)', '<!doctype html><title>Login to Wi-Fi</title><form></form>', 200],
    ['an HTML 502 gateway page', '<!doctype html><title>502 Bad Gateway</title>', 502],
    ['an HTML 404 (wrong base URL)', '<!doctype html><title>404</title>', 404],
    ['an empty 200', '', 200],
  ])('%s', async (_name, body, status) => {
    const { service, calls } = serviceAnswering(body, status);
    const r = await service.pullTask();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(['invalid_response', 'server']).toContain(r.error.kind);
    for (const lang of ['vi', 'en'] as const) {
      const text = describeError(lang, r.error);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/undefined|\[object|error\.\w+/);
    }
    expect(await activeTaskItem.getValue()).toBeNull();
    // Nothing was started on a list we could not read.
    expect(calls.some((u) => u.endsWith('/start'))).toBe(false);
  });

  it('one malformed task among good ones is skipped; the good one is started', async () => {
    const { service, calls } = serviceAnswering(
      JSON.stringify({ success: true, data: [{ id: 'broken' }, { domain: 'no-id.test' }, { id: 'good', domain: 'good.test' }] }),
    );
    const r = await service.pullTask();
    expect(r.ok && r.value.task.id).toBe('good');
    expect(calls.filter((u) => u.endsWith('/start'))).toEqual(['https://api.bad.test/api/v1/entity/links/good/start']);
  });
});

/** A task as the API may send it: huge, duplicated, empty and unsafe links. */
const BAD_LINKS = [
  'https://twitter.com/acme',
  'https://twitter.com/acme',
  'HTTPS://Twitter.com/acme/',
  '',
  '   ',
  'javascript:alert(document.cookie)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'http://',
  'not a url at all',
  ...Array.from({ length: 160 }, (_, i) => `https://site${i}.example/profile/acme`),
];

describe('entity_connect: huge, duplicate, empty and non-http(s) links are skipped with a reason', () => {
  it('prepareLinks keeps http(s) links once each, in order, and names every reject', () => {
    const { links, rejected } = prepareLinks(BAD_LINKS);
    expect(links.length).toBe(161);
    for (const l of links) expect(new URL(l.url).protocol).toMatch(/^https?:$/);
    const reasons = new Map(rejected.map((r) => [r.value, r.reason]));
    expect(reasons.get('javascript:alert(document.cookie)')).toBe('unsafe_scheme');
    expect(reasons.get('data:text/html,<script>alert(1)</script>')).toBe('unsafe_scheme');
    expect(reasons.get('vbscript:msgbox(1)')).toBe('unsafe_scheme');
    expect(reasons.get('')).toBe('empty');
    expect(rejected.filter((r) => r.reason === 'duplicate').length).toBeGreaterThanOrEqual(1);
    expect(rejected.length + links.length).toBe(BAD_LINKS.length);
  });

  it('a profile page gets none of the unsafe values, and the panel result names them', () => {
    document.body.innerHTML = `
      <form>
        <label for="w">Website</label><input id="w" name="website" type="url">
        <label for="o1">Other link 1</label><input id="o1" name="other_link_1">
        <label for="o2">Other link 2</label><input id="o2" name="other_link_2">
        <label for="bio">Bio</label><textarea id="bio" name="bio"></textarea>
      </form>`;
    const active: ActiveTask = { task: { id: 't', domain: location.hostname || 'localhost', website: 'javascript:alert(1)', entity_connect: BAD_LINKS }, startedAt: 1 };
    const data = buildFillData(active, DEFAULT_SETTINGS, 'task');
    const result = autofillDocument(document, data);
    const values = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((f) => f.value).join('\n');
    expect(values).not.toMatch(/javascript|data:|vbscript|file:/i);
    // It did fill (the page is on the task's domain): the safe links went in.
    expect(result.filled.length).toBeGreaterThan(0);
    expect(values).toContain('https://twitter.com/acme');
    expect(result.notFilled.map((n) => n.value).join('\n')).toContain('javascript:alert(document.cookie)');
  });
});

describe('TOTP secrets: odd forms work, invalid ones give no code and no crash', () => {
  it.each(['JBSWY3DPEHPK3PXP', 'jbsw y3dp ehpk 3pxp', 'JBSWY3DPEHPK3PXP====', 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&issuer=X'])('%s → a 6-digit code', (s) => {
    expect(tryCurrentTotp(s, 0)?.code).toMatch(/^\d{6}$/);
  });
  it.each(['', '   ', 'JBSW', '0189!!!', 'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP', 'otpauth://totp/x', 'ÄÖÜ', '🙂🙂🙂🙂🙂🙂🙂🙂'])('%j → null', (s) => {
    expect(tryCurrentTotp(s, 0)).toBeNull();
  });
  it('a task with a bad secret gives no code on request, and fill data still has everything else', () => {
    const active = { task: { id: 't', domain: 'a.test', password: 'pw', twofa: '0189!!!' }, startedAt: 1 };
    expect(oneTimeCodeFor(active, 0)).toBeNull();
    const data = buildFillData(active, DEFAULT_SETTINGS, 'task');
    expect(data).not.toHaveProperty('totp');
    expect(data.password).toBe('pw');
  });
});

describe('fail reasons: at most 1000 characters, not empty; refused before anything is stored', () => {
  beforeEach(async () => {
    await activeTaskItem.setValue({ task: { id: 't', domain: 'a.test' }, startedAt: 1 });
  });
  it.each([
    ['empty', ''],
    ['blank', ' \n\t '],
    ['1001 characters', 'x'.repeat(FAIL_REASON_MAX + 1)],
    ['50 000 characters', 'y'.repeat(50_000)],
    ['not a string', 42 as unknown as string],
  ])('%s → invalid_input, the task stays active, the outbox stays empty', async (_name, reason) => {
    const { service } = serviceAnswering('{}');
    const r = await service.failTask({ reason });
    expect(r).toEqual({ ok: false, error: { kind: 'invalid_input' } });
    expect(await activeTaskItem.getValue()).not.toBeNull();
    expect(await outboxItem.getValue()).toEqual([]);
    expect(describeError('vi', r.ok ? null : r.error)).not.toBe('');
  });
  it('exactly 1000 characters is queued', async () => {
    const { service } = serviceAnswering('{}');
    expect((await service.failTask({ reason: 'z'.repeat(FAIL_REASON_MAX) })).ok).toBe(true);
    expect((await outboxItem.getValue())[0]!.body.error_message).toHaveLength(FAIL_REASON_MAX);
  });
});
