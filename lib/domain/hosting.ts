/**
 * Hosting platforms whose subdomains belong to different people (tenant
 * spaces) but which the public suffix list's private section does not list
 * (checked against tldts 7.6 on 2026-12-02; entries the list does carry —
 * github.io, blogspot.com, wixsite.com, netlify.app, … — come from it).
 *
 * On such a host a task's data goes to the exact host and its `www.` twin
 * only (DESIGN "Security rules"): `mallory.tumblr.com` is not `alice.tumblr.com`.
 * Kept small and dependency-free; add a platform when workers meet one.
 */
export const HOSTING_PLATFORMS: readonly string[] = [
  // blogs and newsletters
  'tumblr.com', 'wordpress.com', 'wpcomstaging.com', 'medium.com', 'substack.com', 'ghost.io', 'livejournal.com',
  'dreamwidth.org', 'typepad.com', 'over-blog.com', 'tistory.com', 'hashnode.dev', 'micro.blog', 'write.as',
  'svbtle.com', 'mataroa.blog', 'beehiiv.com', 'seesaa.net', 'jugem.jp', 'exblog.jp', 'fc2.com',
  // site builders and free hosts
  'weebly.com', 'neocities.org', '000webhostapp.com', 'glitch.me', 'jimdosite.com', 'jimdofree.com',
  'mystrikingly.com', 'strikingly.com', 'squarespace.com', 'godaddysites.com', 'business.site', 'site123.me',
  'webnode.page', 'webnode.com', 'tilda.ws', 'tripod.com', 'angelfire.com', 'ucoz.net', 'ucoz.ru', 'narod.ru',
  // creative and community profiles on subdomains
  'deviantart.com', 'itch.io', 'bandcamp.com',
];

/** The hosting platform a host belongs to (itself or a subdomain of it), or null. */
export function hostingPlatformOf(host: string): string | null {
  for (const p of HOSTING_PLATFORMS) if (host === p || host.endsWith(`.${p}`)) return p;
  return null;
}
