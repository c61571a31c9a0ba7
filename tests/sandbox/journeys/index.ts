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
  const reply = site.handle(new SiteCtx(state, site, req));
  return reply.status === 404 ? (assetStub(req.url.pathname) ?? reply) : reply;
}

/**
 * The platforms' own stylesheets and scripts that the pages reference (as
 * the real ones do, e.g. prosilver's stylesheet.css, MyBB's general.js,
 * Moodle's theme/styles.php): empty, so pages load cleanly.
 */
function assetStub(pathname: string): Reply | undefined {
  if (/\.css$|\/theme\/styles\.php\//.test(pathname)) return { status: 200, text: '/* sandbox stub */', contentType: 'text/css; charset=utf-8' };
  if (/\.js$|\/lib\/javascript\.php\//.test(pathname)) return { status: 200, text: '/* sandbox stub */', contentType: 'application/javascript; charset=utf-8' };
  return undefined;
}

/** The spec of the site on `host` (throws when there is none: a test typo). */
export function journeySpec(host: string): JourneySpec {
  const site = journeySite(host);
  if (!site) throw new Error(`no journey site on ${host}`);
  return site.spec;
}

export const JOURNEY_HOSTS: readonly string[] = JOURNEY_SITES.map((s) => s.spec.host);

export type { SandboxTask };
