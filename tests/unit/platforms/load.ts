/** Open a fixture page in a happy-dom window at a pretend URL (no scripts run) and read its signals. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { readPageSignals, type PageSignals } from '../../../lib/platforms';

const FIXTURES = fileURLToPath(new URL('../../fixtures/platforms/', import.meta.url));

export const fixture = (id: string) => readFileSync(`${FIXTURES}${id}.html`, 'utf8');

export function pageDocument(html: string, url: string, storage: Record<string, string> = {}): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  for (const [k, v] of Object.entries(storage)) window.localStorage.setItem(k, v);
  window.document.write(html);
  return window.document as unknown as Document;
}

export function signalsOf(html: string, url: string, storage?: Record<string, string>): PageSignals {
  return readPageSignals(pageDocument(html, url, storage));
}
