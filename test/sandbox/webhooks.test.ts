import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { type Collector, startCollector } from './helpers.js';

let sandbox: Sandbox;
let hooks: Collector;
afterEach(async () => {
  await sandbox.stop();
  await hooks.close();
});

describe('webhook delivery', () => {
  it('retries a non-2xx answer with doubling delays until it succeeds', async () => {
    hooks = await startCollector((n) => (n <= 2 ? 503 : 200));
    sandbox = await startSandbox({
      webhooks: { meta: { url: hooks.url } },
      webhookRetry: { attempts: 5, baseDelayMs: 5 },
    });
    const result = await sandbox.inbound('meta', '+16505551234', 'hi');
    expect(result.status).toBe(200);
    expect(sandbox.webhookDeliveries.map((d) => [d.attempt, d.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(new Set(hooks.received.map((r) => r.body)).size).toBe(1);
  });

  it('gives up after the configured attempts and reports the last status', async () => {
    hooks = await startCollector(() => 500);
    sandbox = await startSandbox({
      webhooks: { gupshup: { url: hooks.url } },
      webhookRetry: { attempts: 3, baseDelayMs: 1 },
    });
    const result = await sandbox.inbound('gupshup', '+919876543210', 'hi');
    expect(result.status).toBe(500);
    expect(hooks.received).toHaveLength(3);
  });

  it('does not post for a provider without a target, yet still opens the window', async () => {
    hooks = await startCollector();
    sandbox = await startSandbox({ webhooks: { meta: { url: hooks.url } } });
    const result = await sandbox.inbound('nexmo', '+447700900123', 'hi');
    expect(result.status).toBe(0);
    expect(hooks.received).toHaveLength(0);
    expect(sandbox.windowOpen('nexmo', '447700900123')).toBe(true);
  });

  it('refuses an inbound sender that is not a phone number', async () => {
    hooks = await startCollector();
    sandbox = await startSandbox();
    await expect(sandbox.inbound('meta', 'abc', 'hi')).rejects.toThrow(/not a phone number/);
  });
});

describe('secrets', () => {
  it('JSON.stringify and util.inspect of a sandbox never print its credentials', async () => {
    const { inspect } = await import('node:util');
    hooks = await startCollector();
    sandbox = await startSandbox();
    const c = sandbox.credentials;
    const secrets = [
      c.nexmo.privateKey,
      c.nexmo.apiSecret,
      c.nexmo.signatureSecret,
      c.gupshup.apiKey,
      c.meta.accessToken,
      c.meta.appSecret,
      c.clevertap.passcode,
    ];
    for (const text of [
      JSON.stringify(sandbox),
      inspect(sandbox, { depth: 10 }),
      String(inspect({ nested: sandbox }, { depth: 10 })),
    ]) {
      expect(text).toContain(sandbox.url);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('error answers never echo a credential', async () => {
    hooks = await startCollector();
    sandbox = await startSandbox();
    const res = await fetch(`${sandbox.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Basic Zm9vOmJhcg==', 'content-type': 'application/json' },
      body: '{}',
    });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(text).not.toContain('foo');
    expect(text).not.toContain(sandbox.credentials.nexmo.apiKey);
  });
});

describe('credential overrides', () => {
  it('signs with the secrets given and verifies JWTs of the Vonage private key given', async () => {
    const { generateKeyPairSync, createHmac } = await import('node:crypto');
    const jwt = (await import('jsonwebtoken')).default;
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    hooks = await startCollector();
    sandbox = await startSandbox({
      webhooks: { meta: { url: hooks.url } },
      credentials: {
        meta: { appSecret: 'my-own-app-secret' },
        nexmo: { applicationId: 'my-app', privateKey },
      },
    });
    expect(sandbox.credentials.meta.appSecret).toBe('my-own-app-secret');
    expect(sandbox.credentials.meta.accessToken).toMatch(/^EAAG/);
    await sandbox.inbound('meta', '+16505551234', 'hi');
    const r = hooks.received[0];
    expect(r?.headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', 'my-own-app-secret')
        .update(r?.body ?? '')
        .digest('hex')}`,
    );
    const token = jwt.sign({ application_id: 'my-app' }, privateKey, { algorithm: 'RS256', expiresIn: 60 });
    const res = await fetch(`${sandbox.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        to: '447700900123',
        from: sandbox.credentials.nexmo.from,
        channel: 'whatsapp',
        message_type: 'text',
        text: 'x',
      }),
    });
    expect(res.status).toBe(202);
  });
});
