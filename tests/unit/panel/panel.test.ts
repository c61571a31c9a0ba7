// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AutofillResult } from '../../../lib/autofill';
import { CONFIRM_WINDOW_MS, createPanel, MIN_VISIBLE_MS, type Panel, type PanelActions } from '../../../lib/panel';

let clock = 1_000_000;
let top: Element | null;
let trusted: boolean;
let actions: { [K in keyof PanelActions]: ReturnType<typeof vi.fn> };
let panel: Panel;

function make(over: Partial<Parameters<typeof createPanel>[0]> = {}) {
  panel = createPanel(
    {
      lang: 'en',
      domain: 'example.com',
      scope: 'task',
      now: () => clock,
      isTrusted: () => trusted,
      elementsFromPoint: () => (top ? [top] : []),
      ...over,
    },
    actions as unknown as PanelActions,
  );
  top = panel.host;
  return panel;
}

const q = (id: string) => panel.root.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
const click = (id: string) => q(id).dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 5, clientY: 5 }));
const later = (ms = MIN_VISIBLE_MS) => {
  clock += ms;
};

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body><p>page</p></body>';
  clock = 1_000_000;
  trusted = true;
  actions = {
    fillAgain: vi.fn(),
    undo: vi.fn(() => 3),
    complete: vi.fn(async () => ({ ok: true as const, value: undefined })),
    fail: vi.fn(async () => ({ ok: true as const, value: undefined })),
  };
});
afterEach(() => panel?.destroy());

describe('panel: placement', () => {
  it('a closed shadow root on <html>, fixed, on top, opaque', () => {
    make();
    expect(panel.host.parentNode).toBe(document.documentElement);
    expect(panel.host.shadowRoot).toBeNull(); // closed: the page cannot reach inside
    const s = panel.host.style;
    expect(s.getPropertyValue('position')).toBe('fixed');
    expect(s.getPropertyPriority('position')).toBe('important');
    expect(s.getPropertyValue('z-index')).toBe('2147483647');
    expect(s.getPropertyValue('opacity')).toBe('1');
    expect(panel.root.textContent).toContain('Task: example.com');
  });

  it('is put back when the page removes it', async () => {
    make();
    panel.host.remove();
    await new Promise((r) => setTimeout(r, 0));
    expect(panel.host.parentNode).toBe(document.documentElement);
  });
});

describe('panel: what was filled', () => {
  it('shows the count, the list (masked values as given) and what could not be placed with the reason', () => {
    make();
    const r: AutofillResult = {
      page: 'login',
      filled: [
        { role: 'identifier', label: 'Username', value: 'seo-user' },
        { role: 'password', label: 'Password', value: '••••' },
      ],
      notFilled: [{ value: 'https://very-long.example/profile', reason: 'too_long' }, { value: 'javascript:alert(1)', reason: 'unsafe' }],
      submitted: false,
    };
    panel.update(r);
    expect(q('panel-page').textContent).toBe('Login page');
    expect(q('panel-filled-count').textContent).toBe('Filled 2 fields');
    expect([...q('panel-filled').querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Username: seo-user', 'Password: ••••']);
    expect(q('panel-not-filled-count').textContent).toBe('2 items could not be placed');
    expect(q('panel-not-filled').textContent).toContain('too long for the field');
    expect(q('panel-not-filled').textContent).toContain('unsafe link');
    // Text, never markup: a value cannot inject elements into the panel.
    panel.update({ ...r, filled: [{ role: 'bio', label: 'Bio', value: '<img src=x onerror=alert(1)>' }] });
    expect(q('panel-filled').querySelector('img')).toBeNull();
  });

  it('Vietnamese by default texts', () => {
    make({ lang: 'vi' });
    expect(q('panel-complete').textContent).toBe('Hoàn thành');
  });
});

describe('panel: clickjacking defences', () => {
  it('complete needs two clicks, the second within the confirm window', async () => {
    make();
    later();
    click('panel-complete');
    expect(actions.complete).not.toHaveBeenCalled();
    expect(q('panel-complete').textContent).toBe('Click again to confirm complete');
    later();
    click('panel-complete');
    await vi.waitFor(() => expect(actions.complete).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(q('panel-message').textContent).toBe('Report saved, sending…'));
    expect(q('panel-complete').hidden).toBe(true);
  });

  it('a late second click only re-arms', () => {
    make();
    later();
    click('panel-complete');
    later(CONFIRM_WINDOW_MS + 1);
    click('panel-complete');
    expect(actions.complete).not.toHaveBeenCalled();
  });

  it('a quick double click (confirm shown < 500 ms) does nothing', () => {
    make();
    later();
    click('panel-complete');
    later(100);
    click('panel-complete');
    expect(actions.complete).not.toHaveBeenCalled();
  });

  it('untrusted (script-made) clicks are ignored', () => {
    make({ isTrusted: undefined }); // the real check: event.isTrusted, false for dispatchEvent
    later();
    click('panel-complete');
    later();
    click('panel-complete');
    click('panel-fill-again');
    click('panel-undo');
    expect(actions.complete).not.toHaveBeenCalled();
    expect(actions.fillAgain).not.toHaveBeenCalled();
    expect(actions.undo).not.toHaveBeenCalled();
  });

  it('clicks in the first 500 ms after appearing are ignored', () => {
    make();
    later(MIN_VISIBLE_MS - 1);
    click('panel-fill-again');
    expect(actions.fillAgain).not.toHaveBeenCalled();
    expect(q('panel-message').textContent).toBe('The panel was covered or had just appeared: click again.');
    later();
    click('panel-fill-again');
    expect(actions.fillAgain).toHaveBeenCalledTimes(1);
  });

  it('a covered panel (another element on top at the click point) ignores clicks', () => {
    make();
    later();
    const overlay = document.createElement('div');
    document.body.append(overlay);
    top = overlay;
    click('panel-fill-again');
    click('panel-complete');
    later();
    click('panel-complete');
    expect(actions.fillAgain).not.toHaveBeenCalled();
    expect(actions.complete).not.toHaveBeenCalled();
  });

  it('a page that makes <html> transparent or transforms it disables the panel', () => {
    make();
    later();
    document.documentElement.style.opacity = '0';
    click('panel-fill-again');
    expect(actions.fillAgain).not.toHaveBeenCalled();
    document.documentElement.style.opacity = '';
    document.documentElement.style.transform = 'scale(0.01)';
    later();
    click('panel-fill-again');
    expect(actions.fillAgain).not.toHaveBeenCalled();
    document.documentElement.style.transform = '';
    later();
    click('panel-fill-again');
    expect(actions.fillAgain).toHaveBeenCalledTimes(1);
  });

  it('a page restyling the host is undone and must be looked at again', async () => {
    make();
    later();
    panel.host.style.setProperty('opacity', '0', 'important');
    await new Promise((r) => setTimeout(r, 0));
    expect(panel.host.style.getPropertyValue('opacity')).toBe('1');
    click('panel-fill-again');
    expect(actions.fillAgain).not.toHaveBeenCalled();
    later();
    click('panel-fill-again');
    expect(actions.fillAgain).toHaveBeenCalledTimes(1);
  });
});

describe('panel: occlusion reported by IntersectionObserver v2', () => {
  it('an occluded panel (e.g. a pointer-events:none overlay) ignores clicks until seen again for 500 ms', () => {
    let callback: ((entries: { isVisible: boolean }[]) => void) | null = null;
    class FakeIO {
      constructor(cb: (entries: { isVisible: boolean }[]) => void) {
        callback = cb;
      }
      observe() {}
      disconnect() {}
    }
    class FakeEntry {}
    Object.defineProperty(FakeEntry.prototype, 'isVisible', { value: true });
    vi.stubGlobal('IntersectionObserver', FakeIO);
    vi.stubGlobal('IntersectionObserverEntry', FakeEntry);
    try {
      make();
      later();
      callback!([{ isVisible: false }]);
      click('panel-fill-again');
      expect(actions.fillAgain).not.toHaveBeenCalled();
      callback!([{ isVisible: true }]);
      click('panel-fill-again');
      expect(actions.fillAgain).not.toHaveBeenCalled();
      later();
      click('panel-fill-again');
      expect(actions.fillAgain).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('panel: fail, undo, collapse, scope', () => {
  it('fail needs a reason and a confirming click, and sends the reason', async () => {
    make();
    later();
    click('panel-fail');
    later();
    click('panel-fail-send');
    expect(q('panel-message').textContent).toBe('Enter a reason (up to 1000 characters).');
    const preset = q('panel-fail-preset') as HTMLSelectElement;
    preset.value = preset.options[1]!.value;
    preset.dispatchEvent(new Event('change'));
    expect((q('panel-fail-reason') as HTMLTextAreaElement).value).toBe(preset.options[1]!.value);
    click('panel-fail-send');
    later();
    click('panel-fail-send');
    await vi.waitFor(() => expect(actions.fail).toHaveBeenCalledWith(preset.options[1]!.value));
  });

  it('a refused report is shown in words and the panel stays usable', async () => {
    actions.complete = vi.fn(async () => ({ ok: false as const, error: { kind: 'no_task' as const } }));
    make();
    later();
    click('panel-complete');
    later();
    click('panel-complete');
    await vi.waitFor(() => expect(q('panel-message').textContent).toBe('No task is in progress.'));
    expect(q('panel-complete').hidden).toBe(false);
  });

  it('undo reports how many fields were restored', () => {
    make();
    later();
    click('panel-undo');
    expect(actions.undo).toHaveBeenCalled();
    expect(q('panel-message').textContent).toBe('Undid 3 fields.');
  });

  it('collapse and expand; expanding restarts the visibility clock', () => {
    make();
    later();
    click('panel-collapse');
    expect(panel.root.querySelector<HTMLElement>('.panel')!.hidden).toBe(true);
    click('panel-expand');
    expect(panel.root.querySelector<HTMLElement>('.panel')!.hidden).toBe(false);
    click('panel-fill-again');
    expect(actions.fillAgain).not.toHaveBeenCalled();
  });

  it('on Google sign-in (gmail scope) the panel cannot report the task', () => {
    make({ scope: 'gmail' });
    expect(q('panel-complete').hidden).toBe(true);
    expect(q('panel-fail').hidden).toBe(true);
    expect(panel.root.textContent).toContain("The task's Gmail account");
  });

  it('ended() removes the actions', () => {
    make();
    panel.ended();
    expect(q('panel-fill-again').hidden).toBe(true);
    expect(q('panel-message').textContent).toBe('The task has ended.');
  });
});
