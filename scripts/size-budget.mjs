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
 * real regression fails and ordinary growth does not. The schemas are `zod/mini` (imported as a namespace,
 * `import * as z from 'zod/mini'`, so bundlers tree-shake it down to the checks used).
 */
const BUDGETS = [
  // Lowered with the performance issue (16): the client, config and message schemas moved to `zod/mini` and jose
  // left the signing path. Measured then: the root 84.9 KiB, nexmo 58.5, meta 69.8, jwt 11.2, quota 8.1,
  // templates 14.7 (unchanged: the template rules load no zod). Each budget is about 10 % above its figure.
  // `./webhooks` lowered with the webhook half of that issue: its parsers read payloads without zod and its event
  // schemas are zod/mini (30.2 KiB measured, from 48).
  // `./nexmo` and `./meta` lowered with the client-bundle half: the clients stopped importing the webhook, template
  // and JWT barrels, which had put the webhook event schemas into the chunk every client loads (measured then:
  // nexmo 57.7 KiB, meta 69.0), and again when jose left the webhook verification (nexmo 50.9, meta 62.6). Their
  // budgets are about 5 % above that, as what remains is accounted for part by part in docs/BENCHMARKS.md (Bundle
  // size) and a regression of 1 KiB such as the barrel one should fail.
  { subpath: '.', file: 'dist/index.js', kib: 93 },
  { subpath: './nexmo', file: 'dist/nexmo.js', kib: 53.5 },
  { subpath: './meta', file: 'dist/meta.js', kib: 65.5 },
  // Then `WebhookEventSchema` moved to `./webhooks/schema`, so `./webhooks` carries no zod (20.3 KiB measured);
  // the schema subpath is zod/mini with its English messages and the event schemas (10.3 KiB measured). Vonage
  // signed webhooks are then verified on Web Crypto without jose, and the SHA-256 round constants are built on
  // first use (so the parsers' `normalizeSha256` no longer drags the table in): `./webhooks` 13.5 KiB measured,
  // `./jwt` 5.0 KiB (it no longer carries jose's verifier either). Then the parsers build their events and decoded
  // content through shared builders, one hex encoder serves every digest and dead or repeated code went: 13.1 KiB
  // measured, with the parse-alongside-verify and named-store speed work of the same issue in it; the budget is
  // about 5 % above that, so a regression of the size this work removed fails.
  { subpath: './webhooks', file: 'dist/webhooks.js', kib: 13.8 },
  { subpath: './webhooks/schema', file: 'dist/webhooks/schema.js', kib: 11.5 },
  { subpath: './templates', file: 'dist/templates.js', kib: 16 },
  { subpath: './jwt', file: 'dist/jwt.js', kib: 5.5 },
  { subpath: './quota', file: 'dist/quota.js', kib: 9 },
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
console.log(`${'subpath'.padEnd(18)}${'min'.padStart(10)}${'min+gzip'.padStart(12)}${'budget'.padStart(10)}`);
for (const { subpath, file, kib: budget } of BUDGETS) {
  if (!existsSync(join(root, file))) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  const { min, gzip } = await measure(file);
  const over = gzip > budget * 1024;
  if (over) failed += 1;
  console.log(
    `${subpath.padEnd(18)}${`${kib(min)} KiB`.padStart(10)}${`${kib(gzip)} KiB`.padStart(12)}${`${budget} KiB`.padStart(10)}${over ? '  OVER BUDGET' : ''}`,
  );
}
if (failed > 0) {
  console.error(`${failed} size budget(s) exceeded: shrink the entry or raise the budget with a reason.`);
  process.exit(1);
}
