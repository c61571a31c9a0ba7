import { describe, expect, it } from 'vitest';
import { checkApiBaseUrl, isHttpUrl, isLocalOrTestHost, isSafeTaskId } from '../../../lib/rules';

describe('isHttpUrl: one meaning everywhere', () => {
  it.each([
    ['https://example.com/u/jane', true],
    ['http://example.test:8080/', true],
    ['  https://example.com  ', true],
    ['https://example.com@evil.test/', false],
    ['https://user:pw@example.com/', false],
    ['javascript:alert(1)', false],
    ['ftp://example.com/', false],
    ['example.com/profile', false],
    ['', false],
  ])('%s → %s', (raw, ok) => expect(isHttpUrl(raw)).toBe(ok));

  it('non-strings are not links', () => {
    expect(isHttpUrl(42)).toBe(false);
    expect(isHttpUrl(null)).toBe(false);
  });
});

describe('task ids that may reach an API path', () => {
  it.each(['7f0c1d9e-0000-4000-8000-000000000001', '12345', 'task_1'])('%s is usable', (id) => expect(isSafeTaskId(id)).toBe(true));
  it.each(['..', '.', 'a/b', '%2e%2e', 'a b', '', 'x'.repeat(129), 'a?x=1', 'a#b'])('%j is refused', (id) => expect(isSafeTaskId(id)).toBe(false));
});

describe('API base URL (DESIGN: https, plain http only for loopback and .test)', () => {
  it.each([
    ['https://manager.likepion.com/api/v1/entity/', 'https://manager.likepion.com/api/v1/entity'],
    ['http://127.0.0.1:8787/api/v1/entity', 'http://127.0.0.1:8787/api/v1/entity'],
    ['http://localhost:3000/api?x=1#y', 'http://localhost:3000/api'],
    ['http://sandbox.test:8787/api/v1/entity', 'http://sandbox.test:8787/api/v1/entity'],
    ['http://[::1]:8787/api', 'http://[::1]:8787/api'],
  ])('%s is accepted as %s', (raw, url) => expect(checkApiBaseUrl(raw)).toEqual({ ok: true, url }));

  it.each([
    ['http://manager.likepion.com/api/v1/entity', 'insecure'],
    ['http://10.0.0.5/api', 'insecure'],
    ['http://example.test.evil.com/api', 'insecure'],
    ['https://u:p@manager.likepion.com/api', 'credentials'],
    ['javascript:alert(1)', 'scheme'],
    ['not a url', 'not_url'],
  ])('%s is refused (%s)', (raw, problem) => expect(checkApiBaseUrl(raw)).toEqual({ ok: false, problem }));

  it('local hosts are exactly loopback names and .test', () => {
    expect(isLocalOrTestHost('api.localhost')).toBe(true);
    expect(isLocalOrTestHost('localhost.evil.com')).toBe(false);
    expect(isLocalOrTestHost('127.0.0.1.nip.io')).toBe(false);
  });
});
