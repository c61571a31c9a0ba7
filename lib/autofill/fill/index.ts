export { writeText, writeSelect, appendEditable, editableText, setNativeValue, submitForm, isOurDispatch, replayCommits, type WriteOutcome } from './events';
export { valueForLink, prefersHandle, wantsAt, patternAccepts, appendLines, type LinkValue } from './values';
export { markFilled, unmarkFilled, MARK_ATTR } from './mark';
