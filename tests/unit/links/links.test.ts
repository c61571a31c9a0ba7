import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyLink, linkSiteName, prepareLinks, type ClassifiedLink } from '../../../lib/links';

const ok = (u: string) => {
  const c = classifyLink(u);
  if (!c.ok) throw new Error(`expected ok for ${u}, got ${c.reason}`);
  return c;
};

describe('classifyLink', () => {
  it('recognises platforms and extracts handles', () => {
    const cases: [string, string, string | null][] = [
      ['https://twitter.com/jane_doe', 'twitter', 'jane_doe'],
      ['https://x.com/JaneDoe?lang=en', 'twitter', 'JaneDoe'],
      ['https://www.facebook.com/jane.doe.77', 'facebook', 'jane.doe.77'],
      ['https://www.facebook.com/profile.php?id=100012345', 'facebook', '100012345'],
      ['https://www.linkedin.com/in/jane-doe-123/', 'linkedin', 'jane-doe-123'],
      ['https://www.linkedin.com/company/acme', 'linkedin', 'acme'],
      ['https://www.youtube.com/@JaneMakes', 'youtube', 'JaneMakes'],
      ['https://www.youtube.com/channel/UC123abc', 'youtube', 'UC123abc'],
      ['https://instagram.com/jane.doe/', 'instagram', 'jane.doe'],
      ['https://www.pinterest.com/janedoe/', 'pinterest', 'janedoe'],
      ['https://www.tiktok.com/@janedoe', 'tiktok', 'janedoe'],
      ['https://github.com/janedoe', 'github', 'janedoe'],
      ['https://gitlab.com/janedoe', 'gitlab', 'janedoe'],
      ['https://janedoe.tumblr.com/', 'tumblr', 'janedoe'],
      ['https://www.reddit.com/user/janedoe', 'reddit', 'janedoe'],
      ['https://medium.com/@janedoe', 'medium', 'janedoe'],
      ['https://soundcloud.com/janedoe', 'soundcloud', 'janedoe'],
      ['https://vimeo.com/janedoe', 'vimeo', 'janedoe'],
      ['https://www.behance.net/janedoe', 'behance', 'janedoe'],
      ['https://dribbble.com/janedoe', 'dribbble', 'janedoe'],
      ['https://www.flickr.com/photos/janedoe/', 'flickr', 'janedoe'],
      ['https://www.quora.com/profile/Jane-Doe', 'quora', 'Jane-Doe'],
      ['https://t.me/janedoe', 'telegram', 'janedoe'],
      ['https://discord.com/users/80351110224678912', 'discord', '80351110224678912'],
      ['https://discord.gg/abc123', 'discord', null],
      ['https://www.threads.net/@janedoe', 'threads', 'janedoe'],
      ['https://bsky.app/profile/janedoe.bsky.social', 'bluesky', 'janedoe.bsky.social'],
      ['https://mastodon.social/@jane', 'mastodon', 'jane@mastodon.social'],
      ['https://fediverse.example.org/@jane', 'mastodon', 'jane@fediverse.example.org'],
      ['https://www.twitch.tv/janedoe', 'twitch', 'janedoe'],
      ['https://open.spotify.com/artist/4Z8W4fKeB5YxbusRsdQVPb', 'spotify', '4Z8W4fKeB5YxbusRsdQVPb'],
      ['https://wa.me/84901234567', 'whatsapp', '84901234567'],
      ['https://janedoe.substack.com', 'substack', 'janedoe'],
    ];
    for (const [url, platform, handle] of cases) {
      const c = ok(url);
      expect(c.platform, url).toBe(platform);
      expect(c.handle, url).toBe(handle);
    }
  });

  it('does not take a site section for a handle', () => {
    expect(ok('https://twitter.com/intent/tweet?text=x').handle).toBeNull();
    expect(ok('https://www.facebook.com/sharer/sharer.php?u=x').handle).toBeNull();
    expect(ok('https://www.youtube.com/watch?v=abc').handle).toBeNull();
  });

  it('leaves unknown sites without platform', () => {
    const c = ok('https://blog.example.org/about');
    expect(c.platform).toBeNull();
    expect(c.handle).toBeNull();
    // a look-alike host is not the platform
    expect(ok('https://twitter.com.evil.test/jane').platform).toBeNull();
    expect(ok('https://nottwitter.com/jane').platform).toBeNull();
  });

  it('refuses every non-http(s) scheme, including obfuscated ones', () => {
    for (const bad of [
      'javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
      '\u0001javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'file:///etc/passwd', 'ftp://example.com/x',
      'mailto:a@example.com', 'chrome://settings', 'blob:https://example.com/x',
    ]) {
      const c = classifyLink(bad);
      expect(c.ok, JSON.stringify(bad)).toBe(false);
      if (!c.ok) expect(c.reason, JSON.stringify(bad)).toBe('unsafe_scheme');
    }
  });

  it('reports empty and invalid values', () => {
    expect(classifyLink('')).toEqual({ ok: false, reason: 'empty' });
    expect(classifyLink('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(classifyLink('not a url')).toEqual({ ok: false, reason: 'invalid' });
    expect(classifyLink('https://')).toEqual({ ok: false, reason: 'invalid' });
    expect(classifyLink('https://localhostonly')).toEqual({ ok: false, reason: 'invalid' });
    expect(classifyLink('https://user:pw@example.com/')).toEqual({ ok: false, reason: 'invalid' });
    expect(classifyLink('http:/example.com')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('normalises scheme-less links and hosts', () => {
    expect(ok('www.Example.com/Path').url).toBe('https://www.example.com/Path');
    expect(ok('twitter.com/jane').url).toBe('https://twitter.com/jane');
    expect(ok('example.com:8080/x').url).toBe('https://example.com:8080/x');
    expect(ok('HTTPS://EXAMPLE.com').url).toBe('https://example.com');
    expect(ok('https://example.com/').url).toBe('https://example.com/');
    expect(ok('http://bücher.de/x').url).toBe('http://xn--bcher-kva.de/x');
  });
});

describe('prepareLinks', () => {
  it('keeps order, removes duplicates and reports rejects', () => {
    const r = prepareLinks([
      'https://twitter.com/jane',
      'javascript:alert(1)',
      'https://www.example.org/about',
      'http://twitter.com/jane/',
      '',
      'https://example.org/about',
      'https://github.com/jane',
    ]);
    expect(r.links.map((l) => l.url)).toEqual(['https://twitter.com/jane', 'https://www.example.org/about', 'https://github.com/jane']);
    expect(r.rejected).toEqual([
      { value: 'javascript:alert(1)', reason: 'unsafe_scheme' },
      { value: 'http://twitter.com/jane/', reason: 'duplicate' },
      { value: '', reason: 'empty' },
      { value: 'https://example.org/about', reason: 'duplicate' },
    ]);
  });

  it('tolerates non-string entries', () => {
    const r = prepareLinks([null, 42, 'https://a.example.com'] as unknown[]);
    expect(r.links).toHaveLength(1);
    expect(r.rejected).toHaveLength(2);
  });
});

describe('linkSiteName', () => {
  it('names platforms and other sites', () => {
    expect(linkSiteName(ok('https://github.com/jane'))).toBe('GitHub');
    expect(linkSiteName(ok('https://blog.example.co.uk/jane'))).toBe('Example');
    expect(linkSiteName(ok('https://www.about.me/jane'))).toBe('About');
    expect(linkSiteName(ok('https://janedoe.com.vn/'))).toBe('Janedoe');
    expect(linkSiteName(ok('https://shop.janedoe.de/'))).toBe('Janedoe');
  });
});

describe('properties', () => {
  const isHttp = (c: ClassifiedLink) => /^https?:\/\//.test(c.url) && ['http:', 'https:'].includes(new URL(c.url).protocol);

  it('classifyLink never throws and never returns a non-http(s) URL as ok', () => {
    const schemes = fc.constantFrom('', 'http://', 'https://', 'javascript:', 'JAVASCRIPT:', 'data:', 'java\tscript:', ' vbscript:', 'file://', '//', 'ftp://');
    const arb = fc.oneof(fc.string(), fc.webUrl(), fc.tuple(schemes, fc.string()).map(([a, b]) => a + b), fc.tuple(schemes, fc.webUrl()).map(([a, b]) => a + b));
    fc.assert(
      fc.property(arb, (s) => {
        const c = classifyLink(s);
        if (c.ok) {
          expect(isHttp(c)).toBe(true);
          expect(c.url.toLowerCase().includes('javascript:') && !/^https?:\/\//.test(c.url)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('prepareLinks never throws, only returns http(s) links, and never duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.webUrl(), fc.constant('javascript:alert(1)'))), (arr) => {
        const r = prepareLinks(arr);
        expect(r.links.length + r.rejected.length).toBe(arr.length);
        for (const l of r.links) expect(isHttp(l)).toBe(true);
        expect(new Set(r.links.map((l) => l.url)).size).toBe(r.links.length);
      }),
      { numRuns: 500 },
    );
  });

  it('every fc.webUrl is accepted', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (u) => {
        const c = classifyLink(u);
        // web URLs with a dotted host are fillable
        if (new URL(u).hostname.includes('.')) expect(c.ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
