/**
 * The demo's command line where it must fail, in plain words and before
 * any build: a busy port, no Chromium, a wrong option. Runs the real
 * scripts/demo.ts in a child process.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function demo(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const childEnv = { ...process.env, ...env };
  delete childEnv.DISPLAY;
  delete childEnv.WAYLAND_DISPLAY;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** A stack trace looks like "    at fn (file:line:col)". */
const STACK_LINE = /^\s+at .+[:(]/m;

let busy: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (busy ? busy.close(() => r()) : r()));
  busy = undefined;
});

// Each case starts Node with tsx: seconds on a busy 2-core machine.
describe('bash scripts/demo.sh (scripts/demo.ts)', { timeout: 60_000 }, () => {
  it('a busy port: says so and suggests --port, no stack trace, no build started', async () => {
    busy = createServer();
    await new Promise<void>((r) => busy!.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;

    const r = await demo(['--port', String(port)]);

    expect(r.code).toBe(1);
    expect(r.err).toContain(`Port ${port} is already in use`);
    expect(r.err).toMatch(/--port \d+/);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(r.out).not.toContain('Building the extension');
  });

  it('no Chromium: names what is missing and how to install it, no stack trace', async () => {
    const r = await demo(['--port', '0'], { CHROMIUM_PATH: '/nonexistent/chromium' });

    expect(r.code).toBe(1);
    expect(r.err).toContain('Chromium not found at CHROMIUM_PATH=/nonexistent/chromium');
    expect(r.err).not.toMatch(STACK_LINE);
    expect(r.out).not.toContain('Building the extension');
  });

  it('a wrong option or value: the usage, exit code 2', async () => {
    const [unknown, badPort] = await Promise.all([demo(['--bogus']), demo(['--port', 'http'])]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown option '--bogus'");
    expect(unknown.err).toContain('--screenshots DIR');

    expect(badPort.code).toBe(2);
    expect(badPort.err).toContain('--port must be a number from 0 to 65535');
    expect(badPort.err).not.toMatch(STACK_LINE);
  });

  it('--help prints every option and exits 0', async () => {
    const r = await demo(['--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--port N', '--screenshots DIR', '--lang en|vi', '--auto-submit', '--no-build']) expect(r.out).toContain(opt);
  });
});
