import type { ReactNode } from 'react';

/** Host names (with a port or path), URLs and e-mail addresses inside a sentence. */
const ADDRESS = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/)?[\p{L}\d][\p{L}\d-]*(?:\.[\p{L}\d-]+)+(?::\d+)?(?:\/\S*[^\s.,;:!?)])?)/gu;
/** Longer than this, an address may break (one line of the popup holds about 40 characters). */
const KEEP_MAX = 36;

/**
 * A sentence with its addresses kept on one line: browsers break
 * `demo-social.test` after the hyphen and `a@b.com` anywhere under
 * `overflow-wrap`, which reads as two words. Only short addresses are
 * kept whole; a long one still wraps rather than overflow the popup.
 */
export function keepWhole(text: string): ReactNode {
  const parts = text.split(ADDRESS);
  if (parts.length === 1) return text;
  return parts.map((part, i) =>
    i % 2 === 1 && part.length <= KEEP_MAX ? (
      <span key={i} className="nowrap">
        {part}
      </span>
    ) : (
      part
    ),
  );
}
