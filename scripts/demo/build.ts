/** `npm run build` for the demo: quiet when it works, the build's own error in a few plain lines when not. */
import { spawnSync } from 'node:child_process';
import { DemoError } from './errors';

export function buildExtension(): void {
  process.stdout.write('Building the extension (npm run build)… ');
  const r = spawnSync('npm', ['run', 'build'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new DemoError(`Could not run npm: ${r.error.message}`);
  if (r.status !== 0) {
    console.log('failed.');
    const said = buildErrorSummary(`${r.stdout}\n${r.stderr}`)
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
    throw new DemoError(`The extension did not build. The build said:\n\n${said}\n\nFix that, then run bash scripts/demo.sh again (npm run build shows the whole output).`);
  }
  console.log('done.\n');
}

/**
 * The part of a failed build's output a person needs: from the first ERROR
 * on, without colour codes, spinner frames or stack frames, at most 20 lines.
 */
export function buildErrorSummary(output: string, maxLines = 20): string {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '\n');
  const lines = plain.split('\n').filter((l) => !/^\s*at\s/.test(l) && !/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(l));
  const start = lines.findIndex((l) => /\bERROR\b|error TS\d+|Error:/.test(l));
  const kept: string[] = [];
  for (const l of start >= 0 ? lines.slice(start) : lines.slice(-maxLines)) {
    // WXT repeats the error after its summary line; once is enough.
    if (/Command failed after/.test(l)) break;
    if (!l.trim() && !kept.at(-1)?.trim()) continue;
    kept.push(l.trimEnd());
    if (kept.length >= maxLines) break;
  }
  return kept.join('\n').trim();
}
