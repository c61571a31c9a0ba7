export { writeText, writeSelect, setNativeValue, submitForm, isOurDispatch, type WriteOutcome } from './events';
export { valueForLink, prefersHandle, wantsAt, patternAccepts, appendLines, type LinkValue } from './values';
export { markFilled, unmarkFilled, MARK_ATTR } from './mark';
