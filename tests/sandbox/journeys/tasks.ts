/**
 * One demo account per journey site (a `connect` task whose `domain` is the
 * site's host). Not part of the default seed: pass them to the sandbox,
 * e.g. `startSandbox({ tasks: [...seedTasks(), ...journeyTasks()] })`, or
 * run the CLI with `--journeys`.
 */
import type { SandboxTask } from '../types';

const REQUEST = 'f0e1d2c3-b4a5-4789-8abc-def1234567aa';

const LINKS = [
  'https://twitter.com/lumenbakery',
  'https://www.facebook.com/lumenbakery',
  'https://www.youtube.com/@lumenbakery',
  'https://www.linkedin.com/company/lumen-bakery',
  'https://www.instagram.com/lumen.bakery/',
  'https://github.com/lumenbakery',
  'https://demo-blog.test/u/lumenbakery',
  'https://www.pinterest.com/lumenbakery/',
];

type Row = [key: string, host: string, username: string, password: string, twofa: string];

const ROWS: Row[] = [
  ['phpbb', 'phpbb-forum.test', 'lumen_baker', 'Pb!Lumen-3301', ''],
  ['discourse', 'discourse-community.test', 'lumenbakery', 'Dc!Lumen-3302', 'JBSWY3DPEHPK3PXP'],
  ['mybb', 'mybb-board.test', 'LumenBakery', 'Mb!Lumen-3303', ''],
  ['mastodon', 'mastodon-social.test', 'lumenbakery', 'Md!Lumen-3304', 'jbsw y3dp ehpk 3pxp'],
  ['gitea', 'gitea-code.test', 'lumen-bakery', 'Gt!Lumen-3305', 'JBSWY3DPEHPK3PXP'],
  ['humhub', 'humhub-network.test', 'lumenbakery', 'Hh!Lumen-3306', ''],
  ['custom', 'makers-guild.test', 'lumen.bakery', 'Mg!Lumen-3307', ''],
  ['vietnamese', 'congdong-viet.test', 'tiembanhlumen', 'Vn!Lumen-3308', 'JBSWY3DPEHPK3PXP'],
  ['rewriter', 'tidy-links.test', 'lumenbakery', 'Tl!Lumen-3309', ''],
  ['partial', 'showcase-cards.test', 'lumenbakery', 'Sc!Lumen-3310', ''],
  ['buddypress', 'wp-buddypress.test', 'lumenbakery', 'Bp!Lumen-3311', ''],
  ['drupal', 'drupal-portal.test', 'lumenbakery', 'Dr!Lumen-3312', ''],
  ['moodle', 'moodle-campus.test', 'lumenbakery', 'Mo!Lumen-3313', ''],
];

/** Fixed task ids, by site key: `JOURNEY_TASK_IDS.phpbb`. */
export const JOURNEY_TASK_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  ROWS.map(([key], i) => [key, `5a17e000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`]),
);

export function journeyTasks(): SandboxTask[] {
  return ROWS.map(([key, host, username, password, twofa]) => ({
    id: JOURNEY_TASK_IDS[key]!,
    request_id: REQUEST,
    domain: host,
    website: 'https://lumenbakery.example',
    email: `${username.replace(/[^a-z0-9]/gi, '').toLowerCase()}.seo@gmail.com`,
    username,
    password,
    pass_mail: 'GmailPass!91',
    twofa,
    app_password: '',
    entity_connect: [...LINKS],
    status: 'connect',
  }));
}
