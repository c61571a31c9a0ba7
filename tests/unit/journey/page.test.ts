// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PART_SETTLE_MS, RETURN_DELAY_MS } from '../../../lib/journey/page';
import { editorPartTarget, startJourneyPage, type JourneyAnswer, type JourneyEvent, type JourneyPage, type JourneyPageDeps } from '../../../lib/journey';

const MARK = 'data-ec-autofilled';
let sent: JourneyEvent[];
let answer: JourneyAnswer | undefined;
let ourDispatch: boolean;
let page: JourneyPage;

function start(over: Partial<JourneyPageDeps> = {}) {
  page = startJourneyPage({
    doc: document,
    send: async (e) => {
      sent.push(e);
      return answer;
    },
    discover: () => ({ signedIn: true }),
    links: ['https://twitter.com/janedoe_art', 'https://github.com/janedoe-art'],
    journey: undefined,
    isOurDispatch: () => ourDispatch,
    markAttr: MARK,
    ...over,
  });
  return page;
}

beforeEach(() => {
  sent = [];
  answer = undefined;
  ourDispatch = false;
  document.body.innerHTML = '';
});
afterEach(() => page?.stop());

describe('the journey inside a page', () => {
  it('says what the page is, once per kind, and carries out the move it is answered with', async () => {
    const assign = vi.spyOn(document.location, 'assign').mockImplementation(() => undefined);
    answer = { navigate: { url: 'https://forum.test/settings/profile', why: 'editor' } };
    start();
    page.onFill('other');
    page.onFill('other');
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('https://forum.test/settings/profile'));
    expect(sent.filter((e) => e.type === 'page')).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'page', signedIn: true, loginForm: false, editorForm: false });
    assign.mockRestore();
  });

  it('never leaves a page holding the worker’s unsaved edits; our own fill does not count', () => {
    document.body.innerHTML = '<form><input name="about"></form>';
    start();
    const input = document.querySelector('input')!;
    ourDispatch = true;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    ourDispatch = false;
    const assign = vi.spyOn(document.location, 'assign').mockImplementation(() => undefined);
    expect(page.navigate('https://forum.test/elsewhere')).toEqual({ done: true });
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(page.navigate('https://forum.test/elsewhere')).toEqual({ done: false, reason: 'unsaved' });
    expect(assign).toHaveBeenCalledTimes(1);
    assign.mockRestore();
  });

  it('a login form sent: login_submitted; the editor sent: what was in it, then the save attempt', async () => {
    document.body.innerHTML = `
      <form id="login"><input name="user" ${MARK}><input type="password" name="pw" ${MARK}></form>
      <form id="profile"><input name="twitter" value="janedoe_art" ${MARK}><textarea name="bio" ${MARK}>Hi
https://github.com/janedoe-art</textarea><input name="city" value="Hanoi"></form>`;
    start();
    document.getElementById('login')!.dispatchEvent(new Event('submit', { bubbles: true }));
    document.getElementById('profile')!.dispatchEvent(new Event('submit', { bubbles: true }));
    // One message for the Save, sent at once: the page may unload before any answer.
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['login_submitted', 'save_attempted']));
    expect(sent[1]).toMatchObject({
      type: 'save_attempted',
      fields: {
        twitter: { value: 'janedoe_art', links: ['https://twitter.com/janedoe_art'] },
        bio: { value: 'Hi\nhttps://github.com/janedoe-art', links: ['https://github.com/janedoe-art'] },
      },
    });
    expect(JSON.stringify(sent)).not.toContain('city');
  });

  it('a one-time-code or identifier step sent (our value, no task link in it) is a login step, not the editor\'s Save', async () => {
    document.body.innerHTML = `<form id="otp"><input name="user[otp_attempt]" value="123456" ${MARK}></form>`;
    start();
    document.getElementById('otp')!.dispatchEvent(new Event('submit', { bubbles: true }));
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['login_submitted']));
  });

  it('an editor with empty change-password fields: its Save is the editor\'s, not a login', async () => {
    document.body.innerHTML = `<form id="p"><input type="password" name="current_pass"><input name="twitter" value="janedoe_art" ${MARK}></form>`;
    start();
    document.getElementById('p')!.dispatchEvent(new Event('submit', { bubbles: true }));
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['save_attempted']));
  });

  it('the page after a Save reads back what the site kept', async () => {
    document.body.innerHTML = '<form><input name="twitter" value="janedoe_art"><textarea name="bio"></textarea></form>';
    start({ journey: { saveAttemptAt: Date.now() - 2_000, filledFields: ['twitter', 'bio', 'website'] } });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent).toEqual([{ type: 'saved', url: document.location.href, via: 'reload', kept: { twitter: 'janedoe_art', bio: '' } }]);
  });

  it('reads back the form control, not the page’s <meta name="description"> that shares the bio’s name', async () => {
    const meta = document.createElement('meta');
    meta.name = 'description';
    meta.content = 'A profile page';
    document.head.append(meta);
    document.body.innerHTML = '<form><textarea name="description">https://twitter.com/janedoe_art</textarea></form>';
    start({ journey: { saveAttemptAt: Date.now() - 2_000, filledFields: ['description'] } });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    meta.remove();
    expect(sent).toEqual([{ type: 'saved', url: document.location.href, via: 'reload', kept: { description: 'https://twitter.com/janedoe_art' } }]);
  });

  it('an SPA save: the site’s “saved” notice, then the values it shows', async () => {
    document.body.innerHTML = `<form id="p"><input name="twitter" value="janedoe_art" ${MARK}></form><div id="flash" role="status"></div>`;
    start();
    document.getElementById('p')!.dispatchEvent(new Event('submit', { bubbles: true }));
    (document.querySelector('input') as HTMLInputElement).value = 'twitter.com/janedoe_art';
    document.getElementById('flash')!.textContent = 'Your profile was saved.';
    await vi.waitFor(() => expect(sent.at(-1)).toMatchObject({ type: 'saved', via: 'message', kept: { twitter: 'twitter.com/janedoe_art' } }));
  });

  // An app that saves with its own request (Discourse's preferences: a type=button Save, a "Saved!" shown beside it).
  const appEditor = (indicator: string) => `<style>.hidden{display:none}</style>
    <section class="user-preferences"><div class="control-group pref-bio"><textarea id="bio" ${MARK}>Hi https://github.com/janedoe-art</textarea></div>
    <div class="control-group user-field"><input id="tw" value="janedoe_art" ${MARK}></div>
    <div class="control-group save-button"><div class="controls"><button class="btn btn-primary" type="button" id="save">Save Changes</button>
    <button type="button" id="cancel">Cancel</button>${indicator}</div></div></section>`;

  it('an app’s own Save button (no form sent): the fields around it, then the “Saved!” it shows beside it', async () => {
    document.body.innerHTML = appEditor('<span class="saved hidden" id="ok">Saved!</span>');
    start();
    document.getElementById('save')!.click();
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['save_attempted']));
    expect(sent[0]).toMatchObject({ fields: { bio: { links: ['https://github.com/janedoe-art'] }, tw: { value: 'janedoe_art' } } });
    (document.getElementById('tw') as HTMLInputElement).value = 'https://twitter.com/janedoe_art';
    document.getElementById('ok')!.classList.remove('hidden');
    await vi.waitFor(() => expect(sent.at(-1)).toMatchObject({ type: 'saved', via: 'message', kept: { tw: 'https://twitter.com/janedoe_art' } }));
  });

  it('a disabled password field (a “••••” shown beside a Change password button) does not make the Save a login step', async () => {
    document.body.innerHTML = appEditor('<span class="saved hidden" id="ok">Saved!</span>').replace(
      '<div class="control-group save-button">',
      '<div class="control-group"><label for="pw">Password</label><input id="pw" type="password" value="••••••••••••" disabled><button type="button">Change password</button></div><div class="control-group save-button">',
    );
    start();
    document.getElementById('save')!.click();
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['save_attempted']));
    // An enabled password with a value is sent with the form: that Save is a login step.
    sent = [];
    (document.getElementById('pw') as HTMLInputElement).disabled = false;
    document.getElementById('save')!.click();
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['login_submitted']));
  });

  it('a cookie banner’s “Save settings” under the page body is not the editor’s Save', async () => {
    document.body.innerHTML = `${appEditor('<span class="saved hidden" id="ok">Saved!</span>')}<div class="cookie-banner"><p>We use cookies.</p><button type="button" id="consent">Save settings</button></div>`;
    start();
    document.getElementById('consent')!.click();
    await new Promise((r) => setTimeout(r, 30));
    expect(sent).toEqual([]);
    document.getElementById('save')!.click();
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['save_attempted']));
  });

  it('controls with neither name nor id are keyed by their label (aria-label, the one label of their block), and read back by it', async () => {
    document.body.innerHTML = `<style>.hidden{display:none}</style><section>
      <div class="control-group"><textarea aria-label="About Me" ${MARK}>Hi https://github.com/janedoe-art</textarea></div>
      <div class="control-group"><label class="control-label">Web Site</label><div class="controls"><input value="https://jane.example/" ${MARK}></div></div>
      <div class="control-group"><button type="button" id="save">Save Changes</button><span class="saved hidden" id="ok">Saved!</span></div></section>`;
    start();
    document.getElementById('save')!.click();
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['save_attempted']));
    expect(Object.keys((sent[0] as { fields: object }).fields)).toEqual(['label:About Me', 'label:Web Site']);
    document.querySelector('input')!.value = 'https://jane.example';
    document.getElementById('ok')!.classList.remove('hidden');
    await vi.waitFor(() => expect(sent.at(-1)).toMatchObject({ type: 'saved', kept: { 'label:About Me': 'Hi https://github.com/janedoe-art', 'label:Web Site': 'https://jane.example' } }));
  });

  it('a “saved” text already shown before the click, or a button that does not say save, is not a confirmed Save', async () => {
    document.body.innerHTML = appEditor('<span id="ok">Last saved 2 days ago</span>');
    start();
    document.getElementById('cancel')!.click();
    document.getElementById('save')!.click();
    await vi.waitFor(() => expect(sent.map((e) => e.type)).toEqual(['save_attempted']));
    document.getElementById('tw')!.setAttribute('class', 'changed');
    await new Promise((r) => setTimeout(r, 50));
    expect(sent.map((e) => e.type)).toEqual(['save_attempted']);
  });

  it('the editor again with the site’s error after a Save: not taken for a saved profile', async () => {
    document.body.innerHTML = '<p class="error">The field “Facebook” has invalid characters.</p><form><input name="twitter" value="janedoe_art"></form>';
    start({ journey: { saveAttemptAt: Date.now() - 2_000, filledFields: ['twitter'] } });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent).toEqual([{ type: 'problem', problem: 'save_not_seen' }]);
  });

  it('a hidden error template or a "saved" alert does not count as a refusal', async () => {
    document.body.innerHTML = '<div class="error" hidden>Invalid value</div><div role="alert">Profile saved successfully</div><form><input name="twitter" value="janedoe_art"></form>';
    start({ journey: { saveAttemptAt: Date.now() - 2_000, filledFields: ['twitter'] } });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ type: 'saved', via: 'reload' });
  });
});

describe('the editor part holding the link fields', () => {
  it('a tab whose label says social links; never a link to another page', () => {
    document.body.innerHTML = `<a href="/account/delete" role="tab">Social (delete)</a>
      <ul class="nav-tabs"><a href="#general">General</a><a href="#social" id="s">Social links</a></ul>`;
    expect(editorPartTarget(document, undefined)?.id).toBe('s');
  });

  it('the platform’s own part, by selector and text', () => {
    document.body.innerHTML = '<button class="tab">Profile</button><button class="tab" id="x">Networks &amp; more</button>';
    expect(editorPartTarget(document, { click: 'button.tab', text: /networks/i })?.id).toBe('x');
  });
});

describe('an answered editor part whose tab renders later (an SPA modal still loading)', () => {
  it.each([
    ['Ghost’s staff editor modal', '[data-testid="user-detail-modal"] [role=tab]', '<div data-testid="user-detail-modal"><button role="tab" id="p">Profile</button><button role="tab" id="s">Social Links</button></div>'],
    ['a settings page’s tab list', '.tabs button', '<div class="tabs"><button id="g">General</button><button id="s">Social networks</button></div>'],
  ])('%s: opened on a later pass of the same URL, once', async (_what, click, html) => {
    answer = { part: { click, text: ['social', 'i'] } };
    start();
    page.onFill('profile');
    await vi.waitFor(() => expect(sent.filter((e) => e.type === 'page')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 0));
    document.body.innerHTML = html;
    let clicks = 0;
    document.getElementById('s')!.addEventListener('click', () => clicks++);
    page.onFill('profile');
    page.onFill('profile');
    expect(clicks).toBe(1);
    // Still one page event: the same kind on the same URL is not told again.
    expect(sent.filter((e) => e.type === 'page')).toHaveLength(1);
  });
});

describe('the part is opened after the editor\'s visible fields are filled', () => {
  // Promise callbacks only (vi.waitFor would move the fake clock).
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  const html = '<div class="tabs"><button id="p">Profile</button><button id="s">Social Links</button></div><textarea name="bio"></textarea>';

  it('a first pass before the editor is drawn (a modal fading in) waits for the pass that fills its form', async () => {
    vi.useFakeTimers();
    try {
      answer = { part: { click: '.tabs button', text: ['social', 'i'] } };
      document.body.innerHTML = html;
      let clicks = 0;
      document.getElementById('s')!.addEventListener('click', () => clicks++);
      start();
      page.onFill('other');
      await settle();
      expect(sent.filter((e) => e.type === 'page')).toHaveLength(1);
      expect(clicks, 'not before the Profile tab was filled').toBe(0);
      page.onFill('profile');
      expect(clicks).toBe(1);
      vi.advanceTimersByTime(5_000);
      expect(clicks).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an editor whose first tab holds no profile form gets its part once the page has settled', async () => {
    vi.useFakeTimers();
    try {
      answer = { part: { click: '.tabs button', text: ['social', 'i'] } };
      document.body.innerHTML = html;
      let clicks = 0;
      document.getElementById('s')!.addEventListener('click', () => clicks++);
      start();
      page.onFill('other');
      await settle();
      expect(sent.filter((e) => e.type === 'page')).toHaveLength(1);
      vi.advanceTimersByTime(PART_SETTLE_MS - 1);
      expect(clicks).toBe(0);
      vi.advanceTimersByTime(1);
      expect(clicks).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a bio on the editor\'s first tab, waiting for its links tab (fill policy 4)', () => {
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  /** An ARIA tab list whose tabs select themselves when clicked, as Radix / Bootstrap tabs do. */
  function tabbedEditor() {
    document.body.innerHTML = `<div role="tablist" id="other"><button role="tab" aria-selected="true">Active</button></div>
      <div role="dialog"><div role="tablist"><button role="tab" id="p" aria-selected="true">Profile</button><button role="tab" id="s" aria-selected="false">Social Links</button></div>
      <textarea name="bio"></textarea></div>`;
    const clicks: string[] = [];
    for (const id of ['p', 's']) {
      document.getElementById(id)!.addEventListener('click', () => {
        clicks.push(id);
        for (const t of document.querySelectorAll('[role=dialog] [role=tab]')) t.setAttribute('aria-selected', String(t.id === id));
      });
    }
    return clicks;
  }

  it('once the links tab is shown and filled, the bio\'s tab is shown again, once', async () => {
    vi.useFakeTimers();
    try {
      answer = { part: { click: '[role=dialog] [role=tab]', text: ['social', 'i'] } };
      const clicks = tabbedEditor();
      start();
      page.onFill('profile', { bioWaits: true });
      await settle();
      expect(clicks).toEqual(['s']);
      page.onFill('profile', { bioWaits: false });
      vi.advanceTimersByTime(RETURN_DELAY_MS - 1);
      expect(clicks, 'the links are committed first').toEqual(['s']);
      vi.advanceTimersByTime(1);
      expect(clicks).toEqual(['s', 'p']);
      page.onFill('profile', { bioWaits: false });
      vi.advanceTimersByTime(RETURN_DELAY_MS * 2);
      expect(clicks).toEqual(['s', 'p']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without a waiting bio the links tab stays shown', async () => {
    vi.useFakeTimers();
    try {
      answer = { part: { click: '[role=dialog] [role=tab]', text: ['social', 'i'] } };
      const clicks = tabbedEditor();
      start();
      page.onFill('profile', { bioWaits: false });
      await settle();
      page.onFill('profile', { bioWaits: false });
      vi.advanceTimersByTime(RETURN_DELAY_MS * 2);
      expect(clicks).toEqual(['s']);
    } finally {
      vi.useRealTimers();
    }
  });
});
