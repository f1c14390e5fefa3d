import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { toNodeListener } from '../../src/entries/node.js';
import type { MessageEvent } from '../../src/index.js';
import { createWebhookHandler } from '../../src/webhooks/index.js';
import { cli, memoryIo } from './io.js';

/** A webhook server on 127.0.0.1 verifying Meta signatures with `appSecret`. */
async function metaApp(appSecret: string) {
  const messages: MessageEvent[] = [];
  const server = createServer(
    toNodeListener(
      createWebhookHandler({ provider: 'meta', appSecret, on: { message: (e) => void messages.push(e) } }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return { url, messages, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A customer writes, through the inspector's JSON API of a sandbox started with --ui. */
async function customerWrites(stdout: string): Promise<void> {
  const inspector = /^inspector: (http:\/\/\S+)$/m.exec(stdout)?.[1];
  expect(inspector).toBeDefined();
  const response = await fetch(`${inspector}/api/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'meta', from: '+447700900123', content: 'hi' }),
  });
  expect(response.status).toBe(200);
}

/** Reads the `export NAME='value'` block printed for one provider. */
function envBlock(stdout: string, provider: string): Record<string, string> {
  const block = stdout.split(`# ${provider}\n`)[1]?.split('\n\n')[0] ?? '';
  const env: Record<string, string> = {};
  for (const [, name, quoted, bare] of block.matchAll(/^export (\w+)=(?:'((?:[^']|'\\'')*)'|(\S+))$/gm)) {
    env[name as string] = quoted !== undefined ? quoted.replace(/'\\''/g, "'") : (bare as string);
  }
  return env;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('the sandbox did not start');
}

const template = {
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    {
      type: 'BODY',
      text: 'Hi {{1}}, your order {{2}} has shipped and will arrive within three working days.',
      example: { body_text: [['Ana', '1042']] },
    },
  ],
};

describe('waba sandbox', () => {
  it('prints its URL and per-provider env that `waba send` can use, and stops on request', async () => {
    const io = memoryIo({ files: { 'tpl.json': JSON.stringify(template) } });
    const running = runCli(['sandbox', '--template', 'tpl.json'], io);
    await until(() => io.stdout.includes('Press Ctrl-C to stop.'));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.stdout)?.[1];
    expect(url).toBeDefined();
    expect(io.stdout).toMatch(/^template order_update \(en_US\) approved; Gupshup template id \S+$/m);

    for (const provider of ['meta', 'clevertap', 'gupshup', 'nexmo']) {
      const env = envBlock(io.stdout, provider);
      expect(env.WABA_PROVIDER).toBe(provider);
      expect(env.WABA_BASE_URL).toBe(url);
    }
    // The Vonage key is written to a private file on disk and referenced, not printed.
    const nexmo = envBlock(io.stdout, 'nexmo');
    expect(io.stdout).not.toContain('BEGIN PRIVATE KEY');
    const pem = readFileSync(nexmo.WABA_PRIVATE_KEY as string, 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const meta = await cli(
      [
        'send',
        '--to',
        '+447700900123',
        '--template',
        'order_update',
        '--language',
        'en_US',
        '--param',
        'Ana',
        '--param',
        '1042',
      ],
      { env: envBlock(io.stdout, 'meta') },
    );
    expect(meta.stderr).toBe('');
    expect(meta.code).toBe(0);
    expect(JSON.parse(meta.stdout).messageId).toMatch(/^wamid\./);

    const vonage = await cli(
      [
        'send',
        '--to',
        '+447700900123',
        '--template',
        'order_update',
        '--language',
        'en_US',
        '--param',
        'Ana',
        '--param',
        '1042',
      ],
      {
        env: nexmo,
        files: { [nexmo.WABA_PRIVATE_KEY as string]: pem },
      },
    );
    expect(vonage.stderr).toBe('');
    expect(vonage.code).toBe(0);

    io.stop();
    expect(await running).toBe(0);
    expect(io.stderr).toBe('sandbox stopped\n');
  });

  it('prints the webhook secrets, signs with the one given, and logs each refused delivery with its reason', async () => {
    const good = await metaApp('the-app-secret');
    const io = memoryIo({ env: { WABA_SIGNATURE_SECRET: 'vonage-signature-secret' } });
    const running = runCli(
      ['sandbox', '--ui', '--app-secret', 'the-app-secret', '--webhook', `meta=${good.url}`],
      io,
    );
    await until(() => io.stdout.includes('Press Ctrl-C to stop.'));
    expect(io.stdout).toMatch(/^ {2}meta {7}appSecret {7}the-app-secret$/m);
    expect(io.stdout).toMatch(/^ {2}nexmo {6}signatureSecret vonage-signature-secret$/m);
    expect(io.stdout).toMatch(
      /^ {2}gupshup {4}sharedSecret {4}\S{20,} {2}\(sent as the Authorization header\)$/m,
    );
    await customerWrites(io.stdout);
    expect(good.messages).toHaveLength(1);
    io.stop();
    expect(await running).toBe(0);
    expect(io.stderr).toBe('sandbox stopped\n');
    await good.close();

    const strict = await metaApp('another-secret');
    const refused = memoryIo();
    const again = runCli(['sandbox', '--ui', '--webhook', `meta=${strict.url}`], refused);
    await until(() => refused.stdout.includes('Press Ctrl-C to stop.'));
    await customerWrites(refused.stdout);
    expect(strict.messages).toHaveLength(0);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      `webhook meta message -> ${strict.url}: answered 401 "signature_mismatch" (attempt 1)`,
    );
    expect(lines[4]).toMatch(/\(attempt 5\)$/);
    refused.stop();
    expect(await again).toBe(0);
    await strict.close();
  });

  it('sends Vonage statuses to nexmo-status apart from inbound messages', async () => {
    const bad = await cli(['sandbox', '--webhook', 'nexmo-status=http://127.0.0.1:9/status']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--webhook nexmo-status=<url> needs --webhook nexmo=<url> too');
  });

  it('refuses a malformed --webhook and bad numbers', async () => {
    const bad = await cli(['sandbox', '--webhook', 'meta:http://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--webhook must look like meta=http://127.0.0.1:3000/webhook');
    const port = await cli(['sandbox', '--port', '70000']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a whole number from 0 to 65535');
  });
});
