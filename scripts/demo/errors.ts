/**
 * Errors the demo explains in plain words: printed as they are, no stack
 * trace (set DEMO_DEBUG=1 to see one).
 */
import { createServer } from 'node:net';

export class DemoError extends Error {
  constructor(
    message: string,
    /** The exit code: 2 for a wrong command line, 1 for everything else. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'DemoError';
  }
}

/** Why `port` cannot be used on 127.0.0.1, in words; null when it is free. */
export function portProblem(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') {
        resolve(
          `Port ${port} is already in use (another demo or sandbox still running?). ` +
            `Stop it, or pick another port: bash scripts/demo.sh --port ${port === 65535 ? port - 1 : port + 1}`,
        );
      } else if (e.code === 'EACCES') resolve(`Port ${port} needs special rights on this machine. Pick one above 1024: bash scripts/demo.sh --port 8787`);
      else resolve(`Port ${port} cannot be used (${e.code ?? e.message}). Pick another: bash scripts/demo.sh --port 8788`);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(null)));
  });
}

/** What the demo prints for an error that escaped: the message only, unless DEMO_DEBUG is set. */
export function describeError(e: unknown): string {
  if (process.env.DEMO_DEBUG && e instanceof Error && e.stack) return e.stack;
  if (e instanceof DemoError) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  const first = text.split('\n').find((l) => l.trim())?.trim() ?? 'unknown error';
  return `${first}\n(run with DEMO_DEBUG=1 for the details)`;
}
