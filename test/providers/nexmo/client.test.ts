import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import jwt from 'jsonwebtoken';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ApiError,
  createClient,
  isConfigError,
  isValidationError,
  isWebhookVerificationError,
  type MessageEvent,
} from '../../../src/index.js';
import { NexmoClient, type NexmoConfig, VonageClient } from '../../../src/providers/nexmo/index.js';
import { server } from '../../setup/msw.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const pkcs1 = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});
const APP_ID = '2d6bd0a8-7c43-4f0e-9a8f-2c59f8f0c111';
const SIGNATURE_SECRET = 'sig-secret-0123456789abcdef';
const jwtConfig: NexmoConfig = { applicationId: APP_ID, privateKey, from: '+447700900001', maxRetries: 0 };
const SEND_URL = 'https://api.nexmo.com/v1/messages';

function captureSends(url = SEND_URL, method: 'post' | 'patch' = 'post') {
  const seen: { auth: string | null; body: unknown; url: string; contentType: string | null }[] = [];
  server.use(
    http[method](url, async ({ request }) => {
      seen.push({
        auth: request.headers.get('authorization'),
        body: await request.json(),
        url: request.url,
        contentType: request.headers.get('content-type'),
      });
      return HttpResponse.json({ message_uuid: `uuid-${seen.length}` }, { status: 202 });
    }),
  );
  return seen;
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

afterEach(() => vi.restoreAllMocks());

describe('NexmoClient config', () => {
  it('builds from JWT or Basic credentials, resolving host aliases', () => {
    expect(new NexmoClient(jwtConfig).provider).toBe('nexmo');
    expect(
      new NexmoClient({ apiKey: 'key123', apiSecret: 'secret123', from: '447700900001' }).apiVersion,
    ).toBe('v1');
    expect(VonageClient).toBe(NexmoClient);
    const client = createClient({ provider: 'nexmo', ...jwtConfig });
    expect(client).toBeInstanceOf(NexmoClient);
  });

  it('accepts PKCS#1 keys and keys with literal \\n', async () => {
    const seen = captureSends();
    const flat = pkcs1.privateKey.replace(/\n/g, '\\n');
    const client = new NexmoClient({ ...jwtConfig, privateKey: flat });
    await client.sendText('+447700900000', 'hi');
    const token = seen[0]!.auth!.replace(/^Bearer /, '');
    expect(jwt.verify(token, pkcs1.publicKey, { algorithms: ['RS256'] })).toMatchObject({
      application_id: APP_ID,
    });
  });

  it('refuses unknown keys, listing the valid ones', () => {
    const error = caught(
      () => new NexmoClient({ ...jwtConfig, aplicationId: 'x' } as unknown as NexmoConfig),
    );
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toMatch(/aplicationId/);
    expect((error as Error).message).toMatch(/Valid keys: .*applicationId/);
  });

  it('refuses missing or half credentials with a message that says what to give', () => {
    expect(() => new NexmoClient({ from: '447700900001' })).toThrow(
      /applicationId \+ privateKey.*apiKey \+ apiSecret/,
    );
    expect(() => new NexmoClient({ applicationId: APP_ID, from: '447700900001' })).toThrow(
      /privateKey is required with applicationId/,
    );
    expect(() => new NexmoClient({ apiKey: 'key123', from: '447700900001' })).toThrow(
      /apiSecret is required/,
    );
    expect(() => new NexmoClient({ ...jwtConfig, from: '07700 900001' })).toThrow(/from must be/);
    expect(() => new NexmoClient({ ...jwtConfig, apiVersion: 'v2' as never })).toThrow(/apiVersion/);
  });

  it('never echoes a secret value in config errors', () => {
    const notPem = 'super-secret-not-a-pem-value';
    const error = caught(() => new NexmoClient({ ...jwtConfig, privateKey: notPem })) as Error;
    expect(error.message).toMatch(/privateKey must be a PEM private key/);
    expect(error.message).not.toContain(notPem);
    expect(JSON.stringify(error)).not.toContain(notPem);
    const error2 = caught(
      () => new NexmoClient({ apiKey: 'key-value-1', apiSecret: 'apisecret-value-1', from: 'nope-number' }),
    ) as Error;
    expect(error2.message).not.toContain('apisecret-value-1');
  });

  it('redacts secrets from JSON.stringify and util.inspect', () => {
    const client = new NexmoClient({ ...jwtConfig, signatureSecret: SIGNATURE_SECRET });
    const basic = new NexmoClient({
      apiKey: 'key-value-1',
      apiSecret: 'apisecret-value-1',
      from: '447700900001',
    });
    for (const text of [
      JSON.stringify(client),
      inspect(client, { depth: 10 }),
      JSON.stringify(basic),
      inspect(basic),
    ]) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(privateKey.split('\n')[1]!);
      expect(text).not.toContain(SIGNATURE_SECRET);
      expect(text).not.toContain('apisecret-value-1');
      expect(text).not.toContain('key-value-1');
    }
    expect(JSON.stringify(client)).toContain(APP_ID);
    expect(JSON.stringify(client)).toContain('[redacted]');
  });
});

describe('NexmoClient auth', () => {
  it('sends an application JWT that verifies with the public key', async () => {
    const seen = captureSends();
    const client = new NexmoClient(jwtConfig);
    const result = await client.sendText('+447700900000', 'Hello');
    expect(result).toMatchObject({ provider: 'nexmo', messageId: 'uuid-1', to: '+447700900000' });
    const token = seen[0]!.auth!.replace(/^Bearer /, '');
    const claims = jwt.verify(token, publicKey, { algorithms: ['RS256'] }) as jwt.JwtPayload;
    expect(claims.application_id).toBe(APP_ID);
    expect(typeof claims.iat).toBe('number');
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(typeof claims.jti).toBe('string');
    expect(seen[0]!.contentType).toBe('application/json');
    // And not with another key.
    expect(() => jwt.verify(token, pkcs1.publicKey, { algorithms: ['RS256'] })).toThrow();
  });

  it('signs at most one token for 100 sends (cached signer)', async () => {
    const seen = captureSends();
    const sign = vi.spyOn(globalThis.crypto.subtle, 'sign');
    const client = new NexmoClient(jwtConfig);
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.sendText('+447700900000', `m${i}`)));
    for (let i = 0; i < 50; i++) await client.sendText('+447700900000', `n${i}`);
    expect(seen).toHaveLength(100);
    expect(new Set(seen.map((s) => s.auth)).size).toBe(1);
    expect(sign.mock.calls.length).toBe(1);
  });

  it('uses the configured JWT lifetime', async () => {
    const seen = captureSends();
    await new NexmoClient({ ...jwtConfig, jwtTtlSeconds: 3600 }).sendText('+447700900000', 'x');
    const claims = jwt.decode(seen[0]!.auth!.slice(7)) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('sends Basic auth with apiKey and apiSecret', async () => {
    const seen = captureSends();
    await new NexmoClient({ apiKey: 'abc123', apiSecret: 'shh-secret', from: '447700900001' }).sendText(
      '+447700900000',
      'x',
    );
    expect(seen[0]!.auth).toBe(`Basic ${Buffer.from('abc123:shh-secret').toString('base64')}`);
  });
});

describe('NexmoClient hosts and versions', () => {
  it.each([
    ['sandbox', 'https://messages-sandbox.nexmo.com/v1/messages'],
    ['eu', 'https://api-eu.vonage.com/v1/messages'],
    ['us', 'https://api-us.vonage.com/v1/messages'],
    ['ap', 'https://api-ap.vonage.com/v1/messages'],
    ['https://proxy.example.com/vonage/', 'https://proxy.example.com/vonage/v1/messages'],
  ])('baseUrl %s sends to %s', async (baseUrl, url) => {
    const seen = captureSends(url);
    await new NexmoClient({ ...jwtConfig, baseUrl }).sendText('+447700900000', 'x');
    expect(seen[0]!.url).toBe(url);
  });

  it('refuses templates on the sandbox host (it has none) before any request', async () => {
    const seen = captureSends('https://messages-sandbox.nexmo.com/v1/messages');
    const sandbox = new NexmoClient({ ...jwtConfig, baseUrl: 'sandbox' });
    const error = await sandbox
      .sendTemplate('+447700900000', { name: 'hello', language: 'en' })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('UnsupportedMessageError');
    expect(seen).toHaveLength(0);
    await sandbox.sendText('+447700900000', 'text still works');
    expect(seen).toHaveLength(1);
  });

  it('posts v0.1 bodies to /v0.1/messages', async () => {
    const seen = captureSends('https://api.nexmo.com/v0.1/messages');
    const client = new NexmoClient({ ...jwtConfig, apiVersion: 'v0.1' });
    await client.send({ type: 'text', to: '+447700900000', text: 'hi', clientRef: 'r1' });
    expect(seen[0]!.body).toEqual({
      from: { type: 'whatsapp', number: '447700900001' },
      to: { type: 'whatsapp', number: '447700900000' },
      message: { content: { type: 'text', text: 'hi' } },
      client_ref: 'r1',
    });
  });

  it('generates a client_ref that fits 40 characters and refuses a longer one before any request', async () => {
    const seen = captureSends();
    const client = new NexmoClient(jwtConfig);
    const result = await client.sendText('+447700900000', 'x');
    expect((seen[0]!.body as { client_ref: string }).client_ref).toBe(result.clientRef);
    expect(result.clientRef!.length).toBeLessThanOrEqual(40);
    await expect(
      client.send({ type: 'text', to: '+447700900000', text: 'x', clientRef: 'r'.repeat(41) }),
    ).rejects.toSatisfy(isValidationError);
    expect(seen).toHaveLength(1);
  });

  it('refuses what Vonage cannot carry in prepare(), before send guards run and before any request', async () => {
    const seen = captureSends();
    const guarded: string[] = [];
    const client = new NexmoClient(jwtConfig).addSendGuard((m) => {
      guarded.push(m.type);
    });
    await expect(client.send({ type: 'image', to: '+447700900000', mediaId: 'media-1' })).rejects.toSatisfy(
      isValidationError,
    );
    expect(() =>
      client.prepare({ type: 'text', to: '+447700900000', text: 'x', clientRef: 'r'.repeat(41) }),
    ).toThrow(/at most 40/);
    expect(guarded).toEqual([]);
    expect(seen).toHaveLength(0);
  });

  it('scrubs the JWT in use from error messages when Vonage echoes it', async () => {
    let token = '';
    server.use(
      http.post(SEND_URL, ({ request }) => {
        token = (request.headers.get('authorization') ?? '').slice(7);
        return HttpResponse.json({ title: 'Bad request', detail: `token ${token} refused` }, { status: 400 });
      }),
    );
    const error = (await new NexmoClient(jwtConfig)
      .sendText('+447700900000', 'x')
      .catch((e: unknown) => e)) as Error;
    expect(token.length).toBeGreaterThan(100);
    expect(error.message).toContain('refused');
    expect(error.message).not.toContain(token);
  });

  it('refuses a 2xx without message_uuid', async () => {
    server.use(http.post(SEND_URL, () => HttpResponse.json({}, { status: 202 })));
    await expect(new NexmoClient(jwtConfig).sendText('+447700900000', 'x')).rejects.toMatchObject({
      name: 'ApiError',
      status: 202,
    });
  });

  it('turns an RFC 7807 answer into a typed error with the trace id, and never leaks credentials', async () => {
    server.use(
      http.post(SEND_URL, () =>
        HttpResponse.json(
          {
            type: 'https://developer.nexmo.com/api-errors#unathorized',
            title: 'Unauthorized',
            detail: 'You did not provide correct credentials: shh-secret',
            instance: 'i-1',
          },
          {
            status: 401,
            headers: { 'content-type': 'application/problem+json', 'x-nexmo-trace-id': 'trace-9' },
          },
        ),
      ),
    );
    const error = (await new NexmoClient({
      apiKey: 'abc123',
      apiSecret: 'shh-secret',
      from: '447700900001',
      maxRetries: 0,
    })
      .sendText('+447700900000', 'x')
      .catch((e: unknown) => e)) as ApiError;
    expect(error.name).toBe('AuthenticationError');
    expect(error.requestId).toBe('trace-9');
    expect(error.instance).toBe('i-1');
    expect(error.message).toContain('You did not provide correct credentials');
    expect(error.message).not.toContain('shh-secret');
  });
});

describe('NexmoClient.markAsRead', () => {
  it('PATCHes the configured host given an id', async () => {
    const seen = captureSends('https://api.nexmo.com/v1/messages/:id', 'patch');
    await new NexmoClient(jwtConfig).markAsRead('aaaaaaaa-bbbb-cccc-dddd-0123456789ab');
    expect(seen[0]!.url).toBe('https://api.nexmo.com/v1/messages/aaaaaaaa-bbbb-cccc-dddd-0123456789ab');
    expect(seen[0]!.body).toEqual({ status: 'read' });
    expect(seen[0]!.auth).toMatch(/^Bearer /);
  });

  const event = (href: string): MessageEvent => ({
    kind: 'message',
    provider: 'nexmo',
    id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
    from: '447700900000',
    timestamp: new Date(),
    type: 'text',
    text: 'hi',
    raw: { message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', _self: { href } },
  });

  it("PATCHes the event's geo-specific _self.href when that region is the configured host", async () => {
    const href = 'https://api-eu.vonage.com/v1/messages/aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
    const seen = captureSends(href, 'patch');
    await new NexmoClient({ ...jwtConfig, baseUrl: 'https://api-eu.vonage.com' }).markAsRead(event(href));
    expect(seen[0]!.url).toBe(href);
    expect(seen[0]!.body).toEqual({ status: 'read' });
  });

  it('uses the configured host when the event has no _self or a _self elsewhere (the JWT goes nowhere else)', async () => {
    const seen = captureSends('https://api.nexmo.com/v1/messages/:id', 'patch');
    const client = new NexmoClient(jwtConfig);
    await client.markAsRead({ ...event('x'), raw: {} });
    await client.markAsRead(event('https://evil.example.com/v1/messages/x'));
    await client.markAsRead(event('http://api-eu.vonage.com/v1/messages/x'));
    expect(seen.map((r) => r.url)).toEqual(
      Array(3).fill('https://api.nexmo.com/v1/messages/aaaaaaaa-bbbb-cccc-dddd-0123456789ab'),
    );
  });
});

describe('NexmoClient.parseWebhook', () => {
  const body = JSON.stringify({
    channel: 'whatsapp',
    message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
    to: '447700900001',
    from: '447700900000',
    timestamp: '2020-01-01T14:00:00.000Z',
    message_type: 'text',
    text: 'Hello',
    profile: { name: 'Jane Smith' },
  });
  const sign = (raw: string, secret = SIGNATURE_SECRET) =>
    jwt.sign(
      {
        iat: Math.floor(Date.now() / 1000),
        jti: randomUUID(),
        iss: 'Vonage',
        payload_hash: createHash('sha256').update(raw).digest('hex'),
        api_key: 'abc123',
        application_id: APP_ID,
      },
      secret,
      { algorithm: 'HS256' },
    );

  it('verifies a signed webhook, parses it and emits message.received', async () => {
    const client = new NexmoClient({ ...jwtConfig, signatureSecret: SIGNATURE_SECRET });
    const received: unknown[] = [];
    client.on('message.received', ({ event }) => received.push(event));
    const request = new Request('https://hooks.example.com/inbound', {
      method: 'POST',
      headers: { authorization: `Bearer ${sign(body)}`, 'content-type': 'application/json' },
      body,
    });
    const events = await client.parseWebhook(request);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'message',
      provider: 'nexmo',
      id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
      text: 'Hello',
    });
    expect(received).toEqual(events);
  });

  it('refuses a webhook signed with another secret', async () => {
    const client = new NexmoClient({ ...jwtConfig, signatureSecret: SIGNATURE_SECRET });
    const error = await client
      .parseWebhook({ rawBody: body, headers: { authorization: `Bearer ${sign(body, 'wrong-secret-xyz')}` } })
      .catch((e: unknown) => e);
    expect(isWebhookVerificationError(error)).toBe(true);
    expect((error as Error).message).not.toContain(SIGNATURE_SECRET);
  });

  it('with verifyWebhooks: true and no signatureSecret, refuses with a ConfigError', async () => {
    const client = new NexmoClient({ ...jwtConfig, verifyWebhooks: true });
    await expect(client.parseWebhook({ rawBody: body, headers: {} })).rejects.toSatisfy(isConfigError);
  });
});
