/**
 * A real Redmine (Debian's `redmine` package, 5.0, sqlite3 backend) for the
 * end-to-end tests, private to the calling process: Debian's Rails app served
 * by Debian's Thin on 127.0.0.1:<port>, under a made-up host name that the
 * browser maps to loopback (`--host-resolver-rules=MAP * 127.0.0.1`).
 *
 * Every file the instance writes (sqlite database, config, logs, Rails tmp
 * and cache, attachments) lives in one temp dir, removed on stop(), or by a
 * watchdog if this process dies first. That dir is a Debian Redmine
 * "instance" (REDMINE_INSTANCE), reached from /usr/share/redmine/instances by
 * a relative path, so nothing is written under /var/lib/redmine.
 *
 * Needs `bash tests/redmine/setup.sh` once (as root). The first start migrates
 * and seeds a database template cached under the OS temp dir (~20 s); later
 * starts copy it and only boot Rails (~10 s).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, httpStatus, removeStale, run, startWatchdog, tail, track, untilReady, waitFor, type Proc } from '../local-apps/processes';

export interface RedmineUser {
  login: string;
  password: string;
  mail: string;
  /** Base32 TOTP secret of the authenticator paired with the account. */
  totpSecret: string;
}

export interface RedmineProfile {
  login: string;
  firstname: string;
  lastname: string;
  mail: string;
  /** 'totp' while two-factor login is on. */
  twofaScheme: string | null;
  /** When Redmine last accepted a TOTP code of the user (null: never since the reset). */
  twofaLastUsedAt: string | null;
  /** Every user custom field by its name ('' when unset), CRLF as saved. */
  customFields: Record<string, string>;
}

export interface RedmineInstance {
  /** `http://<host>:<port>`. */
  origin: string;
  host: string;
  port: number;
  user: RedmineUser;
  /** The fixture user's account as saved in Redmine's database. */
  readProfile(): Promise<RedmineProfile>;
  /** Whether `password` is the fixture user's current password (Redmine's own hash scheme). */
  checkPassword(password: string): Promise<boolean>;
  /**
   * Back to the fixture's state: custom fields empty, names as seeded, every
   * session and token ended, and the last TOTP use forgotten (Redmine refuses
   * a code of a time step it already accepted), so a second test can log in.
   */
  resetUser(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartRedmineOptions {
  /** Made-up host name, e.g. 'redmine-e2e.test'. */
  host: string;
  /** Loopback port; a free one when omitted. */
  port?: number;
}

/**
 * The user custom fields the fixture defines, all visible and editable by the
 * user on /my/account: Redmine's "Link" format for one profile each, a long
 * text for several, and one field that is not for links at all.
 */
export const CUSTOM_FIELDS = [
  { name: 'Twitter', format: 'link' },
  { name: 'Facebook', format: 'link' },
  { name: 'LinkedIn', format: 'link' },
  { name: 'YouTube', format: 'link' },
  { name: 'Website', format: 'link' },
  { name: 'Other profile URLs', format: 'text' },
  { name: 'Location', format: 'string' },
] as const;

export type CustomFieldName = (typeof CUSTOM_FIELDS)[number]['name'];

export const FIXTURE_PROFILE = { firstname: 'Linh', lastname: 'Trần' } as const;

// Known to the tests by design; only ever valid on this private instance.
const FIXTURE_USER: RedmineUser = {
  login: 'linh.tran',
  password: 'Sóng-Biển-e2e-2024!',
  mail: 'linh.tran@redmine-e2e.test',
  totpSecret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF',
};

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEED_RB = path.join(HERE, 'ruby', 'seed.rb');

const REDMINE_ROOT = '/usr/share/redmine';
const GEMFILE_LOCK = '/var/lib/redmine/Gemfile.lock';
const BUNDLE = '/usr/bin/bundle';
const SQLITE = '/usr/bin/sqlite3';
const START_TIMEOUT_MS = 90_000;

export async function startRedmine(opts: StartRedmineOptions): Promise<RedmineInstance> {
  const host = opts.host.toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw new Error(`startRedmine: bad host name ${JSON.stringify(opts.host)}`);
  checkPrerequisites();

  const template = await ensureTemplate();
  const dir = await makeInstanceDir('redmine-e2e-');
  const procs: Proc[] = [];
  const watchdog = startWatchdog('redmine-e2e-watchdog', dir, () => procs.map((p) => p.pid));
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
    await fs.copyFile(path.join(template, 'db', 'redmine.sqlite3'), dbFile(dir));
    let port = opts.port ?? (await freePort());
    // A port picked as free may be taken before Thin binds it: try another.
    for (let attempt = 1; ; attempt++) {
      try {
        procs.push(await startThin(dir, host, port));
        watchdog.update();
        break;
      } catch (err) {
        if (opts.port !== undefined || attempt >= 3 || !/no acceptor|Address already in use/i.test(String(err))) throw err;
        port = await freePort();
      }
    }
    // The instance must really be ours: Rails logs into the instance dir.
    if (!existsSync(path.join(dir, 'log', 'production.log'))) {
      throw new Error('startRedmine: Redmine did not use the instance dir (REDMINE_INSTANCE path not honoured)');
    }

    let stopped: Promise<void> | null = null;
    return {
      origin: `http://${host}:${port}`,
      host,
      port,
      user: { ...FIXTURE_USER },
      readProfile: () => readProfile(dir),
      checkPassword: (password) => checkPassword(dir, password),
      resetUser: () => resetUser(dir),
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

// ---------------------------------------------------------------- set-up ---

function checkPrerequisites(): void {
  const hint = 'run `sudo bash tests/redmine/setup.sh` first';
  for (const file of [`${REDMINE_ROOT}/config.ru`, BUNDLE, SQLITE, GEMFILE_LOCK]) {
    if (!existsSync(file)) throw new Error(`startRedmine: ${file} is missing: ${hint}`);
  }
  const lock = readFileSync(GEMFILE_LOCK, 'utf8');
  for (const gem of ['sqlite3', 'thin']) {
    if (!new RegExp(`^    ${gem} `, 'm').test(lock)) throw new Error(`startRedmine: ${GEMFILE_LOCK} lacks ${gem}: ${hint}`);
  }
}

function dbFile(dir: string): string {
  return path.join(dir, 'db', 'redmine.sqlite3');
}

/**
 * A Debian Redmine instance dir: config (database, secret), db, log, tmp,
 * files. Redmine finds it as /usr/share/redmine/instances/<REDMINE_INSTANCE>.
 */
async function makeInstanceDir(prefix: string, parent = os.tmpdir()): Promise<string> {
  const dir = await fs.mkdtemp(path.join(parent, prefix));
  for (const sub of ['config', 'db', 'log', 'tmp', 'files', 'public/plugin_assets']) await fs.mkdir(path.join(dir, sub), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'config', 'database.yml'),
    // JSON is YAML: the path is quoted whatever it holds.
    `production:\n  adapter: sqlite3\n  database: ${JSON.stringify(dbFile(dir))}\n  encoding: utf8\n  timeout: 10000\n`,
  );
  await fs.writeFile(path.join(dir, 'config', 'secret_key.txt'), randomBytes(32).toString('hex'));
  return dir;
}

/**
 * Redmine.root is File.join('/usr/share/redmine', 'instances', tenant): enough
 * `..` to climb to / both lexically and through the instances symlink
 * (/var/lib/redmine), then the absolute instance dir.
 */
function tenantFor(dir: string): string {
  return '../'.repeat(8) + path.resolve(dir).slice(1);
}

function railsEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RAILS_ENV: 'production', REDMINE_INSTANCE: tenantFor(dir) };
  // Either would take precedence (Debian's older instance variable) or send the log elsewhere.
  delete env.X_DEBIAN_SITEID;
  delete env.RAILS_LOG_TO_STDOUT;
  delete env.DATABASE_URL;
  return env;
}

/**
 * A migrated and seeded database, built once per (Redmine, gems, seed)
 * version: built in a scratch dir, then renamed into place, so concurrent
 * first starts never see a half-built template.
 */
async function ensureTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [SEED_RB, `${REDMINE_ROOT}/lib/redmine/version.rb`, GEMFILE_LOCK]) hash.update(readFileSync(file));
  hash.update(JSON.stringify({ FIXTURE_USER, FIXTURE_PROFILE, CUSTOM_FIELDS }));
  const root = path.join(os.tmpdir(), 'redmine-e2e-cache');
  const final = path.join(root, `template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(path.join(final, 'ready'))) return final;

  await fs.mkdir(root, { recursive: true });
  const build = await makeInstanceDir('build-', root);
  try {
    const env = railsEnv(build);
    await run(BUNDLE, ['exec', 'rake', 'db:migrate'], { cwd: REDMINE_ROOT, env });
    const out = await run(BUNDLE, ['exec', 'rails', 'runner', SEED_RB], {
      cwd: REDMINE_ROOT,
      env,
      stdin: JSON.stringify({
        fields: CUSTOM_FIELDS,
        user: { ...FIXTURE_PROFILE, login: FIXTURE_USER.login, password: FIXTURE_USER.password, mail: FIXTURE_USER.mail, totp_secret: FIXTURE_USER.totpSecret },
      }),
    });
    if (!out.includes('"ok":true')) throw new Error(`seed: unexpected output: ${out.slice(-500)}`);
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
    const log = await tail(path.join(build, 'log', 'production.log'));
    await fs.rm(build, { recursive: true, force: true });
    throw new Error(`startRedmine: building the Redmine template failed: ${(err as Error).message}${log}`, { cause: err });
  }
}

// ------------------------------------------------------------- processes ---

async function startThin(dir: string, host: string, port: number): Promise<Proc> {
  const logFile = path.join(dir, 'log', 'thin.log');
  const fd = openSync(logFile, 'a');
  // Its own process group (detached): the watchdog and stop() signal the group.
  const child = spawn(
    BUNDLE,
    ['exec', 'thin', 'start', '-R', 'config.ru', '-a', '127.0.0.1', '-p', String(port), '-e', 'production', '--tag', 'redmine-e2e'],
    { cwd: REDMINE_ROOT, env: railsEnv(dir), stdio: ['ignore', fd, fd], detached: true },
  );
  closeSync(fd);
  // SIGINT: Thin stops at once (SIGTERM would wait for the browser's keep-alive connections).
  const proc = track(child, 'thin', 'SIGINT');
  return untilReady(proc, waitFor(async () => (await httpStatus(port, `${host}:${port}`, '/login')) === 200, 'Redmine (thin)', START_TIMEOUT_MS), async (code) =>
    `startRedmine: thin exited (${code})${await tail(logFile)}${await tail(path.join(dir, 'log', 'production.log'))}`,
  );
}

// ------------------------------------------------------------ read-back ---

/** Rows of a read-only query (sqlite3 -json prints nothing for no rows). */
async function query<T>(dir: string, sql: string): Promise<T[]> {
  const out = await run(SQLITE, ['-readonly', '-json', '-cmd', '.timeout 10000', dbFile(dir), sql]);
  return out.trim() ? (JSON.parse(out) as T[]) : [];
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function userRow(dir: string) {
  const [row] = await query<{
    id: number;
    login: string;
    firstname: string;
    lastname: string;
    twofa_scheme: string | null;
    twofa_totp_last_used_at: string | null;
    hashed_password: string;
    salt: string;
  }>(
    dir,
    `SELECT id, login, firstname, lastname, twofa_scheme, twofa_totp_last_used_at, hashed_password, salt FROM users WHERE login = ${sqlString(FIXTURE_USER.login)}`,
  );
  if (!row) throw new Error(`Redmine: no user ${FIXTURE_USER.login}`);
  return row;
}

async function readProfile(dir: string): Promise<RedmineProfile> {
  const user = await userRow(dir);
  const [mail] = await query<{ address: string }>(dir, `SELECT address FROM email_addresses WHERE user_id = ${user.id} AND is_default = 1`);
  // Users' custom values are stored under their base class, Principal.
  const values = await query<{ name: string; value: string | null }>(
    dir,
    `SELECT cf.name AS name, cv.value AS value FROM custom_fields cf
       LEFT JOIN custom_values cv ON cv.custom_field_id = cf.id AND cv.customized_type = 'Principal' AND cv.customized_id = ${user.id}
     WHERE cf.type = 'UserCustomField' ORDER BY cf.position`,
  );
  return {
    login: user.login,
    firstname: user.firstname,
    lastname: user.lastname,
    mail: mail?.address ?? '',
    twofaScheme: user.twofa_scheme,
    twofaLastUsedAt: user.twofa_totp_last_used_at,
    customFields: Object.fromEntries(values.map((v) => [v.name, v.value ?? ''])),
  };
}

async function resetUser(dir: string): Promise<void> {
  const { id } = await userRow(dir);
  const sql = [
    'BEGIN IMMEDIATE;',
    `DELETE FROM custom_values WHERE customized_type = 'Principal' AND customized_id = ${id};`,
    `UPDATE users SET firstname = ${sqlString(FIXTURE_PROFILE.firstname)}, lastname = ${sqlString(FIXTURE_PROFILE.lastname)}, twofa_totp_last_used_at = NULL WHERE id = ${id};`,
    `UPDATE email_addresses SET address = ${sqlString(FIXTURE_USER.mail)} WHERE user_id = ${id} AND is_default = 1;`,
    `DELETE FROM email_addresses WHERE user_id = ${id} AND is_default = 0;`,
    // Sessions are verified against these tokens: deleting them ends every session.
    `DELETE FROM tokens WHERE user_id = ${id};`,
    'COMMIT;',
  ].join('\n');
  await run(SQLITE, ['-cmd', '.timeout 10000', dbFile(dir)], { stdin: sql });
}

/** Redmine stores SHA1(salt + SHA1(password)). */
async function checkPassword(dir: string, password: string): Promise<boolean> {
  const user = await userRow(dir);
  const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');
  return sha1(`${user.salt}${sha1(password)}`) === user.hashed_password;
}
