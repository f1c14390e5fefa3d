#!/usr/bin/env node
// Fails when any mutated module scores below the threshold in the last Stryker run (.tmp/mutation/mutation.json,
// the mutation-testing-report-schema JSON that stryker.config.mjs writes). Stryker's own `break` threshold
// applies to the total; this gate holds every module to it, so one weak module cannot hide behind strong ones.
// Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker computes it.
import { readFileSync } from 'node:fs';

const THRESHOLD = Number(process.env.MUTATION_THRESHOLD ?? 90);
const file = process.argv[2] ?? '.tmp/mutation/mutation.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(
    `mutation gate: cannot read ${file} (${error.message}); run \`npm run test:mutation\` first.`,
  );
  process.exit(1);
}

const rows = [];
for (const [name, { mutants }] of Object.entries(report.files ?? {})) {
  const count = (status) => mutants.filter((m) => m.status === status).length;
  const detected = count('Killed') + count('Timeout');
  const undetected = count('Survived') + count('NoCoverage');
  const valid = detected + undetected;
  const score = valid === 0 ? 100 : (detected / valid) * 100;
  rows.push({ name, score, detected, undetected, ignored: count('Ignored') });
}
rows.sort((a, b) => a.score - b.score);
const width = Math.max(...rows.map((r) => r.name.length), 6);
console.log(`${'module'.padEnd(width)}  score   killed  survived  ignored`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(width)}  ${r.score.toFixed(1).padStart(5)}%  ${String(r.detected).padStart(6)}  ${String(r.undetected).padStart(8)}  ${String(r.ignored).padStart(7)}`,
  );
}
const failing = rows.filter((r) => r.score < THRESHOLD);
if (rows.length === 0) {
  console.error('mutation gate: the report lists no mutated file.');
  process.exit(1);
}
if (failing.length > 0) {
  console.error(
    `mutation gate: ${failing.length} module(s) below ${THRESHOLD} %: ${failing.map((r) => r.name).join(', ')}.\n` +
      'Open .tmp/mutation/mutation.json (or re-run with the html reporter) to see the surviving mutants, and add a ' +
      'test that fails under each one; mark a truly equivalent mutant with a `// Stryker disable next-line` comment ' +
      'that says why.',
  );
  process.exit(1);
}
console.log(`mutation gate: every module at or above ${THRESHOLD} %.`);
