import { useState } from 'react';
import { t } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import { isHttpUrl } from '../../lib/rules';
import type { ActiveTask } from '../../lib/task';
import type { RunAction } from './actions';
import type { JourneyView } from './journey';
import type { ReportDraft } from './ReportFields';

/**
 * The two reports of the active task and their drafts: *Complete* with its
 * link and note, *Fail* with its reason. A field the worker has not typed in
 * (null) follows the journey, then the task, as they arrive.
 */
export function useReport(active: ActiveTask, journey: JourneyView, run: RunAction) {
  const { task } = active;
  const [linkPost, setLinkPost] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [invalidLink, setInvalidLink] = useState(false);
  const [failOpen, setFailOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonEmpty, setReasonEmpty] = useState(false);

  const draft: ReportDraft = {
    linkPost: linkPost ?? journey.publicUrl ?? task.link_profile ?? '',
    note: note ?? journey.summary ?? '',
    invalidLink,
  };

  const complete = async () => {
    const link = draft.linkPost.trim();
    if (link && !isHttpUrl(link)) {
      setInvalidLink(true);
      return;
    }
    setInvalidLink(false);
    // Empty fields are left out: the API treats a missing link_post as "unchanged".
    const data: { linkPost?: string; note?: string } = {};
    if (link) data.linkPost = link;
    if (draft.note.trim()) data.note = draft.note.trim();
    await run('complete', () => sendMessage('completeTask', data), () => ({ tone: 'ok', say: (l) => t(l, 'complete.done', { domain: task.domain }) }));
  };

  const confirmFail = async () => {
    const text = reason.trim();
    if (!text) {
      setReasonEmpty(true);
      return;
    }
    const ok = await run('fail', () => sendMessage('failTask', { reason: text }), () => ({ tone: 'ok', say: (l) => t(l, 'fail.done', { domain: task.domain }) }));
    if (ok) setFailOpen(false);
  };

  return {
    draft,
    editLinkPost(value: string) {
      setLinkPost(value);
      setInvalidLink(false);
    },
    editNote: setNote,
    complete,
    fail: {
      open: failOpen,
      setOpen: setFailOpen,
      reason,
      empty: reasonEmpty,
      editReason(text: string) {
        setReason(text);
        setReasonEmpty(false);
      },
      confirm: confirmFail,
    },
  };
}

export type Report = ReturnType<typeof useReport>;
