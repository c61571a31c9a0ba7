import { useT } from '../shared/i18n';

export interface ReportDraft {
  linkPost: string;
  note: string;
  invalidLink: boolean;
}

interface Props {
  draft: ReportDraft;
  onLinkPost: (value: string) => void;
  onNote: (value: string) => void;
}

/** What *Complete* sends: the profile link and a note, prefilled from the task and the journey, editable. */
export function ReportFields({ draft, onLinkPost, onNote }: Props) {
  const tr = useT();
  return (
    <section className="report-fields" aria-label={tr('complete.title')}>
      <label className="field">
        <span>{tr('complete.linkPost')}</span>
        <input
          type="url"
          inputMode="url"
          data-testid="link-post"
          value={draft.linkPost}
          placeholder="https://"
          spellCheck={false}
          aria-invalid={draft.invalidLink}
          aria-describedby={draft.invalidLink ? 'link-post-error' : undefined}
          onChange={(e) => onLinkPost(e.target.value)}
        />
      </label>
      {draft.invalidLink && (
        <p id="link-post-error" className="inline-error" role="alert" data-testid="link-post-error">
          {tr('complete.badLink')}
        </p>
      )}
      <label className="field">
        <span>{tr('complete.note')}</span>
        {/* One line until there is more to read (the journey's summary). */}
        <textarea data-testid="note" rows={draft.note.length > 40 ? 3 : 1} value={draft.note} onChange={(e) => onNote(e.target.value)} />
      </label>
    </section>
  );
}
