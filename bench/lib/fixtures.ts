import { createHmac, generateKeyPairSync } from 'node:crypto';

/** A fresh 2048-bit RSA key pair, as Vonage generates for an application. Never a real credential. */
export function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** A made-up application id. */
export const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';

/** A Vonage Messages API v0.1 `delivered` status callback, as documented by Vonage. */
export const VONAGE_V01_STATUS = JSON.stringify({
  message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  to: { type: 'whatsapp', number: '447700900000' },
  from: { type: 'whatsapp', number: '447700900001' },
  timestamp: '2020-01-01T14:00:00.000Z',
  status: 'delivered',
});

/**
 * A Vonage Messages API v1 `read` status with price, client ref and conversation (the repository's
 * test/fixtures/nexmo/v1-status-read.json; https://developer.vonage.com/en/api/messages, `messageStatusWhatsApp`).
 */
export const VONAGE_V1_STATUS = JSON.stringify({
  message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  to: '447700900000',
  from: '447700900001',
  timestamp: '2020-01-01T14:00:00.000Z',
  status: 'read',
  channel: 'whatsapp',
  client_ref: 'my-ref',
  usage: { currency: 'EUR', price: '0.0333' },
  whatsapp: { conversation: { id: '1234567890', origin: { type: 'user_initiated' } } },
});

/**
 * A Gupshup v2 `sent` message event with pricing (test/fixtures/gupshup/v2-event-sent-pmp.json;
 * https://docs.gupshup.io/docs/message-events and https://partner-docs.gupshup.io/docs/pmp-events-1).
 */
export const GUPSHUP_V2_STATUS = JSON.stringify({
  app: 'DemoApp',
  timestamp: 1580227766370,
  version: 2,
  type: 'message-event',
  payload: {
    id: 'gBEGkYaYVSEEAgnPFrOLcjkFjL9',
    type: 'sent',
    destination: '918x98xx21x4',
    payload: { ts: 1751400000 },
    gsId: 'f0e0d0c0-1203-4c85-8dc3-49d0b3226a35',
    pricing: { pricing_model: 'PMP', policy: 'PMP', type: 'regular', category: 'utility' },
  },
});

/** A Meta Cloud API webhook body carrying `count` status updates in one change. */
export function metaStatusBatch(count: number): string {
  const statuses = Array.from({ length: count }, (_, i) => ({
    id: `wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI${String(i).padStart(4, '0')}`,
    status: i % 3 === 0 ? 'sent' : i % 3 === 1 ? 'delivered' : 'read',
    timestamp: String(1750263773 + i),
    recipient_id: `1650555${String(1000 + i).padStart(4, '0')}`,
    conversation: { id: `c${i}`, origin: { type: 'utility' } },
    pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' },
  }));
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001234', phone_number_id: '123456789' },
              statuses,
            },
          },
        ],
      },
    ],
  });
}

/** Meta's `X-Hub-Signature-256` header of `body` under `appSecret`. */
export function metaSignature(appSecret: string, body: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** A template using every component: media header, body with examples, footer, three kinds of button. */
export const FULL_TEMPLATE = {
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://www.example.com/header.jpg'] } },
    {
      type: 'BODY',
      text: 'Hi {{1}}, your order {{2}} of {{3}} items has shipped and arrives on {{4}}. Track it below.',
      example: { body_text: [['Ana', 'A-1042', '3', 'Friday']] },
    },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
    {
      type: 'BUTTONS',
      buttons: [
        {
          type: 'URL',
          text: 'Track',
          url: 'https://www.example.com/track/{{1}}',
          example: ['https://www.example.com/track/A-1042'],
        },
        { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550051310' },
        { type: 'QUICK_REPLY', text: 'Thanks' },
      ],
    },
  ],
};
