/**
 * Every client against the sandbox over real HTTP on 127.0.0.1, with the round trip through the webhook
 * handler: inbound message -> send text -> status webhooks (sent, delivered, read) -> read receipt; the window
 * refusal in each provider's own form; templates; signatures checked by the handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhatsAppClient } from '../../src/core/client.js';
import { isApiError, isAuthenticationError } from '../../src/core/errors.js';
import type { ProviderId } from '../../src/core/provider.js';
import type { MessageEvent, StatusEvent } from '../../src/core/webhook-event.js';
import { createClient } from '../../src/create-client.js';
import { type Harness, PROVIDERS, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CUSTOMER: Record<ProviderId, string> = {
  nexmo: '+447700900123',
  gupshup: '+919876543210',
  meta: '+16505551234',
  clevertap: '+971501234567',
};
const client = (p: ProviderId): WhatsAppClient => createClient(h.sandbox.config(p) as never);
const statusesOf = (p: ProviderId, messageId: string) =>
  h.events[p].filter((e): e is StatusEvent => e.kind === 'status' && e.messageId === messageId);

describe.each(PROVIDERS)('%s client against the sandbox', (provider) => {
  it('round-trips: inbound message, text reply, sent -> delivered -> read statuses, read receipt', async () => {
    const c = client(provider);
    const inbound = await h.sandbox.inbound(provider, CUSTOMER[provider], 'Where is my order?', {
      profileName: 'Ana',
    });
    expect(inbound.status).toBe(200);
    const message = h.events[provider].find(
      (e): e is MessageEvent => e.kind === 'message' && e.id === inbound.id,
    );
    expect(message).toMatchObject({ provider, type: 'text', text: 'Where is my order?' });
    expect(message?.from?.replace(/^\+/, '')).toBe(CUSTOMER[provider].slice(1));

    const result = await c.sendText(CUSTOMER[provider], 'It ships today.');
    expect(result).toMatchObject({ provider, to: CUSTOMER[provider] });
    const accepted = h.sandbox.messages.find((m) => m.id === result.messageId);
    expect(accepted).toMatchObject({ provider, to: CUSTOMER[provider].slice(1), category: 'free-form' });
    await h.sandbox.idle();
    const statuses = statusesOf(provider, result.messageId).map((s) => s.status);
    expect(statuses.filter((s) => s !== 'accepted')).toEqual(['sent', 'delivered', 'read']);

    await c.markAsRead(inbound.id);
    expect(h.sandbox.readReceipts).toContainEqual({ provider, messageId: inbound.id });
  });

  it("refuses free-form outside the window with the provider's own failed status", async () => {
    const c = client(provider);
    const to = CUSTOMER[provider].replace(/\d$/, '9');
    const result = await c.sendText(to, 'Hello out of the blue');
    await h.sandbox.idle();
    const failed = statusesOf(provider, result.messageId).find((s) => s.status === 'failed');
    const expected = { nexmo: '1340', gupshup: '470', meta: '131047', clevertap: '131047' }[provider];
    expect(failed?.error?.code).toBe(expected);
  });

  it('surfaces a bad credential as a typed AuthenticationError', async () => {
    const config = h.sandbox.config(provider);
    const bad =
      provider === 'nexmo'
        ? {
            ...config,
            privateKey: undefined,
            applicationId: undefined,
            apiKey: 'abc',
            apiSecret: 'wrong-secret',
          }
        : provider === 'gupshup'
          ? { ...config, apiKey: 'wrong-api-key-000' }
          : { ...config, accessToken: 'EAAGwrongwrongwrongwrongwrong' };
    const c = createClient(
      Object.fromEntries(Object.entries(bad).filter(([, v]) => v !== undefined)) as never,
    );
    const error = await c.sendText(CUSTOMER[provider], 'x').catch((e: unknown) => e);
    expect(isAuthenticationError(error)).toBe(true);
    expect(isApiError(error) && error.status).toBe(401);
  });
});

describe('templates end to end', () => {
  it('Meta: validate, submit, wait for approval through the webhook, send, and see it delivered', async () => {
    const meta = client('meta') as WhatsAppClient & {
      createTemplate(d: unknown): Promise<{ id: string; status: string }>;
      getTemplate(id: string): Promise<{ status: string }>;
    };
    const created = await meta.createTemplate({
      name: 'e2e_order_update',
      language: 'en_US',
      category: 'UTILITY',
      components: [
        {
          type: 'BODY',
          text: 'Hi {{1}}, order {{2}} has shipped.',
          example: { body_text: [['Ana', 'A-1']] },
        },
      ],
    });
    expect(created.status).toBe('PENDING');
    await h.waitFor(() =>
      h.events.meta.some((e) => e.kind === 'template-status' && e.templateId === created.id),
    );
    expect(
      h.events.meta.find((e) => e.kind === 'template-status' && e.templateId === created.id),
    ).toMatchObject({ status: 'APPROVED' });
    expect((await meta.getTemplate(created.id)).status).toBe('APPROVED');
    const to = '+16505550777';
    const result = await meta.sendTemplate(to, {
      name: 'e2e_order_update',
      language: 'en_US',
      body: ['Ana', 'A-1'],
    });
    await h.sandbox.idle();
    expect(statusesOf('meta', result.messageId).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(h.sandbox.messages.find((m) => m.id === result.messageId)?.category).toBe('template');
  });

  it('Vonage and Gupshup send an approved template (by name, and by Gupshup template id)', async () => {
    const t = h.sandbox.templates.add({
      name: 'e2e_otp',
      language: 'en',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Your code is {{1}}.', example: { body_text: [['1234']] } }],
    });
    const viaVonage = await client('nexmo').sendTemplate('+447700900555', {
      name: 'e2e_otp',
      language: 'en',
      body: ['9876'],
    });
    const viaGupshup = await client('gupshup').sendTemplate('+919876500000', {
      name: t.gupshupId,
      language: 'en',
      body: ['9876'],
    });
    await h.sandbox.idle();
    expect(statusesOf('nexmo', viaVonage.messageId).at(-1)?.status).toBe('read');
    expect(statusesOf('gupshup', viaGupshup.messageId).at(-1)?.status).toBe('read');
  });
});

describe('webhook signatures are enforced by the handler', () => {
  it.each(PROVIDERS)('%s: a tampered body is refused with 401', async (provider) => {
    const res = await fetch(`${h.webhookUrl}/${provider}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: provider === 'gupshup' ? 'not-the-secret' : 'Bearer a.b.c',
        'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
      },
      body: JSON.stringify({ tampered: true }),
    });
    expect(res.status).toBe(401);
  });
});

describe('Vonage v0.1 end to end', () => {
  let v01: Harness;
  beforeAll(async () => {
    v01 = await startHarness({ webhooks: { nexmo: { url: 'set-by-harness', version: 'v0.1' } } });
  });
  afterAll(() => v01.close());

  it('sends with apiVersion v0.1 and parses v0.1 inbound and status webhooks', async () => {
    const c = createClient(v01.sandbox.config('nexmo', { apiVersion: 'v0.1' }) as never);
    const inbound = await v01.sandbox.inbound('nexmo', '+447700900123', 'hi there');
    expect(v01.events.nexmo.find((e) => e.kind === 'message' && e.id === inbound.id)).toMatchObject({
      text: 'hi there',
    });
    const result = await c.sendText('+447700900123', 'hello (v0.1)');
    expect(v01.sandbox.messages.find((m) => m.id === result.messageId)?.body).toMatchObject({
      to: { type: 'whatsapp', number: '447700900123' },
      message: { content: { type: 'text', text: 'hello (v0.1)' } },
    });
    await v01.sandbox.idle();
    const statuses = v01.events.nexmo.filter(
      (e): e is StatusEvent => e.kind === 'status' && e.messageId === result.messageId,
    );
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
  });
});

describe('CleverTap REST calls end to end', () => {
  it('sets WhatsApp opt-in on profiles and triggers an External Trigger campaign', async () => {
    const c = client('clevertap') as WhatsAppClient & {
      setWhatsAppOptIn(identity: string | readonly string[], optIn: boolean): Promise<{ processed: number }>;
      triggerCampaign(
        campaignId: string | number,
        identities: string | readonly string[],
        vars?: Record<string, string>,
      ): Promise<unknown>;
    };
    const optIn = await c.setWhatsAppOptIn(['user-1', 'user-2'], true);
    expect(optIn.processed).toBe(2);
    expect(h.sandbox.profiles.get('user-1')).toEqual({ 'MSG-whatsapp': true });
    await c.triggerCampaign(1700000001, ['user-1'], { order: 'A-1' });
    expect(h.sandbox.triggers).toContainEqual({
      campaignId: '1700000001',
      identities: ['user-1'],
      vars: { order: 'A-1' },
    });
  });
});

describe("Meta's callback verification handshake", () => {
  it.each(['meta', 'clevertap'] as const)(
    '%s: the handler answers the hub.challenge with the right verify token only',
    async (provider) => {
      expect(await h.sandbox.verifyCallback(provider)).toEqual({ ok: true, status: 200 });
      const wrong = await h.sandbox.verifyCallback(provider, 'not-the-token');
      expect(wrong.ok).toBe(false);
      expect(wrong.status).toBe(403);
    },
  );
});
