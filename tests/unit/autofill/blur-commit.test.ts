/**
 * DESIGN "Fill policy", events: sites "that only commit a field on blur" see
 * every value. A pass writes its fields in one go; a framework that commits a
 * field on blur into a form object built from its last render (React's
 * `onBlur → setForm({...form, x})`, rendered in a microtask) loses that commit
 * to the next field's handler, which still holds the older object (Ghost's
 * staff editor). After the pass each written field gets its blur again, one
 * per task (lib/autofill/fill/events.ts replayCommits).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from '../../../lib/autofill';
import { $, closeAll, data, page } from './helpers';

afterEach(closeAll);

/**
 * A small model of a React form: `state` is committed by replacing it with an
 * object built from `rendered` (the last render's snapshot), and the page renders
 * (rendered = state) in a microtask, as React 18 does after a discrete event.
 * `commit` says per field id which event commits it.
 */
function reactForm(doc: Document, commit: Record<string, 'blur' | 'input'>) {
  let state: Record<string, string> = {};
  let rendered = state;
  let scheduled = false;
  const set = (next: Record<string, string>) => {
    state = next;
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        rendered = state;
      });
    }
  };
  for (const [id, on] of Object.entries(commit)) {
    const el = $(doc, `#${id}`);
    el.addEventListener(on === 'blur' ? 'focusout' : 'input', () => set({ ...rendered, [id]: el.value }));
  }
  return { get state() { return state; } };
}

const settle = () => new Promise((r) => setTimeout(r, 50));
const LINKS = ['https://x.com/linhroasts', 'https://www.facebook.com/linhtrancoffee', 'https://www.linkedin.com/in/linh-tran-coffee'];

const FORMS: { what: string; html: string; commit: Record<string, 'blur' | 'input'>; want: Record<string, string> }[] = [
  {
    what: 'Ghost’s Social Links: platform fields commit on blur, Website on change (written after them)',
    html: '<form><label for="x">X</label><input id="x" placeholder="https://x.com/username"><label for="f">Facebook</label><input id="f" placeholder="https://www.facebook.com/username"><label for="w">Website</label><input id="w" placeholder="https://example.com"></form>',
    commit: { x: 'blur', f: 'blur', w: 'input' },
    want: { x: LINKS[0]!, f: LINKS[1]!, w: 'https://linh-coffee.example/' },
  },
  {
    what: 'a bio that commits on change after a LinkedIn field that commits on blur (one-group editors)',
    html: '<form><label for="l">LinkedIn profile</label><input id="l"><label for="b">Bio</label><textarea id="b">Roaster.</textarea></form>',
    commit: { l: 'blur', b: 'input' },
    want: { l: LINKS[2]!, b: `Roaster.\n${LINKS[0]}\n${LINKS[1]}` },
  },
  {
    what: 'every field commits on blur (Angular updateOn: blur, Vue v-model.lazy)',
    html: '<form><label for="x">Twitter</label><input id="x"><label for="f">Facebook URL</label><input id="f"><label for="l">LinkedIn</label><input id="l"></form>',
    commit: { x: 'blur', f: 'blur', l: 'blur' },
    want: { x: LINKS[0]!, f: LINKS[1]!, l: LINKS[2]! },
  },
];

describe('blur commits survive the next field’s handler', () => {
  it.each(FORMS)('$what', async ({ html, commit, want }) => {
    const { document: doc } = await page(html);
    const form = reactForm(doc, commit);
    autofillDocument(doc, data({ links: LINKS, website: 'https://linh-coffee.example/' }));
    await settle();
    expect(form.state).toEqual(want);
  });

  it('a field the worker changed meanwhile gets no replayed blur; the result of the pass is unchanged', async () => {
    const { document: doc } = await page(FORMS[0]!.html);
    let blurs = 0;
    $(doc, '#x').addEventListener('focusout', () => blurs++);
    const r = autofillDocument(doc, data({ links: LINKS, website: 'https://linh-coffee.example/' }));
    expect(r.filled.map((f) => f.role)).toEqual(['platform', 'platform', 'website']);
    $(doc, '#x').value = 'https://x.com/someone-else';
    await settle();
    expect(blurs).toBe(1);
  });

  it('no replay on a login page (a secret is never blurred again, the form may be gone)', async () => {
    const { document: doc } = await page('<form><label for="u">Username</label><input id="u" autocomplete="username"><label for="p">Password</label><input id="p" type="password" autocomplete="current-password"><button>Sign in</button></form>', 'https://demo-social.test/login');
    let blurs = 0;
    for (const id of ['u', 'p']) $(doc, `#${id}`).addEventListener('focusout', () => blurs++);
    autofillDocument(doc, data());
    await settle();
    expect(blurs).toBe(2);
  });
});
