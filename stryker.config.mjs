// Mutation testing of the security- and money-critical modules (docs/testing.md). `npm run test:mutation` runs
// a full pass; CI runs it incrementally (`--incremental`, reusing the committed report below), so only code that
// changed since the report is mutated again. `scripts/mutation-gate.mjs` then fails when any listed module
// scores below 90 %.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  mutate: [
    'src/webhooks/verify.ts',
    'src/jwt/verify.ts',
    'src/core/retry.ts',
    'src/core/http.ts',
    'src/quota/stores/memory.ts',
    'src/quota/tracker.ts',
    'src/templates/placeholders.ts',
  ],
  incrementalFile: 'test/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '.tmp/mutation/mutation.json' },
  tempDirName: '.tmp/stryker',
  cleanTempDir: 'always',
  concurrency: 2,
  timeoutMS: 10_000,
  thresholds: { high: 90, low: 90, break: null },
};
