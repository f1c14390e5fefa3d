#!/usr/bin/env node
// `npm run test:mutation [-- --incremental] [-- --mutate src/file.ts]`: runs Stryker (stryker.config.mjs) and
// then the per-module gate (scripts/mutation-gate.mjs). Stryker needs Node >= 22; on an older Node this runs it
// on the `node@22` npm package, the same way .ci/run gets Node 22 and 24 for the test suite.
//
// With `--incremental`, Stryker re-tests only the mutants whose code or covering tests changed since the
// committed report (stryker.config.mjs `incrementalFile`), keeps every other result (files outside `--mutate`
// included), and writes the report back; this script then makes it fit to commit (no absolute path of this
// checkout, one line instead of pretty-printed) and runs the gate on it as CI does (`--committed`).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const incremental = args.includes('--incremental');
const stryker = ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...args];
const major = Number(process.versions.node.split('.')[0]);
const run =
  major >= 22
    ? spawnSync(process.execPath, stryker, { stdio: 'inherit' })
    : spawnSync('npx', ['-y', '-p', 'node@22', '--', 'node', ...stryker], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

if (incremental) {
  const { incrementalFile } = (await import(pathToFileURL(`${process.cwd()}/stryker.config.mjs`).href))
    .default;
  writeFileSync(
    incrementalFile,
    `${JSON.stringify(portable(JSON.parse(readFileSync(incrementalFile, 'utf8'))))}\n`,
  );
}
// A run limited with --mutate covers only part of the modules; the plain gate then judges only what was mutated.
const gate = spawnSync(
  process.execPath,
  ['scripts/mutation-gate.mjs', ...(incremental ? ['--committed'] : [])],
  {
    stdio: 'inherit',
  },
);
process.exit(gate.status ?? 1);

/**
 * The report without what ties it to this checkout: `projectRoot` and the resolved `config` (absolute paths,
 * machine settings) are dropped, and the root is cut from every string (test failure messages quote paths).
 * Stryker reads neither field back.
 */
function portable(report) {
  const root = report.projectRoot ?? process.cwd();
  delete report.projectRoot;
  delete report.config;
  return JSON.parse(
    JSON.stringify(report, (_key, value) =>
      typeof value === 'string' && value.includes(root)
        ? value.split(`${root}/`).join('').split(root).join('.')
        : value,
    ),
  );
}
