import { linkKey } from '../links';

/** What a public profile page shows: its links (absolute) and its visible text. */
export interface PageContent {
  hrefs: string[];
  text: string;
}

/**
 * Which task links a public profile shows, as links or as text (DESIGN step
 * 6). Compared on the normalised link (lib/links `linkKey`: no scheme, no
 * www, no trailing slash, case-insensitive), so `https://x.com/Jane/` on the
 * page counts for `https://www.x.com/jane`.
 */
export function linksVisible(content: PageContent, taskLinks: readonly string[]): { visible: string[]; missing: string[] } {
  const hrefKeys = new Set(content.hrefs.map(linkKey));
  const text = content.text.toLowerCase();
  const visible: string[] = [];
  const missing: string[] = [];
  for (const link of taskLinks) {
    const key = linkKey(link);
    if (hrefKeys.has(key) || (key.length > 4 && text.includes(key))) visible.push(link);
    else missing.push(link);
  }
  return { visible, missing };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });

/**
 * The same from raw HTML, where there is no DOM (the background's fetch of
 * the public profile): hrefs resolved against the page's URL, text without
 * tags, scripts and styles. Bounded: a huge page is read in its first 2 MB.
 */
export function contentFromHtml(html: string, pageUrl: string): PageContent {
  const src = html.slice(0, 2_000_000);
  const hrefs: string[] = [];
  for (const m of src.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const raw = decode(m[1] ?? m[2] ?? m[3] ?? '').trim();
    try {
      const u = new URL(raw, pageUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') hrefs.push(u.toString());
    } catch {
      // not a URL
    }
  }
  const text = decode(withoutTags(src)).replace(/\s+/g, ' ');
  return { hrefs, text };
}

/** HTML's words: scripts, styles, `<noscript>` and templates dropped, then every tag. */
function withoutTags(html: string): string {
  return html.replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]+>/g, ' ');
}

/** The same from a live document (a content script on the public profile itself). */
export function contentFromDocument(doc: Document, limit = 5_000): PageContent {
  const hrefs: string[] = [];
  const anchors = doc.querySelectorAll('a[href]');
  for (let i = 0; i < anchors.length && i < limit; i++) hrefs.push((anchors[i] as HTMLAnchorElement).href);
  return { hrefs, text: (doc.body?.innerText ?? doc.body?.textContent ?? '').slice(0, 1_000_000) };
}

/**
 * The same from a page's data (JSON): every string in it is text; strings holding HTML
 * (a cooked bio) give their links too. Bounded like the HTML reader.
 */
export function contentFromJson(data: unknown, pageUrl: string): PageContent {
  const texts: string[] = [];
  const hrefs: string[] = [];
  let budget = 20_000;
  const walk = (v: unknown, depth: number) => {
    if (budget-- <= 0 || depth > 12) return;
    if (typeof v === 'string') {
      const s = v.slice(0, 100_000);
      if (/<a\b/i.test(s)) hrefs.push(...contentFromHtml(s, pageUrl).hrefs);
      texts.push(s);
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(data, 0);
  return { hrefs, text: texts.join(' ').slice(0, 1_000_000) };
}

/**
 * An app shell: the server sends a page whose content its scripts draw (Discourse, most
 * single-page apps): scripts, and next to no text once scripts, styles and `<noscript>` are gone.
 */
export function isAppShell(html: string): boolean {
  if (!/<script\b/i.test(html)) return false;
  const body = html.slice(0, 2_000_000).replace(/^[\s\S]*?<body\b[^>]*>/i, '');
  return withoutTags(body).replace(/\s+/g, ' ').trim().length < 200;
}
