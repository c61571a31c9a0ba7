/**
 * Process plumbing shared by the real-app harnesses (tests/redmine,
 * tests/mediawiki): free loopback ports, servers in their own process group,
 * readiness polling, and a watchdog that cleans up when the test process dies
 * without stopping its servers (a crash, SIGKILL, a CI timeout).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const IS_ROOT = process.getuid?.() === 0;

export interface Proc {
  /** Stops the process (its whole group) and waits for it to exit. */
  stop(): Promise<void>;
  /** Last resort on process exit: SIGKILL to the group, synchronously. */
  killNow(): void;
  exited: Promise<number | null>;
  pid: number;
}

/**
 * Tracks a child spawned with `detached: true` (its own process group, so a
 * server's workers go with it and its group signals never reach us).
 */
export function track(child: ChildProcess, name: string, stopSignal: NodeJS.Signals = 'SIGTERM'): Proc {
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const pid = child.pid;
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  let done = false;
  void exited.then(() => (done = true));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  return {
    pid,
    exited,
    killNow: () => {
      if (!done) signalGroup('SIGKILL');
    },
    stop: async () => {
      if (done) return;
      signalGroup(stopSignal);
      const timer = setTimeout(() => {
        console.warn(`${name} did not stop on ${stopSignal}; killing it`);
        signalGroup('SIGKILL');
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Resolves with the process once `ready` does; if it exits first, stops it
 * and throws with what `describeExit` says (its logs).
 */
export async function untilReady(proc: Proc, ready: Promise<unknown>, describeExit: (code: unknown) => Promise<string>): Promise<Proc> {
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

/**
 * A detached shell that waits for this process to die, then kills the given
 * process groups and removes `dir`. `cancel()` ends it after a clean stop.
 */
export function startWatchdog(name: string, dir: string, groups: () => number[]): { update(): void; cancel(): void } {
  let dog: ChildProcess | null = null;
  const launch = () => {
    const pids = groups().map(String);
    const next = spawn(
      'sh',
      [
        '-c',
        'parent="$1"; dir="$2"; shift 2; while kill -0 "$parent" 2>/dev/null; do sleep 1; done;' +
          ' for g in "$@"; do kill -TERM -"$g" 2>/dev/null; done; sleep 3;' +
          ' for g in "$@"; do kill -KILL -"$g" 2>/dev/null; done; rm -rf "$dir"',
        name,
        String(process.pid),
        dir,
        ...pids,
      ],
      { detached: true, stdio: 'ignore' },
    );
    next.unref();
    const old = dog;
    dog = next;
    if (old?.pid) kill(old.pid);
  };
  const kill = (pid: number) => {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  launch();
  return {
    /** Call after starting another server process, so the watchdog knows it. */
    update: launch,
    cancel: () => {
      if (dog?.pid) kill(dog.pid);
      dog = null;
    },
  };
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

/** The HTTP status of a GET on 127.0.0.1:port with the given Host header (0: no answer). */
export function httpStatus(port: number, hostHeader: string, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { host: hostHeader }, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
}

/** Runs a command to completion; stdin is written from `opts.stdin`. Rejects with the tail of its output. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    // No stdin unless given: a command that exits without reading it must not fail us with EPIPE.
    const spawnOpts: SpawnOptions = { stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: opts.env ?? process.env, cwd: opts.cwd };
    if (opts.uid !== undefined) spawnOpts.uid = opts.uid;
    if (opts.gid !== undefined) spawnOpts.gid = opts.gid;
    const child = spawn(cmd, args, spawnOpts);
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(cmd)} ${args[0] ?? ''} exited with ${code}: ${(err || out).trim().slice(-2000)}`));
    });
    if (child.stdin) {
      // A command may exit before it reads everything: its exit code tells the outcome, not EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.stdin);
    }
  });
}

export async function tail(file: string, lines = 20): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text ? `\n--- ${path.basename(file)} ---\n${text.trim().split('\n').slice(-lines).join('\n')}` : '';
}

/** uid/gid of a system account (e.g. www-data), from /etc/passwd. */
export function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const parts = line?.split(':');
  if (!parts || parts.length < 4) throw new Error(`no system user ${name}`);
  return { uid: Number(parts[2]), gid: Number(parts[3]) };
}

/** Removes cache entries of other versions, and builds abandoned by killed runs (old enough not to be in use). */
export async function removeStale(root: string, keep: string): Promise<void> {
  const cutoff = Date.now() - 15 * 60_000;
  for (const name of await fs.readdir(root).catch(() => [] as string[])) {
    if (name === keep || !/^(template|build)-/.test(name)) continue;
    const full = path.join(root, name);
    const stat = await fs.stat(full).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.rm(full, { recursive: true, force: true });
  }
}
