import { describe, expect, it } from 'vitest';
import { hostMatchesDomain, isGoogleSignInHost } from '../../../lib/domain';
import { parse } from 'tldts';
import { HOSTING_PLATFORMS } from '../../../lib/domain';
import { hostMatchesTaskDomain, hostReach, normalizeTaskDomain } from '../../../lib/domain/registrable';

describe('hostMatchesDomain', () => {
  it('matches the domain itself and its subdomains on a label boundary', () => {
    expect(hostMatchesDomain('example.com', 'example.com')).toBe(true);
    expect(hostMatchesDomain('a.example.com', 'example.com')).toBe(true);
    expect(hostMatchesDomain('deep.a.example.com', 'example.com')).toBe(true);
    expect(hostMatchesDomain('www.example.com', 'example.com')).toBe(true);
  });

  it('refuses look-alikes and suffix tricks', () => {
    expect(hostMatchesDomain('example.com.evil.test', 'example.com')).toBe(false);
    expect(hostMatchesDomain('badexample.com', 'example.com')).toBe(false);
    expect(hostMatchesDomain('evil-example.com', 'example.com')).toBe(false);
    expect(hostMatchesDomain('examp1e.com', 'example.com')).toBe(false);
    expect(hostMatchesDomain('example.co', 'example.com')).toBe(false);
    expect(hostMatchesDomain('com', 'example.com')).toBe(false);
    // a parent of the task domain is not the task domain
    expect(hostMatchesDomain('example.com', 'a.example.com')).toBe(false);
  });

  it('does not read a domain from a path, query or userinfo', () => {
    expect(hostMatchesDomain('evil.test/example.com', 'example.com')).toBe(false);
    expect(hostMatchesDomain('evil.test?x=.example.com', 'example.com')).toBe(false);
    expect(hostMatchesDomain('example.com@evil.test', 'example.com')).toBe(false);
    expect(hostMatchesDomain('evil.test#.example.com', 'example.com')).toBe(false);
  });

  it('is case-insensitive and ignores trailing dots and ports', () => {
    expect(hostMatchesDomain('A.EXAMPLE.COM', 'Example.Com')).toBe(true);
    expect(hostMatchesDomain('a.example.com.', 'example.com')).toBe(true);
    expect(hostMatchesDomain('a.example.com', 'example.com.')).toBe(true);
    expect(hostMatchesDomain('a.example.com:8443', 'example.com')).toBe(true);
  });

  it('normalises IDN to punycode on both sides', () => {
    expect(hostMatchesDomain('xn--bcher-kva.de', 'bücher.de')).toBe(true);
    expect(hostMatchesDomain('shop.bücher.de', 'xn--bcher-kva.de')).toBe(true);
    // Cyrillic "а" homograph is a different host
    expect(hostMatchesDomain('exаmple.com', 'example.com')).toBe(false);
  });

  it('accepts a task domain given as a URL or with www.', () => {
    expect(hostMatchesTaskDomain('a.example.com', 'https://www.example.com/profile?x=1')).toBe(true);
    expect(hostMatchesTaskDomain('example.com', 'www.example.com')).toBe(true);
    expect(hostMatchesTaskDomain('evil.test', 'https://evil.test.example.com')).toBe(false);
  });

  it('never matches with an unusable task domain', () => {
    expect(hostMatchesDomain('example.com', 'com')).toBe(false);
    expect(hostMatchesTaskDomain('example.com', '')).toBe(false);
    expect(hostMatchesTaskDomain('example.com', 'com')).toBe(false);
    expect(hostMatchesTaskDomain('foo.github.io', 'github.io')).toBe(false);
    expect(hostMatchesTaskDomain('example.com', 'javascript:alert(1)')).toBe(false);
    expect(hostMatchesTaskDomain('', 'example.com')).toBe(false);
  });
});

describe('normalizeTaskDomain', () => {
  it('returns a bare lower-case ASCII host', () => {
    expect(normalizeTaskDomain(' https://WWW.Example.com/path ')).toBe('example.com');
    expect(normalizeTaskDomain('example.com:8080')).toBe('example.com');
    expect(normalizeTaskDomain('bücher.de')).toBe('xn--bcher-kva.de');
    expect(normalizeTaskDomain('blog.example.co.uk')).toBe('blog.example.co.uk');
    expect(normalizeTaskDomain('demo-social.test')).toBe('demo-social.test');
    expect(normalizeTaskDomain('127.0.0.1')).toBe('127.0.0.1');
  });

  it('refuses public suffixes and garbage', () => {
    for (const bad of ['com', 'co.uk', 'github.io', 'test', '', '   ', 'ftp://example.com', 'javascript:alert(1)', 'http://', 'a..b.com']) {
      expect(normalizeTaskDomain(bad), bad).toBeNull();
    }
    expect(normalizeTaskDomain('user.github.io')).toBe('user.github.io');
  });
});

describe('isGoogleSignInHost', () => {
  it('is accounts.google.com only', () => {
    expect(isGoogleSignInHost('accounts.google.com')).toBe(true);
    expect(isGoogleSignInHost('ACCOUNTS.google.com.')).toBe(true);
    expect(isGoogleSignInHost('google.com')).toBe(false);
    expect(isGoogleSignInHost('mail.google.com')).toBe(false);
    expect(isGoogleSignInHost('accounts.google.com.evil.test')).toBe(false);
    expect(isGoogleSignInHost('evilaccounts.google.com')).toBe(false);
  });
});

describe('task domains that hide another host are refused', () => {
  it.each(['example.com@evil.test', 'https://example.com@evil.test/', 'user:pw@example.com', 'example.com\\@evil.test', 'example .com', 'mailto:a@example.com'])(
    '%j',
    (raw) => expect(normalizeTaskDomain(raw)).toBeNull(),
  );
  it('a port is not a scheme', () => expect(normalizeTaskDomain('example.com:8080')).toBe('example.com'));
});

describe('tenant spaces of hosting platforms: the exact host and its www twin only', () => {
  it.each([
    ['alice.tumblr.com', 'mallory.tumblr.com'],
    ['alice.wordpress.com', 'mallory.wordpress.com'],
    ['alice.neocities.org', 'mallory.neocities.org'],
    ['alice.substack.com', 'mallory.substack.com'],
    ['alice.github.io', 'mallory.github.io'], // the public suffix list's private section
    ['alice.blogspot.com', 'mallory.blogspot.com'],
  ])('%s: not %s, not a subdomain; yes the host and www', (task, sibling) => {
    expect(hostReach(normalizeTaskDomain(task)!)).toBe('exact');
    expect(hostMatchesTaskDomain(task, task)).toBe(true);
    expect(hostMatchesTaskDomain(`www.${task}`, task)).toBe(true);
    expect(hostMatchesTaskDomain(sibling, task)).toBe(false);
    expect(hostMatchesTaskDomain(`x.${task}`, task)).toBe(false);
  });

  it('the platform itself as the task host: its own www twin, never a tenant', () => {
    expect(hostMatchesTaskDomain('www.tumblr.com', 'tumblr.com')).toBe(true);
    expect(hostMatchesTaskDomain('mallory.tumblr.com', 'tumblr.com')).toBe(false);
  });

  it('ordinary sites keep their subdomains', () => {
    expect(hostReach('example.com')).toBe('subdomains');
    expect(hostMatchesTaskDomain('login.example.com', 'example.com')).toBe(true);
  });

  it('the shipped list is documented data: lower-case hosts, none already in the public suffix list', () => {
    for (const host of HOSTING_PLATFORMS) {
      expect(host).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(parse(`x.${host}`, { allowPrivateDomains: true }).isPrivate, host).toBe(false);
    }
  });
});
