#!/usr/bin/env node
// `npm run test:mutation [-- --incremental] [-- --mutate src/file.ts]`: runs Stryker (stryker.config.mjs) and
// then the per-module gate (scripts/mutation-gate.mjs). Stryker needs Node >= 22; on an older Node this runs it
// on the `node@22` npm package, the same way .ci/run gets Node 22 and 24 for the test suite.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const stryker = ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...args];
const major = Number(process.versions.node.split('.')[0]);
const run =
  major >= 22
    ? spawnSync(process.execPath, stryker, { stdio: 'inherit' })
    : spawnSync('npx', ['-y', '-p', 'node@22', '--', 'node', ...stryker], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
// A run limited with --mutate covers only part of the modules; the gate then judges only what was mutated.
const gate = spawnSync(process.execPath, ['scripts/mutation-gate.mjs'], { stdio: 'inherit' });
process.exit(gate.status ?? 1);
