import { describe, expect, it } from 'vitest';
import {
  contentFromHtml,
  journeySummary,
  linksVisible,
  NEW_JOURNEY,
  reduceJourney,
  sameUrl,
  type Journey,
  type JourneyEvent,
} from '../../../lib/journey';

const auto = { auto: true, now: 1_000 };
const manual = { auto: false, now: 1_000 };
const page = (over: Partial<Extract<JourneyEvent, { type: 'page' }>> = {}): JourneyEvent => ({
  type: 'page',
  url: 'https://forum.test/',
  signedIn: false,
  loginForm: false,
  editorForm: false,
  ...over,
});
const run = (events: JourneyEvent[], opts = auto, start: Journey = NEW_JOURNEY) => {
  let j = start;
  const actions: unknown[] = [];
  for (const e of events) {
    const r = reduceJourney(j, e, opts);
    j = r.journey;
    actions.push(...r.actions);
  }
  return { j, actions };
};

describe('journey moves (automatic mode; each at most once per task)', () => {
  it('a signed-out home page with a known login page: go to the login page, once', () => {
    const { j, actions } = run([page({ loginUrl: 'https://forum.test/login' }), page({ loginUrl: 'https://forum.test/login' })]);
    expect(actions).toEqual([{ type: 'navigate', url: 'https://forum.test/login', why: 'login' }]);
    expect(j.autoMoved).toEqual(['login']);
  });

  it('a login lands on a signed-in page: to the editor, once; the editor page needs no move', () => {
    const { j, actions } = run([
      page({ url: 'https://forum.test/login', loginForm: true }),
      { type: 'login_submitted', url: 'https://forum.test/login' },
      page({ url: 'https://forum.test/', signedIn: true, editorUrl: 'https://forum.test/settings/profile' }),
      page({ url: 'https://forum.test/settings/profile', signedIn: true, editorForm: true }),
      page({ url: 'https://forum.test/', signedIn: true }),
    ]);
    expect(actions).toEqual([{ type: 'navigate', url: 'https://forum.test/settings/profile', why: 'editor' }]);
    expect(j.stage).toBe('editor');
    expect(j.editorUrl).toBe('https://forum.test/settings/profile');
  });

  it('manual mode records what it learns but never moves', () => {
    const { j, actions } = run(
      [page({ loginUrl: 'https://forum.test/login' }), page({ url: 'https://forum.test/home', signedIn: true, editorUrl: 'https://forum.test/me/edit' })],
      manual,
    );
    expect(actions).toEqual([]);
    expect(j.editorUrl).toBe('https://forum.test/me/edit'); // the popup's go-profile-editor still works
  });

  it('signed in and no editor found: said, not blocking; found later, the problem goes', () => {
    let { j } = run([page({ signedIn: true })]);
    expect(j.problems).toEqual(['no_editor']);
    ({ j } = run([page({ url: 'https://forum.test/account', signedIn: true, editorForm: true })], auto, j));
    expect(j.problems).toEqual([]);
    expect(j.editorUrl).toBe('https://forum.test/account');
  });
});

describe('save read-back and the public profile', () => {
  const filled: JourneyEvent = {
    type: 'filled',
    url: 'https://forum.test/settings/profile',
    fields: {
      twitter: { value: 'janedoe_art', links: ['https://twitter.com/janedoe_art'] },
      website: { value: 'https://jane.example.com', links: [] },
      bio: { value: 'Hi\nhttps://github.com/janedoe-art\nhttps://www.youtube.com/@JaneDoeArt', links: ['https://github.com/janedoe-art', 'https://www.youtube.com/@JaneDoeArt'] },
    },
  };

  it('what the site kept, rewrote or emptied; then the public profile is checked', () => {
    const { j, actions } = run([
      page({ url: 'https://forum.test/settings/profile', signedIn: true, editorForm: true, publicUrl: 'https://forum.test/u/jane' }),
      filled,
      { type: 'saved', url: 'https://forum.test/settings/profile', via: 'reload', kept: { twitter: 'janedoe_art', website: 'jane.example.com', bio: 'Hi\nhttps://github.com/janedoe-art' } },
    ]);
    expect(j.stage).toBe('saved');
    expect(j.saved!.values.filter((v) => v.kept !== v.filled).map((v) => v.field)).toEqual(['website', 'bio']);
    expect(actions).toEqual([{ type: 'check_public', url: 'https://forum.test/u/jane' }]);
    const links = ['https://twitter.com/janedoe_art', 'https://github.com/janedoe-art', 'https://www.youtube.com/@JaneDoeArt', 'https://www.linkedin.com/in/jane-doe-art/'];
    expect(journeySummary(j, links)).toBe('2/4 links saved; the site changed 2 fields');
    const checked = run(
      [{ type: 'public_checked', url: 'https://forum.test/u/jane', visible: links.slice(0, 2), missing: links.slice(2) }],
      auto,
      j,
    ).j;
    expect(checked.stage).toBe('checked');
    expect(journeySummary(checked, links)).toBe(
      '2/4 links saved; the site changed 2 fields; 2/4 visible on the public profile; not shown: youtube.com/@JaneDoeArt, linkedin.com/in/jane-doe-art',
    );
  });

  it('a save nobody saw: "filled", never "saved"', () => {
    const { j } = run([filled]);
    expect(journeySummary(j, ['https://twitter.com/janedoe_art', 'https://github.com/janedoe-art', 'https://vimeo.com/jane'])).toBe('2/3 links filled; save not confirmed');
  });

  it('saved where no public profile is known: the problem is said and no check is asked', () => {
    const { j, actions } = run([filled, { type: 'saved', url: 'https://forum.test/settings/profile', via: 'message', kept: { twitter: '', bio: '' } }]);
    expect(actions).toEqual([]);
    expect(j.problems).toEqual(['no_public_profile']);
    // twitter and bio emptied by the site; the website field was not shown again, so taken as kept
    expect(journeySummary(j, ['https://twitter.com/janedoe_art', 'https://github.com/janedoe-art'])).toBe('0/2 links saved; the site changed 2 fields');
  });
});

describe('public profile: links visible as links or as text', () => {
  it('counts hrefs and text on the normalised link, from raw HTML', () => {
    const html = `<html><head><script>var x = "https://www.linkedin.com/in/jane-doe-art";</script></head><body>
      <a href="https://X.com/JaneDoe_Art/">X</a> <a href="/u/jane">me</a>
      <p>Find me on github.com/janedoe-art &amp; elsewhere</p></body></html>`;
    const content = contentFromHtml(html, 'https://forum.test/u/jane');
    expect(content.hrefs).toContain('https://forum.test/u/jane');
    expect(linksVisible(content, ['https://x.com/janedoe_art', 'https://github.com/janedoe-art', 'https://www.linkedin.com/in/jane-doe-art/'])).toEqual({
      visible: ['https://x.com/janedoe_art', 'https://github.com/janedoe-art'],
      missing: ['https://www.linkedin.com/in/jane-doe-art/'], // only inside a script: not shown to anyone
    });
  });

  it('same page ignores the fragment and a trailing slash', () => {
    expect(sameUrl('https://a.test/x/#top', 'https://a.test/x')).toBe(true);
    expect(sameUrl('https://a.test/x?y=1', 'https://a.test/x')).toBe(false);
  });

  it('same page tells hash routes apart (#/…, #!/…): a hash-routed admin\'s dashboard is not its editor', () => {
    expect(sameUrl('https://a.test/ghost/#/dashboard', 'https://a.test/ghost/#/settings/staff/linh')).toBe(false);
    expect(sameUrl('https://a.test/ghost/#/settings/staff/linh/', 'https://a.test/ghost/#/settings/staff/linh')).toBe(true);
    expect(sameUrl('https://a.test/app/#!/profile', 'https://a.test/app/#!/home')).toBe(false);
    expect(sameUrl('https://a.test/app/#!/profile', 'https://a.test/app/#/profile')).toBe(true);
    // A plain anchor is still the same page.
    expect(sameUrl('https://a.test/profile#links', 'https://a.test/profile#top')).toBe(true);
  });
});
