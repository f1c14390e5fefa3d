/**
 * Contract cases for the interactive and template features added in issue 14: location requests, Flows,
 * media headers, products, product lists and catalogs; template carousels, limited-time offers, copy-code,
 * Flow, catalog and MPM buttons, `currency` / `date_time` parameters and authentication codes. Each case is one
 * neutral message and the exact WhatsApp object Meta documents for it (pages cited per case); the Cloud API
 * targets send that object as `interactive` / `template`, Vonage wraps it in `custom`
 * (https://developer.vonage.com/messages/concepts/custom-objects: "the custom object is passed to WhatsApp as it
 * stands"), and Gupshup sends its own documented session or template fields, or refuses before any request.
 */
import type { OutboundMessage } from '../../src/index.js';
import type { CannedResponse, SendCase } from './types.js';

type Neutral = Record<string, unknown> & { type: 'interactive' | 'template' };

interface GupshupExpectation {
  path: 'msg' | 'template';
  /** JSON-valued form fields (`message`, `template`, `postbackTexts`). */
  formJson: Record<string, unknown>;
  /** Extra plain form fields. */
  form?: Record<string, string>;
}

/** One feature: the neutral message, the WhatsApp object, and what Gupshup does with it. */
interface RichCase {
  name: string;
  message: Neutral;
  /** The `interactive` or `template` object on the Cloud API. */
  object: Record<string, unknown>;
  /** Gupshup's request, or `unsupported` when Gupshup documents no way to carry it. */
  gupshup: GupshupExpectation | 'unsupported';
}

const IMG = 'https://example.com/p/lemons.jpg';
const VID = 'https://example.com/p/lemons.mp4';
const PDF = 'https://example.com/p/menu.pdf';

const RICH: RichCase[] = [
  {
    // https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/location-request-messages
    name: 'interactive location request',
    message: {
      type: 'interactive',
      body: "Let's start with your pickup.",
      action: { type: 'location_request' },
    },
    object: {
      type: 'location_request_message',
      body: { text: "Let's start with your pickup." },
      action: { name: 'send_location' },
    },
    gupshup: 'unsupported',
  },
  {
    // https://developers.facebook.com/docs/whatsapp/flows/guides/sendingaflow
    name: 'interactive Flow (navigate, by id, image header, draft)',
    message: {
      type: 'interactive',
      header: { type: 'image', url: IMG },
      body: 'Book your table',
      footer: 'Takes a minute',
      action: {
        type: 'flow',
        flowId: '1234567890',
        flowToken: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
        cta: 'Book!',
        mode: 'draft',
        flowAction: 'navigate',
        screen: 'WELCOME',
        data: { product_name: 'name', product_price: 100 },
      },
    },
    object: {
      type: 'flow',
      header: { type: 'image', image: { link: IMG } },
      body: { text: 'Book your table' },
      footer: { text: 'Takes a minute' },
      action: {
        name: 'flow',
        parameters: {
          flow_message_version: '3',
          flow_token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
          flow_id: '1234567890',
          flow_cta: 'Book!',
          mode: 'draft',
          flow_action: 'navigate',
          flow_action_payload: { screen: 'WELCOME', data: { product_name: 'name', product_price: 100 } },
        },
      },
    },
    gupshup: 'unsupported',
  },
  {
    // Same page: flow_name instead of flow_id, data_exchange has no flow_action_payload.
    name: 'interactive Flow (data_exchange, by name)',
    message: {
      type: 'interactive',
      body: 'Check availability',
      action: { type: 'flow', flowName: 'booking_flow', cta: 'Check', flowAction: 'data_exchange' },
    },
    object: {
      type: 'flow',
      body: { text: 'Check availability' },
      action: {
        name: 'flow',
        parameters: {
          flow_message_version: '3',
          flow_name: 'booking_flow',
          flow_cta: 'Check',
          flow_action: 'data_exchange',
        },
      },
    },
    gupshup: 'unsupported',
  },
  {
    // https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages (media header)
    name: 'interactive reply buttons with a video header',
    message: {
      type: 'interactive',
      header: { type: 'video', url: VID },
      body: 'Like it?',
      footer: 'Lucky Shrub',
      action: { type: 'buttons', buttons: [{ id: 'yes', title: 'Yes' }] },
    },
    object: {
      type: 'button',
      header: { type: 'video', video: { link: VID } },
      body: { text: 'Like it?' },
      footer: { text: 'Lucky Shrub' },
      action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] },
    },
    gupshup: {
      // https://docs.gupshup.io/reference/quick-replies (content type video with url)
      path: 'msg',
      formJson: {
        message: {
          type: 'quick_reply',
          msgid: 'CLIENT_REF',
          content: { type: 'video', url: VID, text: 'Like it?', caption: 'Lucky Shrub' },
          options: [{ type: 'text', title: 'Yes', postbackText: 'yes' }],
        },
      },
    },
  },
  {
    name: 'interactive reply buttons with a document header',
    message: {
      type: 'interactive',
      header: { type: 'document', url: PDF, filename: 'menu.pdf' },
      body: 'Our menu',
      action: { type: 'buttons', buttons: [{ id: 'order', title: 'Order' }] },
    },
    object: {
      type: 'button',
      header: { type: 'document', document: { link: PDF, filename: 'menu.pdf' } },
      body: { text: 'Our menu' },
      action: { buttons: [{ type: 'reply', reply: { id: 'order', title: 'Order' } }] },
    },
    gupshup: {
      path: 'msg',
      formJson: {
        message: {
          type: 'quick_reply',
          msgid: 'CLIENT_REF',
          content: { type: 'file', url: PDF, filename: 'menu.pdf', text: 'Our menu' },
          options: [{ type: 'text', title: 'Order', postbackText: 'order' }],
        },
      },
    },
  },
  {
    // https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/single-product-messages
    name: 'interactive single product (no body)',
    message: {
      type: 'interactive',
      footer: 'Free shipping',
      action: { type: 'product', catalogId: '194836987003835', productRetailerId: 'di9ozbzfi4' },
    },
    object: {
      type: 'product',
      footer: { text: 'Free shipping' },
      action: { catalog_id: '194836987003835', product_retailer_id: 'di9ozbzfi4' },
    },
    gupshup: {
      // https://docs.gupshup.io/docs/send-single-product-message
      path: 'msg',
      formJson: {
        message: {
          type: 'product_details',
          subType: 'product',
          catalogId: '194836987003835',
          productId: 'di9ozbzfi4',
          footer: { text: 'Free shipping' },
        },
      },
    },
  },
  {
    // https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/multi-product-messages
    name: 'interactive product list',
    message: {
      type: 'interactive',
      header: { type: 'text', text: 'Our succulents' },
      body: 'Pick your favourites',
      action: {
        type: 'product_list',
        catalogId: '194836987003835',
        sections: [
          { title: 'Rare', productRetailerIds: ['di9ozbzfi4', 'nqryix03ez'] },
          { title: 'Classic', productRetailerIds: ['gqa6lnzwxs'] },
        ],
      },
    },
    object: {
      type: 'product_list',
      header: { type: 'text', text: 'Our succulents' },
      body: { text: 'Pick your favourites' },
      action: {
        catalog_id: '194836987003835',
        sections: [
          {
            title: 'Rare',
            product_items: [{ product_retailer_id: 'di9ozbzfi4' }, { product_retailer_id: 'nqryix03ez' }],
          },
          { title: 'Classic', product_items: [{ product_retailer_id: 'gqa6lnzwxs' }] },
        ],
      },
    },
    gupshup: {
      // https://docs.gupshup.io/docs/send-multi-product-message
      path: 'msg',
      formJson: {
        message: {
          type: 'product_details',
          subType: 'product_list',
          catalogId: '194836987003835',
          header: { text: 'Our succulents' },
          body: { text: 'Pick your favourites' },
          sections: [
            { title: 'Rare', productList: [{ productId: 'di9ozbzfi4' }, { productId: 'nqryix03ez' }] },
            { title: 'Classic', productList: [{ productId: 'gqa6lnzwxs' }] },
          ],
        },
      },
    },
  },
  {
    // https://developers.facebook.com/docs/whatsapp/guides/commerce-guides/share-products-with-customers
    name: 'interactive catalog',
    message: {
      type: 'interactive',
      body: 'Browse our catalog',
      footer: 'Lucky Shrub',
      action: { type: 'catalog', thumbnailProductRetailerId: 'di9ozbzfi4' },
    },
    object: {
      type: 'catalog_message',
      body: { text: 'Browse our catalog' },
      footer: { text: 'Lucky Shrub' },
      action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'di9ozbzfi4' } },
    },
    gupshup: {
      // https://docs.gupshup.io/docs/send-catalog-message
      path: 'msg',
      formJson: {
        message: {
          type: 'product_details',
          subType: 'catalog_message',
          body: { text: 'Browse our catalog' },
          footer: { text: 'Lucky Shrub' },
          thumbnailId: 'di9ozbzfi4',
        },
      },
    },
  },
  {
    // https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates/media-card-carousel-templates
    name: 'template media card carousel',
    message: {
      type: 'template',
      name: 'summer_carousel_promo_2023',
      language: 'en_US',
      body: ['15OFF', '15%'],
      cards: [
        {
          header: { type: 'image', url: IMG },
          body: ['15OFF', '15%'],
          buttons: [{ index: 1, type: 'url', text: 'exotic_produce_2023' }],
        },
        {
          header: { type: 'image', mediaId: '1558081531584829' },
          body: ['10OFF', '10%'],
          buttons: [{ index: 1, type: 'url', text: 'lemons_2023' }],
        },
      ],
    },
    object: {
      name: 'summer_carousel_promo_2023',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: '15OFF' },
            { type: 'text', text: '15%' },
          ],
        },
        {
          type: 'carousel',
          cards: [
            {
              card_index: 0,
              components: [
                { type: 'header', parameters: [{ type: 'image', image: { link: IMG } }] },
                {
                  type: 'body',
                  parameters: [
                    { type: 'text', text: '15OFF' },
                    { type: 'text', text: '15%' },
                  ],
                },
                {
                  type: 'button',
                  sub_type: 'url',
                  index: '1',
                  parameters: [{ type: 'text', text: 'exotic_produce_2023' }],
                },
              ],
            },
            {
              card_index: 1,
              components: [
                { type: 'header', parameters: [{ type: 'image', image: { id: '1558081531584829' } }] },
                {
                  type: 'body',
                  parameters: [
                    { type: 'text', text: '10OFF' },
                    { type: 'text', text: '10%' },
                  ],
                },
                {
                  type: 'button',
                  sub_type: 'url',
                  index: '1',
                  parameters: [{ type: 'text', text: 'lemons_2023' }],
                },
              ],
            },
          ],
        },
      ],
    },
    gupshup: {
      // https://docs.gupshup.io/reference/sending-carousel-template-1: params in order of appearance, card media in `message`.
      path: 'template',
      formJson: {
        template: {
          id: 'summer_carousel_promo_2023',
          params: ['15OFF', '15%', '15OFF', '15%', 'exotic_produce_2023', '10OFF', '10%', 'lemons_2023'],
        },
        message: {
          type: 'carousel',
          cardHeaderType: 'IMAGE',
          cards: [{ link: IMG }, { id: '1558081531584829' }],
        },
      },
    },
  },
  {
    // https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/limited-time-offer-templates
    name: 'template limited-time offer with copy code',
    message: {
      type: 'template',
      name: 'limited_time_offer_caribbean_pkg_2023',
      language: 'en_US',
      header: { type: 'image', mediaId: '1602186516975143' },
      body: ['Pablo', 'CARIBE25'],
      limitedTimeOffer: { expirationTimeMs: 1698549000000 },
      buttons: [
        { index: 0, type: 'copy_code', code: 'CARIBE25' },
        { index: 1, type: 'url', text: 'n3mtql' },
      ],
    },
    object: {
      name: 'limited_time_offer_caribbean_pkg_2023',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { id: '1602186516975143' } }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Pablo' },
            { type: 'text', text: 'CARIBE25' },
          ],
        },
        {
          type: 'limited_time_offer',
          parameters: [
            { type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: 1698549000000 } },
          ],
        },
        {
          type: 'button',
          sub_type: 'copy_code',
          index: '0',
          parameters: [{ type: 'coupon_code', coupon_code: 'CARIBE25' }],
        },
        { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'n3mtql' }] },
      ],
    },
    gupshup: {
      // https://docs.gupshup.io/reference/sending-coupon-code-template (code in params, in order) and the
      // template-message reference's LTO `expiration`.
      path: 'template',
      formJson: {
        template: {
          id: 'limited_time_offer_caribbean_pkg_2023',
          params: ['Pablo', 'CARIBE25', 'CARIBE25', 'n3mtql'],
          expiration: 1698549000000,
        },
        message: { type: 'image', image: { id: '1602186516975143' } },
      },
    },
  },
  {
    // https://developers.facebook.com/docs/whatsapp/flows/guides/sendingaflow (template with a Flow button)
    name: 'template Flow button',
    message: {
      type: 'template',
      name: 'book_a_table',
      language: 'en_US',
      buttons: [{ index: 0, type: 'flow', flowToken: 'FLOW-TOKEN-1', flowActionData: { table: 4 } }],
    },
    object: {
      name: 'book_a_table',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        {
          type: 'button',
          sub_type: 'flow',
          index: '0',
          parameters: [
            { type: 'action', action: { flow_token: 'FLOW-TOKEN-1', flow_action_data: { table: 4 } } },
          ],
        },
      ],
    },
    gupshup: 'unsupported',
  },
  {
    // https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/catalog-templates
    name: 'template catalog button',
    message: {
      type: 'template',
      name: 'intro_catalog_offer',
      language: 'en_US',
      body: ['100', '400', '3'],
      buttons: [{ index: 0, type: 'catalog', thumbnailProductRetailerId: '2lc20305pt' }],
    },
    object: {
      name: 'intro_catalog_offer',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: '100' },
            { type: 'text', text: '400' },
            { type: 'text', text: '3' },
          ],
        },
        {
          type: 'button',
          sub_type: 'CATALOG',
          index: '0',
          parameters: [{ type: 'action', action: { thumbnail_product_retailer_id: '2lc20305pt' } }],
        },
      ],
    },
    gupshup: {
      // https://docs.gupshup.io/docs/catalog-template: the thumbnail product is the last param.
      path: 'template',
      formJson: { template: { id: 'intro_catalog_offer', params: ['100', '400', '3', '2lc20305pt'] } },
    },
  },
  {
    // https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/mpm-templates
    name: 'template multi-product button',
    message: {
      type: 'template',
      name: 'abandoned_cart',
      language: 'en_US',
      header: { type: 'text', text: 'Pablo' },
      body: ['10OFF'],
      buttons: [
        {
          index: 0,
          type: 'mpm',
          thumbnailProductRetailerId: '2lc20305pt',
          sections: [{ title: 'Popular Bundles', productRetailerIds: ['2lc20305pt', 'nseiw1x3ch'] }],
        },
      ],
    },
    object: {
      name: 'abandoned_cart',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'Pablo' }] },
        { type: 'body', parameters: [{ type: 'text', text: '10OFF' }] },
        {
          type: 'button',
          sub_type: 'mpm',
          index: '0',
          parameters: [
            {
              type: 'action',
              action: {
                thumbnail_product_retailer_id: '2lc20305pt',
                sections: [
                  {
                    title: 'Popular Bundles',
                    product_items: [
                      { product_retailer_id: '2lc20305pt' },
                      { product_retailer_id: 'nseiw1x3ch' },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
    },
    gupshup: {
      // The template-message reference: MPM sections in `template.mpm`, the thumbnail product last in params.
      path: 'template',
      formJson: {
        template: {
          id: 'abandoned_cart',
          params: ['Pablo', '10OFF', '2lc20305pt'],
          mpm: { sections: [{ title: 'Popular Bundles', products: ['2lc20305pt', 'nseiw1x3ch'] }] },
        },
      },
    },
  },
  {
    // https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages (currency, date_time objects)
    name: 'template currency and date_time parameters',
    message: {
      type: 'template',
      name: 'payment_due',
      language: 'en_US',
      body: [
        'Ana',
        { type: 'currency', fallbackValue: '$100.99', code: 'USD', amount1000: 100990 },
        { type: 'date_time', fallbackValue: 'February 25, 1977' },
      ],
    },
    object: {
      name: 'payment_due',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Ana' },
            { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
            { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
          ],
        },
      ],
    },
    gupshup: {
      // Gupshup params are text: the fallback value is what Meta renders anyway.
      path: 'template',
      formJson: { template: { id: 'payment_due', params: ['Ana', '$100.99', 'February 25, 1977'] } },
    },
  },
  {
    // https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates/copy-code-button-authentication-templates
    // (sending: the code as the body parameter and as the OTP button's url parameter)
    name: 'template authentication code',
    message: {
      type: 'template',
      name: 'verification_code',
      language: 'en_US',
      body: ['J$FpnYnP'],
      buttons: [{ index: 0, type: 'url', text: 'J$FpnYnP' }],
    },
    object: {
      name: 'verification_code',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        { type: 'body', parameters: [{ type: 'text', text: 'J$FpnYnP' }] },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'J$FpnYnP' }] },
      ],
    },
    gupshup: {
      path: 'template',
      formJson: { template: { id: 'verification_code', params: ['J$FpnYnP', 'J$FpnYnP'] } },
    },
  },
];

const clientRefOf = (i: number) => `rich-${i + 1}`;
const withRef = (value: unknown, ref: string): unknown =>
  JSON.parse(JSON.stringify(value).replaceAll('"CLIENT_REF"', JSON.stringify(ref)));

/** The Cloud API cases (Meta, CleverTap BSP). */
export function cloudApiRichCases(s: {
  accessToken: string;
  phoneNumberId: string;
  apiVersion: string;
}): SendCase[] {
  const to = '+447700900123';
  return RICH.map((c, i) => {
    const messageId = `wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSRICH${String(i).padStart(4, '0')}`;
    const ref = clientRefOf(i);
    const response: CannedResponse = {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to.slice(1) }],
        messages: [{ id: messageId }],
      },
    };
    return {
      name: c.name,
      message: { ...c.message, to, clientRef: ref } as OutboundMessage,
      expect: {
        method: 'POST',
        url: `https://graph.facebook.com/${s.apiVersion}/${s.phoneNumberId}/messages`,
        headers: { authorization: `Bearer ${s.accessToken}`, 'content-type': 'application/json' },
        json: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: to.slice(1),
          type: c.message.type,
          [c.message.type]: c.object,
          biz_opaque_callback_data: ref,
        },
      },
      response,
      messageId,
    };
  });
}

/** The Vonage cases: every WhatsApp object as `custom`, on v1 (flat) or v0.1 (`message.content`). */
export function nexmoRichCases(apiVersion: 'v1' | 'v0.1'): SendCase[] {
  const to = '447700900000';
  const from = '447700900001';
  return RICH.map((c, i) => {
    const uuid = `aaaaaaaa-bbbb-4ccc-8ddd-7777${String(i).padStart(8, '0')}`;
    const ref = clientRefOf(i);
    const custom = { type: c.message.type, [c.message.type]: c.object };
    const json =
      apiVersion === 'v1'
        ? { to, from, channel: 'whatsapp', client_ref: ref, message_type: 'custom', custom }
        : {
            from: { type: 'whatsapp', number: from },
            to: { type: 'whatsapp', number: to },
            message: { content: { type: 'custom', custom } },
            client_ref: ref,
          };
    // Vonage's custom template keeps `components`, as every custom template does.
    return {
      name: `${c.name} (custom)`,
      message: { ...c.message, to, clientRef: ref } as OutboundMessage,
      expect: {
        method: 'POST',
        url: `https://api.nexmo.com/${apiVersion}/messages`,
        headers: { 'content-type': 'application/json' },
        json,
      },
      response: { status: 202, body: { message_uuid: uuid } },
      messageId: uuid,
    };
  });
}

/** The Gupshup cases it can carry. */
export function gupshupRichCases(): SendCase[] {
  const to = '919876543210';
  const out: SendCase[] = [];
  RICH.forEach((c, i) => {
    if (c.gupshup === 'unsupported') return;
    const ref = clientRefOf(i);
    const messageId = `ee4a68a0-1203-4c85-8dc3-7777${String(i).padStart(8, '0')}`;
    out.push({
      name: c.name,
      message: { ...c.message, to, clientRef: ref } as OutboundMessage,
      expect: {
        method: 'POST',
        url: `https://api.gupshup.io/wa/api/v1/${c.gupshup.path === 'msg' ? 'msg' : 'template/msg'}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        form: {
          channel: 'whatsapp',
          source: '917834811114',
          destination: to,
          'src.name': 'DemoApp',
          ...c.gupshup.form,
        },
        formJson: withRef(c.gupshup.formJson, ref) as Record<string, unknown>,
      },
      response: { status: 202, body: { status: 'submitted', messageId } },
      messageId,
    });
  });
  return out;
}

/** The features Gupshup documents no way to carry: refused before any request. */
export function gupshupRichUnsupported(): { type: 'interactive' | 'template'; message: OutboundMessage }[] {
  return RICH.filter((c) => c.gupshup === 'unsupported').map((c) => ({
    type: c.message.type,
    message: { ...c.message, to: '919876543210' } as OutboundMessage,
  }));
}
