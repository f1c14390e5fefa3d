/**
 * `npm run bench`: runs every benchmark of bench/cases and regenerates docs/BENCHMARKS.md.
 * `npm run bench -- --quick`: every benchmark with few iterations (a CI check that they all run, well under a
 * minute); the page goes to a temporary file instead. `--only=id,id` runs a subset; `--out=path` writes there.
 * `--only=id,id --reuse=dir` re-runs a subset and regenerates docs/BENCHMARKS.md whole, every other benchmark
 * taken from the results a previous run saved in `dir` (each run saves them in .tmp/bench-results/).
 *
 * Each benchmark runs in a fresh child process (this script with `--child=<id>`): ours, the anchor and the limit
 * share that process, and no benchmark inherits the JIT state, heap or inline caches left by another one.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { authBench } from './cases/auth.js';
import { bundleBench } from './cases/bundle.js';
import { coldImportBench } from './cases/cold-import.js';
import { jwtBench } from './cases/jwt.js';
import { mediaDownloadBench } from './cases/media-download.js';
import { metaWebhookBatchBench, metaWebhookBench } from './cases/meta-webhook.js';
import { metaWebhookMemoryBench } from './cases/meta-webhook-memory.js';
import { quotaMemoryBench } from './cases/quota-memory.js';
import { quotaRedisBench } from './cases/quota-redis.js';
import { sendBench } from './cases/send.js';
import { gupshupWebhookBench, nexmoWebhookBench, vonageV1WebhookBench } from './cases/status-parse.js';
import { templateBench } from './cases/template.js';
import { webhookRefusalBench } from './cases/webhook-refusal.js';
import { ensureBuilt } from './lib/build.js';
import { machine } from './lib/machine.js';
import { renderReport } from './lib/report.js';
import type { BenchContext, BenchResult } from './lib/types.js';

const CASES: Record<string, (ctx: BenchContext) => Promise<BenchResult>> = {
  jwt: jwtBench,
  auth: authBench,
  'nexmo-webhook': nexmoWebhookBench,
  'vonage-v1-webhook': vonageV1WebhookBench,
  'gupshup-webhook': gupshupWebhookBench,
  'meta-webhook': metaWebhookBench,
  'meta-webhook-batch': metaWebhookBatchBench,
  'meta-webhook-memory': metaWebhookMemoryBench,
  'webhook-refusal': webhookRefusalBench,
  send: sendBench,
  'quota-memory': quotaMemoryBench,
  'quota-redis': quotaRedisBench,
  template: templateBench,
  bundle: bundleBench,
  'cold-import': coldImportBench,
  'media-download': mediaDownloadBench,
};

/** Runs one benchmark in a fresh process (this script with `--child`) and reads its result. */
function runChild(id: string, quick: boolean, resultFile: string): Promise<BenchResult> {
  const args = [...process.execArgv, process.argv[1]!, `--child=${id}`, `--result=${resultFile}`];
  if (quick) args.push('--quick');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`benchmark ${id} failed (exit code ${code})`));
      else resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult);
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const child = args.find((a) => a.startsWith('--child='))?.slice('--child='.length);
  const resultFile = args.find((a) => a.startsWith('--result='))?.slice('--result='.length);
  const quick = args.includes('--quick');
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const outArg = args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  const reuse = args.find((a) => a.startsWith('--reuse='))?.slice('--reuse='.length);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const ctx: BenchContext = {
    quick,
    rounds: quick ? 1 : 7,
    taskTimeMs: quick ? 40 : 400,
    root,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  if (child) {
    const run = CASES[child];
    if (!run || !resultFile) throw new Error(`--child needs a known benchmark id and --result=<file>`);
    writeFileSync(resultFile, JSON.stringify(await run(ctx)));
    return;
  }
  const started = Date.now();
  const ids = only ?? Object.keys(CASES);
  for (const id of ids)
    if (!CASES[id]) throw new Error(`unknown benchmark ${id}; known: ${Object.keys(CASES).join(', ')}`);
  ensureBuilt(root, ctx.log);
  const results: BenchResult[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'waba-bench-'));
  const saved = path.join(root, '.tmp', 'bench-results');
  if (!quick) mkdirSync(saved, { recursive: true });
  for (const id of reuse ? Object.keys(CASES) : ids) {
    if (reuse && !ids.includes(id)) {
      results.push(JSON.parse(readFileSync(path.join(reuse, `${id}.json`), 'utf8')) as BenchResult);
      continue;
    }
    const t0 = Date.now();
    ctx.log(`bench ${id} ...`);
    const result = await runChild(id, quick, path.join(tmp, `${id}.json`));
    results.push(result);
    if (!quick) writeFileSync(path.join(saved, `${id}.json`), JSON.stringify(result));
    for (const f of result.figures)
      ctx.log(`  ${f.role.padEnd(6)} ${f.value.toFixed(1).padStart(12)} ${result.unit}  ${f.label}`);
    for (const g of result.goals) ctx.log(`  goal ${g.goal}: ${g.measured} -> ${g.met ? 'met' : 'MISSED'}`);
    ctx.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const page = renderReport(results, machine(), quick, reuse ? ids : undefined);
  const out =
    outArg ??
    (quick || (only && !reuse) ? path.join(tmp, 'BENCHMARKS.md') : path.join(root, 'docs', 'BENCHMARKS.md'));
  writeFileSync(out, page);
  ctx.log(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
