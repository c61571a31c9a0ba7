/**
 * The Writer: every text write of one fill pass goes through it, applying the refill rules of
 * engine.ts (a field the worker edited is never written again; our own value is left alone on
 * automatic passes; `force` rewrites) and recording what was written for undo and the result.
 * Replaces the decide / put closures of autofillDocument and fillProfile.
 */
import { isEditable, type Field, type FieldEl } from '../detect';
import { markFilled, writeText } from '../fill';
import { secretBlocked, watchSecret } from '../guard';
import type { FilledField, FilledRole } from '../engine';

export type Decision = 'write' | 'same' | 'skip';

export interface WrittenRecord {
  original: string;
  written: string;
  role: FilledRole;
}

/** The per-page memory the Writer reads and updates (engine.ts's PageState). */
export interface WriterState {
  written: Map<FieldEl, WrittenRecord>;
  touched: WeakSet<Element>;
  undone: WeakSet<Element>;
}

export class Writer {
  /** Fields this pass wrote (not secrets), in write order: their blur commits are replayed after the pass (fill/events.ts replayCommits). */
  readonly wrote: { el: FieldEl; value: string }[] = [];

  constructor(
    private readonly state: WriterState,
    private readonly filled: FilledField[],
    readonly force: boolean,
    /** Whether a host may receive the task's secrets (the task's domain): DESIGN "Security rules" › Forms. */
    private readonly onHost: (host: string) => boolean = () => true,
  ) {}

  /** Whether a field may take `desired` now: write it, it already holds it, or leave it. */
  decide(f: Field, desired: string): Decision {
    const { state, force } = this;
    const el = f.el;
    if (state.touched.has(el) || !isEditable(f)) return 'skip';
    if (state.undone.has(el)) {
      if (!force) return 'skip';
      state.undone.delete(el);
    }
    const rec = state.written.get(el);
    if (rec) {
      if (el.value === desired) return force ? 'write' : 'same';
      if (el.value === rec.written) return 'write'; // our own older value (e.g. a new TOTP code)
      return force ? 'write' : 'skip';
    }
    return el.value === desired ? 'same' : 'write';
  }

  /** Write text; true when the field now holds the value (`shown` is what the result says: masked for secrets). */
  put(f: Field, role: FilledRole, value: string, shown = value): boolean {
    const { state } = this;
    // DESIGN "Security rules" › Forms, and the refill guard: see lib/autofill/guard.
    const secret = role === 'password' || role === 'otp';
    if (secret && secretBlocked(f.el, this.onHost)) return false;
    const d = this.decide(f, value);
    if (d === 'skip') return false;
    if (d === 'same') {
      if (state.written.has(f.el)) this.filled.push({ role, label: f.display, value: shown });
      return true;
    }
    const before = f.el.value;
    const original = state.written.get(f.el)?.original ?? before;
    if (writeText(f.el as HTMLInputElement, value) !== 'ok') return false;
    if (!validAfterWrite(f.el)) {
      writeText(f.el as HTMLInputElement, before);
      return false;
    }
    state.written.set(f.el, { original, written: value, role });
    this.filled.push({ role, label: f.display, value: shown });
    markFilled(f.el);
    if (secret) watchSecret(f.el, value);
    else this.wrote.push({ el: f.el, value });
    return true;
  }
}

/** The page's own constraints (type, pattern, maxlength) accept what we wrote. */
function validAfterWrite(el: FieldEl): boolean {
  try {
    const v = (el as HTMLInputElement).validity;
    if (!v) return true;
    return !(v.typeMismatch || v.patternMismatch || v.tooLong);
  } catch {
    return true;
  }
}
