/**
 * The autofill engine: detection (lib/autofill/detect) + fill (lib/autofill/fill).
 * Public entry for the content script.
 */
export { autofillDocument, undoAutofill, type AutofillResult, type FilledField, type FilledRole, type NotFilledReason } from './engine';
export { observeAutofill } from './observe';
/** For the journey: our own dispatches are not the worker's edits; written fields carry this mark. */
export { isOurDispatch } from './fill/events';
export { MARK_ATTR } from './fill/mark';
/** For the panel: no action on a click the worker could not see the panel for (issue 12). */
export { isPanelSeen } from './detect';
