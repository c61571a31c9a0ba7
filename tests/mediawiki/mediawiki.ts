/**
 * A real MediaWiki (Debian's `mediawiki` package, 1.39, sqlite backend) for
 * the end-to-end tests, private to the calling process: installed by
 * MediaWiki's own installer into a temp dir, served by a private Apache +
 * mod_php on 127.0.0.1:<port> under a made-up host name that the browser maps
 * to loopback (`--host-resolver-rules=MAP * 127.0.0.1`).
 *
 * Everything the instance writes (sqlite files, LocalSettings.php, caches,
 * logs, Apache's pid and config) lives in that one dir, removed on stop(), or
 * by a watchdog if this process dies first. Debian's /etc/mediawiki is not
 * touched: Apache's `SetEnv MW_CONFIG_FILE` points MediaWiki at the
 * instance's own LocalSettings.php.
 *
 * Needs `bash tests/mediawiki/setup.sh` once (as root). A start (install,
 * seed, Apache) takes a few seconds, so there is no template cache.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IS_ROOT, freePort, httpStatus, run, startWatchdog, systemUser, tail, track, untilReady, waitFor, type Proc } from '../local-apps/processes';

export interface MediaWikiUser {
  /** The wiki user name (what Special:UserLogin asks for). */
  name: string;
  password: string;
  email: string;
}

export interface MediaWikiPage {
  exists: boolean;
  /** The latest revision's wikitext (MediaWiki trims trailing whitespace on save). */
  text?: string;
  revisions?: number;
  /** The latest revision's edit summary. */
  lastComment?: string;
  lastUser?: string | null;
  lastMinor?: boolean;
}

export interface MediaWikiInstance {
  /** `http://<host>:<port>` (= $wgServer); scripts at the root: /index.php, /api.php. */
  origin: string;
  host: string;
  port: number;
  user: MediaWikiUser;
  /** `User:<name>`, the fixture user's own page (seeded with USER_PAGE_TEXT). */
  userPageTitle: string;
  /** The page as saved in MediaWiki's database (read through MediaWiki's services). */
  readPage(title: string): Promise<MediaWikiPage>;
  /** Whether `password` is the fixture user's current password. */
  checkPassword(password: string): Promise<boolean>;
  stop(): Promise<void>;
}

export interface StartMediaWikiOptions {
  /** Made-up host name, e.g. 'wiki-e2e.test'. */
  host: string;
  /** Loopback port; a free one when omitted. */
  port?: number;
}

/** The user page as the fixture leaves it: a short bio that already holds one of the entity links. */
export const USER_PAGE_TEXT = [
  "'''Linh Trần''' rang xay cà phê ở Đà Nẵng. Coffee roaster and writer.",
  '',
  '== About me ==',
  '* Roasting since 2015, mostly single-origin Robusta.',
  '* On [https://www.facebook.com/linhtrancoffee Facebook] for the shop news.',
  '',
  '[[Category:Coffee roasters]]',
].join('\n');
/** The entity link the fixture's user page already holds. */
export const LINK_ALREADY_ON_PAGE = 'https://www.facebook.com/linhtrancoffee';

// Known to the tests by design; only ever valid on this private instance.
const FIXTURE_USER: MediaWikiUser = { name: 'Linh Tran', password: 'Sóng-Biển-e2e-2024!', email: 'linh@wiki-e2e.test' };

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI_PHP = path.join(HERE, 'php', 'mw-e2e-cli.php');

// Debian's layout: the web root /var/lib/mediawiki links into /usr/share/mediawiki.
const MW_WEB_ROOT = '/var/lib/mediawiki';
const MW_ROOT = '/usr/share/mediawiki';
const PHP = '/usr/bin/php';
const APACHE = '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';
const START_TIMEOUT_MS = 30_000;

export async function startMediaWiki(opts: StartMediaWikiOptions): Promise<MediaWikiInstance> {
  const host = opts.host.toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw new Error(`startMediaWiki: bad host name ${JSON.stringify(opts.host)}`);
  checkPrerequisites();

  const dir = await makeInstanceDir('mediawiki-e2e-');
  const procs: Proc[] = [];
  const watchdog = startWatchdog('mediawiki-e2e-watchdog', dir, () => procs.map((p) => p.pid));
  const onExit = () => {
    for (const p of procs) p.killNow();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const cleanup = async () => {
    process.removeListener('exit', onExit);
    for (const p of procs.reverse()) await p.stop();
    await fs.rm(dir, { recursive: true, force: true });
    watchdog.cancel();
  };

  try {
    let port = opts.port ?? (await freePort());
    await install(dir, `http://${host}:${port}`);
    await writeLocalSettings(dir, `http://${host}:${port}`);
    await cli(dir, 'seed', {
      name: FIXTURE_USER.name,
      password: FIXTURE_USER.password,
      email: FIXTURE_USER.email,
      pageTitle: `User:${FIXTURE_USER.name}`,
      pageText: USER_PAGE_TEXT,
      pageSummary: 'About me',
    });

    // A port picked as free may be taken before Apache binds it: try another.
    for (let attempt = 1; ; attempt++) {
      try {
        procs.push(await startApache(dir, host, port));
        watchdog.update();
        break;
      } catch (err) {
        if (opts.port !== undefined || attempt >= 3 || !String(err).includes('Address already in use')) throw err;
        port = await freePort();
        await writeLocalSettings(dir, `http://${host}:${port}`);
      }
    }

    let stopped: Promise<void> | null = null;
    return {
      origin: `http://${host}:${port}`,
      host,
      port,
      user: { ...FIXTURE_USER },
      userPageTitle: `User:${FIXTURE_USER.name}`,
      readPage: async (title) => (await cli(dir, 'read-page', { title })) as MediaWikiPage,
      checkPassword: async (password) => ((await cli(dir, 'check-password', { name: FIXTURE_USER.name, password })) as { ok: boolean }).ok,
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

// ---------------------------------------------------------------- set-up ---

function checkPrerequisites(): void {
  const hint = 'run `sudo bash tests/mediawiki/setup.sh` first';
  for (const file of [`${MW_ROOT}/maintenance/install.php`, `${MW_WEB_ROOT}/index.php`, PHP, APACHE, path.join(APACHE_MODULES, 'libphp8.2.so')]) {
    if (!existsSync(file)) throw new Error(`startMediaWiki: ${file} is missing: ${hint}`);
  }
}

/** Who runs PHP: Apache's children are www-data when we are root, so the CLI is too (same file owners). */
function phpUser(): { uid: number; gid: number } | undefined {
  return IS_ROOT ? systemUser('www-data') : undefined;
}

/** A directory the web server's user can read, with the parts it writes owned by it. */
async function makeInstanceDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o755);
  const owner = phpUser();
  for (const sub of ['data', 'cache', 'images', 'tmp', 'log', 'run', 'install']) {
    await fs.mkdir(path.join(dir, sub), { mode: 0o755 });
    if (owner && sub !== 'run') await fs.chown(path.join(dir, sub), owner.uid, owner.gid);
  }
  for (const file of ['php-error.log', 'debug.log']) {
    await fs.writeFile(path.join(dir, 'log', file), '');
    if (owner) await fs.chown(path.join(dir, 'log', file), owner.uid, owner.gid);
  }
  return dir;
}

function phpEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, MW_CONFIG_FILE: path.join(dir, 'LocalSettings.php'), MW_INSTALL_PATH: MW_ROOT };
}

/** MediaWiki's own installer (sqlite), its LocalSettings.php kept in <dir>/install. */
async function install(dir: string, origin: string): Promise<void> {
  const passFile = path.join(dir, 'install', 'admin-password');
  // The admin account is not used by the tests; its password is random and never printed.
  await fs.writeFile(passFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  const owner = phpUser();
  if (owner) await fs.chown(passFile, owner.uid, owner.gid);
  await run(
    PHP,
    [
      `${MW_ROOT}/maintenance/install.php`,
      '--dbtype=sqlite',
      `--dbpath=${path.join(dir, 'data')}`,
      '--dbname=wiki',
      `--server=${origin}`,
      '--scriptpath=',
      '--lang=en',
      `--confpath=${path.join(dir, 'install')}`,
      `--passfile=${passFile}`,
      '--skins=Vector',
      'E2E Wiki',
      'WikiAdmin',
    ],
    { ...owner, env: { ...process.env, MW_INSTALL_PATH: MW_ROOT } },
  ).catch(async (err: Error) => {
    throw new Error(`startMediaWiki: install.php failed: ${err.message}${await tail(path.join(dir, 'log', 'php-error.log'))}`, { cause: err });
  });
  await fs.rm(passFile, { force: true });
}

/** The installer's settings, then the instance's own: its origin, its dirs, no mail, no anonymous edits. */
async function writeLocalSettings(dir: string, origin: string): Promise<void> {
  const php = (v: string) => `'${v.replace(/[\\']/g, '\\$&')}'`;
  const lines = [
    '<?php',
    '// Written by tests/mediawiki/mediawiki.ts for this instance only.',
    "if ( !defined( 'MEDIAWIKI' ) ) { exit; }",
    `require ${php(path.join(dir, 'install', 'LocalSettings.php'))};`,
    `$wgServer = ${php(origin)};`,
    `$wgCacheDirectory = ${php(path.join(dir, 'cache'))};`,
    `$wgUploadDirectory = ${php(path.join(dir, 'images'))};`,
    `$wgTmpDirectory = ${php(path.join(dir, 'tmp'))};`,
    `$wgDebugLogFile = ${php(path.join(dir, 'log', 'debug.log'))};`,
    '$wgDebugLogGroups = [];',
    '$wgDebugToolbar = false;',
    '$wgShowExceptionDetails = true;',
    // Nothing may wait on the network or send mail.
    '$wgEnableEmail = false;',
    '$wgEnableUserEmail = false;',
    '$wgUseInstantCommons = false;',
    '$wgPingback = false;',
    '$wgUseImageMagick = false;',
    // Jobs run in the request that queued them: no HTTP call back to the wiki.
    '$wgRunJobsAsync = false;',
    "$wgGroupPermissions['*']['edit'] = false;",
    "$wgGroupPermissions['*']['createaccount'] = false;",
    `$wgSecretKey = ${php(randomBytes(32).toString('hex'))};`,
    '',
  ];
  await fs.writeFile(path.join(dir, 'LocalSettings.php'), lines.join('\n'), { mode: 0o644 });
}

/** The harness's PHP side (MediaWiki's own services); arguments go through stdin. */
async function cli(dir: string, command: string, args: object): Promise<unknown> {
  const out = await run(PHP, [CLI_PHP, `--command=${command}`], { stdin: JSON.stringify(args), env: phpEnv(dir), ...phpUser() });
  const last = out.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`startMediaWiki: unexpected output from the PHP helper (${command}): ${out.slice(0, 500)}`);
  }
}

// ------------------------------------------------------------- processes ---

async function startApache(dir: string, host: string, port: number): Promise<Proc> {
  const conf = path.join(dir, 'run', 'httpd.conf');
  const log = path.join(dir, 'log', 'apache-error.log');
  const mod = (name: string, file: string) => `LoadModule ${name} ${APACHE_MODULES}/${file}`;
  await fs.writeFile(
    conf,
    [
      '# Private Apache for one e2e MediaWiki instance (tests/mediawiki/mediawiki.ts).',
      `ServerRoot ${dir}`,
      `ServerName ${host}`,
      `Listen 127.0.0.1:${port}`,
      `PidFile ${path.join(dir, 'run', 'apache.pid')}`,
      `DefaultRuntimeDir ${path.join(dir, 'run')}`,
      `ErrorLog ${log}`,
      'LogLevel warn',
      `CustomLog ${path.join(dir, 'log', 'apache-access.log')} "%h %{Host}i \\"%r\\" %>s %b %D"`,
      mod('mpm_prefork_module', 'mod_mpm_prefork.so'),
      mod('authz_core_module', 'mod_authz_core.so'),
      mod('mime_module', 'mod_mime.so'),
      mod('dir_module', 'mod_dir.so'),
      mod('env_module', 'mod_env.so'),
      mod('php_module', 'libphp8.2.so'),
      ...(IS_ROOT ? ['User www-data', 'Group www-data'] : []),
      'StartServers 2',
      'MinSpareServers 2',
      'MaxSpareServers 4',
      'MaxRequestWorkers 8',
      'KeepAlive On',
      'TypesConfig /etc/mime.types',
      'AddDefaultCharset UTF-8',
      `DocumentRoot ${MW_WEB_ROOT}`,
      'DirectoryIndex index.php',
      '<Directory />',
      '  AllowOverride None',
      '  Require all denied',
      '</Directory>',
      `<Directory ${MW_WEB_ROOT}>`,
      '  Options FollowSymLinks',
      '  Require all granted',
      '</Directory>',
      `<Directory ${MW_ROOT}>`,
      '  Options FollowSymLinks',
      '  Require all granted',
      '</Directory>',
      // As Debian's own mediawiki.conf: no scripts from the writable dirs.
      `<Directory ${MW_WEB_ROOT}/images>`,
      '  php_admin_flag engine off',
      '</Directory>',
      '<FilesMatch "\\.php$">',
      '  SetHandler application/x-httpd-php',
      '</FilesMatch>',
      // Read by MediaWiki's bootstrap (getenv) to find this instance's settings.
      `SetEnv MW_CONFIG_FILE ${path.join(dir, 'LocalSettings.php')}`,
      `SetEnv MW_INSTALL_PATH ${MW_ROOT}`,
      `php_admin_value error_log ${path.join(dir, 'log', 'php-error.log')}`,
      `php_admin_value upload_tmp_dir ${path.join(dir, 'tmp')}`,
      `php_admin_value sys_temp_dir ${path.join(dir, 'tmp')}`,
      '',
    ].join('\n'),
  );
  // Its own process group: on shutdown Apache's prefork MPM signals its whole
  // group, which would otherwise include this Node process.
  const child = spawn(APACHE, ['-f', conf, '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const proc = track(child, 'apache2');
  return untilReady(
    proc,
    waitFor(async () => (await httpStatus(port, `${host}:${port}`, '/index.php?title=Special:UserLogin')) === 200, 'MediaWiki (Apache)', START_TIMEOUT_MS),
    async (code) => `startMediaWiki: apache2 exited (${code}): ${stderr.trim()}${await tail(log)}${await tail(path.join(dir, 'log', 'php-error.log'))}`,
  );
}
