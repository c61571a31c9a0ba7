import { afterEach, describe, expect, it } from 'vitest';
import { writeSelect, writeText } from '../../../lib/autofill/fill';
import { $, closeAll, page } from './helpers';

afterEach(closeAll);

const SEQUENCE = ['focus', 'keydown', 'keypress', 'beforeinput', 'input', 'keyup', 'change', 'blur'];

describe('writeText', () => {
  it('dispatches the events typing and leaving the field would, in order', async () => {
    const { document: doc } = await page('<input id="a"><input id="b">');
    const a = $(doc, '#a');
    const seen: string[] = [];
    for (const t of SEQUENCE) a.addEventListener(t, (e) => seen.push(`${e.type}${e.type === 'input' ? `:${(e as InputEvent).inputType}` : ''}`));
    expect(writeText(a, 'hello')).toBe('ok');
    expect(a.value).toBe('hello');
    expect(seen).toEqual(['focus', 'keydown', 'keypress', 'beforeinput', 'input:insertText', 'keyup', 'change', 'blur']);
  });

  it('events bubble to the document (React and Vue listen at the root)', async () => {
    const { document: doc } = await page('<form><input id="a"></form>');
    const seen: string[] = [];
    for (const t of ['input', 'change', 'keydown', 'keyup']) doc.addEventListener(t, (e) => seen.push(e.type));
    writeText($(doc, '#a'), 'x');
    expect(seen).toEqual(['keydown', 'input', 'keyup', 'change']);
  });

  it('uses the prototype setter, so an instance-level value tracker (React) sees a change', async () => {
    const { document: doc } = await page('<input id="a" value="old">');
    const a = $(doc, '#a');
    let tracked = a.value;
    const proto = Object.getPrototypeOf(a);
    const desc = Object.getOwnPropertyDescriptor(proto, 'value')!;
    Object.defineProperty(a, 'value', {
      configurable: true,
      get() { return desc.get!.call(this); },
      set(v) { tracked = String(v); desc.set!.call(this, v); },
    });
    let sawChange = false;
    a.addEventListener('input', () => {
      sawChange = tracked !== a.value; // what React's tracker does on input
    });
    writeText(a, 'new');
    expect(a.value).toBe('new');
    expect(sawChange).toBe(true);
  });

  it('honours a page that cancels beforeinput (its own input constraint)', async () => {
    const { document: doc } = await page('<input id="a">');
    const a = $(doc, '#a');
    a.addEventListener('beforeinput', (e) => e.preventDefault());
    expect(writeText(a, 'nope')).toBe('refused');
    expect(a.value).toBe('');
  });

  it('works for textareas', async () => {
    const { document: doc } = await page('<textarea id="t">a</textarea>');
    const t = $<HTMLTextAreaElement>(doc, '#t');
    expect(writeText(t, 'a\nb')).toBe('ok');
    expect(t.value).toBe('a\nb');
  });
});

describe('writeSelect', () => {
  it('selects an option and fires input + change', async () => {
    const { document: doc } = await page('<select id="s"><option value="">-</option><option value="x">X</option></select>');
    const s = $<HTMLSelectElement>(doc, '#s');
    const seen: string[] = [];
    s.addEventListener('input', () => seen.push('input'));
    s.addEventListener('change', () => seen.push('change'));
    expect(writeSelect(s, 1)).toBe('ok');
    expect(s.value).toBe('x');
    expect(seen).toEqual(['input', 'change']);
  });
});
