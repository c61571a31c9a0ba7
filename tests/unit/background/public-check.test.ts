/**
 * DESIGN journey step 6, the public profile check, as the background reads it
 * (lib/background/journey `checkPublicProfile`): the page's links and text;
 * for an app shell (a page its scripts draw), the same URL's data by HTTP
 * content negotiation — on the task's host only.
 */
import { describe, expect, it } from 'vitest';
import { checkPublicProfile } from '../../../lib/background/journey';
import { isAppShell } from '../../../lib/journey';

const LINKS = ['https://twitter.com/lumenbakery', 'https://github.com/lumenbakery', 'https://lumen-bakery.example/'];
const SHELL = '<!doctype html><html><head><title>Forum</title><script src="/app.js"></script></head><body><noscript>This site needs JavaScript enabled.</noscript><section id="main"></section></body></html>';
const onHost = (u: string) => new URL(u).hostname === 'forum.test';

function fakeFetch(answers: { html: string; json?: unknown; jsonType?: string; jsonUrl?: string }) {
  const calls: { url: string; accept?: string }[] = [];
  const doFetch = (async (input: string, init?: RequestInit) => {
    const accept = (init?.headers as Record<string, string> | undefined)?.Accept;
    calls.push({ url: input, accept });
    if (accept === 'application/json') {
      const body = typeof answers.json === 'string' ? answers.json : JSON.stringify(answers.json ?? null);
      const res = new Response(body, { status: 200, headers: { 'content-type': answers.jsonType ?? 'application/json; charset=utf-8' } });
      Object.defineProperty(res, 'url', { value: answers.jsonUrl ?? input });
      return res;
    }
    const res = new Response(answers.html, { status: 200, headers: { 'content-type': 'text/html' } });
    Object.defineProperty(res, 'url', { value: input });
    return res;
  }) as unknown as typeof fetch;
  return { doFetch, calls };
}

const USER = { user: { username: 'lumenbakery', website: 'https://lumen-bakery.example/', bio_cooked: '<p>Code: <a href="https://github.com/lumenbakery">github</a></p>', user_fields: { '1': 'https://twitter.com/lumenbakery' } } };

describe('the public profile check', () => {
  it('an app shell: the links are counted from the same URL’s data (content negotiation)', async () => {
    const { doFetch, calls } = fakeFetch({ html: SHELL, json: USER });
    const r = await checkPublicProfile('http://forum.test/u/lumenbakery', LINKS, onHost, doFetch);
    expect(r).toMatchObject({ type: 'public_checked', visible: LINKS, missing: [] });
    expect(calls.map((c) => c.accept ?? 'html')).toEqual(['html', 'application/json']);
  });

  it('a server-rendered page is read as it is: no second request, missing links named', async () => {
    const { doFetch, calls } = fakeFetch({ html: `<body><h1>lumenbakery</h1><p>${'A baker’s profile. '.repeat(20)}</p><a href="https://twitter.com/lumenbakery">X</a></body>`, json: USER });
    const r = await checkPublicProfile('http://forum.test/u/lumenbakery', LINKS, onHost, doFetch);
    expect(r).toMatchObject({ visible: ['https://twitter.com/lumenbakery'], missing: LINKS.slice(1) });
    expect(calls).toHaveLength(1);
  });

  it('data that redirects off the task’s host, is not JSON, or does not parse is not used', async () => {
    for (const answers of [
      { html: SHELL, json: USER, jsonUrl: 'http://evil.test/u/lumenbakery' },
      { html: SHELL, json: USER, jsonType: 'text/html' },
      { html: SHELL, json: '{"user": not json' },
    ]) {
      const r = await checkPublicProfile('http://forum.test/u/lumenbakery', LINKS, onHost, fakeFetch(answers).doFetch);
      expect(r).toMatchObject({ type: 'public_checked', visible: [], missing: LINKS });
    }
  });

  it('what an app shell is: scripts and next to no text', () => {
    expect(isAppShell(SHELL)).toBe(true);
    expect(isAppShell('<body><div id="root"></div></body>')).toBe(false);
    expect(isAppShell(`<script src="/a.js"></script><body><article>${'Text a reader reads. '.repeat(20)}</article></body>`)).toBe(false);
  });
});
