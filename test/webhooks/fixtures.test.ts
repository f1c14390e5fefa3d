/**
 * The fixture corpus (test/fixtures/<provider>/) is built from the payloads documented by Vonage, Gupshup and
 * Meta. Every fixture file must have an expectation here, and every event must satisfy its schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/core/provider.js';
import { detectWebhookFormat, parseWebhook, WebhookEventSchema } from '../../src/webhooks/index.js';
import { FIXTURES, fixtureNames, fixtureText } from './helpers.js';

const T2020 = new Date('2020-01-01T14:00:00.000Z');
const GS_TS = new Date(1580227766370);
const META_TS = new Date(1750263773 * 1000);
const U = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
/** The BSUID and parent BSUID of Meta's business-scoped user id examples. */
const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';
const GS_BSUID = 'IN.1648738043044942';

type Expectation = Record<string, unknown>[];

const nexmo: Record<string, Expectation> = {
  'v0.1-inbound-text': [
    {
      kind: 'message',
      provider: 'nexmo',
      id: U,
      from: '447700900001',
      to: '447700900000',
      timestamp: T2020,
      type: 'text',
      text: 'Hello From Vonage!',
    },
  ],
  'v0.1-inbound-image': [
    {
      type: 'image',
      media: {
        url: 'https://api.nexmo.com/v3/media/11111111-2222-3333-4444-555555555555',
        caption: 'Our new shop',
      },
      text: 'Our new shop',
    },
  ],
  'v0.1-inbound-video': [
    { type: 'video', media: { url: 'https://api.nexmo.com/v3/media/22222222-2222-3333-4444-555555555555' } },
  ],
  'v0.1-inbound-audio': [
    { type: 'audio', media: { url: 'https://api.nexmo.com/v3/media/33333333-2222-3333-4444-555555555555' } },
  ],
  'v0.1-inbound-file': [{ type: 'document', media: { caption: 'invoice.pdf' } }],
  'v0.1-inbound-location': [
    {
      type: 'location',
      location: {
        latitude: 37.758056,
        longitude: -122.425332,
        name: 'Facebook HQ',
        address: '1 Hacker Way, Menlo Park, CA 94025',
      },
    },
  ],
  'v0.1-inbound-unsupported': [{ kind: 'message', type: 'unsupported' }],
  'v0.1-inbound-text-unicode': [{ type: 'text', text: 'Grüße aus München — नमस्ते 👋 «ok»' }],
  'v0.1-status-rejected': [
    {
      kind: 'status',
      messageId: U,
      recipient: '447700900000',
      status: 'failed',
      providerStatus: 'rejected',
      timestamp: T2020,
      error: { code: '1340', reason: 'Outside of the allowed window' },
      price: { amount: 0.0333, currency: 'EUR' },
      clientRef: 'my-ref',
    },
  ],
  'v0.1-status-submitted': [{ kind: 'status', status: 'sent', providerStatus: 'submitted' }],
  'v0.1-status-delivered': [{ kind: 'status', status: 'delivered' }],
  'v0.1-status-read': [{ kind: 'status', status: 'read' }],
  'v0.1-status-undeliverable': [{ kind: 'status', status: 'failed', providerStatus: 'undeliverable' }],
  'v1-inbound-text': [
    {
      kind: 'message',
      id: U,
      from: '447700900001',
      to: '447700900000',
      timestamp: T2020,
      type: 'text',
      text: 'Nexmo Verification code: 12345. Valid for 10 minutes.',
      profileName: 'Jane Smith',
      context: { messageId: U },
    },
  ],
  'v1-inbound-image': [
    {
      type: 'image',
      media: { url: 'https://api-eu.vonage.com/v3/media/aaaa', caption: 'Look' },
      profileName: 'Jane Smith',
    },
  ],
  'v1-inbound-video': [{ type: 'video', media: { url: 'https://api-eu.vonage.com/v3/media/bbbb' } }],
  'v1-inbound-audio': [{ type: 'audio', media: { url: 'https://api-eu.vonage.com/v3/media/cccc' } }],
  'v1-inbound-file': [
    {
      type: 'document',
      media: { url: 'https://api-eu.vonage.com/v3/media/dddd', filename: 'invoice.pdf', caption: 'Invoice' },
    },
  ],
  'v1-inbound-sticker': [{ type: 'sticker', media: { url: 'https://api-eu.vonage.com/v3/media/eeee' } }],
  'v1-inbound-vcard': [
    { type: 'contacts', media: { url: 'https://api-eu.vonage.com/v3/media/ffff', filename: 'jane.vcf' } },
  ],
  'v1-inbound-location': [
    {
      type: 'location',
      location: { latitude: 51.5072, longitude: -0.1276, name: 'London', address: 'Trafalgar Square' },
    },
  ],
  'v1-inbound-reply': [
    {
      type: 'reply',
      reply: { id: 'row-1', title: 'Tomorrow 9am' },
      text: 'Tomorrow 9am',
      context: { messageId: '99999999-bbbb-cccc-dddd-0123456789ab' },
    },
  ],
  'v1-inbound-button': [
    { type: 'reply', reply: { payload: 'CONFIRM_ORDER', title: 'Confirm' }, text: 'Confirm' },
  ],
  'v1-inbound-reaction': [
    { type: 'reaction', reaction: { emoji: '👍', messageId: '99999999-bbbb-cccc-dddd-0123456789ab' } },
  ],
  'v1-inbound-order': [
    {
      type: 'order',
      order: {
        catalogId: '1267260820787549',
        items: [
          { productId: 'r07qei73l7', quantity: 1, price: 50, currency: 'USD' },
          { productId: 'sku-2', quantity: 2, price: 12.5, currency: 'USD' },
        ],
      },
    },
  ],
  'v1-inbound-unsupported': [{ kind: 'message', type: 'unsupported' }],
  'v1-inbound-text-unicode': [{ type: 'text', text: 'こんにちは 🌸 «ça va?»' }],
  'v1-status-read': [
    {
      kind: 'status',
      messageId: U,
      recipient: '447700900000',
      status: 'read',
      providerStatus: 'read',
      clientRef: 'my-ref',
      price: { amount: 0.0333, currency: 'EUR' },
      conversation: { id: '1234567890', category: 'user_initiated' },
    },
  ],
  'v1-status-rejected': [
    {
      kind: 'status',
      status: 'failed',
      providerStatus: 'rejected',
      error: { code: '1340', reason: 'Outside of the allowed window' },
    },
  ],
  'v1-status-submitted': [{ kind: 'status', status: 'sent', timestamp: T2020 }],
  'v1-status-undeliverable': [
    { kind: 'status', status: 'failed', error: { code: '1300', reason: 'Not part of the provider network' } },
  ],
  'v1-status-read-bsuid': [
    {
      kind: 'status',
      status: 'read',
      recipient: '447700900000',
      recipientUserId: BSUID,
      pricing: { type: 'regular', model: 'CBP', category: 'service' },
      price: { amount: 0, currency: 'EUR' },
    },
  ],
  'v1-status-submitted-to-bsuid': [{ kind: 'status', status: 'sent', recipientUserId: BSUID }],
  'v1-inbound-text-bsuid': [
    {
      kind: 'message',
      type: 'text',
      userId: BSUID,
      username: 'johnSmith',
      profileName: 'John Smith',
      text: 'Hello from a username',
    },
  ],
  'v1-inbound-referral': [
    {
      kind: 'message',
      from: '447700900001',
      text: 'I saw your ad',
      referral: {
        sourceUrl: 'https://fb.me/2ZulEu42P',
        sourceId: '212731241638144',
        sourceType: 'post',
        headline: 'New Products!',
        body: 'Check out our new product offering',
        mediaType: 'image',
        imageUrl: 'https://example.com/ad.jpg',
        ctwaClid: 'ARAkLkA8rmlFeiCktEJQ',
      },
    },
  ],
  'v1-inbound-reply-list': [
    {
      type: 'reply',
      reply: { id: 'row-2', title: 'Thursday' },
      context: { messageId: '99999999-bbbb-cccc-dddd-0123456789ab' },
    },
  ],
  'v1-inbound-contact': [
    { type: 'contacts', media: { url: 'https://api-eu.vonage.com/v3/media/gggg', filename: 'Jane Smith' } },
  ],
};

const gupshup: Record<string, Expectation> = {
  'v2-message-text': [
    {
      kind: 'message',
      provider: 'gupshup',
      id: 'ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c',
      from: '918x98xx21x4',
      timestamp: GS_TS,
      type: 'text',
      text: 'Hi',
      profileName: 'Drew',
    },
  ],
  'v2-message-text-unicode': [{ type: 'text', text: 'नमस्ते! ₹500 का ऑफ़र 🎉' }],
  'v2-message-reply-context': [
    { type: 'text', context: { messageId: '9b71295f-f7af-4c1f-b2b4-31b4a4867bad' } },
  ],
  'v2-message-reply-context-no-gsid': [
    { type: 'text', context: { messageId: 'gBEGkYaYVSEEAgnPFrOLcjkFjL8' } },
  ],
  'v2-message-image': [
    {
      type: 'image',
      media: {
        url: 'https://filemanager.gupshup.io/wa/11111111-aaaa/wa/image',
        mimeType: 'image/jpeg',
        caption: 'A image',
      },
    },
  ],
  'v2-message-video': [{ type: 'video', media: { mimeType: 'video/mp4' } }],
  'v2-message-audio': [{ type: 'audio', media: { mimeType: 'audio/ogg; codecs=opus' } }],
  'v2-message-file': [
    { type: 'document', media: { mimeType: 'application/pdf', filename: 'report.pdf', caption: 'A file' } },
  ],
  'v2-message-sticker': [{ type: 'sticker', media: { mimeType: 'image/webp' } }],
  'v2-message-location': [{ type: 'location', location: { latitude: 19.1453658, longitude: 72.8552172 } }],
  'v2-message-contact': [
    {
      type: 'contacts',
      contacts: [
        expect.objectContaining({ name: expect.objectContaining({ formatted_name: 'Drew Example' }) }),
      ],
    },
  ],
  'v2-message-list-reply': [
    {
      type: 'reply',
      reply: { id: 'item-1', title: 'Blue shirt', payload: 'BLUE_SHIRT' },
      text: 'Blue shirt',
    },
  ],
  'v2-message-button-reply': [{ type: 'reply', reply: { id: 'qr1', title: 'First', payload: 'First 1' } }],
  'v2-message-session-quick-reply': [
    { type: 'reply', reply: { id: 'qr1', title: 'First', payload: 'First 1' } },
  ],
  'v2-message-template-button-quick-reply': [
    { type: 'reply', reply: { title: 'Track order', payload: 'TRACK_123' }, text: 'Track order' },
  ],
  'v2-message-template-button-text': [
    { type: 'reply', reply: { title: 'Stop promotions' }, text: 'Stop promotions' },
  ],
  'v2-message-unknown-type': [{ kind: 'message', type: 'unsupported' }],
  'v2-event-enqueued': [
    {
      kind: 'status',
      messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35',
      recipient: '918x98xx21x4',
      status: 'accepted',
      providerStatus: 'enqueued',
      timestamp: GS_TS,
    },
  ],
  'v2-event-failed-sync': [
    {
      kind: 'status',
      messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35',
      status: 'failed',
      error: { code: '1008', reason: 'User is not Opted in and Inactive' },
    },
  ],
  'v2-event-failed-async': [
    {
      kind: 'status',
      messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35',
      status: 'failed',
      error: { code: '470' },
    },
  ],
  'v2-event-sent': [
    {
      kind: 'status',
      messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35',
      status: 'sent',
      timestamp: new Date(1585344475 * 1000),
      conversation: {
        id: '532b57b5f6e63595ccd74c6010e5c5c7',
        category: 'marketing',
        expiresAt: new Date(1585430875 * 1000),
      },
      pricing: { model: 'CBP', category: 'marketing' },
    },
  ],
  'v2-event-sent-pmp': [
    {
      kind: 'status',
      status: 'sent',
      conversation: { category: 'utility' },
      timestamp: new Date(1751400000 * 1000),
    },
  ],
  'v2-event-delivered': [{ kind: 'status', status: 'delivered', timestamp: new Date(1585344476 * 1000) }],
  'v2-event-read': [{ kind: 'status', status: 'read' }],
  'v2-event-read-no-gsid': [{ kind: 'status', status: 'read', messageId: 'gBEGkYaYVSEEAgnPFrOLcjkFjL8' }],
  'v2-event-deleted': [
    { kind: 'status', status: 'deleted', messageId: 'ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c' },
  ],
  'v2-event-mismatch': [{ kind: 'status', status: 'unknown', providerStatus: 'mismatch' }],
  'v2-user-event-opted-in': [{ kind: 'user', phone: '918x98xx21x4', event: 'opted-in' }],
  'v2-user-event-opted-out': [{ kind: 'user', phone: '918x98xx21x4', event: 'opted-out' }],
  'v2-user-event-sandbox-start': [{ kind: 'user', phone: 'callbackSetPhone', event: 'sandbox-start' }],
  'v2-billing-event-cbp': [
    { kind: 'billing', messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', category: 'UIC' },
  ],
  'v2-billing-event-pmp': [
    { kind: 'billing', messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', category: 'marketing' },
  ],
  'v2-template-event-approved': [
    {
      kind: 'template-status',
      templateId: 'c2a3e0b6-6a2f-4d1e-9d63-5b2c1f0e7a11',
      name: 'order_update',
      language: 'en_US',
      status: 'APPROVED',
      update: 'status',
    },
  ],
  'v2-template-event-rejected': [
    { kind: 'template-status', status: 'REJECTED', reason: 'INVALID_FORMAT', name: 'abcd' },
  ],
  'v2-template-event-paused': [
    { kind: 'template-status', status: 'PAUSED', reason: 'Your template has been paused for 3 hours' },
  ],
  'v2-account-event-tier': [
    {
      kind: 'account',
      event: 'tier-event',
      detail: { type: 'tier-event', tier: 'TIER_1K', previous: 'TIER_250' },
    },
  ],
  'v2-preference-event': [
    { kind: 'user', phone: '918x98xx21x4', event: 'marketing-stop' },
    { kind: 'user', phone: '918x98xx21x5', event: 'marketing-resume' },
  ],
  'v3-status-sent': [
    {
      kind: 'status',
      messageId: '7daeb742-4a5e-4b5a-8c3c-123456789abc',
      recipient: '919999999999',
      status: 'sent',
      timestamp: new Date(1710930461 * 1000),
      conversation: { id: 'c0ffee', category: 'marketing' },
    },
  ],
  'v3-status-enqueued-ms': [
    { kind: 'status', status: 'accepted', providerStatus: 'enqueued', timestamp: new Date(1710930460123) },
  ],
  'v3-status-failed-code': [
    {
      kind: 'status',
      status: 'failed',
      error: { code: '1002', reason: 'Number does not exist on WhatsApp' },
    },
  ],
  'v3-status-failed-errors': [
    {
      kind: 'status',
      status: 'failed',
      error: { code: '131047', reason: expect.stringContaining('more than 24 hours') },
    },
  ],
  'v3-set-callback': [{ kind: 'account', event: 'set-callback' }],
  'v3-billing-event': [
    { kind: 'billing', messageId: '7daeb742-4a5e-4b5a-8c3c-123456789abc', category: 'utility' },
  ],
  'v3-inbound-text': [
    {
      kind: 'message',
      id: 'wamid.HBgMOTE5OTk5OTk5OTk5FQIAEhggQUFB',
      from: '919999999999',
      to: '918000000000',
      text: 'Hello from v3',
      profileName: 'Drew',
    },
  ],
  'v2-message-text-bsuid': [
    {
      kind: 'message',
      from: '917506080480',
      userId: GS_BSUID,
      profileName: 'Avadhoot Yadav',
      text: 'Hello partner portal',
    },
  ],
  'v2-message-text-bsuid-only': [{ kind: 'message', userId: GS_BSUID, text: 'I have a username' }],
  'v2-event-sent-bsuid': [
    {
      kind: 'status',
      messageId: '793df8da-2283-4774-a861-c2ffbae83823',
      status: 'sent',
      recipient: '917506080480',
      recipientUserId: GS_BSUID,
      pricing: { model: 'PMP', category: 'authentication', type: 'regular' },
    },
  ],
  'v2-event-read-bsuid-coex': [{ kind: 'status', status: 'read', recipientUserId: 'IN.3724117084395812' }],
  'v3-inbound-bsuid': [
    {
      kind: 'message',
      from: '919999999999',
      userId: GS_BSUID,
      username: '@drew',
      profileName: 'Drew',
      text: 'Hello from v3',
    },
  ],
  'v3-template-status': [
    {
      kind: 'template-status',
      templateId: '1234567890',
      name: 'order_update',
      status: 'APPROVED',
      reason: 'NONE',
    },
  ],
};

const msgBase = {
  kind: 'message',
  provider: 'meta',
  from: '16315551181',
  to: '15550001234',
  timestamp: META_TS,
  profileName: 'Kerry',
};
const meta: Record<string, Expectation> = {
  'message-text': [
    {
      ...msgBase,
      id: 'wamid.HBgLMTYzMTU1NTExODEVAgASGBQzQUQ1',
      type: 'text',
      text: "Hello, I'd like to order",
    },
  ],
  'message-text-unicode': [{ ...msgBase, type: 'text', text: 'Olá! Preço: 10€ — 你好 👋 / slash' }],
  'message-reply-context': [{ ...msgBase, type: 'text', context: { messageId: 'wamid.ORIGINAL' } }],
  'message-image': [
    {
      ...msgBase,
      type: 'image',
      media: { id: '1003383421387256', caption: 'Broken item', mimeType: 'image/jpeg' },
    },
  ],
  'message-video': [{ ...msgBase, type: 'video', media: { id: '1003383421387257', mimeType: 'video/mp4' } }],
  'message-audio': [{ ...msgBase, type: 'audio', media: { id: '1003383421387258' } }],
  'message-document': [
    {
      ...msgBase,
      type: 'document',
      media: { filename: 'invoice.pdf', caption: 'Invoice', mimeType: 'application/pdf' },
    },
  ],
  'message-sticker': [{ ...msgBase, type: 'sticker', media: { mimeType: 'image/webp' } }],
  'message-location': [
    {
      ...msgBase,
      type: 'location',
      location: { latitude: 37.483307, longitude: -122.148981, name: 'Pablo Morales' },
    },
  ],
  'message-contacts': [
    {
      ...msgBase,
      type: 'contacts',
      contacts: [expect.objectContaining({ name: expect.objectContaining({ formatted_name: 'Jane Doe' }) })],
    },
  ],
  'message-interactive-button-reply': [
    {
      ...msgBase,
      type: 'reply',
      reply: { id: 'confirm-1', title: 'Confirm' },
      text: 'Confirm',
      context: { messageId: 'wamid.INTERACTIVE' },
    },
  ],
  'message-interactive-list-reply': [
    { ...msgBase, type: 'reply', reply: { id: 'slot-2', title: 'Tuesday 10:00' } },
  ],
  'message-interactive-nfm-reply': [
    {
      ...msgBase,
      type: 'reply',
      reply: {
        id: 'flow',
        title: 'Sent',
        payload: '{"flow_token":"abc","rating":"5"}',
        response: { flow_token: 'abc', rating: '5' },
      },
    },
  ],
  'message-interactive-nfm-address': [
    {
      ...msgBase,
      type: 'reply',
      reply: {
        id: 'address_message',
        title: 'Kerry, 1 Hacker Way',
        response: { saved_address_id: 'address1', values: { in_pin_code: '400063', city: 'Mumbai' } },
      },
    },
  ],
  'message-interactive-call-permission': [
    { ...msgBase, type: 'reply', reply: { id: 'call_permission_reply', title: 'accept' } },
  ],
  'message-button': [
    {
      ...msgBase,
      type: 'reply',
      reply: { payload: 'STOP_PROMOS', title: 'Stop promotions' },
      context: { messageId: 'wamid.TEMPLATE' },
    },
  ],
  'message-reaction': [
    { ...msgBase, type: 'reaction', reaction: { emoji: '❤️', messageId: 'wamid.REACTED' } },
  ],
  'message-reaction-removed': [
    { ...msgBase, type: 'reaction', reaction: { emoji: '', messageId: 'wamid.REACTED' } },
  ],
  'message-order': [
    {
      ...msgBase,
      type: 'order',
      text: 'Please deliver after 5pm',
      order: {
        catalogId: '1267260820787549',
        items: [
          { productId: 'r07qei73l7', quantity: 2, price: 12.5, currency: 'USD' },
          { productId: 'sku-9', quantity: 1, price: 3, currency: 'USD' },
        ],
      },
    },
  ],
  'message-system': [
    {
      kind: 'user',
      event: 'changed-number',
      phone: '2',
      previous: { phone: '16315551181' },
    },
  ],
  'message-system-changed-number-bsuid': [
    {
      kind: 'user',
      event: 'changed-number',
      phone: '12195555358',
      userId: 'US.99990000111122223333',
      previous: { phone: '16505551234', userId: BSUID },
    },
  ],
  'message-system-changed-user-id': [
    {
      kind: 'user',
      event: 'changed-user-id',
      userId: 'US.99990000111122223333',
      parentUserId: 'US.ENT.44445555666677778888',
      previous: { userId: BSUID, parentUserId: PARENT },
    },
  ],
  'message-system-customer-changed-number': [
    { kind: 'user', event: 'changed-number', phone: '12195555358', previous: { phone: '16505551234' } },
  ],
  'message-system-identity-changed': [{ kind: 'user', event: 'identity-changed', phone: '16505551234' }],
  'message-text-bsuid': [
    {
      ...msgBase,
      id: 'wamid.BSUID1',
      userId: BSUID,
      username: '@kerry',
      type: 'text',
      text: "Hi, it's Kerry",
    },
  ],
  'message-text-bsuid-only': [
    {
      kind: 'message',
      id: 'wamid.BSUID2',
      userId: BSUID,
      username: '@kerry',
      profileName: 'Kerry',
      type: 'text',
      text: 'No number here',
    },
  ],
  'message-text-parent-bsuid': [{ ...msgBase, userId: BSUID, parentUserId: PARENT }],
  'message-image-bsuid-only': [
    { kind: 'message', userId: BSUID, type: 'image', media: { id: '1003383421387256' }, text: 'Broken item' },
  ],
  'message-contacts-request-contact-info': [
    {
      kind: 'message',
      userId: BSUID,
      type: 'contacts',
      contacts: [expect.objectContaining({ phones: [{ phone: '+16315551181' }] })],
    },
  ],
  'message-request-welcome': [{ ...msgBase, type: 'unsupported' }],
  'message-unsupported': [{ ...msgBase, type: 'unsupported' }],
  'message-edit': [
    {
      kind: 'message',
      from: '16505551234',
      userId: BSUID,
      parentUserId: PARENT,
      type: 'image',
      text: 'Updated image caption',
      media: { id: '1234567890', url: 'https://media.example.com/updated-image.jpg', mimeType: 'image/jpeg' },
      edited: { messageId: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=' },
    },
  ],
  'message-revoke': [
    {
      kind: 'status',
      messageId: 'wamid.ORIGINAL1',
      status: 'deleted',
      providerStatus: 'revoke',
      recipient: '972987654321',
      recipientUserId: BSUID,
    },
  ],
  'smb-message-echo': [
    { kind: 'account', event: 'message_echo', detail: expect.objectContaining({ to_user_id: BSUID }) },
  ],
  'message-referral': [
    {
      ...msgBase,
      type: 'text',
      text: 'Hi from the ad',
      referral: {
        sourceUrl: 'https://fb.me/abc',
        sourceId: '120',
        sourceType: 'ad',
        headline: 'Sale',
        ctwaClid: 'ARAk',
      },
    },
  ],
  'message-referral-image': [
    {
      ...msgBase,
      referral: {
        sourceType: 'ad',
        mediaType: 'image',
        imageUrl: 'https://scontent.xx.fbcdn.net/v/ad.jpg',
        body: 'Up to 50% off',
        headline: 'Summer sale',
      },
    },
  ],
  'message-referral-video': [
    {
      ...msgBase,
      referral: {
        sourceUrl: 'https://fb.me/2ZulEu42P',
        sourceId: '6761234567891',
        sourceType: 'post',
        headline: 'New arrivals',
        body: 'Watch the video',
        mediaType: 'video',
        videoUrl: 'https://video.xx.fbcdn.net/v/ad.mp4',
        thumbnailUrl: 'https://scontent.xx.fbcdn.net/v/thumb.jpg',
        ctwaClid: 'ARAkVID',
      },
    },
  ],
  'status-sent': [
    {
      kind: 'status',
      messageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI3',
      recipient: '16505551234',
      status: 'sent',
      providerStatus: 'sent',
      timestamp: META_TS,
      clientRef: 'order-42',
      conversation: { id: 'CONVERSATION_ID', category: 'marketing', expiresAt: new Date(1750350173 * 1000) },
      pricing: { billable: true, model: 'CBP', category: 'marketing' },
    },
  ],
  'status-read-bsuid': [
    {
      kind: 'status',
      status: 'read',
      recipientUserId: BSUID,
      pricing: { model: 'PMP', type: 'free_customer_service', category: 'service' },
    },
  ],
  'status-delivered-bsuid-phone': [
    {
      kind: 'status',
      status: 'delivered',
      recipient: '16315551181',
      recipientUserId: BSUID,
      pricing: { billable: true, model: 'PMP', type: 'regular', category: 'marketing' },
    },
  ],
  'status-failed-bsuid': [
    { kind: 'status', status: 'failed', recipientUserId: BSUID, error: { code: '131062' } },
  ],
  'status-sent-free-entry-point': [
    {
      kind: 'status',
      status: 'sent',
      conversation: { id: 'CONV_FEP', category: 'referral_conversion' },
      pricing: { billable: false, model: 'PMP', type: 'free_entry_point', category: 'referral_conversion' },
    },
  ],
  'status-delivered': [{ kind: 'status', status: 'delivered', conversation: { category: 'utility' } }],
  'status-read': [{ kind: 'status', status: 'read' }],
  'status-played': [{ kind: 'status', status: 'read', providerStatus: 'played' }],
  'status-deleted': [{ kind: 'status', status: 'deleted' }],
  'status-failed': [
    { kind: 'status', status: 'failed', error: { code: '131026', reason: 'Message Undeliverable.' } },
  ],
  'status-group': [{ kind: 'status', status: 'read', recipient: '120363000000000000' }],
  'status-future-word': [{ kind: 'status', status: 'unknown', providerStatus: 'pending_review' }],
  'webhook-errors': [{ kind: 'account', event: 'error', detail: expect.objectContaining({ code: 131000 }) }],
  'batch-mixed': [
    { kind: 'message', id: 'wamid.M1', text: 'one', profileName: 'Kerry' },
    { kind: 'message', id: 'wamid.M2', from: '5511999990000', text: 'dois', profileName: 'Ana' },
    { kind: 'status', messageId: 'wamid.S1', status: 'sent' },
    { kind: 'status', messageId: 'wamid.S1', status: 'delivered' },
    { kind: 'status', messageId: 'wamid.S2', status: 'read' },
    { kind: 'account', event: 'error' },
    { kind: 'template-status', status: 'APPROVED', name: 'order_update' },
  ],
  'template-status-approved': [
    {
      kind: 'template-status',
      templateId: '594425479261596',
      name: 'order_update',
      language: 'en_US',
      status: 'APPROVED',
      reason: 'NONE',
      update: 'status',
    },
  ],
  'template-status-rejected': [{ kind: 'template-status', status: 'REJECTED', reason: 'INVALID_FORMAT' }],
  'template-status-paused': [{ kind: 'template-status', status: 'PAUSED', name: 'weekly_digest' }],
  'template-quality-update': [
    { kind: 'template-status', update: 'quality', status: 'YELLOW', previousQuality: 'GREEN' },
  ],
  'template-components-update': [
    { kind: 'template-status', update: 'components', status: 'COMPONENTS_UPDATED' },
  ],
  'template-category-update': [
    { kind: 'template-status', update: 'category', status: 'MARKETING', previousCategory: 'UTILITY' },
  ],
  'phone-number-quality-update': [
    {
      kind: 'account',
      event: 'phone_number_quality_update',
      detail: expect.objectContaining({ event: 'DOWNGRADE', current_limit: 'TIER_1K' }),
    },
  ],
  'business-capability-update': [
    {
      kind: 'account',
      event: 'business_capability_update',
      detail: { max_daily_conversations_per_business: 2000, max_phone_numbers_per_business: 2 },
    },
  ],
  'account-update-partner-removed': [
    {
      kind: 'account',
      event: 'account_update',
      detail: expect.objectContaining({ event: 'PARTNER_REMOVED' }),
    },
  ],
  'account-alerts': [{ kind: 'account', event: 'account_alerts' }],
  'user-preferences': [{ kind: 'user', phone: '16315551181', event: 'marketing-stop' }],
  'user-preferences-bsuid': [{ kind: 'user', userId: BSUID, event: 'marketing-resume' }],
  'user-id-update': [
    {
      kind: 'user',
      event: 'changed-user-id',
      phone: '16505551234',
      userId: 'US.99990000111122223333',
      previous: { userId: BSUID },
    },
  ],
  'contacts-user-id': [
    { kind: 'user', event: 'user-id', phone: '16505551234', userId: BSUID, parentUserId: PARENT },
  ],
  'unknown-field': [{ kind: 'account', event: 'calls', detail: { some: 'thing' } }],
};

const clevertap: Record<string, Expectation> = {
  'message-text': [
    {
      kind: 'message',
      provider: 'clevertap',
      type: 'text',
      text: 'Hi from a CleverTap number',
      profileName: 'Kerry',
    },
  ],
  'message-text-unicode': [{ kind: 'message', provider: 'clevertap', text: 'Ça marche 👌 — ありがとう' }],
  'status-delivered': [
    { kind: 'status', provider: 'clevertap', status: 'delivered', clientRef: 'campaign-7' },
  ],
  'message-text-bsuid-only': [
    { kind: 'message', provider: 'clevertap', userId: BSUID, username: '@kerry', text: 'Hi CleverTap' },
  ],
  'status-delivered-pricing': [
    {
      kind: 'status',
      recipient: '16315551181',
      recipientUserId: BSUID,
      pricing: { billable: true, model: 'PMP', type: 'regular', category: 'utility' },
    },
  ],
  'message-referral': [
    {
      kind: 'message',
      referral: expect.objectContaining({ sourceId: '120', mediaType: 'image', ctwaClid: 'ARAk' }),
    },
  ],
};

const corpus: [ProviderId, Record<string, Expectation>][] = [
  ['nexmo', nexmo],
  ['gupshup', gupshup],
  ['meta', meta],
  ['clevertap', clevertap],
];

describe.each(corpus)('fixture corpus: %s', (provider, expectations) => {
  it('has an expectation for every fixture file, and a file for every expectation', () => {
    expect(Object.keys(expectations).sort()).toEqual(fixtureNames(provider));
  });

  it('cites a source for every fixture (SOURCES.md beside them)', () => {
    const sources = readFileSync(join(FIXTURES, provider, 'SOURCES.md'), 'utf8');
    for (const name of fixtureNames(provider)) {
      expect(sources, `${provider}/${name} has no source`).toMatch(
        new RegExp(`^\\| \`${name}\` \\| \\S`, 'm'),
      );
    }
  });

  it.each(Object.entries(expectations))('%s', (name, expected) => {
    const text = fixtureText(provider, name);
    const events = parseWebhook(provider, text);
    expect(events).toHaveLength(expected.length);
    events.forEach((event, i) => {
      expect(event).toMatchObject({ provider, ...expected[i] });
      expect(WebhookEventSchema.safeParse(event).success).toBe(true);
    });
    // Raw text, bytes and a parsed object give the same events.
    expect(parseWebhook(provider, new TextEncoder().encode(text))).toEqual(events);
    expect(parseWebhook(provider, JSON.parse(text))).toEqual(events);
  });

  it('keeps the provider payload, untouched, in raw (a node of the received JSON)', () => {
    for (const name of Object.keys(expectations)) {
      const payload: unknown = JSON.parse(fixtureText(provider, name));
      for (const event of parseWebhook(provider, fixtureText(provider, name))) {
        expect(isNodeOf(payload, event.raw), `${name}: raw is not part of the payload`).toBe(true);
      }
    }
  });
});

/** True when `value` deep-equals `root` or one of its nested values. */
function isNodeOf(root: unknown, value: unknown): boolean {
  if (isDeepStrictEqual(root, value)) return true;
  if (typeof root !== 'object' || root === null) return false;
  return Object.values(root).some((child) => isNodeOf(child, value));
}

describe('format detection', () => {
  it.each([
    ['nexmo', 'v0.1-inbound-text', 'vonage-v0.1'],
    ['nexmo', 'v0.1-status-rejected', 'vonage-v0.1'],
    ['nexmo', 'v1-inbound-text', 'vonage-v1'],
    ['nexmo', 'v1-status-read', 'vonage-v1'],
    ['gupshup', 'v2-message-text', 'gupshup-v2'],
    ['gupshup', 'v3-status-sent', 'meta'],
    ['meta', 'batch-mixed', 'meta'],
    ['clevertap', 'message-text', 'meta'],
  ])('%s/%s is %s', (provider, name, format) => {
    expect(detectWebhookFormat(JSON.parse(fixtureText(provider, name)))).toBe(format);
  });

  it('returns undefined for other objects', () => {
    expect(detectWebhookFormat({ hello: 'world' })).toBeUndefined();
    expect(detectWebhookFormat([])).toBeUndefined();
  });
});
