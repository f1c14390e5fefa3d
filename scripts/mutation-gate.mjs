#!/usr/bin/env node
// Fails when any mutated module scores below the threshold (docs/testing.md). Score = (killed + timed out) /
// (killed + timed out + survived + no coverage), as Stryker computes it. Stryker's own `break` threshold applies
// to the total; this gate holds every module to it, so one weak module cannot hide behind strong ones.
//
//   node scripts/mutation-gate.mjs [report.json]   the last Stryker run (default .tmp/mutation/mutation.json,
//                                                  the mutation-testing-report-schema JSON stryker.config.mjs
//                                                  writes); judges only the files that run mutated
//   node scripts/mutation-gate.mjs --committed     the committed incremental report (what CI runs): every module
//                                                  of stryker.config.mjs `mutate` must be in it, with the exact
//                                                  source it has now, and at or above the threshold
//
// `--committed` runs no mutant, so it takes milliseconds and cannot flake: a change to a mutated module fails it
// until `npm run test:mutation -- --incremental` has re-tested that module and the refreshed report is committed.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const THRESHOLD = Number(process.env.MUTATION_THRESHOLD ?? 90);
const args = process.argv.slice(2);
const committed = args.includes('--committed');
const config = (await import(pathToFileURL(`${process.cwd()}/stryker.config.mjs`).href)).default;
// With `ignoreStatic`, Stryker leaves static mutants (module-level constants) out of the score. A fresh run marks
// them `Ignored`, but an incremental run hands back their earlier result (Stryker 10: `Survived`, with
// `static: true`), so the gate reads the flag itself and scores every run the same way.
const ignoreStatic = config.ignoreStatic === true;
const file = committed
  ? config.incrementalFile
  : (args.find((a) => !a.startsWith('--')) ?? '.tmp/mutation/mutation.json');

let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(
    `mutation gate: cannot read ${file} (${error.message}); run \`npm run test:mutation${committed ? ' -- --incremental' : ''}\` first.`,
  );
  process.exit(1);
}
const files = report.files ?? {};

const problems = [];
if (committed) {
  for (const name of config.mutate) {
    const entry = files[name];
    if (!entry) {
      problems.push(`${name} is in stryker.config.mjs \`mutate\` but not in ${file}`);
      continue;
    }
    let current;
    try {
      current = readFileSync(name, 'utf8');
    } catch {
      problems.push(`${name} no longer exists: remove it from stryker.config.mjs \`mutate\``);
      continue;
    }
    if (current !== entry.source) problems.push(`${name} changed since ${file} was written`);
  }
  for (const name of Object.keys(files)) {
    if (!config.mutate.includes(name))
      problems.push(`${file} lists ${name}, which stryker.config.mjs no longer mutates`);
  }
}

const rows = [];
for (const [name, { mutants }] of Object.entries(files)) {
  if (committed && !config.mutate.includes(name)) continue;
  const scored = ignoreStatic ? mutants.filter((m) => m.static !== true) : mutants;
  const count = (status) => scored.filter((m) => m.status === status).length;
  const detected = count('Killed') + count('Timeout');
  const undetected = count('Survived') + count('NoCoverage');
  const valid = detected + undetected;
  const score = valid === 0 ? 100 : (detected / valid) * 100;
  rows.push({
    name,
    score,
    detected,
    undetected,
    ignored: mutants.length - scored.length + count('Ignored'),
  });
}
rows.sort((a, b) => a.score - b.score);
const width = Math.max(...rows.map((r) => r.name.length), 6);
console.log(`${'module'.padEnd(width)}  score   killed  survived  ignored`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(width)}  ${r.score.toFixed(1).padStart(5)}%  ${String(r.detected).padStart(6)}  ${String(r.undetected).padStart(8)}  ${String(r.ignored).padStart(7)}`,
  );
}
if (rows.length === 0) {
  console.error('mutation gate: the report lists no mutated file.');
  process.exit(1);
}
if (problems.length > 0) {
  console.error(
    `mutation gate: the committed report does not match the code:\n  - ${problems.join('\n  - ')}\n` +
      'Re-test what changed with `npm run test:mutation -- --incremental` (add `--mutate <file>` to limit it) and ' +
      `commit ${file} with the change.`,
  );
  process.exit(1);
}
const failing = rows.filter((r) => r.score < THRESHOLD);
if (failing.length > 0) {
  console.error(
    `mutation gate: ${failing.length} module(s) below ${THRESHOLD} %: ${failing.map((r) => r.name).join(', ')}.\n` +
      `Open ${file} (or re-run with the html reporter) to see the surviving mutants, and add a ` +
      'test that fails under each one; mark a truly equivalent mutant with a `// Stryker disable next-line` comment ' +
      'that says why.',
  );
  process.exit(1);
}
console.log(`mutation gate: every module at or above ${THRESHOLD} %.`);
