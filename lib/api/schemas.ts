import { z } from 'zod';
import { FAIL_REASON_MAX, isSafeTaskId, NOTE_MAX } from '../rules';

/** Optional text field: the API sends strings, but null / missing / numbers are tolerated. */
const text = z
  .union([z.string(), z.number(), z.null(), z.undefined()])
  .transform((v) => (v == null ? '' : String(v)));

/**
 * `entity_connect` is documented as an array of URLs. Anything that is not a
 * string is dropped here; URL safety is judged later (lib/links).
 */
const linkList = z
  .union([z.array(z.unknown()), z.null(), z.undefined()])
  .transform((v) => (v ?? []).filter((x): x is string => typeof x === 'string'));

/** One task as the API returns it. Unknown fields are kept (phase-1 profile fields). */
export const TaskSchema = z.looseObject({
  // Refused here, before it can reach a URL path (`..`, `/`, `%2f`): the task is skipped as malformed.
  id: z.union([z.string().min(1), z.number()]).transform(String).refine(isSafeTaskId, 'unusable task id'),
  request_id: text.optional(),
  domain: z.string().trim().min(1),
  website: text.optional(),
  email: text.optional(),
  username: text.optional(),
  password: text.optional(),
  pass_mail: text.optional(),
  twofa: text.optional(),
  app_password: text.optional(),
  status: z.string().optional(),
  link_profile: text.optional(),
  entity_connect: linkList.optional(),
});
export type Task = z.output<typeof TaskSchema>;

export const SuccessEnvelope = z.looseObject({ success: z.literal(true), data: z.unknown() });
export const ErrorEnvelope = z.looseObject({
  success: z.literal(false),
  message: z.string().optional(),
  current_status: z.string().optional(),
  expected: z.string().optional(),
});

/**
 * The list is an array; one malformed task in it (no id, no domain) is left
 * out rather than hiding every good task behind an error. A list in which no
 * task is usable is an invalid answer, not "no work".
 */
export const TaskListSchema = z.array(z.unknown()).transform((items, ctx) => {
  const tasks = items.flatMap((item) => {
    const r = TaskSchema.safeParse(item);
    return r.success ? [r.data] : [];
  });
  if (items.length > 0 && tasks.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'no usable task in the list' });
    return z.NEVER;
  }
  return tasks;
});

export const CompleteBodySchema = z.object({
  link_post: z.string().url().optional(),
  link_profile: z.string().url().optional(),
  note: z.string().max(NOTE_MAX).optional(),
});
export type CompleteBody = z.infer<typeof CompleteBodySchema>;

export const FailBodySchema = z.object({
  error_message: z.string().trim().min(1).max(FAIL_REASON_MAX),
  note: z.string().max(NOTE_MAX).optional(),
});
export type FailBody = z.infer<typeof FailBodySchema>;
