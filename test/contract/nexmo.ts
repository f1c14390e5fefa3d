/**
 * Contract targets for NexmoClient: Messages API v1 (`nexmoTarget`) and the legacy v0.1 (`nexmoV01Target`).
 * Wire facts: https://developer.vonage.com/en/api/messages (v1 and v0.1 OpenAPI), custom objects
 * (https://developer.vonage.com/messages/concepts/custom-objects), RFC 7807 errors with `X-Nexmo-Trace-Id`.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { OutboundMessage } from '../../src/index.js';
import { NexmoClient } from '../../src/providers/nexmo/index.js';
import { nexmoRichCases } from './rich-cases.js';
import type { AuthVariant, ClientOverrides, ContractTarget, ErrorCase, SendCase } from './types.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const PRIVATE_KEY = privateKey.trim();
const SIGNATURE_SECRET = 'nexmo-signature-secret-0123456789';
const APP_ID = '2d6bd0a8-7c43-4f0e-9a8f-2c59f8f0c111';
const FROM = '447700900001';
const TO = '447700900000';
const HEADERS = { authorization: /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, 'content-type': 'application/json' };

const image = 'https://example.com/image.jpg';
const doc = 'https://example.com/invoice.pdf';

/** A send case with the 202 `{message_uuid}` answer and a trace id. */
function sendCase(
  name: string,
  message: OutboundMessage,
  url: string,
  json: Record<string, unknown>,
  n: number,
): SendCase {
  const uuid = `aaaaaaaa-bbbb-4ccc-8ddd-${String(n).padStart(12, '0')}`;
  return {
    name,
    message,
    expect: { method: 'POST', url, headers: HEADERS, json },
    response: { status: 202, body: { message_uuid: uuid }, headers: { 'x-nexmo-trace-id': `trace-${n}` } },
    messageId: uuid,
    requestId: `trace-${n}`,
  };
}

const interactiveButtons: OutboundMessage = {
  type: 'interactive',
  to: TO,
  clientRef: 'ref-buttons',
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
};
const interactiveButtonsWire = {
  type: 'interactive',
  interactive: {
    type: 'button',
    header: { type: 'text', text: 'Delivery' },
    body: { text: 'Is 10:00 fine?' },
    footer: { text: 'Reply below' },
    action: {
      buttons: [
        { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
        { type: 'reply', reply: { id: 'no', title: 'No' } },
      ],
    },
  },
};
const interactiveList: OutboundMessage = {
  type: 'interactive',
  to: TO,
  clientRef: 'ref-list',
  body: 'Choose a slot',
  action: {
    type: 'list',
    button: 'Slots',
    sections: [{ title: 'Morning', rows: [{ id: 's1', title: '09:00', description: 'Early' }] }],
  },
};
const interactiveListWire = {
  type: 'interactive',
  interactive: {
    type: 'list',
    body: { text: 'Choose a slot' },
    action: {
      button: 'Slots',
      sections: [{ title: 'Morning', rows: [{ id: 's1', title: '09:00', description: 'Early' }] }],
    },
  },
};
const cta: OutboundMessage = {
  type: 'interactive',
  to: TO,
  clientRef: 'ref-cta',
  body: 'Track your parcel',
  action: { type: 'cta_url', displayText: 'Track', url: 'https://example.com/track' },
};
const ctaWire = {
  type: 'interactive',
  interactive: {
    type: 'cta_url',
    body: { text: 'Track your parcel' },
    action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://example.com/track' } },
  },
};
const contacts: OutboundMessage = {
  type: 'contacts',
  to: TO,
  clientRef: 'ref-contacts',
  contacts: [
    {
      name: { formattedName: 'Jo Bloggs', firstName: 'Jo' },
      phones: [{ phone: '+447700900123', type: 'CELL' }],
    },
  ],
};
const contactsWire = {
  type: 'contacts',
  contacts: [
    {
      name: { formatted_name: 'Jo Bloggs', first_name: 'Jo' },
      phones: [{ phone: '+447700900123', type: 'CELL' }],
    },
  ],
};
const location: OutboundMessage = {
  type: 'location',
  to: TO,
  clientRef: 'ref-location',
  latitude: 51.5072,
  longitude: -0.1276,
  name: 'Office',
  address: '1 High St',
};
const locationWire = {
  type: 'location',
  location: { longitude: -0.1276, latitude: 51.5072, name: 'Office', address: '1 High St' },
};
const simpleTemplate: OutboundMessage = {
  type: 'template',
  to: TO,
  clientRef: 'ref-tpl',
  name: 'order_update',
  namespace: '9b6b4fcb_da19_4a26_8fe8_78074a91b584',
  language: 'en_GB',
  body: ['Daisy', 'A123'],
};
const richTemplate: OutboundMessage = {
  type: 'template',
  to: TO,
  clientRef: 'ref-tpl-rich',
  name: 'shipping_update',
  language: 'en_US',
  header: { type: 'document', url: doc, filename: 'invoice.pdf' },
  body: ['Daisy'],
  buttons: [
    { index: 0, type: 'quick_reply', payload: 'STOP' },
    { index: 1, type: 'url', text: 'A123' },
  ],
};
const richTemplateWire = {
  type: 'template',
  template: {
    name: 'shipping_update',
    language: { policy: 'deterministic', code: 'en_US' },
    components: [
      {
        type: 'header',
        parameters: [{ type: 'document', document: { link: doc, filename: 'invoice.pdf' } }],
      },
      { type: 'body', parameters: [{ type: 'text', text: 'Daisy' }] },
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '0',
        parameters: [{ type: 'payload', payload: 'STOP' }],
      },
      { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A123' }] },
    ],
  },
};

function errorCases(v01: boolean): ErrorCase[] {
  const problem = (status: number, type: string, title: string, detail: string, extra: object = {}) => ({
    status,
    body: { type, title, detail, instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf', ...extra },
    headers: { 'content-type': 'application/problem+json', 'x-nexmo-trace-id': 'trace-error' },
  });
  const cases: ErrorCase[] = [
    {
      name: '401 unauthorized',
      response: problem(
        401,
        'https://developer.nexmo.com/api-errors#unathorized',
        'Unauthorized',
        'You did not provide correct credentials.',
      ),
      errorName: 'AuthenticationError',
      messageIncludes: 'You did not provide correct credentials.',
    },
    {
      name: '402 low balance',
      response: problem(
        402,
        'https://developer.nexmo.com/api-errors/#low-balance',
        'Low balance',
        'This request could not be performed due to your account balance being low.',
      ),
      errorName: 'ApiError',
      messageIncludes: 'account balance being low',
    },
    {
      name: '422 invalid params with invalid_parameters[]',
      response: problem(
        422,
        'https://developer.nexmo.com/api-errors/messages-olympus#1150',
        'Invalid params',
        'The value of one or more parameters is invalid.',
        { invalid_parameters: [{ name: 'image.url', reason: 'is required.' }] },
      ),
      errorName: 'UnprocessableEntityError',
      providerCode: '1150',
      messageIncludes: 'image.url is required.',
    },
    {
      name: '422 invalid sender',
      response: problem(
        422,
        'https://developer.nexmo.com/api-errors/messages-olympus#1120',
        'Invalid sender',
        'The `from` parameter is invalid.',
      ),
      errorName: 'UnprocessableEntityError',
      providerCode: '1120',
      messageIncludes: 'The `from` parameter is invalid.',
    },
    {
      name: '1340 outside the allowed window',
      response: problem(
        422,
        'https://developer.nexmo.com/api-errors/messages-olympus#1340',
        'Outside of the allowed window',
        'The user has not messaged in the last 24 hours.',
      ),
      errorName: 'WindowClosedError',
      providerCode: '1340',
      messageIncludes: 'last 24 hours',
    },
    {
      name: '429 rate limit hit',
      response: problem(
        429,
        'https://developer.nexmo.com/api-errors/messages-olympus#1010',
        'Rate Limit Hit',
        'Please wait, then retry your request',
      ),
      errorName: 'RateLimitError',
      messageIncludes: 'Please wait, then retry your request',
    },
    {
      name: '500 internal error',
      response: problem(
        500,
        'https://developer.nexmo.com/api-errors/messages-olympus#1000',
        'Internal error',
        'There was an error processing your request in the Platform.',
      ),
      errorName: 'InternalServerError',
      messageIncludes: 'There was an error processing your request',
    },
  ];
  if (v01)
    cases.push({
      name: 'v0.1 400 invalid parameters',
      response: problem(
        400,
        'https://www.nexmo.com/messages/Errors#InvalidParams',
        'Invalid Parameters',
        'The message content is invalid.',
      ),
      errorName: 'BadRequestError',
      messageIncludes: 'The message content is invalid.',
    });
  return cases;
}

const create =
  (apiVersion: 'v1' | 'v0.1') =>
  (overrides: ClientOverrides = {}) =>
    new NexmoClient({
      applicationId: APP_ID,
      privateKey: PRIVATE_KEY,
      from: `+${FROM}`,
      apiVersion,
      signatureSecret: SIGNATURE_SECRET,
      retry: { baseDelayMs: 0, jitter: 0 },
      ...overrides,
    });

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'VonageApiSecret0123';

/** The same target with Basic auth (`apiKey` + `apiSecret`): `Authorization: Basic base64(key:secret)`. */
const basic = (apiVersion: 'v1' | 'v0.1'): AuthVariant => ({
  name: 'Basic auth',
  create: (overrides: ClientOverrides = {}) =>
    new NexmoClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      from: `+${FROM}`,
      apiVersion,
      signatureSecret: SIGNATURE_SECRET,
      retry: { baseDelayMs: 0, jitter: 0 },
      ...overrides,
    }),
  secrets: [API_KEY, API_SECRET, SIGNATURE_SECRET],
});

const V1 = 'https://api.nexmo.com/v1/messages';
const v1 = (clientRef: string) => ({ to: TO, from: FROM, channel: 'whatsapp', client_ref: clientRef });
const custom = (clientRef: string, object: object) => ({
  ...v1(clientRef),
  message_type: 'custom',
  custom: object,
});

/** NexmoClient on Messages API v1 (the default). */
export const nexmoTarget: ContractTarget = {
  provider: 'nexmo',
  create: create('v1'),
  authVariants: [basic('v1')],
  sendEndpoint: { method: 'POST', url: V1 },
  sampleMessage: { type: 'text', to: TO, text: 'Hello' },
  secrets: [PRIVATE_KEY, SIGNATURE_SECRET],
  unsupported: [],
  errors: errorCases(false),
  cases: [
    sendCase(
      'text',
      { type: 'text', to: `+${TO}`, text: 'Hello', clientRef: 'ref-text' },
      V1,
      { ...v1('ref-text'), message_type: 'text', text: 'Hello' },
      1,
    ),
    sendCase(
      'text with link preview (custom)',
      { type: 'text', to: TO, text: 'See https://example.com', previewUrl: true, clientRef: 'ref-preview' },
      V1,
      custom('ref-preview', { type: 'text', text: { body: 'See https://example.com', preview_url: true } }),
      2,
    ),
    sendCase(
      'text replying to a message',
      {
        type: 'text',
        to: TO,
        text: 'Sure',
        replyTo: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
        clientRef: 'ref-reply',
      },
      V1,
      {
        ...v1('ref-reply'),
        message_type: 'text',
        text: 'Sure',
        context: { message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' },
      },
      3,
    ),
    sendCase(
      'image',
      { type: 'image', to: TO, url: image, caption: 'Your receipt', clientRef: 'ref-image' },
      V1,
      { ...v1('ref-image'), message_type: 'image', image: { url: image, caption: 'Your receipt' } },
      4,
    ),
    sendCase(
      'video',
      { type: 'video', to: TO, url: 'https://example.com/v.mp4', clientRef: 'ref-video' },
      V1,
      { ...v1('ref-video'), message_type: 'video', video: { url: 'https://example.com/v.mp4' } },
      5,
    ),
    sendCase(
      'audio',
      { type: 'audio', to: TO, url: 'https://example.com/a.mp3', clientRef: 'ref-audio' },
      V1,
      { ...v1('ref-audio'), message_type: 'audio', audio: { url: 'https://example.com/a.mp3' } },
      6,
    ),
    sendCase(
      'document (file)',
      {
        type: 'document',
        to: TO,
        url: doc,
        caption: 'Invoice',
        filename: 'invoice.pdf',
        clientRef: 'ref-doc',
      },
      V1,
      { ...v1('ref-doc'), message_type: 'file', file: { url: doc, caption: 'Invoice', name: 'invoice.pdf' } },
      7,
    ),
    sendCase(
      'sticker',
      { type: 'sticker', to: TO, url: 'https://example.com/s.webp', clientRef: 'ref-sticker' },
      V1,
      { ...v1('ref-sticker'), message_type: 'sticker', sticker: { url: 'https://example.com/s.webp' } },
      8,
    ),
    sendCase('location (custom)', location, V1, custom('ref-location', locationWire), 9),
    sendCase(
      'template (simple: namespace:name + parameters)',
      simpleTemplate,
      V1,
      {
        ...v1('ref-tpl'),
        message_type: 'template',
        template: {
          name: '9b6b4fcb_da19_4a26_8fe8_78074a91b584:order_update',
          parameters: ['Daisy', 'A123'],
        },
        whatsapp: { policy: 'deterministic', locale: 'en_GB' },
      },
      10,
    ),
    sendCase(
      'template with media header and buttons (custom components)',
      richTemplate,
      V1,
      custom('ref-tpl-rich', richTemplateWire),
      11,
    ),
    sendCase(
      'interactive reply buttons (custom)',
      interactiveButtons,
      V1,
      custom('ref-buttons', interactiveButtonsWire),
      12,
    ),
    sendCase('interactive list (custom)', interactiveList, V1, custom('ref-list', interactiveListWire), 13),
    sendCase('interactive CTA URL (custom)', cta, V1, custom('ref-cta', ctaWire), 14),
    sendCase(
      'reaction',
      {
        type: 'reaction',
        to: TO,
        messageId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
        emoji: '👍',
        clientRef: 'ref-reaction',
      },
      V1,
      {
        ...v1('ref-reaction'),
        message_type: 'reaction',
        reaction: { action: 'react', emoji: '👍' },
        context: { message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' },
      },
      15,
    ),
    sendCase('contacts (custom)', contacts, V1, custom('ref-contacts', contactsWire), 16),
    ...nexmoRichCases('v1'),
  ],
};

const V01 = 'https://api.nexmo.com/v0.1/messages';
const v01 = (clientRef: string, content: object, whatsapp?: object) => ({
  from: { type: 'whatsapp', number: FROM },
  to: { type: 'whatsapp', number: TO },
  message: whatsapp ? { content, whatsapp } : { content },
  client_ref: clientRef,
});
const custom01 = (clientRef: string, object: object) => v01(clientRef, { type: 'custom', custom: object });

/** NexmoClient on the legacy Messages API v0.1 (the version older integrations configure). */
export const nexmoV01Target: ContractTarget = {
  provider: 'nexmo',
  create: create('v0.1'),
  authVariants: [basic('v0.1')],
  sendEndpoint: { method: 'POST', url: V01 },
  sampleMessage: { type: 'text', to: TO, text: 'Hello' },
  secrets: [PRIVATE_KEY, SIGNATURE_SECRET],
  unsupported: [
    { type: 'sticker', message: { type: 'sticker', to: TO, url: 'https://example.com/s.webp' } },
    { type: 'reaction', message: { type: 'reaction', to: TO, messageId: 'x', emoji: '👍' } },
  ],
  errors: errorCases(true),
  cases: [
    sendCase(
      'text',
      { type: 'text', to: TO, text: 'Hello From Vonage!', clientRef: 'ref-text' },
      V01,
      v01('ref-text', { type: 'text', text: 'Hello From Vonage!' }),
      21,
    ),
    sendCase(
      'image',
      { type: 'image', to: TO, url: image, caption: 'c', clientRef: 'ref-image' },
      V01,
      v01('ref-image', { type: 'image', image: { url: image, caption: 'c' } }),
      22,
    ),
    sendCase(
      'video',
      { type: 'video', to: TO, url: 'https://example.com/v.mp4', caption: 'v', clientRef: 'ref-video' },
      V01,
      v01('ref-video', { type: 'video', video: { url: 'https://example.com/v.mp4', caption: 'v' } }),
      23,
    ),
    sendCase(
      'audio',
      { type: 'audio', to: TO, url: 'https://example.com/a.mp3', clientRef: 'ref-audio' },
      V01,
      v01('ref-audio', { type: 'audio', audio: { url: 'https://example.com/a.mp3' } }),
      24,
    ),
    sendCase(
      'document (file)',
      { type: 'document', to: TO, url: doc, caption: 'Invoice', clientRef: 'ref-doc' },
      V01,
      v01('ref-doc', { type: 'file', file: { url: doc, caption: 'Invoice' } }),
      25,
    ),
    sendCase(
      'named document (custom)',
      { type: 'document', to: TO, url: doc, filename: 'invoice.pdf', clientRef: 'ref-named' },
      V01,
      custom01('ref-named', { type: 'document', document: { link: doc, filename: 'invoice.pdf' } }),
      26,
    ),
    sendCase('location (custom)', location, V01, custom01('ref-location', locationWire), 27),
    sendCase(
      'template (simple, BCP 47 locale)',
      simpleTemplate,
      V01,
      v01(
        'ref-tpl',
        {
          type: 'template',
          template: {
            name: '9b6b4fcb_da19_4a26_8fe8_78074a91b584:order_update',
            parameters: ['Daisy', 'A123'],
          },
        },
        { policy: 'deterministic', locale: 'en-GB' },
      ),
      28,
    ),
    sendCase(
      'template with components (custom)',
      richTemplate,
      V01,
      custom01('ref-tpl-rich', richTemplateWire),
      29,
    ),
    sendCase(
      'interactive reply buttons (custom)',
      interactiveButtons,
      V01,
      custom01('ref-buttons', interactiveButtonsWire),
      30,
    ),
    sendCase(
      'interactive list (custom)',
      interactiveList,
      V01,
      custom01('ref-list', interactiveListWire),
      31,
    ),
    sendCase('contacts (custom)', contacts, V01, custom01('ref-contacts', contactsWire), 32),
    ...nexmoRichCases('v0.1'),
  ],
};
