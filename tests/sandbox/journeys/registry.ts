/** The journey sites, one module per site, looked up by Host name. */
import { buddypress } from './buddypress';
import { custom } from './custom';
import { discourse } from './discourse';
import { drupal } from './drupal';
import { gitea } from './gitea';
import { humhub } from './humhub';
import type { JourneySite } from './kit';
import { mastodon } from './mastodon';
import { moodle } from './moodle';
import { mybb } from './mybb';
import { partial } from './partial';
import { phpbb } from './phpbb';
import { rewriter } from './rewriter';
import { vietnamese } from './vietnamese';

/** In the order of the brief: phpBB, Discourse, MyBB, Mastodon, Gitea, tabbed, custom, Vietnamese, rewriter, partial, BuddyPress, Drupal; then Moodle (an accordion editor). */
export const JOURNEY_SITES: readonly JourneySite[] = [phpbb, discourse, mybb, mastodon, gitea, humhub, custom, vietnamese, rewriter, partial, buddypress, drupal, moodle];

const BY_HOST = new Map(JOURNEY_SITES.map((s) => [s.spec.host, s]));

/** The journey site served on this host (or its www. twin), if any. */
export function journeySite(host: string): JourneySite | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return BY_HOST.get(h) ?? BY_HOST.get(h.replace(/^www\./, ''));
}
