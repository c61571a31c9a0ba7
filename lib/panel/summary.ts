import type { AutofillResult, FilledRole, NotFilledReason } from '../autofill';

/**
 * What the panel says about one fill pass, built from the engine's result but
 * with no text taken from the page (DESIGN "Security rules": a page must not
 * be able to make the panel say anything). Field labels are the page's words,
 * so a filled field is named by its role; values are the task's own data
 * (passwords and codes already masked by the engine).
 */
export interface PassSummary {
  page: AutofillResult['page'];
  filled: { role: FilledRole; value: string }[];
  /** Links and values that found no place, with why. */
  notPlaced: { value: string; reason: Exclude<NotFilledReason, 'already_present'> }[];
  /** Task links the page already holds: nothing to do, so not a problem. */
  present: string[];
  submitted: boolean;
}

export function summarise(result: AutofillResult): PassSummary {
  const notPlaced: PassSummary['notPlaced'] = [];
  const present: string[] = [];
  for (const n of result.notFilled) {
    if (n.reason === 'already_present') present.push(n.value);
    else notPlaced.push({ value: n.value, reason: n.reason });
  }
  return {
    page: result.page,
    filled: result.filled.map((f) => ({ role: f.role, value: f.value })),
    notPlaced,
    present,
    submitted: result.submitted,
  };
}
