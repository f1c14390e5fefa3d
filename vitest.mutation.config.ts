import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The tests mutation testing runs against each mutant (stryker.config.mjs): the unit suites of the mutated
// modules and the provider contract suite, without the slow end-to-end, CLI, browser and multi-process suites,
// which add minutes per run and kill no mutant the unit suites leave alive.
const config = mergeConfig(base, defineConfig({ test: { coverage: { enabled: false } } }));
// Set, not merged: `mergeConfig` concatenates arrays, which would keep the base config's `test/**/*.test.ts`.
config.test.include = [
  'test/core/**/*.test.ts',
  'test/webhooks/**/*.test.ts',
  'test/jwt/**/*.test.ts',
  'test/quota/**/*.test.ts',
  'test/templates/**/*.test.ts',
  'test/contract/**/*.test.ts',
  'test/broadcast/ledger.test.ts',
];
// The two suites that import the library afresh inside a test (what loads at import, zod's default messages)
// execute every module-level constant again within that test. Stryker then counts a constant's mutant as covered
// by that test alone and, with `ignoreStatic`, runs only it against the mutant, without reloading the module the
// other suites already imported: the mutant is never active and "survives". They test no rule of a mutated module.
config.test.exclude = [
  'test/webhooks/fuzz.test.ts',
  'test/webhooks/servers.test.ts',
  'test/core/lazy-dependencies.test.ts',
  'test/core/zod-messages.test.ts',
  '**/node_modules/**',
];
// Stryker's dry run executes every test on code instrumented for per-test coverage (a counter per statement), and
// the hostile-input tests feed hundreds of thousands of characters through it: they get a longer bound here. A
// mutant that makes them slow is still caught, by Stryker's own timeout (stryker.config.mjs `timeoutMS`).
config.test.testTimeout = 120_000;
config.test.env = { ...config.test.env, WABA_KIT_TEST_BOUND_MS: '120000' };
export default config;
