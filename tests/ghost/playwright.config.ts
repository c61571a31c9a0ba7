import { defineConfig } from '@playwright/test';

// Ghost's own checks, no extension: the engine on the Ghost gap pages (pages.smoke.ts).
export default defineConfig({
  testDir: '.',
  testMatch: '*.smoke.ts',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: 'list',
  outputDir: '../../test-results/ghost',
});
