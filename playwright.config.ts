import { defineConfig } from '@playwright/test';

// Extensions need a persistent context per test file (see tests/e2e/support):
// one worker keeps the 2-core machines calm and the runs repeatable.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: process.env.CI ? [['list'], ['./tests/e2e/support/summary-reporter.ts']] : 'list',
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
