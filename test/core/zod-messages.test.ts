/**
 * The schemas are built on `zod/mini`, which loads no locale: without src/core/zod.ts its messages would read
 * "Invalid input". This file imports no classic `zod` (which would set English itself), so it sees what an app
 * importing only a client subpath sees.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

describe('zod/mini messages', () => {
  it('are English when the app configured no locale, word for word what classic zod says', async () => {
    const { config } = await import('zod/mini');
    expect(config().localeError).toBeUndefined();
    const { parseMetaConfig } = await import('../../src/providers/meta/config.js');
    expect(() =>
      parseMetaConfig({ accessToken: 'x'.repeat(30), phoneNumberId: '1', timeout: 0, foo: 1 }),
    ).toThrow(
      'Invalid meta client config: timeout: Too small: expected number to be >0; Unrecognized key: "foo". Valid keys: accessToken,',
    );
    // The client entry loads the webhook parsers, which may load classic zod: checked after the config.
    const { NexmoClient } = await import('../../src/entries/nexmo.js');
    const client = new NexmoClient({ applicationId: 'app', privateKey, from: '+447700900001' });
    expect(() =>
      client.toWire({ type: 'text', to: '+447700900123', text: 'hi', previewUrl: 1, extra: 1 } as never),
    ).toThrow(
      'Invalid text message: previewUrl: Invalid input: expected boolean, received number; Unrecognized key: "extra"',
    );
  });

  it('keep a locale the app configured before the first parse', async () => {
    vi.resetModules();
    const { config } = await import('zod/mini');
    const previous = config().localeError;
    config({ localeError: () => 'mensaje propio' });
    try {
      const { parseMetaConfig } = await import('../../src/providers/meta/config.js');
      expect(() => parseMetaConfig({ accessToken: 'x'.repeat(30), phoneNumberId: '1', timeout: 0 })).toThrow(
        'Invalid meta client config: timeout: mensaje propio',
      );
    } finally {
      config({ localeError: previous });
    }
  });
});
