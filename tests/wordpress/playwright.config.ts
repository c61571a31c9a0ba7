import { defineConfig } from '@playwright/test';

// The WordPress harness's own check (no extension): see wordpress.smoke.ts.
export default defineConfig({
  testDir: '.',
  testMatch: '*.smoke.ts',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: 'list',
  outputDir: '../../test-results/wordpress',
});
