import { describe, expect, it } from 'vitest';
import { type OutboundMessage, OutboundMessageSchema } from '../../src/index.js';

const to = '+447700900123';
const valid: Record<string, OutboundMessage> = {
  text: { type: 'text', to, text: 'Your order has shipped', previewUrl: true },
  image: { type: 'image', to, url: 'https://example.com/a.png', caption: 'Receipt' },
  video: { type: 'video', to, mediaId: '1234567890' },
  audio: { type: 'audio', to, url: 'https://example.com/a.mp3' },
  document: {
    type: 'document',
    to,
    url: 'https://example.com/a.pdf',
    filename: 'invoice.pdf',
    caption: 'Invoice',
  },
  sticker: { type: 'sticker', to, mediaId: 'abc' },
  location: {
    type: 'location',
    to,
    latitude: 51.5074,
    longitude: -0.1278,
    name: 'Store',
    address: '1 Main St',
  },
  templatePositional: {
    type: 'template',
    to,
    name: 'order_update',
    language: 'en_US',
    header: { type: 'image', url: 'https://example.com/h.png' },
    body: ['Ada', '#1234'],
    buttons: [
      { index: 0, type: 'url', text: 'track/1234' },
      { index: 1, type: 'quick_reply', payload: 'STOP' },
    ],
  },
  templateNamed: { type: 'template', to, name: 'welcome', language: 'en', body: { first_name: 'Ada' } },
  templateLegacy: { type: 'template', to, name: 'welcome', language: 'en', namespace: 'whatsapp:hsm:ns' },
  buttons: {
    type: 'interactive',
    to,
    body: 'Confirm?',
    action: { type: 'buttons', buttons: [{ id: 'y', title: 'Yes' }] },
  },
  list: {
    type: 'interactive',
    to,
    body: 'Pick a slot',
    header: { type: 'text', text: 'Slots' },
    footer: 'Reply STOP to opt out',
    action: {
      type: 'list',
      button: 'Slots',
      sections: [{ title: 'Today', rows: [{ id: 's1', title: '10:00' }] }],
    },
  },
  ctaUrl: {
    type: 'interactive',
    to,
    body: 'Track it',
    action: { type: 'cta_url', displayText: 'Track', url: 'https://example.com/t' },
  },
  reaction: { type: 'reaction', to, messageId: 'wamid.1', emoji: '👍' },
  reactionRemove: { type: 'reaction', to, messageId: 'wamid.1', emoji: '' },
  contacts: {
    type: 'contacts',
    to,
    contacts: [
      { name: { formattedName: 'Ada Lovelace' }, phones: [{ phone: '+447700900124', type: 'CELL' }] },
    ],
  },
  withRefs: { type: 'text', to, text: 'hi', clientRef: 'order-1234', replyTo: 'wamid.XYZ' },
};

describe('OutboundMessageSchema accepts every variant', () => {
  for (const [name, message] of Object.entries(valid)) {
    it(name, () => {
      const parsed = OutboundMessageSchema.parse(message);
      expect(parsed).toEqual(message);
    });
  }
});

const invalid: [string, unknown, string][] = [
  ['unknown type', { type: 'poll', to, text: 'x' }, 'type'],
  ['empty text', { type: 'text', to, text: '' }, 'text'],
  ['text over 4096', { type: 'text', to, text: 'x'.repeat(4097) }, 'text'],
  ['unknown key (typo)', { type: 'text', to, text: 'hi', preview_url: true }, ''],
  ['missing to', { type: 'text', text: 'hi' }, 'to'],
  ['media with both url and mediaId', { type: 'image', to, url: 'https://e.com/a.png', mediaId: '1' }, 'url'],
  ['media with neither source', { type: 'image', to }, 'url'],
  ['media url not http(s)', { type: 'image', to, url: 'ftp://e.com/a.png' }, 'url'],
  ['caption on audio', { type: 'audio', to, url: 'https://e.com/a.mp3', caption: 'x' }, ''],
  ['caption on sticker', { type: 'sticker', to, mediaId: '1', caption: 'x' }, ''],
  ['filename on image', { type: 'image', to, mediaId: '1', filename: 'a.png' }, ''],
  ['latitude out of range', { type: 'location', to, latitude: 91, longitude: 0 }, 'latitude'],
  ['longitude out of range', { type: 'location', to, latitude: 0, longitude: -181 }, 'longitude'],
  ['template without name', { type: 'template', to, language: 'en' }, 'name'],
  ['template without language', { type: 'template', to, name: 'x' }, 'language'],
  [
    'template named param with bad key',
    { type: 'template', to, name: 'x', language: 'en', body: { 'First Name': 'a' } },
    'body',
  ],
  [
    'template button index 10',
    { type: 'template', to, name: 'x', language: 'en', buttons: [{ index: 10, type: 'url', text: 'a' }] },
    'buttons',
  ],
  [
    'copy code over 15',
    {
      type: 'template',
      to,
      name: 'x',
      language: 'en',
      buttons: [{ index: 0, type: 'copy_code', code: 'x'.repeat(16) }],
    },
    'buttons',
  ],
  [
    '4 reply buttons',
    {
      type: 'interactive',
      to,
      body: 'b',
      action: { type: 'buttons', buttons: [1, 2, 3, 4].map((i) => ({ id: `${i}`, title: `${i}` })) },
    },
    'action',
  ],
  [
    'button title over 20',
    {
      type: 'interactive',
      to,
      body: 'b',
      action: { type: 'buttons', buttons: [{ id: '1', title: 'x'.repeat(21) }] },
    },
    'action',
  ],
  [
    'list without rows',
    { type: 'interactive', to, body: 'b', action: { type: 'list', button: 'x', sections: [{ rows: [] }] } },
    'action',
  ],
  ['reaction without messageId', { type: 'reaction', to, emoji: '👍' }, 'messageId'],
  ['contacts empty', { type: 'contacts', to, contacts: [] }, 'contacts'],
];

describe('OutboundMessageSchema refuses invalid messages with a path', () => {
  for (const [name, message, path] of invalid) {
    it(name, () => {
      const result = OutboundMessageSchema.safeParse(message);
      expect(result.success).toBe(false);
      if (path) expect(result.error?.issues.map((i) => String(i.path[0]))).toContain(path);
    });
  }
});
