/**
 * Journey sites: multi-page sandbox sites modelled on real platforms, for
 * end-to-end tests of the task journey (open → log in → profile editor →
 * fill → save → public profile). Each module exports a `JourneySite` with a
 * machine-readable `spec`; see tests/sandbox/README.md ("Journey sites").
 */
import { html, type Reply } from '../http';
import type { SandboxState } from '../state';
import type { SandboxTask } from '../types';
import { SiteCtx, type JourneyRequest, type JourneySpec } from './kit';
import { JOURNEY_SITES, journeySite } from './registry';

export { JOURNEY_SITES, journeySite } from './registry';
export type { Fields, JourneySpec, JourneySite, JourneyUser, LinkField } from './kit';
export { journeyTasks, JOURNEY_TASK_IDS } from './tasks';

export function handleJourney(state: SandboxState, req: JourneyRequest): Reply {
  const site = journeySite(req.host);
  if (!site) return html(404, '<!doctype html><title>Not found</title><h1>Not found</h1>');
  return site.handle(new SiteCtx(state, site, req));
}

/** The spec of the site on `host` (throws when there is none: a test typo). */
export function journeySpec(host: string): JourneySpec {
  const site = journeySite(host);
  if (!site) throw new Error(`no journey site on ${host}`);
  return site.spec;
}

export const JOURNEY_HOSTS: readonly string[] = JOURNEY_SITES.map((s) => s.spec.host);

export type { SandboxTask };
