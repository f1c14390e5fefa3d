/**
 * ky is loaded on first use, not at import, and jose not at all: each was about a quarter of the package's cold
 * start (docs/BENCHMARKS.md, Cold import). Building a client, validating a message or signing an application JWT
 * never needs ky, and Vonage signed webhooks are verified on Web Crypto directly (src/jwt/verify.ts). The module
 * factories below record when each dependency is first evaluated.
 */
import { generateKeyPairSync } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../setup/msw.js';

const loaded = vi.hoisted(() => [] as string[]);
vi.mock('ky', async (importOriginal) => {
  loaded.push('ky');
  return importOriginal();
});
vi.mock('jose', async (importOriginal) => {
  loaded.push('jose');
  return importOriginal();
});

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

describe('ky loads on first use, jose never', () => {
  it('not at import, nor for a client, a JWT or a local validation; ky on the first send; a signed-webhook verification loads neither', async () => {
    const root = await import('../../src/index.js');
    const { NexmoClient } = await import('../../src/entries/nexmo.js');
    const { signApplicationJwt, verifyVonageSignature } = await import('../../src/entries/jwt.js');
    const { signWebhookForTest } = await import('../../src/entries/webhooks.js');
    expect(loaded).toEqual([]);

    const client = new NexmoClient({
      applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
      privateKey,
      from: '+447700900001',
      maxRetries: 0,
    });
    const token = await signApplicationJwt({
      applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
      privateKey,
    });
    expect(token.split('.')).toHaveLength(3);
    expect(() => client.toWire({ type: 'text', to: '+447700900123', text: '' })).toThrow(
      root.ValidationError,
    );
    expect(loaded).toEqual([]);

    server.use(
      http.post('https://api.nexmo.com/v1/messages', () =>
        HttpResponse.json({ message_uuid: 'aaaaaaaa-0000-4000-8000-000000000001' }, { status: 202 }),
      ),
    );
    const sent = await client.sendText('+447700900123', 'hello');
    expect(sent.messageId).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(loaded).toEqual(['ky']);

    const result = await verifyVonageSignature({
      signatureSecret: 'secret',
      rawBody: '{}',
      authorization: 'Bearer not.a.token',
    });
    expect(result).toEqual({ valid: false, reason: 'malformed_token' });
    const signed = await signWebhookForTest('nexmo', '{}', 'secret');
    const verified = await verifyVonageSignature({ signatureSecret: 'secret', rawBody: '{}', ...signed });
    expect(verified.valid).toBe(true);
    expect(loaded).toEqual(['ky']);
  });
});
