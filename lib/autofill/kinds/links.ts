/**
 * The LinkAllocator: which of the task's links are placed, already on the page, or too long,
 * for one fill pass of a profile (fill policy 3–4: "the remaining entity links in order, each
 * once"; 6: "what does not fit is shown to the worker"). Replaces fillProfile's link sets.
 */
import { linkKey, type ClassifiedLink } from '../../links';

export type LinkReport = { value: string; reason: 'no_field' | 'too_long' | 'already_present' };

export class LinkAllocator {
  private readonly placed = new Set<ClassifiedLink>();
  private readonly long = new Set<ClassifiedLink>();
  private readonly onPage = new Set<ClassifiedLink>();
  private readonly keys: Map<ClassifiedLink, string>;

  constructor(readonly links: ClassifiedLink[]) {
    this.keys = new Map(links.map((l) => [l, linkKey(l.url)]));
  }

  /**
   * Whether a field's text already holds this link. Fill policy "each link once": it counts in any
   * markup the box may hold (plain text, HTML href="…", Markdown (…), wikitext [… text], BBCode [url=…]).
   */
  has(value: string, l: ClassifiedLink): boolean {
    if (!value) return false;
    const k = this.keys.get(l);
    return value
      .split(/[\s,<>"'()[\]{}|]+/)
      .map((tok) => tok.replace(/^\w+=/, '').replace(/[.;:!?]+$/, ''))
      .filter(Boolean)
      .some((tok) => {
        const c = /^https?:\/\//i.test(tok) || tok.includes('.') ? linkKey(/^https?:/i.test(tok) ? tok : `https://${tok}`) : '';
        return c === k;
      });
  }

  /** Written by us in this pass. */
  place(l: ClassifiedLink): void {
    this.placed.add(l);
    this.long.delete(l);
  }

  /** Already on the page (the site's or an earlier visit's): counted as placed, reported as present. */
  found(l: ClassifiedLink): void {
    this.placed.add(l);
    this.onPage.add(l);
  }

  tooLong(l: ClassifiedLink): void {
    this.long.add(l);
  }

  isPlaced(l: ClassifiedLink): boolean {
    return this.placed.has(l);
  }

  /** The links not placed yet, in task order. */
  remaining(): ClassifiedLink[] {
    return this.links.filter((l) => !this.placed.has(l));
  }

  /** What the worker is told about the links not placed. */
  report(): LinkReport[] {
    const out: LinkReport[] = [];
    for (const l of this.links) {
      if (this.onPage.has(l)) out.push({ value: l.url, reason: 'already_present' });
      else if (!this.placed.has(l)) out.push({ value: l.url, reason: this.long.has(l) ? 'too_long' : 'no_field' });
    }
    return out;
  }
}
