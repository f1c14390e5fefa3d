import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { cli, memoryIo } from './io.js';

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
    // The Vonage key is written to a file and referenced, not printed.
    const nexmo = envBlock(io.stdout, 'nexmo');
    expect(io.stdout).not.toContain('BEGIN PRIVATE KEY');
    expect(io.files.get(nexmo.WABA_PRIVATE_KEY as string)).toMatch(/^-----BEGIN PRIVATE KEY-----/);

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
        files: { [nexmo.WABA_PRIVATE_KEY as string]: String(io.files.get(nexmo.WABA_PRIVATE_KEY as string)) },
      },
    );
    expect(vonage.stderr).toBe('');
    expect(vonage.code).toBe(0);

    io.stop();
    expect(await running).toBe(0);
    expect(io.stderr).toBe('sandbox stopped\n');
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
