import { createHash, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { type Collector, startCollector } from './helpers.js';

let sandbox: Sandbox;
let hooks: Collector;

async function start(version: 'v1' | 'v0.1' = 'v1') {
  hooks = await startCollector();
  sandbox = await startSandbox({
    webhooks: { nexmo: { url: `${hooks.url}/vonage`, version } },
    statuses: { delayMs: 1 },
  });
}

afterEach(async () => {
  await sandbox.stop();
  await hooks.close();
});

const bearer = (claims: Record<string, unknown> = {}, key?: string) =>
  `Bearer ${jwt.sign(
    { application_id: sandbox.credentials.nexmo.applicationId, ...claims },
    key ?? sandbox.credentials.nexmo.privateKey,
    {
      algorithm: 'RS256',
      ...('exp' in claims ? {} : { expiresIn: 900 }),
    },
  )}`;

const post = (path: string, body: unknown, authorization = bearer()) =>
  fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const textV1 = (text = 'Hello') => ({
  to: '447700900123',
  from: sandbox.credentials.nexmo.from,
  channel: 'whatsapp',
  message_type: 'text',
  text,
  client_ref: 'order-42',
});

describe('Vonage v1 send', () => {
  beforeEach(() => start('v1'));

  it('accepts an application JWT, answers 202 with a message_uuid, and posts signed submitted/delivered/read', async () => {
    await sandbox.inbound('nexmo', '+447700900123', 'hi');
    const res = await post('/v1/messages', textV1());
    expect(res.status).toBe(202);
    const { message_uuid } = (await res.json()) as { message_uuid: string };
    expect(message_uuid).toMatch(/^[0-9a-f-]{36}$/);
    await sandbox.idle();
    const statuses = hooks.received.filter((r) => (r.json as { status?: string }).status);
    expect(statuses.map((r) => (r.json as { status: string }).status)).toEqual([
      'submitted',
      'delivered',
      'read',
    ]);
    for (const r of statuses) {
      const token = String(r.headers.authorization).replace(/^Bearer /, '');
      const claims = jwt.verify(token, sandbox.credentials.nexmo.signatureSecret, {
        algorithms: ['HS256'],
      }) as Record<string, unknown>;
      expect(claims.iss).toBe('Vonage');
      expect(claims.payload_hash).toBe(createHash('sha256').update(r.body).digest('hex'));
      expect(claims.api_key).toBe(sandbox.credentials.nexmo.apiKey);
      expect(r.json).toMatchObject({
        message_uuid,
        to: '447700900123',
        from: sandbox.credentials.nexmo.from,
        channel: 'whatsapp',
        client_ref: 'order-42',
      });
    }
    expect((statuses[1]!.json as { usage?: unknown }).usage).toEqual({ currency: 'EUR', price: '0.0333' });
    expect(sandbox.messages[0]).toMatchObject({
      id: message_uuid,
      provider: 'nexmo',
      status: 'read',
      history: ['accepted', 'sent', 'delivered', 'read'],
    });
  });

  it('posts the inbound message in the v1 format, signed', async () => {
    const { id, status } = await sandbox.inbound('nexmo', '+447700900123', 'Where is my order?', {
      profileName: 'Jane',
    });
    expect(status).toBe(200);
    const r = hooks.received[0];
    expect(r?.path).toBe('/vonage');
    expect(r?.json).toMatchObject({
      channel: 'whatsapp',
      message_uuid: id,
      to: sandbox.credentials.nexmo.from,
      from: '447700900123',
      message_type: 'text',
      text: 'Where is my order?',
      profile: { name: 'Jane' },
    });
    expect(String(r?.headers.authorization)).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('accepts Basic auth with the API key and secret', async () => {
    await sandbox.inbound('nexmo', '+447700900123', 'hi');
    const { apiKey, apiSecret } = sandbox.credentials.nexmo;
    const res = await post(
      '/v1/messages',
      textV1(),
      `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
    );
    expect(res.status).toBe(202);
  });

  it.each([
    [
      'a JWT signed with another key',
      () =>
        bearer(
          {},
          generateKeyPairSync('rsa', {
            modulusLength: 2048,
            privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
            publicKeyEncoding: { type: 'spki', format: 'pem' },
          }).privateKey,
        ),
    ],
    [
      'a JWT for another application',
      () => bearer({ application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab' }),
    ],
    [
      'an expired JWT',
      () => bearer({ iat: Math.floor(Date.now() / 1000) - 4000, exp: Math.floor(Date.now() / 1000) - 10 }),
    ],
    [
      'a wrong Basic secret',
      () => `Basic ${Buffer.from(`${sandbox.credentials.nexmo.apiKey}:nope`).toString('base64')}`,
    ],
    ['no credentials', () => ''],
  ])('refuses %s with an RFC 7807 401', async (_, auth) => {
    const res = await post('/v1/messages', textV1(), auth());
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      type: 'https://developer.nexmo.com/api-errors/messages-olympus#unathorized',
      title: 'You did not provide correct credentials.',
      detail:
        "Check that you're using the correct credentials, and that your account has this feature enabled",
      instance: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(sandbox.messages).toHaveLength(0);
  });

  it('answers 422 with invalid_parameters for a body that breaks the schema', async () => {
    const res = await post('/v1/messages', {
      ...textV1(),
      message_type: 'image',
      text: undefined,
      image: { caption: 'x' },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      type: 'https://developer.nexmo.com/api-errors/messages-olympus#1150',
      title: 'Invalid params',
      invalid_parameters: [{ name: 'image.url', reason: 'is required.' }],
    });
  });

  it.each([
    [{ channel: 'sms' }, 'Unsupported channel'],
    [{ to: '+447700900123' }, 'Invalid recipient'],
    [{ message_type: 'location' }, 'Invalid message type'],
    [{ client_ref: 'x'.repeat(41) }, 'Invalid client reference'],
    [{ from: '447700900999' }, 'Invalid sender'],
  ])('refuses %j with 422 %s', async (patch, title) => {
    const res = await post('/v1/messages', { ...textV1(), ...patch });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { title: string }).title).toBe(title);
  });

  it('accepts a free-form message outside the window but rejects it with 1340 in the status webhook', async () => {
    const res = await post('/v1/messages', textV1());
    expect(res.status).toBe(202);
    await sandbox.idle();
    expect(hooks.received.map((r) => r.json)).toEqual([
      expect.objectContaining({
        status: 'rejected',
        error: {
          type: 'https://developer.nexmo.com/api-errors/messages-olympus#1340',
          title: '1340',
          detail: 'Outside of the allowed window',
          instance: expect.any(String),
        },
      }),
    ]);
    expect(sandbox.messages[0]).toMatchObject({ status: 'failed', error: { code: 1340 } });
  });

  it('sends an approved template outside the window and counts the recipient against the tier', async () => {
    sandbox.templates.add({
      name: 'order_update',
      language: 'en_GB',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, order {{2}} shipped.', example: { body_text: [['Daisy', 'A1']] } },
      ],
    });
    const res = await post('/v1/messages', {
      to: '447700900123',
      from: sandbox.credentials.nexmo.from,
      channel: 'whatsapp',
      message_type: 'template',
      template: { name: 'order_update', parameters: ['Daisy', 'A1'] },
      whatsapp: { policy: 'deterministic', locale: 'en_GB' },
    });
    expect(res.status).toBe(202);
    await sandbox.idle();
    expect(sandbox.messages[0]?.status).toBe('read');
    expect(sandbox.reached('nexmo')).toBe(1);
  });

  it('marks an inbound message read with PATCH /v1/messages/{id} (202)', async () => {
    const { id } = await sandbox.inbound('nexmo', '+447700900123', 'hi');
    const res = await fetch(`${sandbox.url}/v1/messages/${id}`, {
      method: 'PATCH',
      headers: { authorization: bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'read' }),
    });
    expect(res.status).toBe(202);
    expect(sandbox.readReceipts).toEqual([{ provider: 'nexmo', messageId: id }]);
  });
});

describe('Vonage v0.1 send', () => {
  beforeEach(() => start('v0.1'));

  const textV01 = () => ({
    from: { type: 'whatsapp', number: sandbox.credentials.nexmo.from },
    to: { type: 'whatsapp', number: '447700900123' },
    message: { content: { type: 'text', text: 'Hello From Vonage!' } },
  });

  it('accepts the v0.1 envelope and posts v0.1 statuses', async () => {
    await sandbox.inbound('nexmo', '+447700900123', 'hi');
    expect(hooks.received[0]?.json).toMatchObject({
      to: { type: 'whatsapp', number: sandbox.credentials.nexmo.from },
      from: { type: 'whatsapp', number: '447700900123' },
      message: { content: { type: 'text', text: 'hi' } },
    });
    const res = await post('/v0.1/messages', textV01());
    expect(res.status).toBe(202);
    await sandbox.idle();
    const statuses = hooks.received.slice(1).map((r) => r.json as Record<string, unknown>);
    expect(statuses.map((s) => s.status)).toEqual(['submitted', 'delivered', 'read']);
    expect(statuses[0]).toMatchObject({ to: { type: 'whatsapp', number: '447700900123' } });
  });

  it('reports the window refusal as {code: 1340, reason}', async () => {
    await post('/v0.1/messages', textV01());
    await sandbox.idle();
    expect(hooks.received[0]?.json).toMatchObject({
      status: 'rejected',
      error: { code: 1340, reason: 'Outside of the allowed window' },
    });
  });

  it('refuses the deprecated fallback policy with 400 Invalid Parameters', async () => {
    const res = await post('/v0.1/messages', {
      ...textV01(),
      message: {
        content: { type: 'template', template: { name: 'ns:t', parameters: [] } },
        whatsapp: { policy: 'fallback', locale: 'en-GB' },
      },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      type: 'https://www.nexmo.com/messages/Errors#InvalidParams',
      title: 'Invalid Parameters',
    });
  });
});
