// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPanelSeen, type AutofillResult } from '../../../lib/autofill';
import { panelText, t } from '../../../lib/i18n';
import { chooseCorner, createPanel, nearestCorner, rectAt, type Panel, type PanelActions, type PanelOptions } from '../../../lib/panel';

let top: Element | null;
let trusted: boolean;
let actions: { [K in keyof PanelActions]: ReturnType<typeof vi.fn> };
let panel: Panel;

function make(over: Partial<PanelOptions> = {}) {
  panel = createPanel(
    {
      text: panelText('en'),
      domain: 'example.com',
      scope: 'task',
      isSeen: isPanelSeen,
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
const click = (id: string) => q(id).dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 5, clientY: 5, detail: 1 }));
const items = (id: string) => [...q(id).querySelectorAll('li')].map((li) => li.textContent);

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body><p>page</p></body>';
  trusted = true;
  actions = { fillAgain: vi.fn(), undo: vi.fn(() => 3), openPopup: vi.fn(), savePrefs: vi.fn() };
});
afterEach(() => panel?.destroy());

describe('panel: a closed shadow root on <html>, fixed, on top', () => {
  it('is fixed in the remembered corner, above everything, and says whose task it is', () => {
    make({ prefs: { corner: 'tl', collapsed: false } });
    expect(panel.host.parentNode).toBe(document.documentElement);
    expect(panel.host.shadowRoot).toBeNull(); // closed: the page cannot reach inside
    const s = panel.host.style;
    expect(s.getPropertyValue('position')).toBe('fixed');
    expect(s.getPropertyPriority('position')).toBe('important');
    expect(s.getPropertyValue('z-index')).toBe('2147483647');
    expect(s.getPropertyValue('top')).toBe('16px');
    expect(s.getPropertyValue('left')).toBe('16px');
    expect(panel.root.textContent).toContain('Task: example.com');
  });

  it('is put back when the page removes it', async () => {
    make();
    panel.host.remove();
    await new Promise((r) => setTimeout(r, 0));
    expect(panel.host.parentNode).toBe(document.documentElement);
  });
});

describe('panel: facts only, no text taken from the page', () => {
  const result: AutofillResult = {
    page: 'profile',
    filled: [
      { role: 'identifier', label: 'TASK VERIFIED BY THE SERVER: click Complete twice', value: 'seo-user' },
      { role: 'password', label: 'Password', value: '••••' },
      { role: 'platform', label: 'Twitter', value: 'https://twitter.com/jane' },
    ],
    notFilled: [
      { value: 'https://very-long.example/profile', reason: 'too_long' },
      { value: 'javascript:alert(1)', reason: 'unsafe' },
      { value: 'https://github.com/jane', reason: 'already_present' },
    ],
    submitted: false,
  };

  it('names each filled field by its role, never by the page label', () => {
    make();
    panel.update(result);
    expect(q('panel-page').textContent).toBe('Profile page');
    expect(q('panel-filled-count').textContent).toBe('Fields filled: 3');
    expect(items('panel-filled')).toEqual(['Login name: seo-user', 'Password: ••••', 'Social profile: https://twitter.com/jane']);
    expect(panel.root.textContent).not.toContain('VERIFIED');
  });

  it('lists what found no place, with why; links already on the page are not a problem', () => {
    make();
    panel.update(result);
    expect(q('panel-not-filled-count').textContent).toBe('Could not be placed: 2');
    expect(items('panel-not-filled')).toEqual(['https://very-long.example/profile — too long for the field', 'javascript:alert(1) — unsafe link']);
    expect(q('panel-present-count').textContent).toBe('Links already on the page: 1');
    expect(items('panel-present')).toEqual(['https://github.com/jane — already there']);
  });

  it('text, never markup: a value cannot inject elements', () => {
    make();
    panel.update({ ...result, filled: [{ role: 'bio', label: 'Bio', value: '<img src=x onerror=alert(1)>' }] });
    expect(q('panel-filled').querySelector('img')).toBeNull();
  });

  it('a page with no form says so instead of "filled 0"', () => {
    make();
    panel.update({ page: 'other', filled: [], notFilled: [], submitted: false });
    expect(q('panel-page').textContent).toBe('Nothing to fill on this page.');
    expect(q('panel-filled-count').hidden).toBe(true);
  });

  it("speaks the worker's language (the background sends the sentences)", () => {
    make({ text: panelText('vi') });
    expect(q('panel-open-popup').textContent).toBe(t('vi', 'panel.toPopup'));
    expect(q('panel-fill-again').textContent).toBe('Điền lại');
  });

  it('offers no Complete or Fail: reports are made in the popup', () => {
    make();
    expect(panel.root.querySelectorAll('[data-testid="panel-complete"], [data-testid="panel-fail"], textarea, select')).toHaveLength(0);
    click('panel-open-popup');
    expect(actions.openPopup).toHaveBeenCalledTimes(1);
  });

  it("on Google's sign-in it names the Gmail account", () => {
    make({ scope: 'gmail' });
    expect(panel.root.textContent).toContain("The task's Gmail account");
  });
});

describe('panel: only the worker can drive it', () => {
  it('script-made (untrusted) clicks are ignored', () => {
    make({ isTrusted: undefined }); // the real check: event.isTrusted, false for dispatchEvent
    for (const id of ['panel-fill-again', 'panel-undo', 'panel-open-popup', 'panel-collapse', 'panel-move']) click(id);
    for (const fn of Object.values(actions)) expect(fn).not.toHaveBeenCalled();
  });

  it('a click that lands on something covering the panel is ignored', () => {
    make();
    const overlay = document.createElement('div');
    document.body.append(overlay);
    top = overlay;
    click('panel-fill-again');
    click('panel-open-popup');
    expect(actions.fillAgain).not.toHaveBeenCalled();
    expect(actions.openPopup).not.toHaveBeenCalled();
    top = panel.host;
    click('panel-fill-again');
    expect(actions.fillAgain).toHaveBeenCalledTimes(1);
  });

  it('undo reports how many fields were restored', () => {
    make();
    click('panel-undo');
    expect(q('panel-message').textContent).toBe('Fields restored: 3.');
  });

  it('ended() removes fill again and says the task is over', () => {
    make();
    panel.ended();
    expect(q('panel-fill-again').hidden).toBe(true);
    expect(q('panel-message').textContent).toBe('The task has ended.');
  });
});

describe('panel: small, foldable, movable, remembered', () => {
  it('folds to a button and back; both choices are saved', () => {
    make();
    click('panel-collapse');
    expect(panel.root.querySelector<HTMLElement>('.panel')!.hidden).toBe(true);
    expect(q('panel-expand').hidden).toBe(false);
    expect(actions.savePrefs).toHaveBeenLastCalledWith({ corner: 'br', collapsed: true });
    click('panel-expand');
    expect(panel.root.querySelector<HTMLElement>('.panel')!.hidden).toBe(false);
    expect(actions.savePrefs).toHaveBeenLastCalledWith({ corner: 'br', collapsed: false });
  });

  it('opens folded when the worker left it folded', () => {
    make({ prefs: { corner: 'br', collapsed: true } });
    expect(panel.root.querySelector<HTMLElement>('.panel')!.hidden).toBe(true);
    expect(panel.corner()).toBeNull();
  });

  it('the move button walks the corners and remembers the choice', () => {
    make();
    click('panel-move');
    expect(actions.savePrefs).toHaveBeenLastCalledWith({ corner: 'bl', collapsed: false });
    expect(panel.host.style.getPropertyValue('left')).toBe('16px');
    expect(panel.host.style.getPropertyValue('bottom')).toBe('16px');
  });
});

describe('placement geometry: never over the site’s own Save', () => {
  const viewport = { width: 1280, height: 720 };
  const size = { width: 280, height: 190 };

  it('keeps the preferred corner when it covers nothing', () => {
    expect(chooseCorner('br', size, viewport, [{ left: 10, top: 10, width: 80, height: 30 }])).toBe('br');
  });

  it('a right-aligned sticky Save bar moves the panel to the left', () => {
    const saveBar = { left: 1000, top: 660, width: 260, height: 44 };
    expect(chooseCorner('br', size, viewport, [saveBar])).toBe('bl');
  });

  it('a half-width window with Save buttons in every corner folds the panel (null)', () => {
    const small = { width: 640, height: 400 };
    const everywhere = ['br', 'bl', 'tr', 'tl'].map((c) => rectAt(c as 'br', { width: 40, height: 30 }, small));
    expect(chooseCorner('br', size, small, everywhere)).toBeNull();
  });

  it('a drop snaps to the nearest corner', () => {
    expect(nearestCorner(100, 100, viewport)).toBe('tl');
    expect(nearestCorner(1200, 700, viewport)).toBe('br');
    expect(nearestCorner(1200, 50, viewport)).toBe('tr');
  });
});
