// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { keepWhole } from '../../../components/shared/keepWhole';

afterEach(cleanup);

/** The texts kept on one line, and the whole sentence as read. */
function kept(text: string): { whole: string[]; read: string } {
  const { container } = render(<p>{keepWhole(text)}</p>);
  return { whole: [...container.querySelectorAll('.nowrap')].map((s) => s.textContent ?? ''), read: container.textContent ?? '' };
}

describe('keepWhole: addresses in a sentence do not break in two', () => {
  it('keeps a hyphenated domain, a host with its port and an e-mail whole; the sentence reads the same', () => {
    const text = 'Đã lưu báo cáo hoàn thành demo-social.test. Mở http://demo-social.test:8787/u/lumen hoặc viết cho seo.worker@gmail.com!';
    expect(kept(text)).toEqual({ whole: ['demo-social.test', 'http://demo-social.test:8787/u/lumen', 'seo.worker@gmail.com'], read: text });
  });

  it('leaves the sentence alone when it names no address, and lets a long address wrap', () => {
    expect(kept('Máy chủ đang gặp lỗi. Thử lại sau.')).toEqual({ whole: [], read: 'Máy chủ đang gặp lỗi. Thử lại sau.' });
    const long = 'Open https://profiles.example-network-3.com/users/entity-with-a-long-name-12 now';
    expect(kept(long)).toEqual({ whole: [], read: long });
  });
});
