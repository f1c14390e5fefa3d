#!/usr/bin/env node
// The test command (`npm test`): runs each npm script named on the command line, in order, stopping at the
// first that fails, and ends with ONE plain line summing up everything it ran: "N passed, N failed". Vitest
// steps count their tests (from the JSON report `test:unit` writes); every other step counts as one check.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const VITEST_REPORT = '.tmp/vitest-node20.json';
let passed = 0;
let failed = 0;
let skipped = 0;
const steps = process.argv.slice(2);

for (const step of steps) {
  const vitest = step === 'test:unit';
  if (vitest) rmSync(VITEST_REPORT, { force: true });
  const result = spawnSync('npm', ['run', '--silent', step], { stdio: 'inherit', shell: false });
  const ok = result.status === 0;
  if (vitest && existsSync(VITEST_REPORT)) {
    const report = JSON.parse(readFileSync(VITEST_REPORT, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
    skipped += report.numPendingTests + report.numTodoTests;
    // Thresholds (coverage) can fail the step with every test green.
    if (!ok && report.numFailedTests + (report.numFailedTestSuites ?? 0) === 0) failed += 1;
  } else if (ok) passed += 1;
  else failed += 1;
  if (!ok) {
    console.error(`\n${step} failed; the steps after it did not run`);
    break;
  }
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
