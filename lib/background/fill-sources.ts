import type { Settings } from '../settings';
import type { ActiveTask } from '../task';

/** What every `getFillData` answer is built from. */
export interface FillSources {
  active: ActiveTask | null;
  settings: Settings;
  /** The API server's clock against this PC's (0 until measured). */
  clockOffsetMs: number;
}

export interface FillSourcesCache {
  /** The sources, read from storage once and kept until one of them changes. */
  get(): Promise<FillSources>;
  /** Forgets them (a stored item changed) and reads them again at once, so the next page's answer is ready. */
  refresh(): void;
}

/**
 * The fill data's sources, prepared before a page asks: read when the task
 * or a setting changes and when a tab starts loading, so the content
 * script's one request is answered from memory instead of three storage
 * reads made after it arrived (DESIGN "Budgets": filled within a frame of
 * document_idle).
 */
export function createFillSources(read: () => Promise<FillSources>): FillSourcesCache {
  let current: Promise<FillSources> | null = null;
  let generation = 0;
  const get = () => {
    if (current) return current;
    const mine = ++generation;
    const p = read();
    current = p;
    // A failed read is not kept; a read overtaken by a change is not kept either.
    p.catch(() => {
      if (generation === mine) current = null;
    });
    return p;
  };
  return {
    get,
    refresh() {
      current = null;
      generation++;
      void get().catch(() => undefined);
    },
  };
}
