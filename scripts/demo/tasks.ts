/**
 * The demo's tasks: the sandbox's demo seed and one account per journey
 * site, with the sandbox's port in each domain (`demo-social.test:8787`).
 *
 * Why the port: the sandbox serves the sites on plain http at its own port.
 * The extension opens a task's domain over https first and falls back to
 * plain http, keeping the port the domain names; a bare `demo-social.test`
 * would go to port 443/80, where nothing listens. The e2e seed itself stays
 * as it is (tests call `siteUrl()` with the port).
 */
import { JOURNEY_HOSTS, journeySpec, journeyTasks } from '../../tests/sandbox/journeys';
import { seedTasks, type SandboxTask } from '../../tests/sandbox/server';

/** A task domain as the demo hands it out: the host with the sandbox's port. */
export function demoDomain(host: string, port: number): string {
  return `${host}:${port}`;
}

/** The host part of a demo task's domain. */
export function hostOf(domain: string): string {
  return domain.replace(/:\d+$/, '');
}

/**
 * The order *Get task* hands them out (oldest first): the plain demo site
 * first (login, 2FA, editor on one simple site), then a whole journey on
 * each platform-like site, then the rest of the demo seed.
 */
export function demoTasks(port: number): SandboxTask[] {
  const seed = seedTasks();
  const first = seed.filter((t) => t.domain === 'demo-social.test' && t.status === 'connect');
  const rest = seed.filter((t) => !first.includes(t));
  return [...first, ...journeyTasks(), ...rest].map((t) => ({ ...t, domain: demoDomain(String(t.domain), port) }));
}

export interface DemoSite {
  host: string;
  /** Where to sign in on it (a journey site's own login path, else the demo site's /login). */
  loginUrl: string;
  kind: 'demo' | 'journey';
}

/** One entry per host the demo's `connect` tasks use, in *Get task* order. */
export function demoSites(tasks: readonly SandboxTask[], port: number): DemoSite[] {
  const seen = new Set<string>();
  const sites: DemoSite[] = [];
  for (const t of tasks) {
    if (t.status !== 'connect') continue;
    const host = hostOf(String(t.domain));
    if (seen.has(host)) continue;
    seen.add(host);
    const journey = JOURNEY_HOSTS.includes(host);
    const path = journey ? journeySpec(host).loginPath : '/login';
    sites.push({ host, loginUrl: `http://${host}:${port}${path}`, kind: journey ? 'journey' : 'demo' });
  }
  return sites;
}
