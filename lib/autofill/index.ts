/**
 * The autofill engine: detection (lib/autofill/detect) + fill (lib/autofill/fill).
 * Public entry for the content script.
 */
export { autofillDocument, undoAutofill, type AutofillResult, type FilledField, type FilledRole, type NotFilledReason } from './engine';
export { observeAutofill } from './observe';
