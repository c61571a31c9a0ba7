import { defineConfig } from 'vitest/config';

// The Firefox smoke runs apart from the unit suite: a real firefox-esr, no fake browser.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
