/**
 * `waba media download|upload` against a real sandbox on 127.0.0.1: the CLI's config flags and variables, the
 * real client, bytes streamed to a file or standard output, the progress bar only on a terminal, and errors that
 * name the flag and variable to fix.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_FIELDS } from '../../src/cli/client-config.js';
import { downloadProgressLine, mimeTypeOfPath } from '../../src/cli/commands/media.js';
import { type Sandbox, type SandboxProvider, startSandbox } from '../../src/sandbox/index.js';
import { cli } from './io.js';

const IMAGE = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(30_000)]);
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

/** The `WABA_*` environment that points the CLI at the sandbox for `provider`. */
function env(provider: SandboxProvider, drop: string[] = []): Record<string, string> {
  const config = sandbox.config(provider) as unknown as Record<string, unknown>;
  const vars: Record<string, string> = {};
  for (const f of CONFIG_FIELDS) {
    const value = config[f.key];
    if (f.providers.includes(provider) && value !== undefined && !drop.includes(f.key))
      vars[f.env] = String(value);
  }
  return vars;
}

/** The media URL of an image a customer just sent (Vonage, Gupshup). */
async function inbound(provider: 'nexmo' | 'gupshup'): Promise<string> {
  await sandbox.inbound(provider, '+447700900123', { type: 'image', data: IMAGE, mimeType: 'image/jpeg' });
  return (sandbox.inboundMessages.at(-1)?.content as { url?: string } | undefined)?.url ?? '';
}

describe('waba media upload', () => {
  it('uploads a file (type from its extension) and prints the media id', async () => {
    const { code, stdout, stderr } = await cli(['media', 'upload', 'meta', 'parcel.jpg'], {
      env: env('meta'),
      files: { 'parcel.jpg': IMAGE },
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d{16}\n$/);
  });

  it('then downloads it by id to a file, bytes equal', async () => {
    const up = await cli(['media', 'upload', 'clevertap', 'scan.bin', '--type', 'image/jpeg'], {
      env: env('clevertap'),
      files: { 'scan.bin': IMAGE },
    });
    expect(up.code).toBe(0);
    const id = up.stdout.trim();
    const down = await cli(['media', 'download', 'clevertap', id, '-o', 'out.jpg'], {
      env: env('clevertap'),
    });
    expect(down.code).toBe(0);
    expect(Buffer.from(down.io.files.get('out.jpg') as Uint8Array).equals(IMAGE)).toBe(true);
    expect(down.stderr).toContain('to out.jpg');
    expect(down.stdout).toBe('');
  });

  it('refuses a file whose type it cannot tell, naming --type', async () => {
    const { code, stderr } = await cli(['media', 'upload', 'meta', 'notes'], {
      env: env('meta'),
      files: { notes: 'x' },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('--type');
  });

  it('a missing credential names the flag and the variable', async () => {
    const { code, stderr } = await cli(['media', 'upload', 'meta', 'a.png'], {
      env: env('meta', ['accessToken']),
      files: { 'a.png': IMAGE },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('--access-token (or WABA_ACCESS_TOKEN)');
  });

  it('Gupshup has no upload: exits 1 saying to send by url', async () => {
    const { code, stderr } = await cli(['media', 'upload', 'gupshup', 'a.png'], {
      env: env('gupshup'),
      files: { 'a.png': IMAGE },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/url/i);
  });
});

describe('waba media download', () => {
  it('streams a Vonage inbound URL to standard output, no progress bar off a terminal', async () => {
    const url = await inbound('nexmo');
    const { code, io, stderr } = await cli(['media', 'download', 'nexmo', url], { env: env('nexmo') });
    expect(code).toBe(0);
    expect(Buffer.from(io.stdoutBytes).equals(IMAGE)).toBe(true);
    expect(stderr).toBe('');
  });

  it('draws the progress bar on standard error when it is a terminal', async () => {
    const url = await inbound('gupshup');
    const { code, io, stderr } = await cli(['media', 'download', 'gupshup', url, '-o', 'g.jpg'], {
      env: env('gupshup'),
      isTTY: true,
    });
    expect(code).toBe(0);
    expect(Buffer.from(io.files.get('g.jpg') as Uint8Array).equals(IMAGE)).toBe(true);
    expect(stderr).toContain('\r');
    expect(stderr).toMatch(/received|100%/);
  });

  it('a Cloud API media id nobody uploaded exits 1 with the provider error', async () => {
    const { code, stderr } = await cli(['media', 'download', 'meta', '1234567890123456'], {
      env: env('meta'),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^waba: /);
    expect(stderr).not.toContain(sandbox.credentials.meta.accessToken);
  });

  it('usage errors', async () => {
    expect((await cli(['media', 'download', 'meta'], { env: env('meta') })).code).toBe(2);
    expect((await cli(['media', 'download', 'nope', 'x'], { env: env('meta') })).stderr).toContain(
      'unknown provider',
    );
    expect((await cli(['media', 'fetch'], {})).code).toBe(2);
  });
});

describe('helpers', () => {
  it('maps extensions to types and draws a bounded bar', () => {
    expect(mimeTypeOfPath('a/b/photo.JPEG')).toBe('image/jpeg');
    expect(mimeTypeOfPath('doc.pdf')).toBe('application/pdf');
    expect(mimeTypeOfPath('x.unknown')).toBeUndefined();
    expect(downloadProgressLine(50, 100)).toMatch(/^\[#{14}-{14}\]\s+50%/);
    expect(downloadProgressLine(200, 100)).toContain('100%');
    expect(downloadProgressLine(10, undefined)).toBe('10 bytes received');
  });
});
