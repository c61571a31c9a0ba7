export { NEW_JOURNEY, type Journey, type JourneyAction, type JourneyEvent, type JourneyProblem, type JourneyStage, type PublicCheck, type SavedValue, type FilledValue, type JourneyAnswer, type WirePart } from './types';
export { reduceJourney, sameUrl, type ReduceOptions } from './reduce';
export { journeySummary, keptLinks, changedFields, shortLink } from './summary';
export { linksVisible, contentFromHtml, contentFromDocument, contentFromJson, isAppShell, type PageContent } from './public-check';
export { startJourneyPage, editorPartTarget, fieldKey, SAVE_WINDOW_MS, type Discovery, type JourneyPage, type JourneyPageDeps, type JourneyView, type PageKind, type FillPass } from './page';
export { showsSignedIn } from './discover';
