import { describe, expect, it } from 'vitest';
import {
  catalogues,
  describeError,
  FAIL_PRESETS,
  formatDuration,
  placeholdersOf,
  resolveLanguage,
  t,
  type MessageKey,
} from '../../../lib/i18n';
import { en } from '../../../lib/i18n/en';
import { vi } from '../../../lib/i18n/vi';

describe('catalogue parity', () => {
  it('vi and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('every message has the same {placeholders} in both languages', () => {
    for (const key of Object.keys(vi) as MessageKey[]) {
      expect({ key, p: placeholdersOf(en[key]) }).toEqual({ key, p: placeholdersOf(vi[key]) });
    }
  });

  it('no message is empty or untrimmed', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const [key, text] of Object.entries(catalogues[lang])) {
        expect({ lang, key, ok: text.trim().length > 0 && text === text.trim() }).toEqual({ lang, key, ok: true });
      }
    }
  });

  it('Vietnamese text is really Vietnamese (diacritics present, not a copy of English)', () => {
    const translated = (Object.keys(vi) as MessageKey[]).filter((k) => vi[k] !== en[k]);
    // Only proper names and codes may be identical (app title, language names, "Email", "API key", HTTP).
    expect(translated.length).toBeGreaterThan(Object.keys(vi).length - 10);
    expect(t('vi', 'popup.pullTask')).toBe('Lấy nhiệm vụ');
    expect(t('vi', 'task.password')).toBe('Mật khẩu');
  });
});

describe('t()', () => {
  it('substitutes named placeholders', () => {
    expect(t('en', 'complete.done', { domain: 'example.com' })).toBe('Completion report saved for example.com.');
    expect(t('vi', 'fail.counter', { count: 12, max: 1000 })).toBe('12/1000 ký tự');
  });

  it('falls back to Vietnamese for an unknown language value', () => {
    expect(resolveLanguage('fr')).toBe('vi');
    expect(t('fr' as never, 'popup.pullTask')).toBe('Lấy nhiệm vụ');
  });

  it('leaves an unknown placeholder visible instead of printing "undefined"', () => {
    expect(t('en', 'complete.done', {} as never)).toBe('Completion report saved for {domain}.');
  });
});

describe('describeError()', () => {
  it('maps every ActionError kind to a distinct plain message in each language', () => {
    const kinds = [
      'config', 'network', 'timeout', 'unauthorized', 'not_found', 'wrong_status', 'rate_limited', 'server',
      'bad_request', 'invalid_response', 'no_task', 'no_work', 'busy', 'invalid_input', 'bad_domain', 'no_site_tab',
    ] as const;
    for (const lang of ['vi', 'en'] as const) {
      const texts = kinds.map((kind) => describeError(lang, { kind }));
      expect(new Set(texts).size).toBe(kinds.length);
      for (const text of texts) expect(text).not.toBe(t(lang, 'error.unknown'));
    }
    expect(describeError('en', { kind: 'unauthorized' })).toMatch(/API key is wrong/);
    expect(describeError('vi', { kind: 'network' })).toMatch(/Không kết nối được máy chủ/);
    expect(describeError('en', { kind: 'no_work' })).toMatch(/No work right now/);
  });

  it('says "wrong URL" for a 404 or a non-API answer while testing the connection', () => {
    const notFound = { kind: 'not_found' as const, detail: { kind: 'not_found' as const, status: 404 } };
    expect(describeError('en', notFound, 'connection')).toMatch(/Wrong API address/);
    expect(describeError('en', notFound, 'task')).toMatch(/task was not found/);
    expect(describeError('vi', { kind: 'invalid_response' }, 'connection')).toMatch(/không phải API của Likepion/);
  });

  it('names the current status and the server message when they help', () => {
    const text = describeError('en', {
      kind: 'wrong_status',
      detail: { kind: 'wrong_status', status: 404, currentStatus: 'completed', serverMessage: 'task not in expected status' },
    });
    expect(text).toContain('"completed"');
    expect(text).toContain('The server said: task not in expected status');
    expect(text).toContain('HTTP 404');
  });

  it('accepts an ApiErrorInit and a bare kind, and never crashes on unknown input', () => {
    expect(describeError('en', { kind: 'server', status: 503 })).toBe('The server has a problem. Try again later. (HTTP 503)');
    expect(describeError('en', 'timeout')).toMatch(/took too long/);
    expect(describeError('en', undefined)).toBe(t('en', 'error.unknown'));
    expect(describeError('en', { kind: 'weird' as never })).toBe(t('en', 'error.unknown'));
  });

  it('does not show developer-only config messages to the worker', () => {
    expect(describeError('en', { kind: 'config', serverMessage: 'base URL is not a URL' })).not.toContain('base URL');
  });
});

describe('helpers', () => {
  it('has presets that exist in both catalogues', () => {
    for (const key of FAIL_PRESETS) {
      expect(vi[key].length).toBeGreaterThan(5);
      expect(en[key].length).toBeGreaterThan(5);
    }
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
