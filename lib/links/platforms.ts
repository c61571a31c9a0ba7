/**
 * Social / profile platforms: which hosts belong to them, which words name
 * them in a form field, and how to read the handle from a profile URL.
 *
 * Keywords are written accent-free and lower-case (the detector normalises
 * field text the same way). Words of 4 letters or fewer, and words that are
 * also ordinary words ("medium", "threads"), only match a whole token; the
 * others also match inside a longer identifier ("twitterHandle").
 */

export type PlatformId =
  | 'twitter'
  | 'facebook'
  | 'linkedin'
  | 'youtube'
  | 'instagram'
  | 'pinterest'
  | 'tiktok'
  | 'github'
  | 'gitlab'
  | 'tumblr'
  | 'reddit'
  | 'medium'
  | 'soundcloud'
  | 'vimeo'
  | 'behance'
  | 'dribbble'
  | 'flickr'
  | 'quora'
  | 'telegram'
  | 'discord'
  | 'threads'
  | 'bluesky'
  | 'mastodon'
  | 'twitch'
  | 'spotify'
  | 'whatsapp'
  | 'substack'
  | 'wikipedia'
  | 'myspace'
  | 'snapchat'
  | 'patreon'
  | 'vk'
  | 'zalo'
  | 'xing'
  | 'stackoverflow'
  | 'devto'
  | 'linktree'
  | 'kofi'
  | 'goodreads'
  | 'producthunt';

export interface Platform {
  id: PlatformId;
  /** Display name, also what a "network" label input or picker gets. */
  name: string;
  /** Registrable hosts; subdomains match too. */
  hosts: string[];
  /** Field words (substring match inside identifiers when ≥ 5 letters). */
  keywords: string[];
  /** Field words matched as whole tokens only. */
  tokens: string[];
  /** Handle from a parsed profile URL of this platform (no leading @), or null. */
  handle(url: URL): string | null;
}

const RESERVED_FIRST_SEGMENTS = new Set([
  'home', 'share', 'sharer', 'sharer.php', 'intent', 'i', 'search', 'hashtag', 'explore', 'login', 'signup',
  'settings', 'watch', 'pages', 'groups', 'events', 'p', 'reel', 'reels', 'tv', 'stories', 'in', 'company',
  'school', 'feed', 'messages', 'notifications', 'about', 'help', 'policy', 'privacy', 'terms', 'tag', 'tags',
]);

function segments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

const HANDLE_RE = /^@?[\p{L}\p{N}._-]{1,100}$/u;

function clean(h: string | undefined | null): string | null {
  if (!h) return null;
  const v = h.replace(/^@/, '');
  return HANDLE_RE.test(h) && v ? v : null;
}

/** First path segment, unless it is a site section rather than a profile. */
function firstSegment(url: URL): string | null {
  const s = segments(url)[0];
  if (!s || RESERVED_FIRST_SEGMENTS.has(s.toLowerCase())) return null;
  return clean(s);
}

/** "/@name" or the first segment. */
function atOrFirst(url: URL): string | null {
  const s = segments(url)[0];
  if (s?.startsWith('@')) return clean(s);
  return firstSegment(url);
}

/** The segment after one of the given markers ("/in/<h>", "/user/<h>"). */
function after(url: URL, markers: string[]): string | null {
  const seg = segments(url);
  for (let i = 0; i < seg.length - 1; i++) {
    if (markers.includes(seg[i]!.toLowerCase())) return clean(seg[i + 1]);
  }
  return null;
}

/** "<handle>.host.tld" blog-style subdomains. */
function subdomainOf(url: URL, base: string): string | null {
  const host = url.hostname.toLowerCase();
  if (!host.endsWith(`.${base}`)) return null;
  const sub = host.slice(0, -base.length - 1);
  if (!sub || sub.includes('.') || sub === 'www' || sub === 'm') return null;
  return clean(sub);
}

export const PLATFORMS: readonly Platform[] = [
  {
    id: 'twitter', name: 'X (Twitter)', hosts: ['twitter.com', 'x.com', 'mobile.twitter.com'],
    keywords: ['twitter', 'tweet'], tokens: ['x', 'xcom', 'tw'],
    handle: firstSegment,
  },
  {
    id: 'facebook', name: 'Facebook', hosts: ['facebook.com', 'fb.com', 'fb.me'],
    keywords: ['facebook'], tokens: ['fb'],
    handle: (u) => {
      if (/^\/profile\.php$/i.test(u.pathname)) return clean(u.searchParams.get('id'));
      return after(u, ['people']) ? segments(u)[2] ?? null : firstSegment(u);
    },
  },
  {
    id: 'linkedin', name: 'LinkedIn', hosts: ['linkedin.com', 'lnkd.in'],
    keywords: ['linkedin'], tokens: [],
    handle: (u) => after(u, ['in', 'company', 'school', 'pub']),
  },
  {
    id: 'youtube', name: 'YouTube', hosts: ['youtube.com', 'youtu.be'],
    keywords: ['youtube'], tokens: ['yt'],
    handle: (u) => {
      const s = segments(u)[0];
      if (s?.startsWith('@')) return clean(s);
      return after(u, ['channel', 'c', 'user']);
    },
  },
  {
    id: 'instagram', name: 'Instagram', hosts: ['instagram.com', 'instagr.am'],
    keywords: ['instagram'], tokens: ['ig', 'insta'],
    handle: firstSegment,
  },
  { id: 'pinterest', name: 'Pinterest', hosts: ['pinterest.com', 'pin.it'], keywords: ['pinterest'], tokens: [], handle: firstSegment },
  { id: 'tiktok', name: 'TikTok', hosts: ['tiktok.com'], keywords: ['tiktok', 'tik tok'], tokens: [], handle: atOrFirst },
  { id: 'github', name: 'GitHub', hosts: ['github.com'], keywords: ['github'], tokens: [], handle: firstSegment },
  { id: 'gitlab', name: 'GitLab', hosts: ['gitlab.com'], keywords: ['gitlab'], tokens: [], handle: firstSegment },
  {
    id: 'tumblr', name: 'Tumblr', hosts: ['tumblr.com'], keywords: ['tumblr'], tokens: [],
    handle: (u) => subdomainOf(u, 'tumblr.com') ?? after(u, ['blog']) ?? firstSegment(u),
  },
  {
    id: 'reddit', name: 'Reddit', hosts: ['reddit.com', 'redd.it'], keywords: ['reddit'], tokens: [],
    handle: (u) => after(u, ['user', 'u']),
  },
  {
    id: 'medium', name: 'Medium', hosts: ['medium.com'], keywords: [], tokens: ['medium'],
    handle: (u) => subdomainOf(u, 'medium.com') ?? atOrFirst(u),
  },
  { id: 'soundcloud', name: 'SoundCloud', hosts: ['soundcloud.com'], keywords: ['soundcloud', 'sound cloud'], tokens: [], handle: firstSegment },
  { id: 'vimeo', name: 'Vimeo', hosts: ['vimeo.com'], keywords: ['vimeo'], tokens: [], handle: firstSegment },
  { id: 'behance', name: 'Behance', hosts: ['behance.net'], keywords: ['behance'], tokens: [], handle: firstSegment },
  { id: 'dribbble', name: 'Dribbble', hosts: ['dribbble.com'], keywords: ['dribbble', 'dribble'], tokens: [], handle: firstSegment },
  {
    id: 'flickr', name: 'Flickr', hosts: ['flickr.com'], keywords: ['flickr'], tokens: [],
    handle: (u) => after(u, ['photos', 'people']),
  },
  { id: 'quora', name: 'Quora', hosts: ['quora.com'], keywords: ['quora'], tokens: [], handle: (u) => after(u, ['profile']) },
  {
    id: 'telegram', name: 'Telegram', hosts: ['t.me', 'telegram.me', 'telegram.org'],
    keywords: ['telegram'], tokens: ['tg'],
    handle: firstSegment,
  },
  {
    id: 'discord', name: 'Discord', hosts: ['discord.com', 'discord.gg', 'discordapp.com'],
    keywords: ['discord'], tokens: [],
    // Only a user id is a handle; an invite link is a URL only.
    handle: (u) => after(u, ['users']),
  },
  { id: 'threads', name: 'Threads', hosts: ['threads.net', 'threads.com'], keywords: [], tokens: ['threads'], handle: atOrFirst },
  {
    id: 'bluesky', name: 'Bluesky', hosts: ['bsky.app'], keywords: ['bluesky', 'bsky'], tokens: [],
    handle: (u) => after(u, ['profile']),
  },
  {
    // Any instance; recognised by "/@user" when the host is no other platform.
    id: 'mastodon', name: 'Mastodon', hosts: ['mastodon.social', 'mastodon.online', 'mstdn.social', 'fosstodon.org'],
    keywords: ['mastodon', 'fediverse', 'fedi'], tokens: [],
    handle: (u) => {
      const s = segments(u)[0];
      const h = s?.startsWith('@') ? clean(s) : null;
      return h ? `${h}@${u.hostname}` : null;
    },
  },
  { id: 'twitch', name: 'Twitch', hosts: ['twitch.tv'], keywords: ['twitch'], tokens: [], handle: firstSegment },
  {
    id: 'spotify', name: 'Spotify', hosts: ['spotify.com'], keywords: ['spotify'], tokens: [],
    handle: (u) => after(u, ['user', 'artist', 'show']),
  },
  {
    id: 'whatsapp', name: 'WhatsApp', hosts: ['wa.me', 'whatsapp.com'], keywords: ['whatsapp', 'whats app'], tokens: [],
    handle: (u) => (u.hostname === 'wa.me' ? firstSegment(u) : null),
  },
  {
    id: 'substack', name: 'Substack', hosts: ['substack.com'], keywords: ['substack'], tokens: [],
    handle: (u) => subdomainOf(u, 'substack.com') ?? atOrFirst(u),
  },
  { id: 'wikipedia', name: 'Wikipedia', hosts: ['wikipedia.org'], keywords: ['wikipedia'], tokens: ['wiki'], handle: (u) => after(u, ['wiki']) },
  { id: 'myspace', name: 'Myspace', hosts: ['myspace.com'], keywords: ['myspace'], tokens: [], handle: firstSegment },
  { id: 'snapchat', name: 'Snapchat', hosts: ['snapchat.com'], keywords: ['snapchat'], tokens: [], handle: (u) => after(u, ['add']) ?? atOrFirst(u) },
  { id: 'patreon', name: 'Patreon', hosts: ['patreon.com'], keywords: ['patreon'], tokens: [], handle: firstSegment },
  { id: 'vk', name: 'VK', hosts: ['vk.com', 'vk.ru'], keywords: ['vkontakte', 'вконтакте'], tokens: ['vk'], handle: firstSegment },
  { id: 'zalo', name: 'Zalo', hosts: ['zalo.me'], keywords: ['zalo'], tokens: [], handle: firstSegment },
  { id: 'xing', name: 'XING', hosts: ['xing.com'], keywords: [], tokens: ['xing'], handle: (u) => after(u, ['profile']) },
  {
    id: 'stackoverflow', name: 'Stack Overflow', hosts: ['stackoverflow.com'], keywords: ['stackoverflow', 'stack overflow'], tokens: [],
    handle: (u) => after(u, ['users']),
  },
  { id: 'devto', name: 'DEV', hosts: ['dev.to'], keywords: ['devto'], tokens: [], handle: firstSegment },
  { id: 'linktree', name: 'Linktree', hosts: ['linktr.ee'], keywords: ['linktree', 'linktr'], tokens: [], handle: firstSegment },
  { id: 'kofi', name: 'Ko-fi', hosts: ['ko-fi.com'], keywords: ['kofi'], tokens: [], handle: firstSegment },
  { id: 'goodreads', name: 'Goodreads', hosts: ['goodreads.com'], keywords: ['goodreads'], tokens: [], handle: (u) => after(u, ['show', 'author']) },
  { id: 'producthunt', name: 'Product Hunt', hosts: ['producthunt.com'], keywords: ['producthunt', 'product hunt'], tokens: [], handle: atOrFirst },
];

const BY_ID = new Map(PLATFORMS.map((p) => [p.id, p]));

export function getPlatform(id: PlatformId): Platform {
  return BY_ID.get(id)!;
}

/** The platform whose hosts contain this ASCII hostname (label boundary). */
export function platformForHost(hostname: string): Platform | null {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  for (const p of PLATFORMS) {
    for (const base of p.hosts) {
      if (h === base || h.endsWith(`.${base}`)) return p;
    }
  }
  return null;
}
