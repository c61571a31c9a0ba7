export { collectFields, describeField, containerOf, type Field, type FieldEl, type FieldKind, type CollectOptions } from './fields';
export { analyzePage, detectPlatform, isEditable, groupContext, saysUsernameToken, isEmailOnly, isNewPassword, standardsSayCode, excludedCode, sentElsewhere, type PageAnalysis, type LoginTarget, type OtpTarget, type SlotTarget, type ProfileTargets } from './classify';
export { createVisibilityChecker, isPanelSeen, type VisibilityChecker } from './visibility';
export { normalizeText, makeBag, mergeBags, bagHas, kw, type Bag } from './text';
export { K } from './keywords';
export { editorPageBio } from './editor-bio';
