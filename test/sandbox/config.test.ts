/** `sandbox.config(provider)` works with `createClient` and with each provider's class alike. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, createClient } from '../../src/index.js';
import { CleverTapClient } from '../../src/providers/clevertap/client.js';
import { GupshupClient } from '../../src/providers/gupshup/client.js';
import { MetaCloudClient } from '../../src/providers/meta/client.js';
import { NexmoClient } from '../../src/providers/nexmo/client.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ limits: { window: false } });
});
afterAll(() => sandbox.stop());

describe('sandbox.config(provider)', () => {
  it('builds a working client through each provider class, not only createClient', async () => {
    const clients = [
      new NexmoClient(sandbox.config('nexmo')),
      new GupshupClient(sandbox.config('gupshup')),
      new MetaCloudClient(sandbox.config('meta')),
      new CleverTapClient(sandbox.config('clevertap')),
    ];
    for (const client of clients) {
      const result = await client.sendText('+447700900123', `hello from ${client.provider}`);
      expect(result.messageId).toBeTruthy();
    }
    expect(sandbox.messages.map((m) => m.provider)).toEqual(['nexmo', 'gupshup', 'meta', 'clevertap']);
    expect(createClient(sandbox.config('meta')).provider).toBe('meta');
  });

  it('refuses a config naming another provider, saying which class to use', () => {
    const wrong = () => new MetaCloudClient({ ...sandbox.config('meta'), provider: 'gupshup' } as never);
    expect(wrong).toThrow(ConfigError);
    expect(wrong).toThrow(/This is the meta client, but the config names provider "gupshup"/);
  });
});
