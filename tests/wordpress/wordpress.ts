/**
 * A real WordPress (Debian's `wordpress` package) for the end-to-end tests,
 * private to the calling process: its own MariaDB (unix socket only, own
 * datadir) and its own Apache + mod_php listening on 127.0.0.1:<port>, served
 * under a made-up host name that the browser maps to loopback
 * (`--host-resolver-rules=MAP * 127.0.0.1`).
 *
 * Needs `bash tests/wordpress/setup.sh [host]` once (as root). The first start
 * installs WordPress into a datadir template cached under the OS temp dir;
 * later starts copy the template (warm start).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WordPressUser {
  login: string;
  email: string;
  password: string;
}

export interface WordPressProfile {
  user_url: string;
  description: string;
  /** Every contact method on the profile (the Yoast-style ones), '' when unset. */
  contactMethods: Record<string, string>;
  first_name: string;
  last_name: string;
  email: string;
  nickname: string;
  display_name: string;
  /** An email change WordPress holds until it is confirmed (null: none). */
  pendingEmail: string | null;
}

export interface WordPressInstance {
  /** `http://<host>:<port>`, exactly WordPress's siteurl/home. */
  origin: string;
  host: string;
  port: number;
  /** The fixture user (role author). */
  user: WordPressUser;
  /** The fixture user's profile as saved in WordPress's database. */
  readProfile(): Promise<WordPressProfile>;
  /** Whether `password` is the fixture user's current password. */
  checkPassword(password: string): Promise<boolean>;
  /** Back to the fixture's known profile and password (ends its sessions). */
  resetUser(): Promise<void>;
  /** Mail WordPress tried to send (to/subject only). */
  sentMail(): Promise<{ to: string | string[]; subject: string }[]>;
  stop(): Promise<void>;
}

export interface StartWordPressOptions {
  /** Made-up host name, e.g. 'wp-demo.test'. */
  host: string;
  /** Loopback port; a free one when omitted. */
  port?: number;
}

/** The contact-method keys the must-use plugin adds (Yoast SEO's set). */
export const CONTACT_METHODS = [
  'facebook',
  'instagram',
  'linkedin',
  'myspace',
  'pinterest',
  'soundcloud',
  'tumblr',
  'twitter',
  'youtube',
  'wikipedia',
] as const;

/** The fixture's profile as `resetUser()` leaves it. */
/** The entity links the WordPress tests use: one per platform field WordPress shows, in task order. */
export const PLATFORM_LINKS = {
  facebook: 'https://www.facebook.com/linhtrancoffee',
  instagram: 'https://www.instagram.com/linhtran.coffee/',
  linkedin: 'https://www.linkedin.com/in/linh-tran-coffee/',
  pinterest: 'https://www.pinterest.com/linhtrancoffee/',
  twitter: 'https://x.com/linhroasts',
  youtube: 'https://www.youtube.com/@linhtrancoffee',
  tumblr: 'https://linhtrancoffee.tumblr.com/',
} as const;
/** Profiles on sites WordPress has no field for: they belong in the bio. */
export const GENERIC_LINKS = ['https://about.me/linhtran', 'https://www.deviantart.com/linhtran'];

export const FIXTURE_PROFILE = {
  first_name: 'Linh',
  last_name: 'Trần',
  description: 'Rang xay cà phê ở Đà Nẵng. Coffee roaster and writer.',
  role: 'author',
} as const;

const FIXTURE_LOGIN = 'linh.author';
// Known to the tests by design; only ever valid on this private instance.
const FIXTURE_PASSWORD = 'Sóng-Biển-e2e-2024!';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI_PHP = path.join(HERE, 'php', 'wp-e2e-cli.php');
const MU_PLUGIN = path.join(HERE, 'php', 'wp-e2e-plugin.php');
const CONFIG_HOST_PHP = path.join(HERE, 'config-host.php');

const WP_ROOT = '/usr/share/wordpress';
const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';
const MARIADB = '/usr/bin/mariadb';
const APACHE = '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';

// A throwaway password for a database reachable only through a socket inside
// the instance's own directory.
const DB = { name: 'wordpress', user: 'wordpress', password: 'wp-e2e-local-only' };
const IS_ROOT = process.getuid?.() === 0;
const START_TIMEOUT_MS = 30_000;

function fixtureUser(host: string) {
  return {
    login: FIXTURE_LOGIN,
    email: `linh@${host}`,
    password: FIXTURE_PASSWORD,
    ...FIXTURE_PROFILE,
  };
}

export async function startWordPress(opts: StartWordPressOptions): Promise<WordPressInstance> {
  const host = opts.host.toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw new Error(`startWordPress: bad host name ${JSON.stringify(opts.host)}`);
  await checkPrerequisites(host);

  const template = await ensureTemplate(host);
  const dir = await makeInstanceDir('wp-e2e-');
  const procs: Proc[] = [];
  const onExit = () => {
    for (const p of procs) p.killNow();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const cleanup = async () => {
    process.removeListener('exit', onExit);
    for (const p of procs.reverse()) await p.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };

  try {
    await copyDir(path.join(template, 'mysql'), path.join(dir, 'mysql'));
    procs.push(await startMariaDb(dir, true));

    let port = opts.port ?? (await freePort());
    let origin = `http://${host}:${port}`;
    await writeWpConfig(dir, origin);
    const user = fixtureUser(host);
    await runCli(dir, host, 'prepare', { origin, user });

    // A port picked as free may be taken before Apache binds it: try another.
    for (let attempt = 1; ; attempt++) {
      try {
        procs.push(await startApache(dir, host, port));
        break;
      } catch (err) {
        if (opts.port !== undefined || attempt >= 3 || !String(err).includes('Address already in use')) throw err;
        port = await freePort();
        origin = `http://${host}:${port}`;
        await writeWpConfig(dir, origin);
        await runCli(dir, host, 'prepare', { origin, user });
      }
    }

    let stopped: Promise<void> | null = null;
    return {
      origin,
      host,
      port,
      user: { login: user.login, email: user.email, password: user.password },
      readProfile: async () => (await runCli(dir, host, 'read-profile', { login: user.login })) as WordPressProfile,
      checkPassword: async (password) =>
        ((await runCli(dir, host, 'check-password', { login: user.login, password })) as { ok: boolean }).ok,
      resetUser: async () => {
        await runCli(dir, host, 'reset-user', { user });
      },
      sentMail: async () => {
        const text = await fs.readFile(path.join(dir, 'log', 'mail.log'), 'utf8').catch(() => '');
        return text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { to: string | string[]; subject: string });
      },
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

// ---------------------------------------------------------------- set-up ---

async function checkPrerequisites(host: string): Promise<void> {
  const hint = `run \`sudo bash tests/wordpress/setup.sh ${host}\` first`;
  for (const file of [MARIADBD, INSTALL_DB, MARIADB, APACHE, path.join(APACHE_MODULES, 'libphp8.2.so'), `${WP_ROOT}/wp-config.php`, '/usr/bin/php']) {
    if (!existsSync(file)) throw new Error(`startWordPress: ${file} is missing: ${hint}`);
  }
  // Debian's wp-config.php loads /etc/wordpress/config-<host>.php.
  const target = `/etc/wordpress/config-${host}.php`;
  const wanted = readFileSync(CONFIG_HOST_PHP, 'utf8');
  const current = existsSync(target) ? readFileSync(target, 'utf8') : null;
  if (current === wanted) return;
  if (!IS_ROOT) throw new Error(`startWordPress: ${target} is missing or outdated: ${hint}`);
  await fs.mkdir('/etc/wordpress', { recursive: true });
  await fs.writeFile(target, wanted, { mode: 0o644 });
}

/** A directory the web server's user (www-data) can read into. */
async function makeInstanceDir(prefix: string, parent = os.tmpdir()): Promise<string> {
  const dir = await fs.mkdtemp(path.join(parent, prefix));
  await fs.chmod(dir, 0o755);
  for (const sub of ['run', 'log', 'tmp', 'mu-plugins']) await fs.mkdir(path.join(dir, sub), { mode: 0o755 });
  // Written by Apache's children (www-data) and by the PHP CLI (us).
  for (const file of ['php-error.log', 'mail.log']) {
    await fs.writeFile(path.join(dir, 'log', file), '');
    await fs.chmod(path.join(dir, 'log', file), 0o666);
  }
  await fs.chmod(path.join(dir, 'tmp'), 0o1777);
  await fs.copyFile(MU_PLUGIN, path.join(dir, 'mu-plugins', 'wp-e2e-plugin.php'));
  await fs.chmod(path.join(dir, 'mu-plugins', 'wp-e2e-plugin.php'), 0o644);
  return dir;
}

/** The instance's own wp-config part, loaded through /etc/wordpress/config-<host>.php. */
async function writeWpConfig(dir: string, origin: string): Promise<void> {
  const php = (v: string | boolean) => (typeof v === 'boolean' ? String(v) : `'${v.replace(/[\\']/g, '\\$&')}'`);
  const constants: Record<string, string | boolean> = {
    WP_E2E_DIR: dir,
    DB_NAME: DB.name,
    DB_USER: DB.user,
    DB_PASSWORD: DB.password,
    DB_HOST: `localhost:${path.join(dir, 'run', 'mysqld.sock')}`,
    DB_CHARSET: 'utf8mb4',
    DB_COLLATE: '',
    WP_HOME: origin,
    WP_SITEURL: origin,
    // Nothing may wait on the network: no loopback cron calls, no wordpress.org.
    DISABLE_WP_CRON: true,
    WP_HTTP_BLOCK_EXTERNAL: true,
    AUTOMATIC_UPDATER_DISABLED: true,
    DISALLOW_FILE_MODS: true,
    WP_ENVIRONMENT_TYPE: 'local',
    WP_DEBUG: false,
    WPMU_PLUGIN_DIR: path.join(dir, 'mu-plugins'),
  };
  for (const salt of ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']) {
    constants[`${salt}_KEY`] = randomBytes(32).toString('hex');
    constants[`${salt}_SALT`] = randomBytes(32).toString('hex');
  }
  const body = Object.entries(constants)
    .map(([name, value]) => `define('${name}', ${php(value)});`)
    .join('\n');
  const file = path.join(dir, 'wp-e2e-config.php');
  await fs.writeFile(file, `<?php\n// Written by tests/wordpress/wordpress.ts for this instance only.\n${body}\n$table_prefix = 'wp_';\n`);
  await fs.chmod(file, 0o644);
}

/**
 * An installed datadir, built once per (WordPress, MariaDB, harness) version:
 * built in a scratch dir, then renamed into place, so concurrent first starts
 * never see a half-built template.
 */
async function ensureTemplate(host: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [CLI_PHP, MU_PLUGIN, `${WP_ROOT}/wp-includes/version.php`, MARIADBD]) {
    hash.update(file === MARIADBD ? String((await fs.stat(file)).mtimeMs) : readFileSync(file));
  }
  hash.update(JSON.stringify(fixtureUser('x')));
  const root = path.join(os.tmpdir(), 'wp-e2e-cache');
  const final = path.join(root, `template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(path.join(final, 'ready'))) return final;

  await fs.mkdir(root, { recursive: true, mode: 0o755 });
  const build = await makeInstanceDir('build-', root);
  let mysqld: Proc | null = null;
  try {
    await run(INSTALL_DB, [
      '--no-defaults',
      `--datadir=${path.join(build, 'mysql')}`,
      ...(IS_ROOT ? ['--user=root'] : []),
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
      '--skip-name-resolve',
    ]);
    mysqld = await startMariaDb(build);
    // The OS user reaches MariaDB's root account through the socket (unix_socket auth).
    await run(MARIADB, ['--no-defaults', `--socket=${path.join(build, 'run', 'mysqld.sock')}`], {
      stdin: [
        `CREATE DATABASE ${DB.name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
        `CREATE USER '${DB.user}'@'localhost' IDENTIFIED BY '${DB.password}';`,
        `GRANT ALL PRIVILEGES ON ${DB.name}.* TO '${DB.user}'@'localhost';`,
      ].join('\n'),
    });
    await writeWpConfig(build, `http://${host}`);
    await runCli(build, host, 'install', { user: fixtureUser(host) });
    await mysqld.stop();
    mysqld = null;
    await fs.writeFile(path.join(build, 'ready'), '');
    try {
      await fs.rename(build, final);
    } catch (err) {
      // Another process won the race: use its template.
      if (!existsSync(path.join(final, 'ready'))) throw err;
      await fs.rm(build, { recursive: true, force: true });
    }
    await removeStale(root, path.basename(final));
    return final;
  } catch (err) {
    await mysqld?.stop();
    const log = await tail(path.join(build, 'log', 'mysqld.err'));
    await fs.rm(build, { recursive: true, force: true });
    throw new Error(`startWordPress: installing the WordPress template failed: ${(err as Error).message}${log}`, { cause: err });
  }
}

/** Templates of older versions and builds abandoned by killed processes (old enough not to be in use). */
async function removeStale(root: string, keep: string): Promise<void> {
  const cutoff = Date.now() - 15 * 60_000;
  for (const name of await fs.readdir(root)) {
    if (name === keep || !/^(template|build)-/.test(name)) continue;
    const full = path.join(root, name);
    const stat = await fs.stat(full).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.rm(full, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------- processes ---

interface Proc {
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
  /** Last resort on process exit: SIGKILL, synchronously. */
  killNow(): void;
}

function track(child: ChildProcess, name: string, group = false): Proc & { exited: Promise<number | null> } {
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    exited,
    killNow: () => {
      if (done || child.pid === undefined) return;
      try {
        if (group) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    },
    stop: async () => {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        console.warn(`startWordPress: ${name} did not stop on SIGTERM; killing it`);
        child.kill('SIGKILL');
      }, 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `disposable`: the datadir is deleted after stop, so skip InnoDB's clean-shutdown flush. */
async function startMariaDb(dir: string, disposable = false): Promise<Proc> {
  const socket = path.join(dir, 'run', 'mysqld.sock');
  const child = spawn(
    MARIADBD,
    [
      '--no-defaults',
      `--datadir=${path.join(dir, 'mysql')}`,
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, 'run', 'mysqld.pid')}`,
      `--log-error=${path.join(dir, 'log', 'mysqld.err')}`,
      `--tmpdir=${path.join(dir, 'tmp')}`,
      '--skip-networking',
      '--skip-name-resolve',
      '--skip-log-bin',
      '--performance-schema=OFF',
      '--innodb-buffer-pool-size=32M',
      '--innodb-log-file-size=16M',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      ...(disposable ? ['--innodb-fast-shutdown=2'] : []),
      ...(IS_ROOT ? ['--user=root'] : []),
    ],
    { stdio: 'ignore' },
  );
  const proc = track(child, 'mariadbd');
  return untilReady(proc, waitFor(() => mysqlGreets(socket), 'MariaDB'), async (code) =>
    `mariadbd exited (${code})${await tail(path.join(dir, 'log', 'mysqld.err'))}`,
  );
}

/**
 * Resolves with the process once `ready` does; if it exits first, stops it
 * and throws with what its logs say. A later exit (our own stop) is no error.
 */
async function untilReady<P extends ReturnType<typeof track>>(proc: P, ready: Promise<unknown>, describeExit: (code: unknown) => Promise<string>): Promise<P> {
  const failed = proc.exited.then(async (code) => {
    throw new Error(await describeExit(code));
  });
  failed.catch(() => undefined);
  try {
    await Promise.race([ready, failed]);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return proc;
}

/** True once the server on the socket sends its handshake. */
function mysqlGreets(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = net.connect({ path: socket });
    const done = (ok: boolean) => {
      conn.destroy();
      resolve(ok);
    };
    conn.once('data', () => done(true));
    conn.once('error', () => done(false));
    conn.setTimeout(1_000, () => done(false));
  });
}

async function startApache(dir: string, host: string, port: number): Promise<Proc> {
  const conf = path.join(dir, 'httpd.conf');
  const log = path.join(dir, 'log', 'apache-error.log');
  const mod = (name: string, file: string) => `LoadModule ${name} ${APACHE_MODULES}/${file}`;
  await fs.writeFile(
    conf,
    [
      '# Private Apache for one e2e WordPress instance (tests/wordpress/wordpress.ts).',
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
      mod('alias_module', 'mod_alias.so'),
      mod('php_module', 'libphp8.2.so'),
      ...(IS_ROOT ? ['User www-data', 'Group www-data'] : []),
      'StartServers 2',
      'MinSpareServers 2',
      'MaxSpareServers 4',
      'MaxRequestWorkers 8',
      'KeepAlive On',
      'TypesConfig /etc/mime.types',
      'AddDefaultCharset UTF-8',
      `DocumentRoot ${WP_ROOT}`,
      // Debian keeps wp-content (themes, plugins, uploads) under /var/lib/wordpress.
      'Alias /wp-content /var/lib/wordpress/wp-content',
      'DirectoryIndex index.php index.html',
      '<Directory />',
      '  AllowOverride None',
      '  Require all denied',
      '</Directory>',
      `<Directory ${WP_ROOT}>`,
      '  Options FollowSymLinks',
      '  Require all granted',
      '</Directory>',
      '<Directory /var/lib/wordpress/wp-content>',
      '  Options FollowSymLinks',
      '  Require all granted',
      '</Directory>',
      '<FilesMatch "\\.php$">',
      '  SetHandler application/x-httpd-php',
      '</FilesMatch>',
      // Read by /etc/wordpress/config-<host>.php to find this instance.
      `SetEnv WP_E2E_DIR ${dir}`,
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
  const proc = track(child, 'apache2', true);
  return untilReady(proc, waitFor(async () => (await httpStatus(port, `${host}:${port}`, '/wp-login.php')) === 200, 'Apache'), async (code) =>
    `apache2 exited (${code}): ${stderr.trim()}${await tail(log)}`,
  );
}

function httpStatus(port: number, hostHeader: string, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { host: hostHeader }, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`startWordPress: ${what} did not become ready within ${START_TIMEOUT_MS / 1000} s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function copyDir(from: string, to: string): Promise<void> {
  await run('cp', ['-a', '--reflink=auto', from, to]);
}

/** Runs a command to completion; stdin is written from `opts.stdin`. Rejects with its stderr. */
function run(cmd: string, args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(cmd)} exited with ${code}: ${(err || out).trim().slice(-2000)}`));
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The harness's PHP side (WordPress's own API); arguments go through stdin. */
async function runCli(dir: string, host: string, command: string, args: object): Promise<unknown> {
  const out = await run('/usr/bin/php', [CLI_PHP, host, command], {
    stdin: JSON.stringify(args),
    env: { ...process.env, WP_E2E_DIR: dir },
  });
  const last = out.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`startWordPress: unexpected output from the PHP helper (${command}): ${out.slice(0, 500)}`);
  }
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text ? `\n--- ${path.basename(file)} ---\n${text.trim().split('\n').slice(-lines).join('\n')}` : '';
}
