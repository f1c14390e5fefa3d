#!/usr/bin/env node
// Runtime smoke harness: packs the BUILT package, installs the tarball into a throwaway project, and runs
// `smoke-checks.mjs` from it on every runtime: the current Node, Node 22 and 24 (the `node` npm package), Bun
// (the `bun` npm package), Deno (the `deno` npm package) and Cloudflare's workerd (through Miniflare). Each run
// signs a Vonage JWT, validates a template, verifies and parses a signed Meta webhook, and sends one message
// through MetaCloudClient to the fake Cloud API this script serves on 127.0.0.1, which checks the request.
//
// Usage: node scripts/runtimes/run.mjs [node|node22|node24|bun|deno|workerd ...]   (default: all)
// Writes .tmp/runtimes.json. Exits 1 when any runtime fails. Run after `npm run build`.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SMOKE } from './smoke-checks-shared.mjs';

const here = import.meta.dirname;
const root = resolve(here, '../..');
const RUNTIME_TIMEOUT_MS = 240_000;

/** How to start each runtime from the consumer project. `npx -y` installs the runtime package on first use. */
const RUNTIMES = {
  node: { label: 'Node (current)', cmd: process.execPath, args: ['entry-cli.mjs'] },
  node22: { label: 'Node 22', cmd: 'npx', args: ['-y', '-p', 'node@22', '--', 'node', 'entry-cli.mjs'] },
  node24: { label: 'Node 24', cmd: 'npx', args: ['-y', '-p', 'node@24', '--', 'node', 'entry-cli.mjs'] },
  bun: { label: 'Bun 1', cmd: 'npx', args: ['-y', 'bun@1', 'entry-cli.mjs'] },
  deno: {
    label: 'Deno 2',
    cmd: 'npx',
    args: ['-y', 'deno@2', 'run', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'entry-cli.mjs'],
  },
  workerd: { label: 'Cloudflare workerd (Miniflare)', worker: true },
};

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(RUNTIMES);
for (const name of wanted) {
  if (!RUNTIMES[name]) {
    console.error(`unknown runtime "${name}"; use: ${Object.keys(RUNTIMES).join(', ')}`);
    process.exit(2);
  }
}

/** The fake Cloud API: checks the one request a smoke run makes and answers like Graph does. */
function startFakeCloudApi() {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const problems = [];
      const expectedPath = `/${SMOKE.apiVersion}/${SMOKE.phoneNumberId}/messages`;
      if (req.method !== 'POST') problems.push(`method ${req.method}, expected POST`);
      if (req.url !== expectedPath) problems.push(`path ${req.url}, expected ${expectedPath}`);
      if (req.headers.authorization !== `Bearer ${SMOKE.accessToken}`)
        problems.push('wrong Authorization header');
      if (!String(req.headers['content-type']).startsWith('application/json')) problems.push('not JSON');
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        problems.push('body is not JSON');
      }
      if (body) {
        if (body.messaging_product !== 'whatsapp') problems.push('messaging_product is not whatsapp');
        if (body.to !== SMOKE.to.slice(1)) problems.push(`to ${body.to}, expected ${SMOKE.to.slice(1)}`);
        if (body.type !== 'text' || body.text?.body !== SMOKE.text) problems.push('text body differs');
      }
      received.push({ problems });
      if (problems.length > 0) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { message: problems.join('; '), type: 'OAuthException', code: 100 } }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: body.to, wa_id: body.to }],
          messages: [{ id: SMOKE.wamid }],
        }),
      );
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, received, url: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}

/** `npm pack` the built package and install it (with its dependencies) into a new project. */
function installConsumer() {
  const work = mkdtempSync(join(tmpdir(), 'waba-kit-runtimes-'));
  const run = (cmd, args, cwd) =>
    execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'runtime-smoke', private: true, type: 'module' }),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      join(work, packed[0].filename),
    ],
    app,
  );
  for (const file of ['smoke-checks.mjs', 'smoke-checks-shared.mjs', 'entry-cli.mjs', 'entry-worker.mjs']) {
    copyFileSync(join(here, file), join(app, file));
  }
  return { work, app };
}

function runCommand(spec, app, baseUrl) {
  return new Promise((done) => {
    const child = spawn(spec.cmd, spec.args, {
      cwd: app,
      env: { ...process.env, WABA_SMOKE_BASE_URL: baseUrl, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUNTIME_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      let result;
      try {
        result = line ? JSON.parse(line) : undefined;
      } catch {}
      if (!result) {
        const why = signal ? `killed by ${signal} after ${RUNTIME_TIMEOUT_MS / 1000} s` : `exit ${code}`;
        result = { ok: false, checks: [], error: `${why}; no result line. ${stderr.trim().slice(-2000)}` };
      } else if (code !== 0 && result.ok) {
        result = { ...result, ok: false, error: `exit ${code} after a passing result` };
      }
      done(result);
    });
  });
}

async function runWorker(app, baseUrl) {
  const { build } = await import('esbuild');
  const { Miniflare } = await import('miniflare');
  const bundled = await build({
    entryPoints: [join(app, 'entry-worker.mjs')],
    absWorkingDir: app,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'silent',
  });
  const mf = new Miniflare({
    modules: true,
    script: bundled.outputFiles[0].text,
    compatibilityDate: '2025-01-01',
    bindings: { SMOKE_BASE_URL: baseUrl },
  });
  try {
    const response = await mf.dispatchFetch('http://smoke.test/');
    return await response.json();
  } finally {
    await mf.dispose();
  }
}

const fake = await startFakeCloudApi();
const { work, app } = installConsumer();
const results = [];
try {
  for (const name of wanted) {
    const spec = RUNTIMES[name];
    const before = fake.received.length;
    const started = Date.now();
    let result;
    try {
      result = spec.worker ? await runWorker(app, fake.url) : await runCommand(spec, app, fake.url);
    } catch (error) {
      result = { ok: false, checks: [], error: String(error?.stack ?? error) };
    }
    const requests = fake.received.length - before;
    if (result.ok && requests !== 1) {
      result = { ...result, ok: false, error: `the fake Cloud API got ${requests} requests, expected 1` };
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    results.push({ name, label: spec.label, seconds: Number(seconds), ...result });
    const status = result.ok ? 'ok  ' : 'FAIL';
    console.log(
      `${status} ${spec.label.padEnd(32)} ${String(result.runtime ?? '?').padEnd(40)} ${seconds} s`,
    );
    if (!result.ok) console.log(`     ${result.error}`);
  }
} finally {
  fake.server.close();
  rmSync(work, { recursive: true, force: true });
}
mkdirSync(join(root, '.tmp'), { recursive: true });
writeFileSync(join(root, '.tmp', 'runtimes.json'), `${JSON.stringify(results, null, 2)}\n`);
const failed = results.filter((r) => !r.ok).length;
console.log(`runtime smoke: ${results.length - failed} of ${results.length} runtimes passed`);
process.exit(failed > 0 ? 1 : 0);
