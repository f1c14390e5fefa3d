/**
 * The interactive and template types of issue 14 through every real client against the sandbox over HTTP on
 * 127.0.0.1: each provider's emulator accepts what the client sends (the Cloud API objects, Vonage `custom`,
 * Gupshup's `product_details` and quick-reply media), stores it with its statuses, and gives the inspector a view
 * of it (buttons, product lists, carousel cards, offers, authentication text). What a provider cannot carry is
 * refused by the client before any request, so the sandbox never sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/message.js';
import type { ProviderId } from '../../src/core/provider.js';
import type { StatusEvent } from '../../src/core/webhook-event.js';
import { createClient } from '../../src/create-client.js';
import { PROVIDER_REGISTRY } from '../../src/sandbox/providers/index.js';
import { authCopyCode, limitedTimeOffer, mediaCarousel } from '../templates/meta-examples.js';
import { type Harness, PROVIDERS, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.sandbox.templates.add(authCopyCode as never);
  h.sandbox.templates.add(mediaCarousel as never);
  h.sandbox.templates.add(limitedTimeOffer as never);
});
afterAll(() => h.close());

const CUSTOMER: Record<ProviderId, string> = {
  nexmo: '+447700900321',
  gupshup: '+919876543219',
  meta: '+16505551239',
  clevertap: '+971501234569',
};
const IMG = 'https://example.com/p/lemons.jpg';

type Draft = Record<string, unknown>;
const interactive: Record<string, Draft> = {
  location_request: { body: 'Where shall we deliver?', action: { type: 'location_request' } },
  flow: {
    header: { type: 'image', url: IMG },
    body: 'Book a table',
    action: { type: 'flow', flowId: '1234567890', cta: 'Book', screen: 'WELCOME' },
  },
  buttons_media: {
    header: { type: 'image', url: IMG },
    body: 'Like it?',
    action: { type: 'buttons', buttons: [{ id: 'yes', title: 'Yes' }] },
  },
  product: {
    body: 'Our bestseller',
    action: { type: 'product', catalogId: 'c1', productRetailerId: 'sku1' },
  },
  product_list: {
    header: { type: 'text', text: 'Succulents' },
    body: 'Pick some',
    action: {
      type: 'product_list',
      catalogId: 'c1',
      sections: [{ title: 'Rare', productRetailerIds: ['a', 'b'] }],
    },
  },
  catalog: { body: 'Browse', action: { type: 'catalog', thumbnailProductRetailerId: 'sku1' } },
};
/** What Gupshup's /wa/api/v1/msg documents no type for. */
const GUPSHUP_REFUSES = new Set(['location_request', 'flow']);

const client = (p: ProviderId) => createClient(h.sandbox.config(p) as never);
const viewOf = (p: ProviderId, messageId: string) => {
  const stored = h.sandbox.messages.find((m) => m.id === messageId);
  expect(stored, `stored ${messageId}`).toBeDefined();
  return PROVIDER_REGISTRY[p].view(stored as never, h.sandbox.templates);
};
const delivered = (p: ProviderId, messageId: string) =>
  h.events[p].some(
    (e): e is StatusEvent => e.kind === 'status' && e.messageId === messageId && e.status === 'delivered',
  );

describe.each(PROVIDERS)('%s: new interactive types against the sandbox', (provider) => {
  beforeAll(async () => {
    await h.sandbox.inbound(provider, CUSTOMER[provider], 'Hi');
  });

  it.each(Object.entries(interactive))(
    '%s is accepted, delivered and viewable (or refused before sending)',
    async (name, draft) => {
      const message = { type: 'interactive', to: CUSTOMER[provider], ...draft } as OutboundMessage;
      if (provider === 'gupshup' && GUPSHUP_REFUSES.has(name)) {
        const before = h.sandbox.messages.length;
        await expect(client(provider).send(message)).rejects.toMatchObject({
          name: 'UnsupportedMessageError',
        });
        expect(h.sandbox.messages.length).toBe(before);
        return;
      }
      const result = await client(provider).send(message);
      await h.sandbox.idle();
      expect(delivered(provider, result.messageId)).toBe(true);
      const view = viewOf(provider, result.messageId);
      expect(view.kind).toBe('interactive');
      if (name === 'location_request')
        expect(view.buttons).toEqual([{ type: 'location', title: 'Send location' }]);
      if (name === 'flow') expect(view.buttons?.[0]).toMatchObject({ type: 'flow', title: 'Book' });
      if (name === 'buttons_media') expect(view.header).toMatchObject({ type: 'image', url: IMG });
      if (name === 'product') expect(view.buttons?.[0]).toMatchObject({ type: 'catalog', value: 'sku1' });
      if (name === 'product_list') expect(view.list?.sections[0]?.rows.map((r) => r.id)).toEqual(['a', 'b']);
      if (name === 'catalog')
        expect(view.buttons?.[0]).toMatchObject({ type: 'catalog', title: 'View catalog' });
    },
  );
});

describe('templates of the new kinds against the sandbox', () => {
  const auth = {
    name: 'verification_code',
    language: 'en_US',
    body: ['J$FpnYnP'],
    buttons: [{ index: 0, type: 'url' as const, text: 'J$FpnYnP' }],
  };
  it.each(['meta', 'nexmo'] as const)(
    "%s: an authentication template is approved, sent and shows Meta's text",
    async (provider) => {
      const result = await client(provider).sendTemplate('+16505550001', auth);
      await h.sandbox.idle();
      expect(delivered(provider, result.messageId)).toBe(true);
      const view = viewOf(provider, result.messageId);
      expect(view.text).toBe(
        'J$FpnYnP is your verification code. For your security, do not share this code.',
      );
      expect(view.footer).toBe('This code expires in 10 minutes.');
      expect(view.buttons).toEqual([{ type: 'copy_code', title: 'Copy Code' }]);
    },
  );

  it('meta: a carousel shows every card, and a wrong card count is refused with 132000', async () => {
    const card = (promo: string) => ({
      header: { type: 'image' as const, url: IMG },
      body: ['15OFF', '15%'],
      buttons: [{ index: 1, type: 'url' as const, text: promo }],
    });
    const template = { name: 'summer_carousel_promo_2023', language: 'en_US', body: ['15OFF', '15%'] };
    const result = await client('meta').sendTemplate('+16505550002', {
      ...template,
      cards: [card('a'), card('b')],
    });
    const view = viewOf('meta', result.messageId);
    expect(view.cards).toHaveLength(2);
    expect(view.cards?.[0]).toMatchObject({
      header: { type: 'image', url: IMG },
      text: expect.stringContaining('15OFF'),
    });
    await expect(
      client('meta').sendTemplate('+16505550002', { ...template, cards: [card('a'), card('b'), card('c')] }),
    ).rejects.toMatchObject({ providerCode: '132000' });
  });

  it('meta and gupshup: a limited-time offer shows its heading and expiry', async () => {
    const lto = {
      name: 'limited_time_offer_caribbean_pkg_2023',
      language: 'en_US',
      header: { type: 'image' as const, url: IMG },
      body: ['Pablo', 'CARIBE25'],
      limitedTimeOffer: { expirationTimeMs: 1698549000000 },
      buttons: [
        { index: 0, type: 'copy_code' as const, code: 'CARIBE25' },
        { index: 1, type: 'url' as const, text: 'n3mtql' },
      ],
    };
    const result = await client('meta').sendTemplate('+16505550003', lto);
    expect(viewOf('meta', result.messageId).offer).toEqual({
      text: 'Expiring offer!',
      expiresAt: new Date(1698549000000).toISOString(),
    });
    const gupshupId = h.sandbox.templates.find('limited_time_offer_caribbean_pkg_2023')?.gupshupId ?? '';
    const viaGupshup = await client('gupshup').sendTemplate('+919876500003', { ...lto, name: gupshupId });
    await h.sandbox.idle();
    expect(
      h.events.gupshup.some(
        (e) => e.kind === 'status' && e.messageId === viaGupshup.messageId && e.status === 'failed',
      ),
    ).toBe(false);
  });
});
