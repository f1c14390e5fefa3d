import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/msw.ts'],
    globalSetup: ['test/quota/redis-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/entries/**'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
