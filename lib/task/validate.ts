import { FAIL_REASON_MAX, isHttpUrl, NOTE_MAX } from '../rules';

/** Pure checks of what the worker typed, before anything is queued. */

export type Checked<T> = { ok: true; value: T } | { ok: false; field: 'linkPost' | 'note' | 'reason' };

export function checkComplete(input: { linkPost?: unknown; note?: unknown }): Checked<Record<string, string>> {
  const body: Record<string, string> = {};
  const link = typeof input.linkPost === 'string' ? input.linkPost.trim() : '';
  if (input.linkPost !== undefined && typeof input.linkPost !== 'string') return { ok: false, field: 'linkPost' };
  if (link) {
    if (!isHttpUrl(link)) return { ok: false, field: 'linkPost' };
    body.link_post = link;
  }
  const note = checkNote(input.note);
  if (note === false) return { ok: false, field: 'note' };
  if (note) body.note = note;
  return { ok: true, value: body };
}

export function checkFail(input: { reason?: unknown; note?: unknown }): Checked<Record<string, string>> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason || reason.length > FAIL_REASON_MAX) return { ok: false, field: 'reason' };
  const body: Record<string, string> = { error_message: reason };
  const note = checkNote(input.note);
  if (note === false) return { ok: false, field: 'note' };
  if (note) body.note = note;
  return { ok: true, value: body };
}

function checkNote(note: unknown): string | false {
  if (note === undefined || note === null) return '';
  if (typeof note !== 'string') return false;
  const trimmed = note.trim();
  return trimmed.length > NOTE_MAX ? false : trimmed;
}
