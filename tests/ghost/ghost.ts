/**
 * A real Ghost 5 (npm, version in ./VERSION, sqlite3) for the end-to-end
 * tests, private to the calling process: `node ghost.js` of the cached
 * install, bound to 127.0.0.1:<port>, under a made-up host name that the
 * browser maps to loopback (`--host-resolver-rules=MAP * 127.0.0.1`).
 *
 * Configured by environment only (Ghost's nconf reads `a__b` as a.b): its
 * sqlite file and content dir (logs, images, settings; themes linked from the
 * install) live in one temp dir, removed on stop(), or by a watchdog if this
 * process dies first. Mail goes to nodemailer's stub transport (nothing
 * leaves the machine), privacy "tinfoil" turns off update checks, pings and
 * Gravatar, and staff device verification (an emailed login code) is off.
 *
 * Needs `bash tests/ghost/setup.sh` once. The first start builds a database
 * template (Ghost's migrations, then its own setup API for the owner)
 * cached under the OS temp dir; later starts copy it and only boot Ghost.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, removeStale, run, startWatchdog, tail, track, untilReady, waitFor, type Proc } from '../local-apps/processes';

export interface GhostUser {
  name: string;
  email: string;
  password: string;
  /** Ghost's slug of the name: the staff editor is /ghost/#/settings/staff/<slug>. */
  slug: string;
}

/** The user's columns that its staff editor writes (Ghost 5.130: Profile and Social Links tabs). */
export const PROFILE_COLUMNS = [
  'name',
  'slug',
  'email',
  'location',
  'bio',
  'website',
  'twitter',
  'facebook',
  'linkedin',
  'bluesky',
  'threads',
  'mastodon',
  'tiktok',
  'youtube',
  'instagram',
] as const;

export type GhostProfile = Record<(typeof PROFILE_COLUMNS)[number], string | null>;

export interface GhostInstance {
  /** `http://<host>:<port>`, Ghost's configured `url`. */
  origin: string;
  host: string;
  port: number;
  version: string;
  user: GhostUser;
  /** The admin's sign-in page and the user's staff editor. */
  signinUrl: string;
  editorUrl: string;
  /** The user's row as saved in Ghost's sqlite database. */
  readProfile(): Promise<GhostProfile>;
  /** Whether `password` is the user's current password (bcrypt, as Ghost checks it). */
  checkPassword(password: string): Promise<boolean>;
  /** Back to the fixture: profile columns as seeded, every session ended. */
  resetUser(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartGhostOptions {
  /** Made-up host name, e.g. 'ghost-e2e.test'. */
  host: string;
  /** Loopback port; a free one when omitted. */
  port?: number;
}

/** The owner, created through Ghost's setup API; the rest of the profile as seeded. */
const FIXTURE_USER = {
  name: 'Linh Trần',
  email: 'linh.tran@ghost-e2e.test',
  // Ghost wants 10+ characters, none of its blocked words ("ghost", the host, the email…).
  password: 'Sóng-Biển-cà-phê-2024!',
} as const;

/** Profile columns after a reset: a bio (so the bio is appended to), a location, every link empty. */
export const FIXTURE_PROFILE = {
  location: 'Đà Nẵng',
  bio: 'Roaster and barista in Đà Nẵng. I write about single-origin Vietnamese coffee.',
} as const;

const BLOG_TITLE = 'Linh’s Coffee Notes';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const GHOST_VERSION = readFileSync(path.join(HERE, 'VERSION'), 'utf8').trim();
// Where setup.sh installs: EC_GHOST_CACHE, else /var/cache/ec-ghost as root, else the user's cache.
const CACHE =
  process.env.EC_GHOST_CACHE ||
  (process.getuid?.() === 0 ? '/var/cache/ec-ghost' : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ec-ghost'));
const GHOST_DIR = path.join(CACHE, `ghost-${GHOST_VERSION}`);
const SQLITE = '/usr/bin/sqlite3';
const START_TIMEOUT_MS = 120_000;
/** How long to wait for a background `setup.sh --background` to finish its install. */
const INSTALL_WAIT_S = 900;

export async function startGhost(opts: StartGhostOptions): Promise<GhostInstance> {
  const host = opts.host.toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw new Error(`startGhost: bad host name ${JSON.stringify(opts.host)}`);
  await checkPrerequisites();

  const template = await ensureTemplate();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ghost-e2e-'));
  const procs: Proc[] = [];
  const watchdog = startWatchdog('ghost-e2e-watchdog', dir, () => procs.map((p) => p.pid));
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
    await makeContentDir(dir);
    await fs.copyFile(path.join(template, 'ghost.db'), dbFile(dir));
    let port = opts.port ?? (await freePort());
    // A port picked as free may be taken before Ghost binds it: try another.
    for (let attempt = 1; ; attempt++) {
      try {
        procs.push(await startServer(dir, host, port));
        watchdog.update();
        break;
      } catch (err) {
        if (opts.port !== undefined || attempt >= 3 || !/EADDRINUSE/.test(String(err))) throw err;
        port = await freePort();
      }
    }
    const origin = `http://${host}:${port}`;
    const slug = await userSlug(dir);
    let stopped: Promise<void> | null = null;
    return {
      origin,
      host,
      port,
      version: GHOST_VERSION,
      user: { ...FIXTURE_USER, slug },
      signinUrl: `${origin}/ghost/#/signin`,
      editorUrl: `${origin}/ghost/#/settings/staff/${slug}`,
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

async function checkPrerequisites(): Promise<void> {
  const hint = 'run `bash tests/ghost/setup.sh` first';
  // A background install (setup.sh --background) holds this lock until it is done.
  const lock = path.join(CACHE, '.lock');
  if (existsSync(lock) && !existsSync(path.join(GHOST_DIR, '.ec-ready'))) {
    await run('flock', ['-s', '-w', String(INSTALL_WAIT_S), lock, 'true']).catch((err: unknown) => {
      throw new Error(`startGhost: the Ghost install still holds ${lock}: ${(err as Error).message}`, { cause: err });
    });
  }
  if (!existsSync(path.join(GHOST_DIR, '.ec-ready'))) {
    const log = await tail(path.join(CACHE, 'install.log'));
    throw new Error(`startGhost: Ghost ${GHOST_VERSION} is not installed in ${GHOST_DIR}: ${hint}${log}`);
  }
  if (!existsSync(SQLITE)) throw new Error(`startGhost: ${SQLITE} is missing (apt-get install sqlite3)`);
}

function dbFile(dir: string): string {
  return path.join(dir, 'ghost.db');
}

/** Ghost's content dir: what it writes at boot, and the install's themes (read only). */
async function makeContentDir(dir: string): Promise<void> {
  const content = path.join(dir, 'content');
  for (const sub of ['data', 'logs', 'images', 'files', 'media', 'public', 'settings']) await fs.mkdir(path.join(content, sub), { recursive: true });
  await fs.symlink(path.join(GHOST_DIR, 'content', 'themes'), path.join(content, 'themes'));
}

function ghostEnv(dir: string, host: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    NODE_ENV: 'production',
    url: `http://${host}:${port}`,
    server__host: '127.0.0.1',
    server__port: String(port),
    database__client: 'sqlite3',
    database__connection__filename: dbFile(dir),
    database__useNullAsDefault: 'true',
    paths__contentPath: path.join(dir, 'content'),
    logging__level: 'info',
    logging__transports: '["file"]',
    logging__path: path.join(dir, 'content', 'logs'),
    // Mail is kept by nodemailer's stub transport: nothing is sent.
    mail__transport: 'stub',
    // No update check, RPC ping, Gravatar lookups or other calls out.
    privacy__useTinfoil: 'true',
    // Otherwise a login from a new browser asks for a code sent by mail.
    security__staffDeviceVerification: 'false',
  };
  return env;
}

/**
 * A migrated database with the owner set up, built once per (Ghost version,
 * fixture): built in a scratch dir, then renamed into place, so concurrent
 * first starts never see a half-built template.
 */
async function ensureTemplate(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(GHOST_DIR, 'package.json')));
  hash.update(JSON.stringify({ FIXTURE_USER, FIXTURE_PROFILE, BLOG_TITLE, v: 1 }));
  const root = path.join(os.tmpdir(), 'ghost-e2e-cache');
  const final = path.join(root, `template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(path.join(final, 'ready'))) return final;

  await fs.mkdir(root, { recursive: true });
  const build = await fs.mkdtemp(path.join(root, 'build-'));
  let proc: Proc | null = null;
  try {
    await makeContentDir(build);
    const host = 'ghost-setup.test';
    const port = await freePort();
    // Ghost migrates an empty database itself at its first boot.
    proc = await startServer(build, host, port);
    const res = await request(port, host, 'POST', '/ghost/api/admin/authentication/setup/', {
      setup: [{ name: FIXTURE_USER.name, email: FIXTURE_USER.email, password: FIXTURE_USER.password, blogTitle: BLOG_TITLE }],
    });
    if (res.status !== 201) throw new Error(`setup API: HTTP ${res.status}: ${res.body.slice(0, 500)}`);
    await proc.stop();
    proc = null;
    await resetUser(build);
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
    if (proc) await proc.stop();
    const log = await logTail(build);
    await fs.rm(build, { recursive: true, force: true });
    throw new Error(`startGhost: building the Ghost template failed: ${(err as Error).message}${log}`, { cause: err });
  }
}

// ------------------------------------------------------------- processes ---

async function logTail(dir: string): Promise<string> {
  const logs = path.join(dir, 'content', 'logs');
  const files = await fs.readdir(logs).catch(() => [] as string[]);
  let out = await tail(path.join(dir, 'ghost.out'));
  for (const f of files.filter((f) => f.endsWith('.log') && !f.includes('error'))) out += await tail(path.join(logs, f));
  return out;
}

async function startServer(dir: string, host: string, port: number): Promise<Proc> {
  const outFile = path.join(dir, 'ghost.out');
  const fd = openSync(outFile, 'a');
  // Its own process group (detached): the watchdog and stop() signal the group.
  const child = spawn(process.execPath, [path.join(GHOST_DIR, 'index.js')], {
    // Ghost finds its root (package.json) and config.<env>.json from its cwd;
    // the install has no config file: the environment is the whole config.
    cwd: GHOST_DIR,
    env: ghostEnv(dir, host, port),
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  const proc = track(child, 'ghost');
  // Ghost answers 503 while it boots and migrates; the admin API's site endpoint is the last to come up.
  return untilReady(
    proc,
    waitFor(async () => (await request(port, host, 'GET', '/ghost/api/admin/site/')).status === 200, 'Ghost', START_TIMEOUT_MS),
    async (code) => `startGhost: ghost exited (${code})${await logTail(dir)}`,
  );
}

/** One request to 127.0.0.1:port as `host` would receive it (status 0: no answer). */
function request(port: number, host: string, method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: string }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  const origin = `http://${host}:${port}`;
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        timeout: 30_000,
        headers: {
          host: `${host}:${port}`,
          // Ghost's admin API wants the request's origin to be its own.
          origin,
          accept: 'application/json',
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => req.destroy());
    req.end(data);
  });
}

// ------------------------------------------------------------ read-back ---

/** Rows of a read-only query (sqlite3 -json prints nothing for no rows). */
async function query<T>(dir: string, sql: string): Promise<T[]> {
  const out = await run(SQLITE, ['-readonly', '-json', '-cmd', '.timeout 10000', dbFile(dir), sql]);
  return out.trim() ? (JSON.parse(out) as T[]) : [];
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const byEmail = `email = ${sqlString(FIXTURE_USER.email)}`;

async function userSlug(dir: string): Promise<string> {
  const [row] = await query<{ slug: string }>(dir, `SELECT slug FROM users WHERE ${byEmail}`);
  if (!row) throw new Error(`Ghost: no user ${FIXTURE_USER.email}`);
  return row.slug;
}

async function readProfile(dir: string): Promise<GhostProfile> {
  const [row] = await query<GhostProfile>(dir, `SELECT ${PROFILE_COLUMNS.join(', ')} FROM users WHERE ${byEmail}`);
  if (!row) throw new Error(`Ghost: no user ${FIXTURE_USER.email}`);
  return row;
}

async function resetUser(dir: string): Promise<void> {
  const links = PROFILE_COLUMNS.filter((c) => !['name', 'slug', 'email', 'location', 'bio'].includes(c));
  const sql = [
    'BEGIN IMMEDIATE;',
    `UPDATE users SET name = ${sqlString(FIXTURE_USER.name)}, location = ${sqlString(FIXTURE_PROFILE.location)}, bio = ${sqlString(FIXTURE_PROFILE.bio)}, ${links.map((c) => `${c} = NULL`).join(', ')} WHERE ${byEmail};`,
    // Admin sessions live in this table: deleting them signs every browser out.
    'DELETE FROM sessions;',
    'COMMIT;',
  ].join('\n');
  await run(SQLITE, ['-cmd', '.timeout 10000', dbFile(dir)], { stdin: sql });
}

/** Ghost's own check (bcryptjs from its install) of the stored hash. */
async function checkPassword(dir: string, password: string): Promise<boolean> {
  const [row] = await query<{ password: string }>(dir, `SELECT password FROM users WHERE ${byEmail}`);
  if (!row) throw new Error(`Ghost: no user ${FIXTURE_USER.email}`);
  const out = await run(
    process.execPath,
    ['-e', 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{const {pw,hash}=JSON.parse(s);process.stdout.write(String(require("bcryptjs").compareSync(pw,hash)))})'],
    { cwd: GHOST_DIR, stdin: JSON.stringify({ pw: password, hash: row.password }) },
  );
  return out.trim() === 'true';
}
