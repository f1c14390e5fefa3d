/**
 * Sending to a business-scoped user id (BSUID) and typing indicators, on every provider, checked on the exact
 * request. Wire facts:
 * - Meta / CleverTap: a BSUID goes in `recipient`, never `to`
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids,
 *   https://dualhook.com/docs/contacts-bsuid-api-changes); typing is `typing_indicator: { type: "text" }` on the
 *   read call (https://developers.facebook.com/documentation/business-messaging/whatsapp/typing-indicators/).
 * - Vonage v1: `to` takes the BSUID as is
 *   (https://developer.vonage.com/en/messages/guides/handling-whatsapp-usernames-and-bsuids); v0.1 documents
 *   none. Typing is `replying_indicator: { show: true, type: "text" }` on the PATCH
 *   (https://developer.vonage.com/en/messages/code-snippets/whatsapp/send-replying-indicator).
 * - Gupshup: `destination` is a phone number; no BSUID send is documented.
 */
import { generateKeyPairSync } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  isQuotaExceededError,
  isUnsupportedMessageError,
  isValidationError,
  isWindowClosedError,
  type ValidationError,
} from '../../src/core/errors.js';
import { isUnsupportedOperationError } from '../../src/core/unsupported-operation-error.js';
import { CleverTapClient } from '../../src/providers/clevertap/index.js';
import { GupshupClient } from '../../src/providers/gupshup/index.js';
import { MetaCloudClient } from '../../src/providers/meta/index.js';
import { NexmoClient } from '../../src/providers/nexmo/index.js';
import { createConversationWindowTracker, createQuotaTracker } from '../../src/quota/index.js';
import { server } from '../setup/msw.js';
import { fixtureText } from '../webhooks/helpers.js';

const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';
const GRAPH = 'https://graph.facebook.com/v23.0/106540352242922/messages';
/** The `timestamp` of the Meta fixtures' messages, in ms. */
const FIXTURE_TIME = 1750263773 * 1000;

interface Seen {
  method: string;
  url: string;
  json: unknown;
}

function capture(url: string, method: 'post' | 'patch' | 'put', reply: Record<string, unknown>): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http[method](url, async ({ request }) => {
      const text = await request.text();
      seen.push({ method: request.method, url: request.url, json: text ? JSON.parse(text) : undefined });
      return HttpResponse.json(reply, { status: method === 'patch' ? 202 : 200 });
    }),
  );
  return seen;
}

const metaReply = (input: string) => ({
  messaging_product: 'whatsapp',
  contacts: [{ input, user_id: input }],
  messages: [{ id: 'wamid.OUT1' }],
});

const meta = (extra: Record<string, unknown> = {}) =>
  new MetaCloudClient({
    accessToken: 'EAAJBtestToken0123456789',
    phoneNumberId: '106540352242922',
    ...extra,
  });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('Meta: sending to a BSUID', () => {
  it('puts a BSUID in `recipient` and leaves `to` out', async () => {
    const seen = capture(GRAPH, 'post', metaReply(BSUID));
    const result = await meta().sendText(BSUID, 'Hello');
    expect(seen[0]?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      recipient: BSUID,
      type: 'text',
      text: { body: 'Hello' },
      biz_opaque_callback_data: result.clientRef,
    });
    expect(result).toMatchObject({ to: BSUID, messageId: 'wamid.OUT1' });
  });

  it('sends to a parent BSUID the same way, and to a phone in `to` as before', async () => {
    const seen = capture(GRAPH, 'post', metaReply(PARENT));
    await meta().sendText(PARENT, 'Hi');
    await meta().sendText('+16505551234', 'Hi');
    expect(seen[0]?.json).toMatchObject({ recipient: PARENT });
    expect(seen[0]?.json).not.toHaveProperty('to');
    expect(seen[1]?.json).toMatchObject({ to: '16505551234' });
    expect(seen[1]?.json).not.toHaveProperty('recipient');
  });

  it('refuses a malformed id with recipient.invalid before any request', async () => {
    const seen = capture(GRAPH, 'post', metaReply(BSUID));
    for (const to of ['US.1349-1208', 'us.13491208655302741918', 'username']) {
      const error = await rejection(meta().sendText(to, 'Hi'));
      expect(isValidationError(error)).toBe(true);
      expect((error as ValidationError).issues?.[0]?.code).toBe('recipient.invalid');
    }
    expect(seen).toHaveLength(0);
  });
});

describe('CleverTap: sending to a BSUID', () => {
  it('uses the Cloud API `recipient` field', async () => {
    const seen = capture(GRAPH, 'post', metaReply(BSUID));
    const client = new CleverTapClient({
      accessToken: 'EAAJBtestToken0123456789',
      phoneNumberId: '106540352242922',
      region: 'eu1',
    });
    await client.sendText(BSUID, 'Hello');
    expect(seen[0]?.json).toMatchObject({ recipient: BSUID, type: 'text' });
    expect(seen[0]?.json).not.toHaveProperty('to');
  });
});

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const nexmoConfig = {
  applicationId: '2d6bd0a8-7c43-4f0e-9a8f-2c59f8f0c111',
  privateKey,
  from: '+447700900001',
  maxRetries: 0,
};

describe('Vonage: sending to a BSUID', () => {
  it('v1 puts the BSUID in `to`, unchanged', async () => {
    const seen = capture('https://api.nexmo.com/v1/messages', 'post', { message_uuid: 'u-1' });
    await new NexmoClient(nexmoConfig).sendText(BSUID, 'Hello!');
    expect(seen[0]?.json).toMatchObject({
      channel: 'whatsapp',
      message_type: 'text',
      to: BSUID,
      from: '447700900001',
      text: 'Hello!',
    });
  });

  it('v0.1 throws UnsupportedMessageError before any request', async () => {
    const seen = capture('https://api.nexmo.com/v0.1/messages', 'post', { message_uuid: 'u-1' });
    const error = await rejection(
      new NexmoClient({ ...nexmoConfig, apiVersion: 'v0.1' }).sendText(BSUID, 'Hi'),
    );
    expect(isUnsupportedMessageError(error)).toBe(true);
    expect((error as Error).message).toContain("apiVersion: 'v1'");
    expect(seen).toHaveLength(0);
  });
});

describe('Gupshup: sending to a BSUID', () => {
  it('throws UnsupportedMessageError before any request', async () => {
    const seen = capture('https://api.gupshup.io/wa/api/v1/msg', 'post', { status: 'submitted' });
    const client = new GupshupClient({
      apiKey: 'gs-api-key-0123456789',
      appName: 'DemoApp',
      source: '+917834811114',
      maxRetries: 0,
    });
    const error = await rejection(client.sendText(BSUID, 'Hi'));
    expect(isUnsupportedMessageError(error)).toBe(true);
    expect((error as Error).message).toContain('phone number');
    expect(seen).toHaveLength(0);
  });
});

describe('typing indicators', () => {
  it('Meta: markAsRead(id, { typing: true }) adds typing_indicator to the read call', async () => {
    const seen = capture(GRAPH, 'post', { success: true });
    await meta().markAsRead('wamid.IN1', { typing: true });
    await meta().markAsRead('wamid.IN2');
    expect(seen.map((s) => s.json)).toEqual([
      {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: 'wamid.IN1',
        typing_indicator: { type: 'text' },
      },
      { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN2' },
    ]);
  });

  it('CleverTap: the same Cloud API read call', async () => {
    const seen = capture(GRAPH, 'post', { success: true });
    const client = new CleverTapClient({
      accessToken: 'EAAJBtestToken0123456789',
      phoneNumberId: '106540352242922',
      region: 'in1',
    });
    await client.markAsRead('wamid.IN3', { typing: true });
    expect(seen[0]?.json).toMatchObject({ status: 'read', typing_indicator: { type: 'text' } });
  });

  it('Gupshup: throws UnsupportedOperationError before any request (its self-serve API has none)', async () => {
    const seen = capture('https://api.gupshup.io/wa/app/:app/msg/:id/read', 'put', {});
    const client = new GupshupClient({
      apiKey: 'gs-api-key-0123456789',
      appName: 'DemoApp',
      appId: 'a1b2c3',
      source: '+917834811114',
      maxRetries: 0,
    });
    const error = await rejection(client.markAsRead('ABEG1', { typing: true }));
    expect(isUnsupportedOperationError(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'gupshup', operation: 'markAsRead' });
    expect(seen).toHaveLength(0);
  });

  it('Vonage: the PATCH carries replying_indicator', async () => {
    const seen = capture('https://api.nexmo.com/v1/messages/:id', 'patch', {});
    await new NexmoClient(nexmoConfig).markAsRead('aaaaaaaa-bbbb-cccc-dddd-0123456789ab', { typing: true });
    await new NexmoClient(nexmoConfig).markAsRead('aaaaaaaa-bbbb-cccc-dddd-0123456789ab');
    expect(seen.map((s) => s.json)).toEqual([
      { status: 'read', replying_indicator: { show: true, type: 'text' } },
      { status: 'read' },
    ]);
  });
});

describe('one customer, two identifiers', () => {
  it('a window opened by a message carrying a phone and a BSUID is open for a send to either', async () => {
    const seen = capture(GRAPH, 'post', metaReply(BSUID));
    // An hour after the fixture's message (timestamp 1750263773).
    const window = createConversationWindowTracker({ clock: () => FIXTURE_TIME + 3_600_000 });
    const client = meta({ window });
    // Nobody wrote yet: free-form is refused for both identifiers.
    expect(isWindowClosedError(await rejection(client.sendText(BSUID, 'Hi')))).toBe(true);
    expect(isWindowClosedError(await rejection(client.sendText('+16315551181', 'Hi')))).toBe(true);
    await client.parseWebhook({
      rawBody: fixtureText('meta', 'message-text-bsuid'),
      headers: { 'content-type': 'application/json' },
    });
    await client.sendText(BSUID, 'Thanks, Kerry');
    await client.sendText('+16315551181', 'Thanks again');
    expect(seen.map((s) => s.json)).toMatchObject([{ recipient: BSUID }, { to: '16315551181' }]);
    // Someone else's window stays closed.
    expect(isWindowClosedError(await rejection(client.sendText('US.99990000111122223333', 'Hi')))).toBe(true);
  });

  it('a BSUID-only message opens the window for that BSUID', async () => {
    capture(GRAPH, 'post', metaReply(BSUID));
    const client = meta({ window: createConversationWindowTracker({ clock: () => FIXTURE_TIME + 60_000 }) });
    await client.parseWebhook({
      rawBody: fixtureText('meta', 'message-text-bsuid-only'),
      headers: { 'content-type': 'application/json' },
    });
    await expect(client.sendText(BSUID, 'Hello')).resolves.toMatchObject({ to: BSUID });
  });

  it('a click-to-WhatsApp referral opens the 72 h free entry point', async () => {
    capture(GRAPH, 'post', metaReply('16315551181'));
    let now = Date.UTC(2026, 4, 1, 10);
    const window = createConversationWindowTracker({ clock: () => now });
    const client = meta({ window });
    const raw = JSON.parse(fixtureText('meta', 'message-referral'));
    raw.entry[0].changes[0].value.messages[0].timestamp = String(now / 1000);
    await client.parseWebhook({ rawBody: JSON.stringify(raw), headers: {} });
    now += 48 * 3_600_000; // past the 24 h service window, inside the 72 h free entry point
    expect(await window.isOpen('+16315551181')).toBe(true);
    now += 25 * 3_600_000;
    expect(await window.isOpen('+16315551181')).toBe(false);
  });

  it('the quota counts one customer once, whether a template goes to the phone or the BSUID', async () => {
    const seen = capture(GRAPH, 'post', metaReply(BSUID));
    const template = { name: 'order_update', language: 'en_US' };
    const linked = meta({ quota: createQuotaTracker({ tier: 1 }) });
    // A delivered status with both identifiers (contacts[].wa_id + user_id) links them.
    await linked.parseWebhook({ rawBody: fixtureText('meta', 'status-delivered-bsuid-phone'), headers: {} });
    await linked.sendTemplate('+16315551181', template);
    await linked.sendTemplate(BSUID, template); // the same customer: no second slot
    expect(seen).toHaveLength(2);
    // Someone else needs a slot of their own: refused before any request.
    expect(
      isQuotaExceededError(await rejection(linked.sendTemplate('US.99990000111122223333', template))),
    ).toBe(true);
    expect(seen).toHaveLength(2);
    // Without the link the two identifiers are two customers.
    const unlinked = meta({ quota: createQuotaTracker({ tier: 1 }) });
    await unlinked.sendTemplate('+16315551181', template);
    expect(isQuotaExceededError(await rejection(unlinked.sendTemplate(BSUID, template)))).toBe(true);
  });
});
