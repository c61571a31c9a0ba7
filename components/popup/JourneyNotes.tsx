import { useT } from '../shared/i18n';
import type { JourneyView, PublicCheckView } from './journey';

/** Steps the extension could not do and fields the site changed on save: said plainly, never blocking the report. */
export function JourneyProblems({ journey }: { journey: JourneyView }) {
  const tr = useT();
  return (
    <>
      {journey.problems.length > 0 && (
        <ul className="plain-list journey-problems small" data-testid="journey-problems">
          {journey.problems.map((p) => (
            <li key={p}>{tr(`journey.problem.${p}` as 'journey.problem.no_editor')}</li>
          ))}
        </ul>
      )}
      {journey.changed.length > 0 && (
        <div className="saved-changes small" data-testid="saved-changes">
          <p>{tr('task.changedFields', { count: journey.changed.length })}</p>
          <ul className="plain-list">
            {journey.changed.map((c) => (
              <li key={c.field} className="ellipsis" title={`${c.filled} → ${c.kept}`}>
                <span className="mono">{c.field}</span>: {c.kept === '' ? tr('common.empty') : c.kept}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** "4 of 6 links visible on <url>", with the URL on a line of its own (cut with an ellipsis, whole on hover). */
function PublicCheckLine({ check }: { check: PublicCheckView }) {
  const tr = useT();
  const MARK = '\u0000';
  const [before, after = ''] = tr('task.publicCheck', { visible: check.visible, total: check.total, url: MARK }).split(MARK);
  return (
    <p className="public-line">
      {before}
      <span className="url-line ellipsis mono" title={check.url}>
        {check.url}
      </span>
      {after}
    </p>
  );
}

/** What the public profile shows of the task's links (`public-profile-check`). */
export function PublicCheck({ check }: { check: PublicCheckView }) {
  const tr = useT();
  return (
    <div className={check.visible < check.total ? 'public-check partial' : 'public-check'} data-testid="public-profile-check">
      <PublicCheckLine check={check} />
      {check.missing.length > 0 && (
        <div className="small">
          <span>{tr('task.publicMissing')}</span>
          <ul className="plain-list missing-list">
            {check.missing.map((m) => (
              <li key={m} className="ellipsis mono" title={m}>
                {m}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
