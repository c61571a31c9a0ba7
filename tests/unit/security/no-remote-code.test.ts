import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';

/**
 * "No remote code; a strict extension CSP": nothing in the shipped sources
 * can turn text into code or load a script from elsewhere, and the manifest
 * the build writes keeps extension pages on our own bundled scripts.
 */

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|html)$/.test(name) ? [p] : [];
  });
}

const SHIPPED = ['lib', 'components', 'entrypoints'].flatMap((d) => sourceFiles(d));

describe('no code from text, no script from elsewhere, no HTML from data', () => {
  it('scans the shipped sources', () => {
    expect(SHIPPED.length).toBeGreaterThan(30);
    expect(SHIPPED).toContain(path.join('entrypoints', 'popup', 'index.html'));
  });

  it.each([
    ['eval', /\beval\s*\(/],
    ['new Function', /\bnew\s+Function\s*\(/],
    ['string timers', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
    ['importScripts', /\bimportScripts\s*\(/],
    ['dynamic import of a URL', /\bimport\s*\(\s*['"`](https?:)?\/\//],
    ['script elements made at run time', /createElement\s*\(\s*['"`]script/i],
    ['HTML from strings', /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML/],
    ['remote <script src>', /<script[^>]+src\s*=\s*["']?(https?:)?\/\//i],
    ['executeScript with code strings', /executeScript\s*\(\s*\{[^}]*\bcode\s*:/],
  ])('no %s', (_name, pattern) => {
    const hits = SHIPPED.filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});

type ManifestFn = (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: string }) => Record<string, unknown>;

describe('the manifest: strict CSP, nothing exposed to web pages', () => {
  const manifestFn = (config as { manifest: ManifestFn }).manifest;

  it.each([
    ['chrome', 3],
    ['firefox', 2],
  ] as const)('%s', (browser, manifestVersion) => {
    const m = manifestFn({ browser, manifestVersion, mode: 'production', command: 'build' });
    const csp = (m.content_security_policy as { extension_pages: string }).extension_pages;
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval/);
    // Web pages cannot load our files or message the extension.
    expect(m).not.toHaveProperty('web_accessible_resources');
    expect(m).not.toHaveProperty('externally_connectable');
    // Content scripts are registered at run time for the task's domain only.
    expect(m).not.toHaveProperty('content_scripts');
  });
});
