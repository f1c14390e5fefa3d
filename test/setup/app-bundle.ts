import type { BuildOptions } from 'esbuild';

/**
 * How the tests bundle the sources the way an app's bundler would: ESM, tree shaking, no minifying (names stay
 * readable in assertions), every package but the optional Redis peers and Node built-ins bundled in. One copy for
 * the suites that ask what a bundle holds (`test/core/tree-shaking.test.ts`, `test/webhooks/no-zod.test.ts`).
 */
export const APP_BUNDLE = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  external: ['node:*', 'ioredis', 'redis'],
  logLevel: 'silent',
} as const satisfies BuildOptions;
