/**
 * Contract target for GupshupClient. Wire facts: https://docs.gupshup.io/docs/session-messages,
 * https://docs.gupshup.io/docs/template-messages, https://docs.gupshup.io/reference/postback-text-support,
 * the quick-reply and list reference pages. Form-encoded, `apikey` header, `message`/`template`/`postbackTexts`
 * as JSON strings.
 */
import type { OutboundMessage } from '../../src/index.js';
import { GupshupClient } from '../../src/providers/gupshup/index.js';
import { gupshupRichCases, gupshupRichUnsupported } from './rich-cases.js';
import type { ContractTarget, ErrorCase, SendCase } from './types.js';

const API_KEY = 'gupshup-api-key-0123456789abcdef';
const SHARED_SECRET = 'gupshup-hook-secret-0123456789';
const SOURCE = '917834811114';
const TO = '919876543210';
const MSG = 'https://api.gupshup.io/wa/api/v1/msg';
const TPL = 'https://api.gupshup.io/wa/api/v1/template/msg';
const HEADERS = { apikey: API_KEY, 'content-type': 'application/x-www-form-urlencoded' };
const FORM = { channel: 'whatsapp', source: SOURCE, destination: TO, 'src.name': 'DemoApp' };

function sendCase(
  name: string,
  message: OutboundMessage,
  formJson: Record<string, unknown>,
  n: number,
  extra: { url?: string; form?: Record<string, string> } = {},
): SendCase {
  const messageId = `ee4a68a0-1203-4c85-8dc3-${String(n).padStart(12, '0')}`;
  return {
    name,
    message,
    expect: {
      method: 'POST',
      url: extra.url ?? MSG,
      headers: HEADERS,
      form: { ...FORM, ...extra.form },
      formJson,
    },
    response: { status: 202, body: { status: 'submitted', messageId } },
    messageId,
  };
}

const img = 'https://example.com/image.jpg';

const errors: ErrorCase[] = [
  {
    name: '400 Invalid Destination',
    response: { status: 400, body: { status: 'error', message: 'Invalid Destination' } },
    errorName: 'BadRequestError',
    messageIncludes: 'Invalid Destination',
  },
  {
    name: '400 Invalid App Details',
    response: { status: 400, body: { message: 'Invalid App Details', status: 'error' } },
    errorName: 'BadRequestError',
    messageIncludes: 'Invalid App Details',
  },
  {
    name: '401 Authentication Failed',
    response: { status: 401, body: { status: 'error', message: 'Authentication Failed' } },
    errorName: 'AuthenticationError',
    messageIncludes: 'Authentication Failed',
  },
  {
    name: '429 Too Many Requests',
    response: { status: 429, body: { message: 'Too Many Requests', status: 'error' } },
    errorName: 'RateLimitError',
    messageIncludes: 'Too Many Requests',
  },
  {
    name: '500 internal server error',
    response: {
      status: 500,
      body: { status: 'error', message: 'Internal server error. Please try again later' },
    },
    errorName: 'InternalServerError',
    messageIncludes: 'Internal server error',
  },
  {
    name: '200 with status error',
    response: { status: 200, body: { status: 'error', message: 'Invalid Destination' } },
    errorName: 'BadRequestError',
    messageIncludes: 'Invalid Destination',
  },
  {
    name: '202 without messageId',
    response: { status: 202, body: { status: 'submitted' } },
    errorName: 'ApiError',
    messageIncludes: 'without a messageId',
  },
  {
    name: 'JSON error served as text/html',
    response: {
      status: 401,
      body: '{"status":"error","message":"Authentication Failed"}',
      headers: { 'content-type': 'text/html' },
    },
    errorName: 'AuthenticationError',
    messageIncludes: 'Authentication Failed',
  },
];

/** GupshupClient on the self-serve API. */
export const gupshupTarget: ContractTarget = {
  provider: 'gupshup',
  create: (overrides = {}) =>
    new GupshupClient({
      apiKey: API_KEY,
      appName: 'DemoApp',
      source: `+${SOURCE}`,
      sharedSecret: SHARED_SECRET,
      retry: { baseDelayMs: 0, jitter: 0 },
      ...overrides,
    }),
  sendEndpoint: { method: 'POST', url: MSG },
  sampleMessage: { type: 'text', to: TO, text: 'Hi' },
  secrets: [API_KEY, SHARED_SECRET],
  unsupported: [
    {
      type: 'reaction',
      message: { type: 'reaction', to: TO, messageId: 'gBEGkYaYVSEEAgnPFrOLcjkFjL8', emoji: '👍' },
    },
    {
      type: 'interactive',
      message: {
        type: 'interactive',
        to: TO,
        body: 'Track',
        action: { type: 'cta_url', displayText: 'Open', url: 'https://example.com' },
      },
    },
    ...gupshupRichUnsupported(),
  ],
  errors,
  cases: [
    sendCase(
      'text',
      { type: 'text', to: `+${TO}`, text: 'Hi' },
      { message: { type: 'text', text: 'Hi' } },
      1,
    ),
    sendCase(
      'text without link preview',
      { type: 'text', to: TO, text: 'https://example.com', previewUrl: false },
      { message: { type: 'text', text: 'https://example.com' } },
      2,
      { form: { disablePreview: 'true' } },
    ),
    sendCase(
      'text replying to a message',
      { type: 'text', to: TO, text: 'Sure', replyTo: 'gBEGkYaYVSEEAgnPFrOLcjkFjL8' },
      { message: { type: 'text', text: 'Sure', context: { msgId: 'gBEGkYaYVSEEAgnPFrOLcjkFjL8' } } },
      3,
    ),
    sendCase(
      'image',
      { type: 'image', to: TO, url: img, caption: 'Receipt' },
      { message: { type: 'image', originalUrl: img, previewUrl: img, caption: 'Receipt' } },
      4,
    ),
    sendCase(
      'image by media id',
      { type: 'image', to: TO, mediaId: '1234567890', caption: 'Receipt' },
      { message: { type: 'image', id: '1234567890', caption: 'Receipt' } },
      5,
    ),
    sendCase(
      'video',
      { type: 'video', to: TO, url: 'https://example.com/v.mp4', caption: 'Clip' },
      { message: { type: 'video', url: 'https://example.com/v.mp4', caption: 'Clip' } },
      6,
    ),
    sendCase(
      'audio',
      { type: 'audio', to: TO, url: 'https://example.com/a.mp3' },
      { message: { type: 'audio', url: 'https://example.com/a.mp3' } },
      7,
    ),
    sendCase(
      'document (file with filename)',
      { type: 'document', to: TO, url: 'https://example.com/docs/invoice.pdf', caption: 'Invoice' },
      {
        message: {
          type: 'file',
          url: 'https://example.com/docs/invoice.pdf',
          filename: 'invoice.pdf',
          caption: 'Invoice',
        },
      },
      8,
    ),
    sendCase(
      'sticker',
      { type: 'sticker', to: TO, url: 'https://example.com/s.webp' },
      { message: { type: 'sticker', url: 'https://example.com/s.webp' } },
      9,
    ),
    sendCase(
      'location',
      {
        type: 'location',
        to: TO,
        latitude: 19.1453658,
        longitude: 72.8552172,
        name: 'Office',
        address: 'Mumbai',
      },
      {
        message: {
          type: 'location',
          longitude: '72.8552172',
          latitude: '19.1453658',
          name: 'Office',
          address: 'Mumbai',
        },
      },
      10,
    ),
    sendCase(
      'contact',
      {
        type: 'contacts',
        to: TO,
        contacts: [
          {
            name: { formattedName: 'Drew Smith', firstName: 'Drew', lastName: 'Smith' },
            phones: [{ phone: '+919876543210', type: 'CELL', waId: '919876543210' }],
            emails: [{ email: 'drew@example.com', type: 'WORK' }],
            organization: { company: 'ACME', title: 'CTO' },
            urls: [{ url: 'https://example.com', type: 'WORK' }],
          },
        ],
      },
      {
        message: {
          type: 'contact',
          contact: {
            name: { formatted_name: 'Drew Smith', first_name: 'Drew', last_name: 'Smith' },
            phones: [{ phone: '+919876543210', type: 'CELL', wa_id: '919876543210' }],
            emails: [{ email: 'drew@example.com', type: 'WORK' }],
            org: { company: 'ACME', title: 'CTO' },
            urls: [{ url: 'https://example.com', type: 'WORK' }],
          },
        },
      },
      11,
    ),
    sendCase(
      'quick reply buttons',
      {
        type: 'interactive',
        to: TO,
        clientRef: 'qr1',
        header: { type: 'text', text: 'Delivery' },
        body: 'Is 10:00 fine?',
        footer: 'Reply below',
        action: {
          type: 'buttons',
          buttons: [
            { id: 'yes', title: 'Yes' },
            { id: 'no', title: 'No' },
          ],
        },
      },
      {
        message: {
          type: 'quick_reply',
          msgid: 'qr1',
          content: { type: 'text', header: 'Delivery', text: 'Is 10:00 fine?', caption: 'Reply below' },
          options: [
            { type: 'text', title: 'Yes', postbackText: 'yes' },
            { type: 'text', title: 'No', postbackText: 'no' },
          ],
        },
      },
      12,
    ),
    sendCase(
      'list with emoji (encode=true)',
      {
        type: 'interactive',
        to: TO,
        clientRef: 'list1',
        header: { type: 'text', text: 'Menu' },
        body: 'Pick a fruit 🍎',
        action: {
          type: 'list',
          button: 'Fruits',
          sections: [
            {
              title: 'Fresh',
              rows: [
                { id: 'apple', title: 'Apple', description: 'Red' },
                { id: 'pear', title: 'Pear', description: 'Green' },
              ],
            },
          ],
        },
      },
      {
        message: {
          type: 'list',
          title: 'Menu',
          body: 'Pick a fruit 🍎',
          msgid: 'list1',
          globalButtons: [{ type: 'text', title: 'Fruits' }],
          items: [
            {
              title: 'Fresh',
              options: [
                { type: 'text', title: 'Apple', description: 'Red', postbackText: 'apple' },
                { type: 'text', title: 'Pear', description: 'Green', postbackText: 'pear' },
              ],
            },
          ],
        },
      },
      13,
      { form: { encode: 'true' } },
    ),
    sendCase(
      'template by id with params',
      {
        type: 'template',
        to: TO,
        name: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35',
        language: 'en',
        body: ['Daisy', 'A123'],
      },
      { template: { id: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', params: ['Daisy', 'A123'] } },
      14,
      { url: TPL },
    ),
    sendCase(
      'template with image header and postbackTexts',
      {
        type: 'template',
        to: TO,
        name: 'tpl-media',
        language: 'en',
        header: { type: 'image', url: img },
        body: ['Daisy'],
        buttons: [
          { index: 0, type: 'quick_reply', payload: 'YES_PAYLOAD' },
          { index: 1, type: 'quick_reply', payload: 'NO_PAYLOAD' },
        ],
      },
      {
        template: { id: 'tpl-media', params: ['Daisy'] },
        message: { type: 'image', image: { link: img } },
        postbackTexts: [
          { index: 0, text: 'YES_PAYLOAD' },
          { index: 1, text: 'NO_PAYLOAD' },
        ],
      },
      15,
      { url: TPL },
    ),
    sendCase(
      'template with document header and URL button',
      {
        type: 'template',
        to: TO,
        name: 'tpl-doc',
        language: 'en',
        header: { type: 'document', url: 'https://example.com/i.pdf', filename: 'invoice.pdf' },
        body: ['A123'],
        buttons: [{ index: 0, type: 'url', text: 'A123' }],
      },
      {
        template: { id: 'tpl-doc', params: ['A123', 'A123'] },
        message: {
          type: 'document',
          document: { link: 'https://example.com/i.pdf', filename: 'invoice.pdf' },
        },
      },
      16,
      { url: TPL },
    ),
    sendCase(
      'template with location header',
      {
        type: 'template',
        to: TO,
        name: 'tpl-loc',
        language: 'en',
        header: { type: 'location', latitude: 19.14, longitude: 72.85 },
      },
      {
        template: { id: 'tpl-loc', params: [] },
        message: { type: 'location', location: { longitude: '72.85', latitude: '19.14' } },
      },
      17,
      { url: TPL },
    ),
    ...gupshupRichCases(),
  ],
};
