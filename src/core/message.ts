/**
 * The neutral outbound message model: one zod schema per message type, a discriminated union on `type`, and
 * the types inferred from them. Providers map these to their wire formats; a provider that cannot carry a
 * type throws `UnsupportedMessageError` before any request.
 * @module
 */
import * as z from 'zod/mini';

/** Meta's limit for a text message body. */
export const MAX_TEXT_LENGTH = 4096;
/** Meta's limit for a media caption. */
export const MAX_CAPTION_LENGTH = 1024;

const nonEmpty = z.string().check(z.minLength(1, 'must not be empty'));

/** Fields every outbound message carries. */
const base = {
  /** Recipient, E.164 (`+447700900123`; the `+` is optional). */
  to: z.string().check(z.minLength(1, 'the recipient number is required')),
  /**
   * Your reference for this message (Vonage `client_ref`, Meta `biz_opaque_callback_data`); echoed in status
   * webhooks so duplicates and outcomes can be reconciled. Generated when absent.
   */
  clientRef: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  /** The id of a message to quote (reply to). */
  replyTo: z.optional(nonEmpty),
};

/** A plain text message. */
export const TextMessageSchema = z.strictObject({
  ...base,
  type: z.literal('text'),
  text: z
    .string()
    .check(
      z.minLength(1, 'text must not be empty'),
      z.maxLength(MAX_TEXT_LENGTH, `text is limited to ${MAX_TEXT_LENGTH} characters`),
    ),
  /** Render a preview of the first URL in the text. */
  previewUrl: z.optional(z.boolean()),
});

const mediaSource = {
  /** A public https URL the provider fetches. */
  url: z.optional(z.url({ protocol: /^https?$/ })),
  /** A media id previously uploaded to the provider. */
  mediaId: z.optional(nonEmpty),
};
const exactlyOneSource = (m: { url?: string | undefined; mediaId?: string | undefined }) =>
  (m.url === undefined) !== (m.mediaId === undefined);
const sourceMessage = { message: 'give exactly one of url or mediaId', path: ['url'] };

const caption = z.optional(
  z.string().check(z.maxLength(MAX_CAPTION_LENGTH, `caption is limited to ${MAX_CAPTION_LENGTH} characters`)),
);

/** An image (JPEG or PNG). */
export const ImageMessageSchema = z
  .strictObject({ ...base, type: z.literal('image'), ...mediaSource, caption })
  .check(z.refine(exactlyOneSource, sourceMessage));
/** A video (MP4, 3GPP). */
export const VideoMessageSchema = z
  .strictObject({ ...base, type: z.literal('video'), ...mediaSource, caption })
  .check(z.refine(exactlyOneSource, sourceMessage));
/** An audio file or voice note. Audio has no caption on WhatsApp. */
export const AudioMessageSchema = z
  .strictObject({ ...base, type: z.literal('audio'), ...mediaSource })
  .check(z.refine(exactlyOneSource, sourceMessage));
/** A document (PDF and others) with an optional file name shown to the user. */
export const DocumentMessageSchema = z
  .strictObject({
    ...base,
    type: z.literal('document'),
    ...mediaSource,
    caption,
    filename: z.optional(nonEmpty.check(z.maxLength(240))),
  })
  .check(z.refine(exactlyOneSource, sourceMessage));
/** A sticker (WebP). Stickers have no caption. */
export const StickerMessageSchema = z
  .strictObject({ ...base, type: z.literal('sticker'), ...mediaSource })
  .check(z.refine(exactlyOneSource, sourceMessage));

/** A map pin. */
export const LocationMessageSchema = z.strictObject({
  ...base,
  type: z.literal('location'),
  latitude: z.number().check(z.gte(-90), z.lte(90)),
  longitude: z.number().check(z.gte(-180), z.lte(180)),
  name: z.optional(nonEmpty),
  address: z.optional(nonEmpty),
});

/** Template header parameter: text, media or location. */
export const TemplateHeaderSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: nonEmpty }),
  z
    .strictObject({
      type: z.enum(['image', 'video', 'document']),
      url: z.optional(z.url({ protocol: /^https?$/ })),
      mediaId: z.optional(nonEmpty),
      filename: z.optional(nonEmpty),
    })
    .check(z.refine(exactlyOneSource, sourceMessage)),
  z.strictObject({
    type: z.literal('location'),
    latitude: z.number().check(z.gte(-90), z.lte(90)),
    longitude: z.number().check(z.gte(-180), z.lte(180)),
    name: z.optional(nonEmpty),
    address: z.optional(nonEmpty),
  }),
]);

/**
 * A typed template body parameter: `currency` or `date_time`. Meta renders the `fallbackValue` (localisation of
 * these types was retired), so a plain string works too; these exist for templates reviewed with currency or
 * date examples. Source: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
 * (`currency` object: `fallback_value`, `code`, `amount_1000`; `date_time` object: `fallback_value`).
 */
const TemplateRichParameterSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('currency'),
    fallbackValue: z.string().check(z.minLength(1, 'fallbackValue is the text shown, e.g. "$100.99"')),
    code: z.string().check(z.regex(/^[A-Z]{3}$/, 'code is an ISO 4217 currency code, e.g. USD')),
    amount1000: z.number().check(z.int('amount1000 is the amount times 1000, an integer')),
  }),
  z.strictObject({
    type: z.literal('date_time'),
    fallbackValue: z.string().check(z.minLength(1, 'fallbackValue is the date text shown')),
  }),
]);

/** One template body parameter value: text, or a `currency` / `date_time` parameter. */
const bodyValue = z.union([z.string(), TemplateRichParameterSchema]);

/** Body parameters: positional (`{{1}}`, `{{2}}`, ...) as an array, or named (`{{first_name}}`) as a record. */
const templateBody = z.union([
  z.array(bodyValue),
  z.record(z.string().check(z.regex(/^[a-z0-9_]+$/, 'named parameters are [a-z0-9_]')), bodyValue),
]);

const buttonIndex = z.number().check(z.int(), z.gte(0), z.lte(9));
const retailerId = nonEmpty.check(z.maxLength(100));

/**
 * Template button parameter, addressed by the button's 0-based `index` in the template: quick-reply payloads,
 * URL suffixes, copy-code (`coupon_code`) values, Flow buttons (`flow_token`, `flow_action_data`), catalog and
 * multi-product buttons (`thumbnail_product_retailer_id`, MPM `sections`). Authentication (OTP) buttons take
 * the code as a `url` parameter, as Meta documents. Sources:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates (button components),
 * https://developers.facebook.com/docs/whatsapp/flows/guides/sendingaflow (flow button `action` parameter),
 * https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/catalog-templates and
 * .../mpm-templates (catalog and MPM `action` parameters).
 */
export const TemplateButtonSchema = z.discriminatedUnion('type', [
  z.strictObject({ index: buttonIndex, type: z.literal('quick_reply'), payload: nonEmpty }),
  z.strictObject({ index: buttonIndex, type: z.literal('url'), text: nonEmpty }),
  z.strictObject({ index: buttonIndex, type: z.literal('copy_code'), code: nonEmpty.check(z.maxLength(15)) }),
  z.strictObject({
    index: buttonIndex,
    type: z.literal('flow'),
    /** Your token for this Flow session, echoed in the `nfm_reply`. Meta's default is `unused`. */
    flowToken: z.optional(nonEmpty),
    /** Input for the Flow's first screen (`flow_action_data`). */
    flowActionData: z.optional(z.record(z.string(), z.unknown())),
  }),
  z.strictObject({
    index: buttonIndex,
    type: z.literal('catalog'),
    /** The product whose image is the message thumbnail. */
    thumbnailProductRetailerId: z.optional(retailerId),
  }),
  z.strictObject({
    index: buttonIndex,
    type: z.literal('mpm'),
    thumbnailProductRetailerId: retailerId,
    sections: z
      .array(
        z.strictObject({
          title: nonEmpty.check(z.maxLength(24)),
          productRetailerIds: z.array(retailerId).check(z.minLength(1)),
        }),
      )
      .check(z.minLength(1), z.maxLength(10)),
  }),
]);

/** A carousel card's header: an image or video (media cards) or a catalog product (product cards). */
const TemplateCardHeaderSchema = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.enum(['image', 'video']), ...mediaSource })
    .check(z.refine(exactlyOneSource, sourceMessage)),
  z.strictObject({ type: z.literal('product'), productRetailerId: retailerId, catalogId: nonEmpty }),
]);

/**
 * One carousel card's send-time parameters. Cards are given in the template's card order; the position in
 * `cards` is the card's `card_index`. Source:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates/media-card-carousel-templates
 */
const cardButtonIndex = z.number().check(z.int(), z.gte(0), z.lte(1));

const TemplateCardSchema = z.strictObject({
  header: TemplateCardHeaderSchema,
  /** The card body's parameters (positional or named). */
  body: z.optional(templateBody),
  /** The card's dynamic buttons: quick-reply payloads and URL suffixes, by index within the card. */
  buttons: z.optional(
    z
      .array(
        z.discriminatedUnion('type', [
          z.strictObject({ index: cardButtonIndex, type: z.literal('quick_reply'), payload: nonEmpty }),
          z.strictObject({ index: cardButtonIndex, type: z.literal('url'), text: nonEmpty }),
        ]),
      )
      .check(z.maxLength(2)),
  ),
});

/**
 * A limited-time offer's send-time parameter: when the offer expires, in Unix milliseconds. Source:
 * https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/limited-time-offer-templates
 */
const TemplateLimitedTimeOfferSchema = z.strictObject({
  expirationTimeMs: z.number().check(z.int(), z.gte(0, 'expirationTimeMs is a Unix time in milliseconds')),
});

/** The template part of a template message: which template, in which language, with which parameters. */
export const TemplateFieldsSchema = z.strictObject({
  /** The template name as approved (Gupshup: the template id). */
  name: nonEmpty,
  /** Language code of the approved translation, e.g. `en_US`, `en`. */
  language: nonEmpty,
  /** Vonage v0.1 legacy templates: the WhatsApp namespace, sent as `namespace:name`. */
  namespace: z.optional(nonEmpty),
  header: z.optional(TemplateHeaderSchema),
  /**
   * Body parameters: positional (`{{1}}`, `{{2}}`, ...) as an array, or named (`{{first_name}}`) as a record;
   * each value text or a `currency` / `date_time` parameter.
   */
  body: z.optional(templateBody),
  buttons: z.optional(z.array(TemplateButtonSchema).check(z.maxLength(10))),
  /** Limited-time offer templates: the offer's expiry. */
  limitedTimeOffer: z.optional(TemplateLimitedTimeOfferSchema),
  /** Carousel templates: one entry per card, in card order (2 to 10). */
  cards: z.optional(
    z
      .array(TemplateCardSchema)
      .check(z.minLength(2, 'a carousel has 2 to 10 cards'), z.maxLength(10, 'a carousel has 2 to 10 cards')),
  ),
});

/** A pre-approved template message: the only kind that may open a conversation outside the 24 h window. */
export const TemplateMessageSchema = z.strictObject({
  ...base,
  type: z.literal('template'),
  ...TemplateFieldsSchema.shape,
});

const replyButton = z.strictObject({
  id: nonEmpty.check(z.maxLength(256)),
  title: nonEmpty.check(z.maxLength(20, 'button titles are limited to 20 characters')),
});
const listRow = z.strictObject({
  id: nonEmpty.check(z.maxLength(200)),
  title: nonEmpty.check(z.maxLength(24, 'row titles are limited to 24 characters')),
  description: z.optional(z.string().check(z.maxLength(72))),
});

/** A product in the business's catalog, by its retailer id (SKU, "Content ID" in Commerce Manager). */
const productSection = z.strictObject({
  /** Section title, at most 24 characters; required when there is more than one section. */
  title: z.optional(nonEmpty.check(z.maxLength(24))),
  productRetailerIds: z.array(retailerId).check(z.minLength(1, 'a section lists at least one product')),
});

/**
 * What an interactive message offers. Sources (Meta Cloud API):
 * - reply buttons, list, CTA URL: https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages,
 *   .../interactive-list-messages, .../interactive-cta-url-messages;
 * - `location_request`: https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/location-request-messages
 *   (body only, action `send_location`);
 * - `flow`: https://developers.facebook.com/docs/whatsapp/flows/guides/sendingaflow (`flow_message_version` 3,
 *   `flow_token`, `flow_id` or `flow_name`, `flow_cta`, `mode`, `flow_action` navigate | data_exchange,
 *   `flow_action_payload` { screen, data });
 * - `product`, `product_list`: https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/single-product-messages
 *   and .../multi-product-messages (1-10 sections, at most 30 products, text header required);
 * - `catalog`: https://developers.facebook.com/docs/whatsapp/guides/commerce-guides/share-products-with-customers
 *   (`catalog_message`, optional `thumbnail_product_retailer_id`).
 */
export const InteractiveActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('buttons'),
    buttons: z.array(replyButton).check(z.minLength(1), z.maxLength(3, 'at most 3 reply buttons')),
  }),
  z.strictObject({
    type: z.literal('list'),
    /** The label of the button that opens the list. */
    button: nonEmpty.check(z.maxLength(20)),
    sections: z
      .array(
        z.strictObject({
          title: z.optional(z.string().check(z.maxLength(24))),
          rows: z.array(listRow).check(z.minLength(1), z.maxLength(10)),
        }),
      )
      .check(z.minLength(1), z.maxLength(10)),
  }),
  z.strictObject({
    type: z.literal('cta_url'),
    displayText: nonEmpty.check(z.maxLength(20)),
    url: z.url({ protocol: /^https?$/ }),
  }),
  /** Asks the user to share their location (a "Send location" button WhatsApp draws itself). */
  z.strictObject({ type: z.literal('location_request') }),
  /** Opens a WhatsApp Flow. */
  z.strictObject({
    type: z.literal('flow'),
    /** The published (or draft) Flow's id; give exactly one of `flowId` and `flowName`. */
    flowId: z.optional(nonEmpty),
    /** The Flow's name, instead of its id. */
    flowName: z.optional(nonEmpty),
    /** Your token for this session, echoed back in the `nfm_reply`. Meta's default is `unused`. */
    flowToken: z.optional(nonEmpty),
    /** The button label. */
    cta: nonEmpty.check(z.maxLength(20, 'the Flow button label (flow_cta) is limited to 20 characters')),
    /** `published` (Meta's default) or `draft` (to test an unpublished Flow). */
    mode: z.optional(z.enum(['draft', 'published'])),
    /** `navigate` (Meta's default: open `screen`) or `data_exchange` (your endpoint picks the first screen). */
    flowAction: z.optional(z.enum(['navigate', 'data_exchange'])),
    /** The first screen's id; required for `navigate`, absent for `data_exchange`. */
    screen: z.optional(nonEmpty),
    /** Input data for the first screen (a non-empty object); `navigate` only. */
    data: z.optional(z.record(z.string(), z.unknown())),
  }),
  /** One product from a catalog. */
  z.strictObject({ type: z.literal('product'), catalogId: nonEmpty, productRetailerId: retailerId }),
  /** Up to 30 products from a catalog, in 1 to 10 sections. */
  z.strictObject({
    type: z.literal('product_list'),
    catalogId: nonEmpty,
    sections: z.array(productSection).check(z.minLength(1), z.maxLength(10, 'at most 10 sections')),
  }),
  /** The business's whole catalog behind a "View catalog" button. */
  z.strictObject({ type: z.literal('catalog'), thumbnailProductRetailerId: z.optional(retailerId) }),
]);

/**
 * The header of an interactive message: text, or (on reply-button, CTA URL and Flow messages) an image, video
 * or document. Source: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#header-object.
 */
const InteractiveHeaderSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: nonEmpty.check(z.maxLength(60)) }),
  z
    .strictObject({
      type: z.enum(['image', 'video', 'document']),
      ...mediaSource,
      /** Documents: the file name shown. */
      filename: z.optional(nonEmpty.check(z.maxLength(240))),
    })
    .check(z.refine(exactlyOneSource, sourceMessage)),
]);

/** Which header each interactive action takes: `media` allows text or media, `text` text only, `none` none. */
const HEADER_RULE: Record<InteractiveAction['type'], 'media' | 'text' | 'required-text' | 'none'> = {
  buttons: 'media',
  cta_url: 'media',
  flow: 'media',
  list: 'text',
  product_list: 'required-text',
  product: 'none',
  catalog: 'none',
  location_request: 'none',
};

/** The action-specific rules zod cannot express per field (headers, optional body, Flow and product limits). */
function checkInteractive(m: z.infer<typeof interactiveShape>, ctx: z.core.$RefinementCtx): void {
  const issue = (message: string, path: (string | number)[]) =>
    ctx.addIssue({ code: 'custom', message, path });
  const a = m.action;
  const rule = HEADER_RULE[a.type];
  if (m.header === undefined && rule === 'required-text')
    issue(`a ${a.type} message needs a text header`, ['header']);
  if (m.header !== undefined) {
    if (rule === 'none') issue(`a ${a.type} message has no header; remove it`, ['header']);
    else if (rule !== 'media' && m.header.type !== 'text')
      issue(`a ${a.type} message takes a text header only`, ['header', 'type']);
  }
  if (m.body === undefined && a.type !== 'product') issue(`a ${a.type} message needs a body`, ['body']);
  if (a.type === 'location_request' && m.footer !== undefined)
    issue('a location request has a body only; remove the footer', ['footer']);
  if (a.type === 'flow') {
    if ((a.flowId === undefined) === (a.flowName === undefined))
      issue('give exactly one of flowId or flowName', ['action', 'flowId']);
    if (a.flowAction === 'data_exchange') {
      if (a.screen !== undefined || a.data !== undefined)
        issue('a data_exchange Flow takes no screen or data (your endpoint sends the first screen)', [
          'action',
          'screen',
        ]);
    } else if (a.screen === undefined) {
      issue('a navigate Flow needs the first screen id (flow_action_payload.screen)', ['action', 'screen']);
    }
    if (a.data !== undefined && Object.keys(a.data).length === 0)
      issue('data must be a non-empty object (or left out)', ['action', 'data']);
  }
  if (a.type === 'product_list') {
    const total = a.sections.reduce((n, s) => n + s.productRetailerIds.length, 0);
    if (total > 30) issue(`a product list shows at most 30 products; got ${total}`, ['action', 'sections']);
    if (a.sections.length > 1)
      a.sections.forEach((s, i) => {
        if (s.title === undefined)
          issue('each section needs a title when there is more than one', ['action', 'sections', i, 'title']);
      });
  }
}

const interactiveShape = z.strictObject({
  ...base,
  type: z.literal('interactive'),
  header: z.optional(InteractiveHeaderSchema),
  /** The message text; optional only for `product` messages. */
  body: z.optional(nonEmpty.check(z.maxLength(1024))),
  footer: z.optional(nonEmpty.check(z.maxLength(60))),
  action: InteractiveActionSchema,
});

/**
 * An interactive message: reply buttons, a list, a call-to-action URL, a location request, a Flow, a product, a
 * product list or the catalog.
 */
export const InteractiveMessageSchema = interactiveShape.check(z.superRefine(checkInteractive));

/** A reaction to a received or sent message; an empty `emoji` removes the reaction. */
export const ReactionMessageSchema = z.strictObject({
  ...base,
  type: z.literal('reaction'),
  messageId: nonEmpty,
  emoji: z.string().check(z.maxLength(16)),
});

const optionalString = z.optional(z.string());

/** One contact card. */
export const ContactSchema = z.strictObject({
  name: z.strictObject({
    formattedName: nonEmpty,
    firstName: optionalString,
    lastName: optionalString,
  }),
  phones: z.optional(
    z.array(z.strictObject({ phone: nonEmpty, type: optionalString, waId: optionalString })),
  ),
  emails: z.optional(z.array(z.strictObject({ email: nonEmpty, type: optionalString }))),
  organization: z.optional(z.strictObject({ company: optionalString, title: optionalString })),
  urls: z.optional(z.array(z.strictObject({ url: nonEmpty, type: optionalString }))),
});

/** One or more contact cards. */
export const ContactsMessageSchema = z.strictObject({
  ...base,
  type: z.literal('contacts'),
  contacts: z.array(ContactSchema).check(z.minLength(1)),
});

/** Every outbound message, discriminated on `type`. */
export const OutboundMessageSchema = z.discriminatedUnion('type', [
  TextMessageSchema,
  ImageMessageSchema,
  VideoMessageSchema,
  AudioMessageSchema,
  DocumentMessageSchema,
  StickerMessageSchema,
  LocationMessageSchema,
  TemplateMessageSchema,
  InteractiveMessageSchema,
  ReactionMessageSchema,
  ContactsMessageSchema,
]);

/** A plain text message. */
export type TextMessage = z.infer<typeof TextMessageSchema>;
/** An image message. */
export type ImageMessage = z.infer<typeof ImageMessageSchema>;
/** A video message. */
export type VideoMessage = z.infer<typeof VideoMessageSchema>;
/** An audio message. */
export type AudioMessage = z.infer<typeof AudioMessageSchema>;
/** A document message. */
export type DocumentMessage = z.infer<typeof DocumentMessageSchema>;
/** A sticker message. */
export type StickerMessage = z.infer<typeof StickerMessageSchema>;
/** Any media message. */
export type MediaMessage = ImageMessage | VideoMessage | AudioMessage | DocumentMessage | StickerMessage;
/** A location message. */
export type LocationMessage = z.infer<typeof LocationMessageSchema>;
/** A template message (the `template` fields plus `to`). */
export type TemplateMessageInput = z.infer<typeof TemplateMessageSchema>;
/** The template part of a template message, as passed to `sendTemplate(to, template)`. */
export type TemplateMessage = z.infer<typeof TemplateFieldsSchema>;
/** A template header parameter. */
export type TemplateHeader = z.infer<typeof TemplateHeaderSchema>;
/** A template button parameter. */
export type TemplateButton = z.infer<typeof TemplateButtonSchema>;
/** A `currency` or `date_time` template body parameter. */
export type TemplateRichParameter = z.infer<typeof TemplateRichParameterSchema>;
/** One template body parameter value: text or a {@link TemplateRichParameter}. */
export type TemplateBodyValue = string | TemplateRichParameter;
/** One carousel card's send-time parameters. */
export type TemplateCard = z.infer<typeof TemplateCardSchema>;
/** An interactive message header. */
export type InteractiveHeader = z.infer<typeof InteractiveHeaderSchema>;
/** An interactive message. */
export type InteractiveMessage = z.infer<typeof InteractiveMessageSchema>;
/** What an interactive message offers. */
export type InteractiveAction = z.infer<typeof InteractiveActionSchema>;
/** A reaction message. */
export type ReactionMessage = z.infer<typeof ReactionMessageSchema>;
/** A contacts message. */
export type ContactsMessage = z.infer<typeof ContactsMessageSchema>;
/** One contact card. */
export type Contact = z.infer<typeof ContactSchema>;
/** Every outbound message, discriminated on `type`. */
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;
/** The message types of {@link OutboundMessage}. */
export type OutboundMessageType = OutboundMessage['type'];
/** An outbound message after validation: `to` is E.164 with `+` and `clientRef` is always set. */
export type PreparedMessage = OutboundMessage & { clientRef: string };

/**
 * Every outbound message type, in the order of {@link OutboundMessageSchema}'s options (read from the schema,
 * so a new message type is listed here the moment it joins the union). Providers build their `supports` sets
 * from it, leaving out what they cannot carry.
 *
 * @example
 * ```ts
 * const supports = new Set(OUTBOUND_MESSAGE_TYPES.filter((type) => type !== 'reaction'));
 * ```
 */
export const OUTBOUND_MESSAGE_TYPES: readonly OutboundMessageType[] = Object.freeze(
  OutboundMessageSchema.def.options.flatMap((option) => option.shape.type.def.values),
);
