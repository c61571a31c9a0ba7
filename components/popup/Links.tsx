import { useMemo } from 'react';
import type { MessageKey } from '../../lib/i18n';
import { CopyButton } from '../shared/CopyButton';
import { useT } from '../shared/i18n';
import { copyableLinks, reviewLinks, type LinkVerdict } from './links';

const VERDICT_KEYS: Record<Exclude<LinkVerdict, 'ok'>, MessageKey> = {
  duplicate: 'task.linkDuplicate',
  unsafe: 'task.linkUnsafe',
  invalid: 'task.linkInvalid',
};

/** `https://www.x.com/a` → `x.com/a`: the part a worker reads; the full URL is on hover and copied. */
function shortUrl(value: string): string {
  return value.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
}

/**
 * Every link of the task in order, in the page's own flow (no inner scroll
 * box): a long list makes the popup scroll while the footer stays in view.
 */
export function Links({ links }: { links: readonly string[] }) {
  const tr = useT();
  // lib/links is small and dependency-free: the verdicts are computed with the render.
  const reviewed = useMemo(() => reviewLinks(links), [links]);
  const all = copyableLinks(reviewed);

  if (reviewed.length === 0) {
    return (
      <p className="muted small" data-testid="links-empty">
        {tr('task.noLinks')}
      </p>
    );
  }
  const usable = reviewed.filter((l) => l.verdict === 'ok').length;
  return (
    <details className="links" open={reviewed.length <= 5}>
      <summary>
        <span>{tr('task.links', { count: usable })}</span>
      </summary>
      <div className="links-head">
        <CopyButton value={all} testId="copy-all-links" label={tr('task.links', { count: usable })} text={tr('task.copyAll')} />
      </div>
      <ol className="link-list" data-testid="link-list">
        {reviewed.map((link, i) => (
          <li key={`${i}:${link.value}`} className={`link link-${link.verdict}`} data-testid="link-item" data-verdict={link.verdict}>
            {link.platform && <span className="link-platform">{link.platform}</span>}
            <span className="link-url mono" title={link.value}>
              {shortUrl(link.value)}
            </span>
            {link.verdict === 'ok' ? (
              <CopyButton value={link.url ?? link.value} testId="copy-link" label={link.value} className="btn btn-small btn-icon" text={tr('common.copy')} />
            ) : (
              <span className="link-flag">{tr(VERDICT_KEYS[link.verdict] as 'task.linkUnsafe')}</span>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
