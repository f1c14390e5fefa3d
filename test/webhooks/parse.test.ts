import { describe, expect, it } from 'vitest';
import { isWhatsAppError, WebhookParseError } from '../../src/core/errors.js';
import { parseWebhook, WebhookEventSchema } from '../../src/webhooks/index.js';
import { parseTimestamp } from '../../src/webhooks/parsers/util.js';
import { fixture } from './helpers.js';

describe('parseWebhook errors', () => {
  it.each([
    ['not JSON', '{"object": "whatsapp_business_account",'],
    ['empty', ''],
    ['plain text', 'hello'],
  ])('throws WebhookParseError for %s', (_name, body) => {
    let caught: unknown;
    try {
      parseWebhook('meta', body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WebhookParseError);
    expect(isWhatsAppError(caught)).toBe(true);
    expect((caught as WebhookParseError).code).toBe('webhook_parse_failed');
    expect((caught as WebhookParseError).provider).toBe('meta');
    expect((caught as Error).message).toMatch(/not valid JSON/);
  });

  it.each([
    ['null', 'null', /got null/],
    ['an array', '[1,2]', /got an array/],
    ['a number', '42', /got a number/],
    ['a string', '"x"', /got a string/],
  ])('throws WebhookParseError for JSON that is %s', (_name, body, message) => {
    expect(() => parseWebhook('gupshup', body)).toThrow(WebhookParseError);
    expect(() => parseWebhook('gupshup', body)).toThrow(message);
    expect(() => parseWebhook('gupshup', JSON.parse(body))).toThrow(WebhookParseError);
  });

  it('returns an unknown event, with the payload, for valid JSON in an unknown shape', () => {
    const body = { hello: 'world', nested: { a: [1, 2] } };
    expect(parseWebhook('nexmo', JSON.stringify(body))).toEqual([
      { kind: 'unknown', provider: 'nexmo', raw: body },
    ]);
  });

  it('accepts a UTF-8 BOM and surrounding whitespace', () => {
    const text = `\uFEFF  ${JSON.stringify(fixture('meta', 'message-text'))}\n`;
    expect(parseWebhook('meta', new TextEncoder().encode(text))[0]).toMatchObject({
      kind: 'message',
      type: 'text',
    });
  });

  it('reads a forced format', () => {
    const body = fixture('nexmo', 'v1-inbound-text');
    expect(parseWebhook('nexmo', body, { format: 'vonage-v1' })[0]).toMatchObject({ kind: 'message' });
    // Read as the wrong format, it is unknown rather than an exception.
    expect(parseWebhook('nexmo', body, { format: 'gupshup-v2' })[0]).toMatchObject({ kind: 'unknown' });
  });

  it('uses receivedAt when the payload has no readable timestamp', () => {
    const receivedAt = new Date('2026-01-02T03:04:05Z');
    const body = { ...fixture('nexmo', 'v1-inbound-text'), timestamp: 'yesterday' };
    expect(parseWebhook('nexmo', body, { receivedAt })[0]).toMatchObject({ timestamp: receivedAt });
  });
});

describe('timestamps', () => {
  it.each([
    ['ISO 8601', '2020-01-01T14:00:00.000Z', '2020-01-01T14:00:00.000Z'],
    ['ISO with offset', '2020-01-01T15:00:00+01:00', '2020-01-01T14:00:00.000Z'],
    ['Vonage spaced UTC', '2020-01-01 14:00:00 UTC', '2020-01-01T14:00:00.000Z'],
    ['spaced without zone (UTC)', '2020-01-01 14:00:00', '2020-01-01T14:00:00.000Z'],
    ['unix seconds string (Meta)', '1750263773', '2025-06-18T16:22:53.000Z'],
    ['unix seconds number', 1585344475, '2020-03-27T21:27:55.000Z'],
    ['unix milliseconds (Gupshup)', 1580227766370, '2020-01-28T16:09:26.370Z'],
    ['unix milliseconds string', '1710930460123', '2024-03-20T10:27:40.123Z'],
  ])('%s', (_name, input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
  });

  it.each([['garbage'], [''], [null], [{}], [Number.NaN], [1e300], ['99999-99-99']])(
    'refuses %s',
    (input) => {
      expect(parseTimestamp(input)).toBeUndefined();
    },
  );
});

describe('Meta batches', () => {
  it('reads 1 000 updates across entries and changes, in order', () => {
    const entry = (e: number) => ({
      id: `waba-${e}`,
      changes: Array.from({ length: 10 }, (_, c) => ({
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550001234', phone_number_id: '1' },
          contacts: [{ profile: { name: 'Kerry' }, wa_id: '16315551181' }],
          messages: Array.from({ length: 5 }, (_, m) => ({
            from: '16315551181',
            id: `wamid.${e}.${c}.m${m}`,
            timestamp: '1750263773',
            type: 'text',
            text: { body: `message ${e}.${c}.${m} ✓` },
          })),
          statuses: Array.from({ length: 5 }, (_, s) => ({
            id: `wamid.${e}.${c}.s${s}`,
            status: 'delivered',
            timestamp: '1750263773',
            recipient_id: '16505551234',
          })),
        },
      })),
    });
    const body = {
      object: 'whatsapp_business_account',
      entry: Array.from({ length: 10 }, (_, e) => entry(e)),
    };
    const events = parseWebhook('meta', JSON.stringify(body));
    expect(events).toHaveLength(1000);
    expect(events[0]).toMatchObject({ kind: 'message', id: 'wamid.0.0.m0' });
    expect(events[5]).toMatchObject({ kind: 'status', messageId: 'wamid.0.0.s0' });
    expect(events[999]).toMatchObject({ kind: 'status', messageId: 'wamid.9.9.s4' });
    expect(events.every((e) => WebhookEventSchema.safeParse(e).success)).toBe(true);
  });

  it('keeps a broken change as unknown without losing its neighbours', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        { id: '1', changes: [{ field: 'messages', value: 'not an object' }, ['not', 'a', 'change']] },
        { id: '2' },
        (fixture('meta', 'message-text').entry as unknown[])[0],
      ],
    };
    const events = parseWebhook('meta', body);
    expect(events.map((e) => e.kind)).toEqual(['unknown', 'unknown', 'unknown', 'message']);
  });

  it('treats a message without id or sender as unknown, keeping the rest', () => {
    const body = fixture('meta', 'message-text');
    const value = (body.entry as any)[0].changes[0].value;
    value.messages.push({ type: 'text', text: { body: 'no id' } });
    const events = parseWebhook('meta', body);
    expect(events.map((e) => e.kind)).toEqual(['message', 'unknown']);
  });
});

describe('Gupshup ids', () => {
  it('uses gsId when present, else id', () => {
    expect(parseWebhook('gupshup', fixture('gupshup', 'v2-event-read'))[0]).toMatchObject({
      messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35',
    });
    expect(parseWebhook('gupshup', fixture('gupshup', 'v2-event-read-no-gsid'))[0]).toMatchObject({
      messageId: 'gBEGkYaYVSEEAgnPFrOLcjkFjL8',
    });
  });
});

describe('Gupshup v2 types read by analogy with Meta (not on Gupshup v2 pages)', () => {
  const inbound = (type: string, payload: Record<string, unknown>) => ({
    app: 'DemoApp',
    timestamp: 1580227766370,
    version: 2,
    type: 'message',
    payload: { id: 'ABEG1', source: '918x98xx21x4', type, payload, sender: { phone: '918x98xx21x4' } },
  });

  it('reads a reaction (emoji and the reacted-to message) as a reaction, never unsupported', () => {
    expect(parseWebhook('gupshup', inbound('reaction', { emoji: '👍', msgId: 'gBEG9' }))[0]).toMatchObject({
      kind: 'message',
      type: 'reaction',
      reaction: { emoji: '👍', messageId: 'gBEG9' },
    });
  });

  it('reads an order cart, flat or nested in `order`', () => {
    const cart = { catalog_id: 'c1', product_items: [{ product_retailer_id: 'sku-1', quantity: '2' }] };
    for (const payload of [cart, { order: cart }]) {
      expect(parseWebhook('gupshup', inbound('order', payload))[0]).toMatchObject({
        type: 'order',
        order: { catalogId: 'c1', items: [{ productId: 'sku-1', quantity: 2 }] },
      });
    }
  });
});

describe('Meta: a BSUID where a phone number used to be', () => {
  it('reads a BSUID in messages[].from as the user id, with no phone', () => {
    const body = fixture('meta', 'message-text');
    const value = (body.entry as any)[0].changes[0].value;
    value.contacts = [{ profile: { name: 'Kerry' } }];
    value.messages[0].from = 'US.13491208655302741918';
    const [event] = parseWebhook('meta', body);
    expect(event).toMatchObject({ kind: 'message', userId: 'US.13491208655302741918', type: 'text' });
    expect(event).not.toHaveProperty('from');
  });

  it('reads a BSUID in statuses[].recipient_id, or the parent id, as recipientUserId', () => {
    const body = fixture('meta', 'status-sent');
    const status = (body.entry as any)[0].changes[0].value.statuses[0];
    status.recipient_id = 'US.13491208655302741918';
    const [event] = parseWebhook('meta', body);
    expect(event).toMatchObject({ kind: 'status', recipientUserId: 'US.13491208655302741918' });
    expect(event).not.toHaveProperty('recipient');
    delete status.recipient_id;
    status.parent_recipient_user_id = 'US.ENT.11815799212886844830';
    expect(parseWebhook('meta', body)[0]).toMatchObject({ recipientUserId: 'US.ENT.11815799212886844830' });
  });
});
