import { sameUrl } from '../../journey';
import type { Field } from './fields';

/**
 * Fill policy, "bio": a bio box is named as one by its words; on the page the
 * journey already knows as the account's profile editor there is a second,
 * structural signal. There, when the page's only free-text box is a single
 * textarea, that box holds the profile's own text (a wiki user page's source,
 * an unlabelled "about" box) and is the bio. Anywhere else an unnamed
 * textarea is never touched. "The editor" is the journey's own notion of the
 * same page (`sameUrl`), so the engine and the journey agree on it.
 */
export function editorPageBio(fields: readonly Field[], doc: Document, editorUrl: string | undefined): Field | null {
  if (!editorUrl || !sameUrl(editorUrl, doc.location.href)) return null;
  const boxes = fields.filter((f) => f.kind === 'textarea' && f.doc === doc);
  if (boxes.length !== 1) return null;
  const box = boxes[0]!;
  const el = box.el as HTMLTextAreaElement;
  return el.readOnly || el.disabled ? null : box;
}
