/**
 * `web-ext lint` (Mozilla's addons-linter, fully offline) on the Firefox build,
 * with a short report CI can read. Fails on any error, and on any warning about
 * manifest.json (those are ours to fix); warnings inside bundled library code
 * (react-dom's innerHTML, zod's eval probe) are listed but do not fail.
 *
 *   npx tsx tests/firefox/lint.ts [source dir, default .output/firefox-mv2]
 */
import path from 'node:path';
import webExt from 'web-ext';

const sourceDir = path.resolve(process.argv[2] ?? '.output/firefox-mv2');

interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
  column?: number;
}

const result = await webExt.cmd.lint(
  // AMO's own checks stay on (no selfHosted): the signed build goes through them.
  { sourceDir, output: 'none', boring: true },
  { shouldExitProgram: false },
);

const where = (m: LintMessage) => (m.file ? `${m.file}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}` : '');
for (const [level, list] of [
  ['error', result.errors],
  ['warning', result.warnings],
  ['notice', result.notices],
] as const) {
  for (const m of list) {
    console.log(`${level.padEnd(7)} ${m.code} ${where(m)} — ${m.message}`);
    // What to do about it, for the ones that fail the run.
    if (level === 'error' || m.file === 'manifest.json') console.log(`        ${String(m.description ?? '').replace(/\s+/g, ' ')}`);
  }
}

const manifestWarnings = result.warnings.filter((m) => m.file === 'manifest.json');
const { errors, warnings, notices } = result.summary;
console.log(`web-ext lint ${path.relative(process.cwd(), sourceDir)}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
if (errors > 0 || manifestWarnings.length > 0) {
  console.error(
    errors > 0 ? 'web-ext lint: errors found' : `web-ext lint: ${manifestWarnings.length} manifest warning(s); fix them in wxt.config.ts`,
  );
  process.exitCode = 1;
}
