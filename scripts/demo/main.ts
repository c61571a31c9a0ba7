/**
 * The demo, start to end: checks (port, Chromium, the build) and the build
 * first, with nothing heavy loaded, so they answer at once; then ./run.
 */
import path from 'node:path';
import { buildExtension } from './build';
import { DemoError, portProblem } from './errors';
import { parseDemoArgs } from './options';
import { findChromium, hasBuild, noBuild, noChromium } from './preflight';
import { USAGE } from './text';

export const DEFAULT_SHOTS_DIR = path.resolve('.output/demo-walkthrough');

/** Runs the demo; resolves to the exit code. Errors meant for the person are DemoErrors. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const opts = parseDemoArgs(argv);
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const display = !!(env.DISPLAY || env.WAYLAND_DISPLAY);
  const shotsDir = opts.screenshots !== undefined ? path.resolve(opts.screenshots) : display ? undefined : DEFAULT_SHOTS_DIR;

  if (opts.port !== 0) {
    const problem = await portProblem(opts.port);
    if (problem) throw new DemoError(problem);
  }
  const executablePath = findChromium(env);
  if (!executablePath) throw noChromium();
  if (opts.build) buildExtension();
  else if (!hasBuild()) throw noBuild();

  const { runDemo } = await import('./run');
  return runDemo({ ...opts, shotsDir, executablePath });
}
