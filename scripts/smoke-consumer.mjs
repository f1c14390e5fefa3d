#!/usr/bin/env node
// Packs the library, installs the tarball into a throwaway consumer project, and checks that every public
// subpath loads with both `import` and `require`, and that error guards work across the two copies
// (the ESM/CJS dual-package hazard). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));

const work = mkdtempSync(join(tmpdir(), 'waba-kit-consumer-'));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
try {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  const stray = files.filter((f) => !/^(dist\/|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/.test(f));
  if (stray.length > 0)
    throw new Error(`the tarball holds files outside dist/README/CHANGELOG/LICENSE: ${stray.join(', ')}`);

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], app);

  const lines = subpaths.map((s) => JSON.stringify(s));
  // ky loads on first use (a dynamic import inside the package): one send through a 127.0.0.1 server proves that
  // the import resolves in each build, CommonJS as well as ESM; one Vonage signed webhook is signed and verified
  // on Web Crypto in each build too.
  const firstUse = (load) =>
    `const { NexmoClient } = ${load('waba-kit/nexmo')};\n` +
    `const { signWebhookForTest, verifyWebhook } = ${load('waba-kit/webhooks')};\n` +
    `const { generateKeyPairSync } = ${load('node:crypto')};\n` +
    `const { createServer } = ${load('node:http')};\n` +
    `await (async () => {\n` +
    `  const server = createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(202, { 'content-type': 'application/json' }); res.end('{"message_uuid":"first-use"}'); }); });\n` +
    `  await new Promise((r) => server.listen(0, '127.0.0.1', r));\n` +
    `  try {\n` +
    `    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });\n` +
    `    const client = new NexmoClient({ applicationId: 'app', privateKey, from: '+447700900001', baseUrl: 'http://127.0.0.1:' + server.address().port, maxRetries: 0 });\n` +
    `    const sent = await client.sendText('+447700900123', 'hi');\n` +
    `    if (sent.messageId !== 'first-use') throw new Error('first send');\n` +
    `    const headers = await signWebhookForTest('nexmo', '{}', 'signature-secret');\n` +
    `    const verified = await verifyWebhook('nexmo', { rawBody: '{}', headers, signatureSecret: 'signature-secret' });\n` +
    `    if (!verified.valid) throw new Error('signed webhook: ' + verified.reason);\n` +
    `  } finally { server.closeAllConnections(); server.close(); }\n` +
    `})();\n`;
  writeFileSync(
    join(app, 'check.cjs'),
    `for (const s of [${lines.join(',')}]) { const m = require(s); if (typeof m !== 'object') throw new Error('require ' + s); }\n` +
      `const { RateLimitError, isRateLimitError } = require('waba-kit');\n` +
      `if (!isRateLimitError(new RateLimitError('x'))) throw new Error('cjs guard');\n` +
      `module.exports = { RateLimitError };\n` +
      `module.exports.firstUse = (async () => {\n${firstUse((m) => `require('${m}')`)}})();\n`,
  );
  writeFileSync(
    join(app, 'check.mjs'),
    `import { createRequire } from 'node:module';\n` +
      `for (const s of [${lines.join(',')}]) { const m = await import(s); if (typeof m !== 'object') throw new Error('import ' + s); }\n` +
      `const esm = await import('waba-kit');\n` +
      `const cjs = createRequire(import.meta.url)('./check.cjs');\n` +
      `if (esm.RateLimitError === cjs.RateLimitError) throw new Error('expected two copies (ESM and CJS)');\n` +
      `if (!esm.isRateLimitError(new cjs.RateLimitError('x'))) throw new Error('guard across ESM/CJS copies failed');\n` +
      `if (!esm.normalizePhone('+44 7700 900123').startsWith('+44')) throw new Error('normalizePhone');\n` +
      `await cjs.firstUse;\n` +
      firstUse((m) => `await import('${m}')`) +
      `console.log('ok: ${subpaths.length} subpaths load with import and require; guards work across copies; the first send loads ky and a Vonage signed webhook verifies in both builds');\n`,
  );
  run('node', ['check.cjs'], app);
  process.stdout.write(run('node', ['check.mjs'], app));
} finally {
  rmSync(work, { recursive: true, force: true });
}
