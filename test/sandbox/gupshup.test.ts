import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { type Collector, form, startCollector } from './helpers.js';

let sandbox: Sandbox;
let hooks: Collector;

beforeEach(async () => {
  hooks = await startCollector();
  sandbox = await startSandbox({
    webhooks: {
      gupshup: { url: `${hooks.url}/gupshup?token=t0k`, headers: { authorization: 'shared-secret' } },
    },
    statuses: { delayMs: 1 },
  });
});
afterEach(async () => {
  await sandbox.stop();
  await hooks.close();
});

const send = (path: string, fields: Record<string, string>, apikey = sandbox.credentials.gupshup.apiKey) =>
  fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { apikey, 'content-type': 'application/x-www-form-urlencoded' },
    body: form(fields),
  });

const session = (extra: Record<string, string> = {}) => ({
  channel: 'whatsapp',
  source: sandbox.credentials.gupshup.source,
  destination: '919876543210',
  'src.name': sandbox.credentials.gupshup.appName,
  message: JSON.stringify({ type: 'text', text: 'Hi' }),
  ...extra,
});

type Event = {
  type: string;
  payload: { id: string; gsId?: string; type: string; destination: string; payload: Record<string, unknown> };
};

describe('Gupshup session and template send', () => {
  it('answers {status: submitted, messageId} and posts enqueued -> sent -> delivered -> read v2 events', async () => {
    await sandbox.inbound('gupshup', '+919876543210', 'hello');
    const res = await send('/wa/api/v1/msg', session());
    expect(res.status).toBe(202);
    const { status, messageId } = (await res.json()) as { status: string; messageId: string };
    expect(status).toBe('submitted');
    await sandbox.idle();
    const events = hooks.received
      .slice(1)
      .map((r) => r.json as Event & { app: string; version: number; timestamp: number });
    expect(events.map((e) => e.payload.type)).toEqual(['enqueued', 'sent', 'delivered', 'read']);
    for (const e of events) {
      expect(e).toMatchObject({ app: 'SandboxApp', version: 2, type: 'message-event' });
      expect(e.timestamp).toBeGreaterThan(1_600_000_000_000);
    }
    expect(events[0]?.payload).toMatchObject({
      id: messageId,
      destination: '919876543210',
      payload: { type: 'session' },
    });
    const wamid = (events[0]!.payload.payload as { whatsappMessageId: string }).whatsappMessageId;
    expect(events[1]?.payload).toMatchObject({
      id: wamid,
      gsId: messageId,
      payload: { ts: expect.any(Number) },
    });
    expect(
      hooks.received.every(
        (r) => r.headers.authorization === 'shared-secret' && r.path === '/gupshup?token=t0k',
      ),
    ).toBe(true);
  });

  it('posts the inbound message in the v2 format', async () => {
    const { id } = await sandbox.inbound(
      'gupshup',
      '+919876543210',
      { type: 'location', latitude: 19.14, longitude: 72.85 },
      { profileName: 'Drew' },
    );
    expect(hooks.received[0]?.json).toMatchObject({
      app: 'SandboxApp',
      version: 2,
      type: 'message',
      payload: {
        id,
        source: '919876543210',
        type: 'location',
        payload: { longitude: '72.85', latitude: '19.14' },
        sender: { phone: '919876543210', name: 'Drew' },
      },
    });
  });

  it('refuses a wrong apikey with 401 Authentication Failed', async () => {
    const res = await send('/wa/api/v1/msg', session(), 'wrong');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ status: 'error', message: 'Authentication Failed' });
  });

  it.each([
    [{ 'src.name': 'OtherApp' }, 400, 'Invalid App Details'],
    [{ destination: 'abc' }, 400, 'Invalid Destination'],
  ])('refuses %j with %i %s', async (patch, status, message) => {
    const res = await send('/wa/api/v1/msg', session(patch));
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ status: 'error', message });
  });

  it('reports a session message outside the window as a failed event with code 470', async () => {
    const res = await send('/wa/api/v1/msg', session());
    const { messageId } = (await res.json()) as { messageId: string };
    await sandbox.idle();
    const events = hooks.received.map((r) => r.json as Event);
    expect(events.map((e) => e.payload.type)).toEqual(['enqueued', 'failed']);
    expect(events[1]?.payload).toMatchObject({ gsId: messageId, payload: { code: 470 } });
  });

  it('sends a template by Gupshup template id, and a paused one fails with 4005', async () => {
    const t = sandbox.templates.add({
      name: 'otp',
      language: 'en',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Your code is {{1}}', example: { body_text: [['1234']] } }],
    });
    const fields = {
      channel: 'whatsapp',
      source: sandbox.credentials.gupshup.source,
      destination: '919876543210',
      'src.name': sandbox.credentials.gupshup.appName,
      template: JSON.stringify({ id: t.gupshupId, params: ['9876'] }),
    };
    expect((await send('/wa/api/v1/template/msg', fields)).status).toBe(202);
    await sandbox.idle();
    expect(sandbox.messages[0]).toMatchObject({
      category: 'template',
      status: 'read',
      template: t.gupshupId,
    });
    sandbox.templates.setStatus(t.id, 'PAUSED');
    hooks.received.length = 0;
    const paused = await send('/wa/api/v1/template/msg', fields);
    const { messageId } = (await paused.json()) as { messageId: string };
    await sandbox.idle();
    expect(hooks.received.map((r) => (r.json as Event).payload)).toEqual([
      {
        id: messageId,
        type: 'failed',
        destination: '919876543210',
        payload: { code: 4005, reason: 'Paused Template' },
      },
    ]);
  });

  it('marks an inbound message read with PUT /wa/app/{appId}/msg/{msgId}/read', async () => {
    const { id } = await sandbox.inbound('gupshup', '+919876543210', 'hi');
    const res = await fetch(`${sandbox.url}/wa/app/${sandbox.credentials.gupshup.appId}/msg/${id}/read`, {
      method: 'PUT',
      headers: { apikey: sandbox.credentials.gupshup.apiKey, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(sandbox.readReceipts).toEqual([{ provider: 'gupshup', messageId: id }]);
  });
});
