/**
 * Contract cases shared by the Cloud API targets (Meta directly, and CleverTap BSP, whose numbers run on the
 * Cloud API): one message per type of the Cloud API's `Message` discriminator, the exact body it must produce
 * (Meta's OpenAPI description, `business-messaging-api_v23.0.yaml`), and the documented Graph error shapes.
 */
import type { OutboundMessage } from '../../src/index.js';
import type { CannedResponse, ErrorCase, ExpectedRequest, SendCase } from './types.js';

/** The settings a Cloud API target differs in. */
export interface CloudApiTargetSettings {
  accessToken: string;
  phoneNumberId: string;
  apiVersion: string;
}

const TO = '+447700900123';
const WA_ID = '447700900123';

function success(messageId: string): CannedResponse {
  return {
    status: 200,
    headers: { 'x-fb-trace-id': `trace-${messageId.slice(-4)}` },
    body: {
      messaging_product: 'whatsapp',
      contacts: [{ input: TO, wa_id: WA_ID }],
      messages: [{ id: messageId, message_status: 'accepted' }],
    },
  };
}

/** Builds the send cases of a Cloud API target. */
export function cloudApiSendCases(s: CloudApiTargetSettings): SendCase[] {
  const url = `https://graph.facebook.com/${s.apiVersion}/${s.phoneNumberId}/messages`;
  const headers = {
    authorization: `Bearer ${s.accessToken}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  let n = 0;
  const make = (
    name: string,
    message: OutboundMessage,
    typeObject: unknown,
    extra: Record<string, unknown> = {},
  ): SendCase => {
    n += 1;
    const messageId = `wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgS${String(n).padStart(4, '0')}`;
    const clientRef = `ref-${n}`;
    const expect: ExpectedRequest = {
      method: 'POST',
      url,
      headers,
      json: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: WA_ID,
        type: message.type,
        [message.type]: typeObject,
        ...extra,
        biz_opaque_callback_data: clientRef,
      },
    };
    return {
      name,
      message: { ...message, clientRef } as OutboundMessage,
      expect,
      response: success(messageId),
      messageId,
      requestId: `trace-${messageId.slice(-4)}`,
    };
  };
  return [
    make(
      'text',
      { type: 'text', to: TO, text: 'Your order has shipped' },
      { body: 'Your order has shipped' },
    ),
    make(
      'text with preview and reply context',
      {
        type: 'text',
        to: '+44 7700 900123',
        text: 'See https://example.com',
        previewUrl: true,
        replyTo: 'wamid.IN1',
      },
      { body: 'See https://example.com', preview_url: true },
      { context: { message_id: 'wamid.IN1' } },
    ),
    make(
      'image by url with caption',
      { type: 'image', to: TO, url: 'https://cdn.example.com/a.jpg', caption: 'Receipt' },
      { link: 'https://cdn.example.com/a.jpg', caption: 'Receipt' },
    ),
    make(
      'image by media id',
      { type: 'image', to: TO, mediaId: '1479537139650973' },
      { id: '1479537139650973' },
    ),
    make(
      'video',
      { type: 'video', to: TO, url: 'https://cdn.example.com/v.mp4', caption: 'Demo' },
      { link: 'https://cdn.example.com/v.mp4', caption: 'Demo' },
    ),
    make(
      'audio',
      { type: 'audio', to: TO, url: 'https://cdn.example.com/a.ogg' },
      { link: 'https://cdn.example.com/a.ogg' },
    ),
    make(
      'document with filename',
      {
        type: 'document',
        to: TO,
        url: 'https://cdn.example.com/i.pdf',
        caption: 'Invoice',
        filename: 'invoice.pdf',
      },
      { link: 'https://cdn.example.com/i.pdf', caption: 'Invoice', filename: 'invoice.pdf' },
    ),
    make('sticker', { type: 'sticker', to: TO, mediaId: '7791' }, { id: '7791' }),
    make(
      'location',
      { type: 'location', to: TO, latitude: 51.5072, longitude: -0.1276, name: 'Shop', address: '1 Main St' },
      { latitude: 51.5072, longitude: -0.1276, name: 'Shop', address: '1 Main St' },
    ),
    make(
      'reaction',
      { type: 'reaction', to: TO, messageId: 'wamid.IN2', emoji: '\u{1F44D}' },
      { message_id: 'wamid.IN2', emoji: '\u{1F44D}' },
    ),
    make(
      'contacts',
      {
        type: 'contacts',
        to: TO,
        contacts: [
          {
            name: { formattedName: 'Ana Silva', firstName: 'Ana', lastName: 'Silva' },
            phones: [{ phone: '+351912345678', type: 'CELL', waId: '351912345678' }],
            emails: [{ email: 'ana@example.com', type: 'WORK' }],
            organization: { company: 'Acme', title: 'Buyer' },
            urls: [{ url: 'https://acme.example', type: 'WORK' }],
          },
        ],
      },
      [
        {
          name: { formatted_name: 'Ana Silva', first_name: 'Ana', last_name: 'Silva' },
          phones: [{ phone: '+351912345678', type: 'CELL', wa_id: '351912345678' }],
          emails: [{ email: 'ana@example.com', type: 'WORK' }],
          org: { company: 'Acme', title: 'Buyer' },
          urls: [{ url: 'https://acme.example', type: 'WORK' }],
        },
      ],
    ),
    make(
      'interactive reply buttons',
      {
        type: 'interactive',
        to: TO,
        header: { type: 'text', text: 'Delivery' },
        body: 'When should we deliver?',
        footer: 'Reply below',
        action: {
          type: 'buttons',
          buttons: [
            { id: 'am', title: 'Morning' },
            { id: 'pm', title: 'Afternoon' },
          ],
        },
      },
      {
        type: 'button',
        header: { type: 'text', text: 'Delivery' },
        body: { text: 'When should we deliver?' },
        footer: { text: 'Reply below' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'am', title: 'Morning' } },
            { type: 'reply', reply: { id: 'pm', title: 'Afternoon' } },
          ],
        },
      },
    ),
    make(
      'interactive list',
      {
        type: 'interactive',
        to: TO,
        body: 'Pick a size',
        action: {
          type: 'list',
          button: 'Sizes',
          sections: [
            {
              title: 'Shirts',
              rows: [
                { id: 's', title: 'Small', description: 'Chest 90 cm' },
                { id: 'm', title: 'Medium' },
              ],
            },
          ],
        },
      },
      {
        type: 'list',
        body: { text: 'Pick a size' },
        action: {
          button: 'Sizes',
          sections: [
            {
              title: 'Shirts',
              rows: [
                { id: 's', title: 'Small', description: 'Chest 90 cm' },
                { id: 'm', title: 'Medium' },
              ],
            },
          ],
        },
      },
    ),
    make(
      'interactive cta_url',
      {
        type: 'interactive',
        to: TO,
        body: 'Track your parcel',
        action: { type: 'cta_url', displayText: 'Track', url: 'https://example.com/t/42' },
      },
      {
        type: 'cta_url',
        body: { text: 'Track your parcel' },
        action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://example.com/t/42' } },
      },
    ),
    make(
      'template: image header, positional body, quick-reply and URL buttons',
      {
        type: 'template',
        to: TO,
        name: 'order_update',
        language: 'en_US',
        header: { type: 'image', url: 'https://cdn.example.com/h.jpg' },
        body: ['Ana', 'A-42'],
        buttons: [
          { index: 1, type: 'url', text: 'order/42' },
          { index: 0, type: 'quick_reply', payload: 'STOP' },
        ],
      },
      {
        name: 'order_update',
        language: { code: 'en_US', policy: 'deterministic' },
        components: [
          {
            type: 'header',
            parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/h.jpg' } }],
          },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'A-42' },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'STOP' }],
          },
          { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'order/42' }] },
        ],
      },
    ),
    make(
      'template: named body parameters and text header',
      {
        type: 'template',
        to: TO,
        name: 'welcome_named',
        language: 'pt_BR',
        header: { type: 'text', text: 'Ana' },
        body: { first_name: 'Ana', order_id: 'A-42' },
      },
      {
        name: 'welcome_named',
        language: { code: 'pt_BR', policy: 'deterministic' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'first_name', text: 'Ana' },
              { type: 'text', parameter_name: 'order_id', text: 'A-42' },
            ],
          },
        ],
      },
    ),
    make(
      'template: location header and copy-code button',
      {
        type: 'template',
        to: TO,
        name: 'store_offer',
        language: 'en',
        header: {
          type: 'location',
          latitude: 38.7223,
          longitude: -9.1393,
          name: 'Lisbon store',
          address: 'Rua A 1',
        },
        buttons: [{ index: 0, type: 'copy_code', code: 'SAVE25' }],
      },
      {
        name: 'store_offer',
        language: { code: 'en', policy: 'deterministic' },
        components: [
          {
            type: 'header',
            parameters: [
              {
                type: 'location',
                location: { latitude: 38.7223, longitude: -9.1393, name: 'Lisbon store', address: 'Rua A 1' },
              },
            ],
          },
          {
            type: 'button',
            sub_type: 'copy_code',
            index: '0',
            parameters: [{ type: 'coupon_code', coupon_code: 'SAVE25' }],
          },
        ],
      },
    ),
    make(
      'template: document header by media id, no parameters otherwise',
      {
        type: 'template',
        to: TO,
        name: 'invoice_ready',
        language: 'en_GB',
        header: { type: 'document', mediaId: '998877', filename: 'invoice.pdf' },
      },
      {
        name: 'invoice_ready',
        language: { code: 'en_GB', policy: 'deterministic' },
        components: [
          {
            type: 'header',
            parameters: [{ type: 'document', document: { id: '998877', filename: 'invoice.pdf' } }],
          },
        ],
      },
    ),
  ];
}

const graph = (status: number, error: Record<string, unknown>): CannedResponse => ({
  status,
  body: { error: { type: 'OAuthException', fbtrace_id: 'AbC123trace', ...error } },
});

/** The documented Graph error shapes and the error each must become. */
export function cloudApiErrorCases(): ErrorCase[] {
  return [
    {
      name: '131047 outside the 24 h window',
      response: graph(400, {
        message: '(#131047) Re-engagement message',
        code: 131047,
        error_data: {
          messaging_product: 'whatsapp',
          details:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        },
      }),
      errorName: 'WindowClosedError',
      providerCode: '131047',
      messageIncludes: 'more than 24 hours have passed',
    },
    {
      name: '130429 throughput reached',
      response: graph(400, {
        message: '(#130429) Rate limit hit',
        code: 130429,
        error_data: { details: 'Cloud API message throughput has been reached.' },
      }),
      errorName: 'RateLimitError',
      providerCode: '130429',
      messageIncludes: 'throughput has been reached',
    },
    {
      name: '131056 pair rate limit',
      response: graph(400, {
        message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
        code: 131056,
        error_subcode: 2494055,
      }),
      errorName: 'RateLimitError',
      providerCode: '131056',
      messageIncludes: 'pair rate limit hit',
    },
    {
      name: '132001 template does not exist',
      response: graph(404, {
        message: '(#132001) Template name does not exist in the translation',
        code: 132001,
        error_data: { details: 'template name (order_updte) does not exist in en_US' },
      }),
      errorName: 'TemplateError',
      providerCode: '132001',
      messageIncludes: 'does not exist in en_US',
    },
    {
      name: '132000 parameter count mismatch',
      response: graph(400, {
        message: '(#132000) Number of parameters does not match the expected number of params',
        code: 132000,
      }),
      errorName: 'TemplateError',
      providerCode: '132000',
      messageIncludes: 'Number of parameters does not match',
    },
    {
      name: '190 expired token',
      response: graph(401, {
        message: 'Error validating access token: Session has expired',
        code: 190,
        error_subcode: 463,
      }),
      errorName: 'AuthenticationError',
      providerCode: '190',
      messageIncludes: 'Session has expired',
    },
    {
      name: '10 permission denied',
      response: graph(403, {
        message: '(#10) Application does not have permission for this action',
        code: 10,
      }),
      errorName: 'PermissionDeniedError',
      providerCode: '10',
      messageIncludes: 'does not have permission',
    },
    {
      name: '100 invalid parameter',
      response: graph(400, {
        message: '(#100) Invalid parameter',
        code: 100,
        error_data: { details: 'Param text.body must be a string' },
      }),
      errorName: 'BadRequestError',
      providerCode: '100',
      messageIncludes: 'text.body must be a string',
    },
    {
      name: '131026 undeliverable',
      response: graph(400, { message: '(#131026) Message undeliverable', code: 131026 }),
      errorName: 'BadRequestError',
      providerCode: '131026',
      messageIncludes: 'Message undeliverable',
    },
    {
      name: '131000 generic server failure',
      response: graph(500, { message: '(#131000) Something went wrong', code: 131000 }),
      errorName: 'InternalServerError',
      providerCode: '131000',
      messageIncludes: 'Something went wrong',
    },
    {
      name: 'HTTP 429 without a Graph body',
      response: { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '30' } },
      errorName: 'RateLimitError',
      messageIncludes: 'Too Many Requests',
    },
  ];
}
