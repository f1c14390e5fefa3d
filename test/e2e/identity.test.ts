/**
 * Customers without a phone number, click-to-WhatsApp referrals and typing indicators, end to end: the sandbox
 * posts each provider's webhook as that provider documents it, the handler parses it, and the client replies to
 * the BSUID over real HTTP. Wire facts: Meta
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids , Vonage
 * https://developer.vonage.com/en/messages/guides/handling-whatsapp-usernames-and-bsuids , Gupshup
 * https://partner-docs.gupshup.io/docs/bsuid .
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhatsAppClient } from '../../src/core/client.js';
import { isUnsupportedMessageError } from '../../src/core/errors.js';
import { identityOf } from '../../src/core/identity.js';
import type { ProviderId } from '../../src/core/provider.js';
import type { MessageEvent, StatusEvent } from '../../src/core/webhook-event.js';
import { createClient } from '../../src/create-client.js';
import { type Harness, PROVIDERS, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const client = (p: ProviderId): WhatsAppClient => createClient(h.sandbox.config(p) as never);
const messageEvent = (p: ProviderId, id: string) =>
  h.events[p].find((e): e is MessageEvent => e.kind === 'message' && e.id === id);
const BSUID: Record<ProviderId, string> = {
  nexmo: 'GB.13491208655302741918',
  gupshup: 'IN.1648738043044942',
  meta: 'US.13491208655302741918',
  clevertap: 'AE.77771208655302741918',
};

describe.each(PROVIDERS)('%s: a customer known only by a BSUID', (provider) => {
  it('arrives as a message with userId and no phone', async () => {
    const inbound = await h.sandbox.inbound(provider, { userId: BSUID[provider], username: '@kerry' }, 'Hi');
    expect(inbound.status).toBe(200);
    const event = messageEvent(provider, inbound.id);
    expect(event).toMatchObject({ kind: 'message', type: 'text', text: 'Hi', userId: BSUID[provider] });
    expect(event).not.toHaveProperty('from');
    expect(identityOf(event as MessageEvent)).toBe(BSUID[provider]);
    // Gupshup's BSUID attributes carry no username.
    if (provider !== 'gupshup') expect(event?.username).toBe('@kerry');
  });
});

describe.each(['meta', 'clevertap', 'nexmo'] as const)('%s: replying to a BSUID', (provider) => {
  it('the reply goes to the BSUID, and its statuses name it', async () => {
    await h.sandbox.inbound(provider, BSUID[provider], 'Where is my order?');
    const result = await client(provider).sendText(BSUID[provider], 'It ships today.');
    expect(result.to).toBe(BSUID[provider]);
    expect(h.sandbox.messages.find((m) => m.id === result.messageId)).toMatchObject({ to: BSUID[provider] });
    await h.sandbox.idle();
    await h.waitFor(() =>
      h.events[provider].some(
        (e) => e.kind === 'status' && e.messageId === result.messageId && e.status === 'read',
      ),
    );
    const statuses = h.events[provider].filter(
      (e): e is StatusEvent => e.kind === 'status' && e.messageId === result.messageId,
    );
    for (const s of statuses) expect(identityOf(s)).toBe(BSUID[provider]);
  });
});

describe('gupshup: replying to a BSUID', () => {
  it('is refused before any request (Gupshup documents no BSUID send)', async () => {
    const before = h.sandbox.messages.length;
    const error = await client('gupshup')
      .sendText(BSUID.gupshup, 'Hi')
      .catch((e: unknown) => e);
    expect(isUnsupportedMessageError(error)).toBe(true);
    expect(h.sandbox.messages).toHaveLength(before);
  });
});

describe('one customer with a phone and a BSUID (Meta)', () => {
  it('carries both, and a reply to either is free-form', async () => {
    const inbound = await h.sandbox.inbound(
      'meta',
      { phone: '+16505550000', userId: 'US.55551208655302741918' },
      'Hi',
    );
    expect(messageEvent('meta', inbound.id)).toMatchObject({
      from: '16505550000',
      userId: 'US.55551208655302741918',
    });
    for (const to of ['+16505550000', 'US.55551208655302741918']) {
      const result = await client('meta').sendText(to, 'Hello');
      expect(h.sandbox.messages.find((m) => m.id === result.messageId)).toMatchObject({
        category: 'free-form',
      });
    }
    await h.sandbox.idle();
    const failed = h.events.meta.filter((e) => e.kind === 'status' && e.status === 'failed');
    expect(failed).toEqual([]);
  });
});

describe.each(['meta', 'clevertap', 'nexmo'] as const)('%s: click-to-WhatsApp referral', (provider) => {
  it('reaches the handler as MessageEvent.referral', async () => {
    const inbound = await h.sandbox.inbound(provider, '+447700900555', 'I saw your ad', {
      referral: {
        sourceUrl: 'https://fb.me/abc',
        sourceId: '120',
        sourceType: 'ad',
        headline: 'Sale',
        mediaType: 'image',
        imageUrl: 'https://example.com/ad.jpg',
        ctwaClid: 'ARAk',
      },
    });
    expect(messageEvent(provider, inbound.id)?.referral).toEqual({
      sourceUrl: 'https://fb.me/abc',
      sourceId: '120',
      sourceType: 'ad',
      headline: 'Sale',
      mediaType: 'image',
      imageUrl: 'https://example.com/ad.jpg',
      ctwaClid: 'ARAk',
    });
  });
});

describe.each(['meta', 'clevertap', 'nexmo'] as const)('%s: typing indicators', (provider) => {
  it('markAsRead(id, { typing: true }) is recorded as a read receipt with typing', async () => {
    const inbound = await h.sandbox.inbound(provider, '+447700900666', 'Are you there?');
    await client(provider).markAsRead(inbound.id, { typing: true });
    expect(h.sandbox.readReceipts).toContainEqual({ provider, messageId: inbound.id, typing: true });
  });
});

describe('sandbox.inbound() refuses a customer it cannot address', () => {
  it('with a malformed BSUID or neither identifier', async () => {
    await expect(h.sandbox.inbound('meta', { userId: 'US.bad-id' }, 'x')).rejects.toThrow(RangeError);
    await expect(h.sandbox.inbound('meta', {}, 'x')).rejects.toThrow(/phone number, a userId/);
  });
});
