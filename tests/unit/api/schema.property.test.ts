import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskSchema } from '../../../lib/api';

const TEXT_FIELDS = ['request_id', 'website', 'email', 'username', 'password', 'pass_mail', 'twofa', 'app_password', 'link_profile'] as const;

/** Whatever parses must be safe to use as a Task: strings where strings are promised. */
function assertTaskShape(task: Record<string, unknown>): void {
  expect(typeof task.id).toBe('string');
  expect((task.id as string).length).toBeGreaterThan(0);
  expect(typeof task.domain).toBe('string');
  expect((task.domain as string).trim()).not.toBe('');
  for (const k of TEXT_FIELDS) {
    if (task[k] !== undefined) expect(typeof task[k]).toBe('string');
  }
  if (task.status !== undefined) expect(typeof task.status).toBe('string');
  if (task.entity_connect !== undefined) {
    expect(Array.isArray(task.entity_connect)).toBe(true);
    for (const u of task.entity_connect as unknown[]) expect(typeof u).toBe('string');
  }
}

/** Objects shaped like tasks, each known field holding any JSON value (or absent). */
const taskLike = fc.record(
  {
    id: fc.oneof(fc.uuid(), fc.string(), fc.integer(), fc.jsonValue()),
    domain: fc.oneof(fc.domain(), fc.string(), fc.jsonValue()),
    request_id: fc.jsonValue(),
    website: fc.oneof(fc.webUrl(), fc.jsonValue()),
    email: fc.oneof(fc.emailAddress(), fc.jsonValue()),
    username: fc.jsonValue(),
    password: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    pass_mail: fc.jsonValue(),
    twofa: fc.oneof(fc.constant('JBSWY3DPEHPK3PXP'), fc.jsonValue()),
    app_password: fc.jsonValue(),
    status: fc.oneof(fc.constantFrom('connect', 'connecting', 'register'), fc.jsonValue()),
    link_profile: fc.jsonValue(),
    entity_connect: fc.oneof(fc.array(fc.oneof(fc.webUrl(), fc.jsonValue())), fc.constant(null), fc.jsonValue()),
    // unknown phase-1 fields
    first_name: fc.jsonValue(),
    about: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe('TaskSchema on arbitrary input', () => {
  it('never throws on any JSON value; what parses has the promised types', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), taskLike, fc.json().map((s) => JSON.parse(s) as unknown)), (value) => {
        const r = TaskSchema.safeParse(value);
        if (r.success) assertTaskShape(r.data);
        else expect(r.error).toBeDefined();
      }),
      { numRuns: 1500 },
    );
  });

  it('a task with a usable id and domain always parses, keeping only string links in order', () => {
    fc.assert(
      fc.property(
        taskLike,
        fc.uuid(),
        fc.domain(),
        fc.array(fc.oneof(fc.webUrl(), fc.jsonValue()), { maxLength: 160 }),
        (rest, id, domain, links) => {
          // Known text fields the API could plausibly send: strings, numbers, null.
          const plain = Object.fromEntries(
            Object.entries(rest).filter(([k, v]) => !(TEXT_FIELDS as readonly string[]).includes(k) || v === null || ['string', 'number'].includes(typeof v)),
          );
          if (typeof plain.status !== 'string') delete plain.status;
          const r = TaskSchema.safeParse({ ...plain, id, domain, entity_connect: links });
          expect(r.success).toBe(true);
          if (!r.success) return;
          assertTaskShape(r.data);
          expect(r.data.entity_connect).toEqual(links.filter((l) => typeof l === 'string'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a numeric id becomes a string; null text fields become empty strings', () => {
    const r = TaskSchema.parse({ id: 42, domain: 'a.test', email: null, password: 1234, entity_connect: null });
    expect(r).toMatchObject({ id: '42', email: '', password: '1234', entity_connect: [] });
  });
});
