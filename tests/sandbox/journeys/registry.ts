/** The journey sites, one module per site, looked up by Host name. */
import type { JourneySite } from './kit';
import { phpbb } from './phpbb';

export const JOURNEY_SITES: readonly JourneySite[] = [phpbb];

const BY_HOST = new Map(JOURNEY_SITES.map((s) => [s.spec.host, s]));

/** The journey site served on this host (or its www. twin), if any. */
export function journeySite(host: string): JourneySite | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return BY_HOST.get(h) ?? BY_HOST.get(h.replace(/^www\./, ''));
}
