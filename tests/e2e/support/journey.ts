/**
 * The worker of the journey e2e tests: every click a person would make is
 * made through `act`, which counts it, so a journey that needs more of the
 * worker than *Get task*, the site's *Save* and *Complete* shows it. The
 * counts are printed per journey with their median (DESIGN "Budgets": three
 * worker actions per task with auto-submit on).
 */
import type { Locator } from '@playwright/test';
import type { ExtensionBrowser } from './chromium';
import { configure } from './fixtures';

export class Worker {
  readonly actions: string[] = [];
  /** One action of the worker: a click they make. */
  async act(name: string, target: Locator): Promise<void> {
    this.actions.push(name);
    await target.click();
  }
}

const counts: { journey: string; actions: string[] }[] = [];

export function recordJourney(journey: string, actions: readonly string[]): void {
  counts.push({ journey, actions: [...actions] });
  console.log(`journey ${journey}: ${actions.length} worker actions (${actions.join(', ')})`);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The closing line: actions per journey and their median. */
export function journeyReport(): { median: number; lines: string[] } {
  const lines = counts.map((c) => `${c.journey.padEnd(12)} ${c.actions.length}`);
  return { median: median(counts.map((c) => c.actions.length)), lines };
}

/** Options page: API, key, and auto-submit on (the journey's three-action mode). */
export async function configureAutoSubmit(ext: ExtensionBrowser, apiBase: string, apiKey: string): Promise<void> {
  await (await configure(ext, apiBase, apiKey, { autoSubmit: true })).close();
}
