/**
 * Shapes of the platform registry. Plain data: a recipe is regexes, selectors
 * and URL templates, so the registry stays small in the content script.
 */

/**
 * One fingerprint. Kinds: g = a `<meta name=generator>` content, s = a CSS
 * selector present, r = a same-origin script/style path, l = a same-origin
 * link path, p = the page's own path, c = a readable cookie name. The number
 * is the weight (how sure the mark alone makes us), default per kind.
 */
export type Mark = [kind: 'g' | 'r' | 'l' | 'p' | 'c', test: RegExp, weight?: number] | [kind: 's', selector: string, weight?: number];

/**
 * Where the signed-in user shows on a page. `sel` is a CSS selector, or
 * `ls:<key>` (the page's localStorage item), or `loc:` (the page's path), or
 * `api:<path>` (a same-origin JSON "who am I" endpoint, the path relative to
 * the page's base URL, read with the page's session; `attr` is then unused).
 * Storage and API probes run only where the platform's own selectors are.
 * `attr` is an attribute, `text` (textContent) or `href` (the resolved
 * same-origin path). The regex's named groups — name, id, slug, base, edit,
 * pub — become the user part; without named groups group 1 (or the whole
 * value) is the name.
 */
export type Probe = [sel: string, attr: string, re?: RegExp];

/** How to open the tab/accordion holding the link fields on the editor page. */
export interface EditorPart {
  /** Elements to click (first one whose text matches `text`, when given). */
  click: string;
  text?: RegExp;
}

export interface PlatformRecipe {
  id: string;
  name: string;
  /** A plugin of another platform (BuddyPress on WordPress): recognised only with its own marks. */
  parent?: string;
  marks: Mark[];
  /** On same-origin link/resource paths: `(?<base>…)` = the path the application lives under. */
  base?: RegExp;
  user?: Probe[];
  /** Selector present only for a signed-in visitor (logout link, user menu). */
  in?: string;
  /** Login page, relative to the base ('' = the home page holds the login form or dialog). */
  login: string | null;
  /**
   * URL templates relative to the base (a leading '/' = from the origin), tried
   * in order; placeholders {name} {id} {slug}. The first whose placeholders are
   * all known wins. A template without placeholders may be the platform's own
   * redirect to the signed-in user's page.
   */
  editor: string[];
  part?: EditorPart;
  pub: string[];
}

export interface UserPart {
  name?: string;
  id?: string;
  slug?: string;
  /** Path prefix of the application, ends with '/'. */
  base?: string;
  /** Editor / public profile path the page itself links to. */
  edit?: string;
  pub?: string;
}

export interface PageLink {
  href: string;
  text: string;
  title?: string;
  ariaLabel?: string;
}

export interface PageSignals {
  url: string;
  origin: string;
  /** pathname + search + hash of the page. */
  path: string;
  generators: string[];
  /** Registry selectors present on the page. */
  selectors: string[];
  /** Same-origin script/style paths (capped). */
  resources: string[];
  /** Same-origin links, absolute href (capped). */
  links: PageLink[];
  cookies: string[];
  /** User parts read for the recipes the page plausibly is. */
  users: Record<string, UserPart>;
}
