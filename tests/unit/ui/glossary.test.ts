/**
 * The Vietnamese glossary (lib/i18n/GLOSSARY.md): one term per idea. These
 * are the variants that drifted in before; they must not come back.
 */
import { describe, expect, it } from 'vitest';
import { describeError, describeStatus, t, type MessageKey } from '../../../lib/i18n';
import { en } from '../../../lib/i18n/en';
import { vi } from '../../../lib/i18n/vi';

const entries = Object.entries(vi) as [MessageKey, string][];
const offending = (re: RegExp) => entries.filter(([, text]) => re.test(text)).map(([key]) => key);

describe('Vietnamese glossary', () => {
  it('link is "liên kết" (never "link")', () => {
    expect(offending(/\blink\b/i)).toEqual([]);
  });

  it('copy is "Sao chép" (never a bare "Chép")', () => {
    expect(offending(/(?<!sao )chép/i)).toEqual([]);
    expect(vi['task.copyAll']).toBe('Sao chép tất cả');
  });

  it('the popup is "cửa sổ tiện ích" everywhere, the badge too (never "popup" or "bảng điều khiển")', () => {
    expect(offending(/popup|bảng điều khiển/i)).toEqual([]);
    expect(vi['badge.problem']).toContain('cửa sổ tiện ích');
    expect(en['badge.problem']).toContain('popup');
  });

  it('fill the open page says "vào", and autofill / auto-submit are "tự động"', () => {
    expect(vi['task.fillNow']).toBe('Điền vào trang đang mở');
    // ("tự gửi lại" = resent by itself, another idea, stays.)
    expect(offending(/\btự (điền|bấm)\b/i)).toEqual([]);
  });

  it('the key is always "API key", the site always "trang web"', () => {
    expect(offending(/(?<!API )\bkey\b/)).toEqual([]);
    expect(vi['task.openSite']).toBe('Mở trang web');
  });

  it('no raw API status inside a Vietnamese sentence', () => {
    expect(offending(/\b(connect|connecting|completed|connect_failed|register)\b/)).toEqual([]);
    for (const status of ['connect', 'connecting', 'completed', 'connect_failed', 'register']) {
      const text = describeError('vi', { kind: 'wrong_status', detail: { kind: 'wrong_status', status: 409, currentStatus: status } });
      expect(text).not.toContain(status);
      expect(text).toContain(describeStatus('vi', status));
    }
    expect(describeStatus('vi', 'completed')).toBe('đã hoàn thành');
    expect(describeStatus('en', 'connect_failed')).toBe('failed');
    // An unknown code is still shown, marked as unknown.
    expect(describeStatus('vi', 'archived')).toBe(t('vi', 'status.other', { status: 'archived' }));
  });

  it('the two fail buttons say different things (open the form, send it), and the panel names them as the popup does', () => {
    for (const c of [vi, en]) {
      expect(c['fail.open']).not.toBe(c['fail.confirm']);
      expect(c['panel.popupHint']).toContain(c['complete.submit']);
      expect(c['panel.popupHint']).toContain(c['fail.open']);
    }
  });

  it('the 2FA code is "mã 2FA" (never "mã xác thực")', () => {
    expect(offending(/mã xác thực/i)).toEqual([]);
  });
});
