import type { PageFillData } from '../../../lib/messaging';
import { DEFAULT_FILL_DATA } from '../../fixtures/corpus';
import { openPage, type OpenPage } from './harness';

export const pages: OpenPage[] = [];

/** A page with this body at a URL of the default task's domain (closed after each file). */
export async function page(body: string, url = 'https://demo-social.test/settings/profile'): Promise<OpenPage> {
  const p = await openPage(`<!DOCTYPE html><html><head><title>Test</title></head><body>${body}</body></html>`, url);
  pages.push(p);
  return p;
}

export async function closeAll(): Promise<void> {
  while (pages.length) await pages.pop()!.close();
}

export function data(over: Partial<PageFillData> = {}): PageFillData {
  return { ...DEFAULT_FILL_DATA, domain: 'demo-social.test', ...over };
}

export const $ = <T extends Element = HTMLInputElement>(doc: Document, sel: string): T => {
  const el = doc.querySelector(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el as T;
};
