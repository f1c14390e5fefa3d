#!/usr/bin/env node
// Size budgets: bundles each budgeted subpath of the BUILT package (dist/*.js, ESM) with its runtime
// dependencies, minified, as an app that imports everything from it would ship it, and checks the gzip size
// against the budget. Run after `npm run build`. Prints a table; exits 1 when a budget is exceeded.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/**
 * Budgets in KiB, min+gzip, of everything the subpath exports plus the dependencies it pulls in (a worst case:
 * an app importing one function ships less). About 10 % above the size measured when the budget was set, so a
 * real regression fails and ordinary growth does not. Most of `.` and `./webhooks` is zod (imported as a namespace,
 * `import * as z from 'zod'`, so bundlers tree-shake it); moving the schemas to `zod/mini` is the way to shrink
 * them further.
 */
const BUDGETS = [
  // Raised in the second turn, with what grew: the root by media downloads/uploads, BSUID recipients and the new
  // interactive and template components (101 KiB measured); webhooks by identity, referral, system and pricing
  // readers (48 KiB); templates by the carousel, offer and authentication rules (15 KiB). Shrinking them is the
  // open performance issue, not a reason to let them grow unnoticed: each is again about 10 % above its figure.
  { subpath: '.', file: 'dist/index.js', kib: 111 },
  // Webhooks lowered in the performance issue: the parsers read payloads without zod and the event schemas use
  // zod/mini (29.8 KiB measured, from 48).
  { subpath: './webhooks', file: 'dist/webhooks.js', kib: 33 },
  { subpath: './templates', file: 'dist/templates.js', kib: 16 },
  { subpath: './jwt', file: 'dist/jwt.js', kib: 13 },
];

/** Bundles one entry and returns its minified and gzipped sizes in bytes. */
export async function measure(file) {
  const result = await build({
    entryPoints: [join(root, file)],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['node:*'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kib = (bytes) => (bytes / 1024).toFixed(1);
let failed = 0;
console.log(`${'subpath'.padEnd(14)}${'min'.padStart(10)}${'min+gzip'.padStart(12)}${'budget'.padStart(10)}`);
for (const { subpath, file, kib: budget } of BUDGETS) {
  if (!existsSync(join(root, file))) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  const { min, gzip } = await measure(file);
  const over = gzip > budget * 1024;
  if (over) failed += 1;
  console.log(
    `${subpath.padEnd(14)}${`${kib(min)} KiB`.padStart(10)}${`${kib(gzip)} KiB`.padStart(12)}${`${budget} KiB`.padStart(10)}${over ? '  OVER BUDGET' : ''}`,
  );
}
if (failed > 0) {
  console.error(`${failed} size budget(s) exceeded: shrink the entry or raise the budget with a reason.`);
  process.exit(1);
}
