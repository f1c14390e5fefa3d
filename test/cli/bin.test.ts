import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The BUILT binary, as npm links it from package.json `bin`. */
const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BIN = join(root, pkg.bin.waba);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function waba(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? root,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

let dir: string;
let graph: Server;
let graphUrl: string;
const requests: { url: string | undefined; auth: string | undefined; body: any }[] = [];
const TOKEN = 'EAAbin0test0access0token0long0enough0to0pass';

beforeAll(async () => {
  if (!existsSync(BIN))
    throw new Error(`${pkg.bin.waba} is missing: run \`npm run build\` before these tests`);
  dir = mkdtempSync(join(tmpdir(), 'waba-cli-'));
  graph = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      const body = JSON.parse(raw);
      requests.push({ url: req.url, auth: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      if (body.to === '447700900999') {
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            error: { message: '(#100) Invalid parameter', code: 100, type: 'OAuthException' },
          }),
        );
        return;
      }
      res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.BIN1' }] }));
    });
  });
  await new Promise<void>((r) => graph.listen(0, '127.0.0.1', r));
  const address = graph.address();
  graphUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((r) => graph?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const metaEnv = () => ({
  WABA_PROVIDER: 'meta',
  WABA_BASE_URL: graphUrl,
  WABA_ACCESS_TOKEN: TOKEN,
  WABA_PHONE_NUMBER_ID: '106540352242922',
  WABA_API_VERSION: 'v23.0',
  WABA_MAX_RETRIES: '0',
});

describe('the built waba binary', () => {
  it('is an executable Node script with a shebang', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('--help exits 0', async () => {
    const run = await waba(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: waba <command>');
  });

  it('an unknown command exits 2 with one line on stderr', async () => {
    const run = await waba(['nope']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('validate reports codes and exits 1 on an invalid file', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Bad Name',
        language: 'en_US',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Hi {{1}} and {{3}}' }],
      }),
    );
    const run = await waba(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('name.format');
    expect(run.stdout).toContain('variable.not_sequential');
  });

  it('send posts to the configured server and prints the response; refusals exit 1', async () => {
    const ok = await waba(['send', '--to', '+447700900123', '--text', 'from the bin'], { env: metaEnv() });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).response).toEqual({
      messaging_product: 'whatsapp',
      messages: [{ id: 'wamid.BIN1' }],
    });
    const request = requests.at(-1);
    expect(request?.url).toBe('/v23.0/106540352242922/messages');
    expect(request?.auth).toBe(`Bearer ${TOKEN}`);
    expect(request?.body).toMatchObject({ to: '447700900123', type: 'text', text: { body: 'from the bin' } });

    const refused = await waba(['send', '--to', '+447700900999', '--text', 'x'], { env: metaEnv() });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).body.error.code).toBe(100);
    expect(refused.stderr).toMatch(/^waba: BadRequestError \[[a-z_]+\]: .*Invalid parameter.*\n$/);
    expect(refused.stdout + refused.stderr).not.toContain(TOKEN);
  });

  it('webhook parse reads standard input', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                statuses: [
                  { id: 'wamid.X', status: 'read', timestamp: '1750000000', recipient_id: '447700900123' },
                ],
              },
            },
          ],
        },
      ],
    });
    const run = await waba(['webhook', 'parse', 'meta'], { stdin: body });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ kind: 'status', messageId: 'wamid.X', status: 'read' });
  });

  it('jwt prints a token from a key file', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'private.key');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const run = await waba([
      'jwt',
      '--application-id',
      'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
      '--private-key',
      keyFile,
      '--ttl',
      '120',
    ]);
    expect(run.code).toBe(0);
    const [header, payload] = run.stdout.trim().split('.');
    expect(JSON.parse(Buffer.from(header as string, 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(120);
  });

  it('webhook verify exits 1 with the reason on a bad signature', async () => {
    const run = await waba(
      [
        'webhook',
        'verify',
        'meta',
        '--secret',
        'app-secret-value',
        '--header',
        'X-Hub-Signature-256: sha256=' + '0'.repeat(64),
      ],
      { stdin: '{"object":"whatsapp_business_account","entry":[]}' },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^invalid: signature_mismatch: /);
    expect(run.stdout + run.stderr).not.toContain('app-secret-value');
  });

  it('broadcast sends to the CSV rows, prints the summary and writes the report', async () => {
    writeFileSync(join(dir, 'list.csv'), 'phone,name\n+447700900123,Ana\n+447700900999,Bo\n');
    const before = requests.length;
    const run = await waba(
      [
        'broadcast',
        '--recipients',
        'list.csv',
        '--template',
        'promo',
        '--all-opted-in',
        '--param',
        '{name}',
        '--report',
        'report.json',
      ],
      { env: metaEnv(), cwd: dir },
    );
    expect(run.code).toBe(1); // +447700900999 is refused by the fake API
    expect(requests.length - before).toBe(2);
    expect(run.stdout).toMatch(/^ {2}sent +1$/m);
    expect(run.stdout).toMatch(/^ {2}failed +1$/m);
    expect(run.stderr).toMatch(/^progress: /m);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.sent).toEqual([expect.objectContaining({ to: '+447700900123', messageId: 'wamid.BIN1' })]);
    expect(report.failed).toEqual([expect.objectContaining({ to: '+447700900999' })]);
  });

  it('sandbox serves until SIGINT, then stops cleanly', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match && stdout.includes('Press Ctrl-C')) done(match[1] as string);
      });
      child.on('close', () => fail(new Error(`sandbox exited early: ${stderr}`)));
    });
    const env: Record<string, string> = {};
    const block = stdout.split('# meta\n')[1]?.split('\n\n')[0] ?? '';
    for (const [, k, v] of block.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)) env[k as string] = v as string;
    expect(env.WABA_BASE_URL).toBe(url);
    const sent = await waba(['send', '--to', '+447700900123', '--text', 'hello sandbox'], { env });
    expect(sent.stderr).toBe('');
    expect(JSON.parse(sent.stdout).messageId).toMatch(/^wamid\./);
    const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(stderr).toBe('sandbox stopped\n');
  });
});
