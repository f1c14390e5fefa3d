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
  // A static mutant (a module-level constant) runs every test of the suite instead of the few covering it: 3 % of
  // the mutants took half of the run time. They are left out of the score; their constants are pinned by the
  // tests of the rules that use them.
  ignoreStatic: true,
  mutate: [
    'src/webhooks/verify.ts',
    'src/jwt/verify.ts',
    'src/jwt/base64url.ts',
    'src/core/retry.ts',
    'src/core/http.ts',
    'src/quota/stores/memory.ts',
    'src/quota/tracker.ts',
    'src/templates/placeholders.ts',
    'src/core/media/hosts.ts',
    'src/core/media/fetch.ts',
    'src/core/scrub.ts',
    'src/core/phone-mask.ts',
    'src/core/identity.ts',
    'src/webhooks/parsers/inbound-extras.ts',
    'src/templates/rules/carousel.ts',
    'src/templates/rules/authentication.ts',
    'src/broadcast/ledger.ts',
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
