import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClient } from '../../../lib/api';
import { buildFillData, contentScope } from '../../../lib/background';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { type ActiveTask } from '../../../lib/task';
import { isHttpUrl } from '../../../lib/rules';
import { hostReach, normalizeTaskDomain } from '../../../lib/domain/registrable';

/**
 * Property-based tests over the three input boundaries: every API answer
 * (status × body), the URL gate that decides which frame gets a task's data,
 * and the data a content script receives.
 */

const KEY = 'k-FUZZ-SECRET-3b7e';

// ---------------------------------------------------------------- API answers

const NULL_BODY_STATUS = new Set([204, 205, 304]);

/** Bodies a real or broken server sends: JSON of any shape, envelopes around anything, HTML, truncated JSON, nothing. */
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
  fc.jsonValue().map((data) => JSON.stringify({ success: true, data })),
  fc.array(fc.jsonValue(), { maxLength: 5 }).map((data) => JSON.stringify({ success: true, data })),
  fc
    .record({ message: fc.oneof(fc.string(), fc.constant(`bad key ${KEY}`), fc.jsonValue()), current_status: fc.jsonValue() }, { requiredKeys: [] })
    .map((e) => JSON.stringify({ success: false, ...e })),
  fc.string().map((s) => `<!doctype html><title>502 Bad Gateway</title><h1>${s}</h1>`),
  fc.jsonValue().map((v) => (JSON.stringify({ success: true, data: v }) ?? '').slice(0, -1)),
  fc.constant(''),
  fc.string(),
);
const status = fc.oneof(fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503), fc.integer({ min: 200, max: 599 }));

function clientAnswering(s: number, text: string, headers: Record<string, string> = {}): ApiClient {
  return createApiClient({
    baseUrl: 'https://api.fuzz.test/api/v1/entity',
    apiKey: KEY,
    fetch: async () => new Response(NULL_BODY_STATUS.has(s) ? null : text, { status: s, headers: { 'Content-Type': 'application/json', ...headers } }),
  });
}

const calls: [string, (c: ApiClient) => Promise<unknown>][] = [
  ['listTasks', (c) => c.listTasks({ limit: 5, status: 'connect' })],
  ['getTask', (c) => c.getTask('t1', { status: 'connecting' })],
  ['startTask', (c) => c.startTask('t1')],
  ['completeTask', (c) => c.completeTask('t1', { link_post: 'https://a.test/p' })],
  ['failTask', (c) => c.failTask('t1', { error_message: 'x' })],
];

function assertTask(t: Record<string, unknown>): void {
  expect(typeof t.id).toBe('string');
  expect(t.id).not.toBe('');
  expect(typeof t.domain).toBe('string');
  for (const k of ['username', 'email', 'password', 'pass_mail', 'twofa', 'website']) if (t[k] !== undefined) expect(typeof t[k]).toBe('string');
  if (t.entity_connect !== undefined) {
    expect(Array.isArray(t.entity_connect)).toBe(true);
    for (const u of t.entity_connect as unknown[]) expect(typeof u).toBe('string');
  }
}

describe('every API answer is validated: a value of the promised shape or an ApiError, nothing else', () => {
  it.each(calls)('%s over arbitrary status × body', async (name, call) => {
    await fc.assert(
      fc.asyncProperty(status, body, fc.option(fc.string({ maxLength: 12 })), async (s, text, retryAfter) => {
        const client = clientAnswering(s, text, retryAfter === null ? {} : { 'Retry-After': retryAfter });
        let value: unknown;
        try {
          value = await call(client);
        } catch (e) {
          expect(e, `${name} ${s} ${text}`).toBeInstanceOf(ApiError);
          const err = e as ApiError;
          expect(`${err.message} ${JSON.stringify(err.toJSON())}`).not.toContain(KEY);
          if (err.retryAfterMs !== undefined) expect(err.retryAfterMs).toBeGreaterThanOrEqual(0);
          return;
        }
        // Success only on 2xx.
        expect(s).toBeGreaterThanOrEqual(200);
        expect(s).toBeLessThan(300);
        if (name === 'listTasks') {
          expect(Array.isArray(value)).toBe(true);
          for (const t of value as Record<string, unknown>[]) assertTask(t);
        }
        if (name === 'getTask') assertTask(value as Record<string, unknown>);
      }),
      { numRuns: 150 },
    );
  });

  it('huge entity_connect lists (150–600 entries of any kind) parse to strings only, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.webUrl(), fc.string(), fc.jsonValue()), { minLength: 150, maxLength: 600 }), async (links) => {
        const client = clientAnswering(200, JSON.stringify({ success: true, data: [{ id: 'a', domain: 'a.test', entity_connect: links }] }));
        const [task] = await client.listTasks();
        expect(task!.entity_connect).toEqual(links.filter((l) => typeof l === 'string'));
      }),
      { numRuns: 20 },
    );
  });
});

// ---------------------------------------------------------------- the frame gate

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
/** Task domains: two or three labels under a made-up TLD-like label. */
// A domain a task can name with its subdomains: not itself a public suffix ("4u.com" is a private
// entry of the list) and not a tenant space (those reach their exact host only, tested elsewhere).
const taskDomain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 2 }), fc.constantFrom('com', 'net', 'test', 'vn', 'io'))
  .map(([ls, tld]) => [...ls, tld].join('.'))
  .filter((d) => normalizeTaskDomain(d) === d && hostReach(d) === 'subdomains');
const active = (domain: string): ActiveTask => ({ task: { id: 't', domain, entity_connect: [] }, startedAt: 1 });
const frame = (url: string) => ({ url, tab: { id: 1 }, frameId: 0 });
const scheme = fc.constantFrom('http', 'https');
const port = fc.option(fc.integer({ min: 1, max: 65535 }));
const withPort = (p: number | null) => (p === null ? '' : `:${p}`);

describe('the frame gate (contentScope): only the task domain and its subdomains', () => {
  it('the domain and any subdomain, any case, any port, http or https: the task scope', () => {
    fc.assert(
      fc.property(taskDomain, fc.array(label, { maxLength: 3 }), scheme, port, fc.webPath(), fc.boolean(), (d, subs, sc, p, pathPart, upper) => {
        const host = [...subs, d].join('.');
        const url = `${sc}://${upper ? host.toUpperCase() : host}${withPort(p)}${pathPart}`;
        expect(contentScope(frame(url), active(d)), url).toBe('task');
        // The task domain may come with odd case or a trailing dot from the API.
        expect(contentScope(frame(url), active(`${d.toUpperCase()}.`)), url).toBe('task');
      }),
      { numRuns: 300 },
    );
  });

  it('look-alikes: suffix tricks, glued prefixes, the domain in path, query, fragment or userinfo of another host', () => {
    fc.assert(
      fc.property(taskDomain, taskDomain, label, scheme, (d, evil, glue, sc) => {
        fc.pre(evil !== d && !evil.endsWith(`.${d}`));
        const tricks = [
          `${sc}://${d}.${evil}/`,
          `${sc}://${d}-${evil}/`,
          `${sc}://${glue}${d}/`.replace(`${glue}${d}`, `${glue}x${d}`),
          `${sc}://${evil}/${d}/login`,
          `${sc}://${evil}/?next=${sc}://${d}/&host=${d}`,
          `${sc}://${evil}/#${d}`,
          `${sc}://${d}@${evil}/`,
          `${sc}://${d}:pw@${evil}/`,
          `${sc}://${evil}./${d}`,
        ];
        for (const url of tricks) expect(contentScope(frame(url), active(d)), url).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('non-web schemes never get anything, whatever they contain', () => {
    fc.assert(
      fc.property(taskDomain, fc.constantFrom('javascript:', 'data:text/html,', 'file:///', 'blob:https://', 'ftp://', 'chrome-extension://', 'about:'), (d, prefix) => {
        expect(contentScope(frame(`${prefix}${d}/`), active(d))).toBeNull();
      }),
    );
  });

  it('homoglyph (IDN) look-alikes are other hosts', () => {
    // Cyrillic о / а and a Greek ο in place of Latin letters.
    for (const [fake, real] of [
      ['shоp.test', 'shop.test'],
      ['pаypal.com', 'paypal.com'],
      ['gοogle.com', 'google.com'],
    ] as const) {
      expect(contentScope(frame(`https://${fake}/login`), active(real))).toBeNull();
      expect(contentScope(frame(`https://${real}/login`), active(fake))).toBeNull();
    }
    // The IDN task domain itself matches its punycode form (what the browser reports).
    expect(contentScope(frame(`https://${new URL('https://shоp.test').hostname}/`), active('shоp.test'))).toBe('task');
  });

  it('without a tab (not a content script) or without a task: nothing', () => {
    fc.assert(
      fc.property(taskDomain, (d) => {
        expect(contentScope({ url: `https://${d}/` }, active(d))).toBeNull();
        expect(contentScope(frame(`https://${d}/`), null)).toBeNull();
      }),
    );
  });
});

describe('link_post accepts only http(s) URLs without credentials', () => {
  it('never a non-web scheme', () => {
    fc.assert(
      fc.property(fc.constantFrom('javascript:', 'data:', 'vbscript:', 'file:', 'ftp:', 'blob:', 'JaVaScRiPt:', ' javascript:'), fc.string(), (s, rest) => {
        expect(isHttpUrl(`${s}${rest}`)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (u) => {
        expect(isHttpUrl(u)).toBe(!new URL(u).username && !new URL(u).password);
      }),
    );
  });
});

// ---------------------------------------------------------------- what a content script receives

describe('fill data: never the key or the TOTP secret; Google sign-in gets the Gmail account only', () => {
  const secret = fc.stringMatching(/^[A-Z2-7]{16,32}$/).map((s) => `SECRET${s}`);
  it('holds for arbitrary tasks and settings', () => {
    fc.assert(
      fc.property(
        fc.record({
          username: fc.string(),
          email: fc.string(),
          password: fc.string(),
          pass_mail: fc.string(),
          app_password: fc.string({ minLength: 1 }).map((s) => `APPPW${s}`),
          website: fc.string(),
          entity_connect: fc.array(fc.string(), { maxLength: 200 }),
          extra: fc.jsonValue(),
        }),
        secret,
        fc.string({ minLength: 1 }).map((s) => `APIKEY${s}`),
        fc.constantFrom('task' as const, 'gmail' as const),
        (fields, twofa, apiKey, scope) => {
          const task = { id: 'id', domain: 'site.test', ...fields, twofa };
          const data = buildFillData({ task, startedAt: 1 }, { ...DEFAULT_SETTINGS, apiKey }, scope);
          const json = JSON.stringify(data);
          expect(json).not.toContain(apiKey);
          expect(json).not.toContain(twofa);
          expect(json).not.toContain(fields.app_password);
          expect(Object.keys(data).sort()).toEqual(
            [
              'scope', 'taskId', 'domain', 'hostReach', 'username', 'email', 'password', 'website', 'links', 'hasOneTimeCode', 'autofillMode', 'autoSubmitLogin', 'appendLinksToBio', 'language',
              ...(scope === 'task' ? ['journey'] : []),
            ].sort(),
          );
          if (scope === 'gmail') {
            expect(data).toMatchObject({ username: '', website: '', links: [], email: fields.email, password: fields.pass_mail });
          } else {
            expect(data.password).toBe(fields.password);
            expect(data.links).toEqual(fields.entity_connect);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
