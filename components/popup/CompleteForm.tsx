import { t } from '../../lib/i18n';
import { useState, type FormEvent } from 'react';
import { sendMessage } from '../../lib/messaging';
import { useT } from '../shared/i18n';
import type { RunAction } from './actions';
import { isHttpUrl } from './links';

interface Props {
  domain: string;
  /** Prefill: the profile URL the task already knows (register phase's link_profile), if any. */
  initialLinkPost: string;
  busy: boolean;
  run: RunAction;
}

export function CompleteForm({ domain, initialLinkPost, busy, run }: Props) {
  const tr = useT();
  const [linkPost, setLinkPost] = useState(initialLinkPost);
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const link = linkPost.trim();
    if (link && !isHttpUrl(link)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    // Empty fields are left out: the API treats a missing link_post as "unchanged".
    const data: { linkPost?: string; note?: string } = {};
    if (link) data.linkPost = link;
    if (note.trim()) data.note = note.trim();
    await run('complete', () => sendMessage('completeTask', data), () => ({ tone: 'ok', say: (l) => t(l, 'complete.done', { domain }) }));
  };

  return (
    <form className="card-section complete-form" onSubmit={submit} noValidate>
      <label className="field">
        <span>{tr('complete.linkPost')}</span>
        <input
          type="url"
          inputMode="url"
          data-testid="link-post"
          value={linkPost}
          placeholder="https://"
          aria-invalid={invalid}
          aria-describedby={invalid ? 'link-post-error' : undefined}
          onChange={(e) => {
            setLinkPost(e.target.value);
            setInvalid(false);
          }}
        />
      </label>
      {invalid && (
        <p id="link-post-error" className="inline-error" role="alert" data-testid="link-post-error">
          {tr('complete.badLink')}
        </p>
      )}
      <label className="field">
        <span>{tr('complete.note')}</span>
        <textarea data-testid="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="btn btn-primary btn-big" data-testid="complete-task" disabled={busy}>
        {busy ? tr('complete.sending') : tr('complete.submit')}
      </button>
    </form>
  );
}
