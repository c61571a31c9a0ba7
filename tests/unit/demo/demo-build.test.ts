/** A failed build is told in the build's own words, without colour codes, spinners or stack frames. */
import { describe, expect, it } from 'vitest';
import { buildErrorSummary } from '../../../scripts/demo/build';

// The shape of `wxt build` output on a syntax error (colours, spinner, the error twice, stack frames).
const OUTPUT = [
  '> wxt build',
  '\x1b[1mWXT\x1b[22m 0.21.4',
  '\x1b[?25l⠋ Preparing...\x1b[K⠋ [1/4] background\x1b[K✗ Build failed in 242ms',
  ' \x1b[41m ERROR \x1b[49m Build failed with 1 error:',
  '',
  '',
  '\x1b[31m[builtin:vite-transform] \x1b[0mUnexpected token',
  '    ╭─[ entrypoints/popup/main.tsx:12:19 ]',
  ' 12 │ const x: number = ;',
  '    at buildEntrypoints (node_modules/wxt/dist/core/utils/building/build-entrypoints.mjs:21:10)',
  '    at async rebuild (node_modules/wxt/dist/core/utils/building/rebuild.mjs:34:20)',
  '✖ Command failed after 1.852 s',
  ' ERROR  Failed to build options, popup',
  '  [cause]: Build failed with 1 error:',
].join('\n');

describe('buildErrorSummary', () => {
  it('keeps the error and where it is, once', () => {
    const s = buildErrorSummary(OUTPUT);
    expect(s.split('\n')[0]).toBe('ERROR  Build failed with 1 error:');
    expect(s).toContain('entrypoints/popup/main.tsx:12:19');
    expect(s).toContain('const x: number = ;');
    expect(s).not.toContain('\x1b');
    expect(s).not.toMatch(/⠋|Preparing/);
    expect(s).not.toMatch(/^\s*at /m);
    expect(s).not.toContain('Failed to build options');
    expect(s).not.toMatch(/\n\n\n/);
  });

  it('without an ERROR line: the last lines, at most the limit', () => {
    const s = buildErrorSummary(Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n'), 5);
    expect(s.split('\n')).toEqual(['line 45', 'line 46', 'line 47', 'line 48', 'line 49']);
  });
});
