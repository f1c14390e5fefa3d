/**
 * The neutral outbound message model: one zod schema per message type, a discriminated union on `type`, and
 * the types inferred from them. Providers map these to their wire formats; a provider that cannot carry a
 * type throws `UnsupportedMessageError` before any request.
 * @module
 */
import * as z from 'zod';

/** Meta's limit for a text message body. */
export const MAX_TEXT_LENGTH = 4096;
/** Meta's limit for a media caption. */
export const MAX_CAPTION_LENGTH = 1024;

const nonEmpty = z.string().min(1, 'must not be empty');

/** Fields every outbound message carries. */
const base = {
  /** Recipient, E.164 (`+447700900123`; the `+` is optional). */
  to: z.string().min(1, 'the recipient number is required'),
  /**
   * Your reference for this message (Vonage `client_ref`, Meta `biz_opaque_callback_data`); echoed in status
   * webhooks so duplicates and outcomes can be reconciled. Generated when absent.
   */
  clientRef: z.string().min(1).max(512).optional(),
  /** The id of a message to quote (reply to). */
  replyTo: nonEmpty.optional(),
};

/** A plain text message. */
export const TextMessageSchema = z.strictObject({
  ...base,
  type: z.literal('text'),
  text: z
    .string()
    .min(1, 'text must not be empty')
    .max(MAX_TEXT_LENGTH, `text is limited to ${MAX_TEXT_LENGTH} characters`),
  /** Render a preview of the first URL in the text. */
  previewUrl: z.boolean().optional(),
});

const mediaSource = {
  /** A public https URL the provider fetches. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** A media id previously uploaded to the provider. */
  mediaId: nonEmpty.optional(),
};
const exactlyOneSource = (m: { url?: string | undefined; mediaId?: string | undefined }) =>
  (m.url === undefined) !== (m.mediaId === undefined);
const sourceMessage = { message: 'give exactly one of url or mediaId', path: ['url'] };

const caption = z
  .string()
  .max(MAX_CAPTION_LENGTH, `caption is limited to ${MAX_CAPTION_LENGTH} characters`)
  .optional();

/** An image (JPEG or PNG). */
export const ImageMessageSchema = z
  .strictObject({ ...base, type: z.literal('image'), ...mediaSource, caption })
  .refine(exactlyOneSource, sourceMessage);
/** A video (MP4, 3GPP). */
export const VideoMessageSchema = z
  .strictObject({ ...base, type: z.literal('video'), ...mediaSource, caption })
  .refine(exactlyOneSource, sourceMessage);
/** An audio file or voice note. Audio has no caption on WhatsApp. */
export const AudioMessageSchema = z
  .strictObject({ ...base, type: z.literal('audio'), ...mediaSource })
  .refine(exactlyOneSource, sourceMessage);
/** A document (PDF and others) with an optional file name shown to the user. */
export const DocumentMessageSchema = z
  .strictObject({
    ...base,
    type: z.literal('document'),
    ...mediaSource,
    caption,
    filename: nonEmpty.max(240).optional(),
  })
  .refine(exactlyOneSource, sourceMessage);
/** A sticker (WebP). Stickers have no caption. */
export const StickerMessageSchema = z
  .strictObject({ ...base, type: z.literal('sticker'), ...mediaSource })
  .refine(exactlyOneSource, sourceMessage);

/** A map pin. */
export const LocationMessageSchema = z.strictObject({
  ...base,
  type: z.literal('location'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: nonEmpty.optional(),
  address: nonEmpty.optional(),
});

/** Template header parameter: text, media or location. */
export const TemplateHeaderSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: nonEmpty }),
  z
    .strictObject({
      type: z.enum(['image', 'video', 'document']),
      url: z.url({ protocol: /^https?$/ }).optional(),
      mediaId: nonEmpty.optional(),
      filename: nonEmpty.optional(),
    })
    .refine(exactlyOneSource, sourceMessage),
  z.strictObject({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: nonEmpty.optional(),
    address: nonEmpty.optional(),
  }),
]);

/** Template button parameter, addressed by the button's 0-based `index` in the template. */
export const TemplateButtonSchema = z.discriminatedUnion('type', [
  z.strictObject({
    index: z.number().int().min(0).max(9),
    type: z.literal('quick_reply'),
    payload: nonEmpty,
  }),
  z.strictObject({ index: z.number().int().min(0).max(9), type: z.literal('url'), text: nonEmpty }),
  z.strictObject({
    index: z.number().int().min(0).max(9),
    type: z.literal('copy_code'),
    code: nonEmpty.max(15),
  }),
]);

/** The template part of a template message: which template, in which language, with which parameters. */
export const TemplateFieldsSchema = z.strictObject({
  /** The template name as approved (Gupshup: the template id). */
  name: nonEmpty,
  /** Language code of the approved translation, e.g. `en_US`, `en`. */
  language: nonEmpty,
  /** Vonage v0.1 legacy templates: the WhatsApp namespace, sent as `namespace:name`. */
  namespace: nonEmpty.optional(),
  header: TemplateHeaderSchema.optional(),
  /** Body parameters: positional (`{{1}}`, `{{2}}`, ...) as an array, or named (`{{first_name}}`) as a record. */
  body: z
    .union([
      z.array(z.string()),
      z.record(z.string().regex(/^[a-z0-9_]+$/, 'named parameters are [a-z0-9_]'), z.string()),
    ])
    .optional(),
  buttons: z.array(TemplateButtonSchema).max(10).optional(),
});

/** A pre-approved template message: the only kind that may open a conversation outside the 24 h window. */
export const TemplateMessageSchema = z.strictObject({
  ...base,
  type: z.literal('template'),
  ...TemplateFieldsSchema.shape,
});

const replyButton = z.strictObject({
  id: nonEmpty.max(256),
  title: nonEmpty.max(20, 'button titles are limited to 20 characters'),
});
const listRow = z.strictObject({
  id: nonEmpty.max(200),
  title: nonEmpty.max(24, 'row titles are limited to 24 characters'),
  description: z.string().max(72).optional(),
});

/** What an interactive message offers: reply buttons, a list, or a call-to-action URL button. */
export const InteractiveActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('buttons'),
    buttons: z.array(replyButton).min(1).max(3, 'at most 3 reply buttons'),
  }),
  z.strictObject({
    type: z.literal('list'),
    /** The label of the button that opens the list. */
    button: nonEmpty.max(20),
    sections: z
      .array(z.strictObject({ title: z.string().max(24).optional(), rows: z.array(listRow).min(1).max(10) }))
      .min(1)
      .max(10),
  }),
  z.strictObject({
    type: z.literal('cta_url'),
    displayText: nonEmpty.max(20),
    url: z.url({ protocol: /^https?$/ }),
  }),
]);

/** An interactive message: reply buttons, a list, or a call-to-action URL. */
export const InteractiveMessageSchema = z.strictObject({
  ...base,
  type: z.literal('interactive'),
  header: z.strictObject({ type: z.literal('text'), text: nonEmpty.max(60) }).optional(),
  body: nonEmpty.max(1024),
  footer: nonEmpty.max(60).optional(),
  action: InteractiveActionSchema,
});

/** A reaction to a received or sent message; an empty `emoji` removes the reaction. */
export const ReactionMessageSchema = z.strictObject({
  ...base,
  type: z.literal('reaction'),
  messageId: nonEmpty,
  emoji: z.string().max(16),
});

/** One contact card. */
export const ContactSchema = z.strictObject({
  name: z.strictObject({
    formattedName: nonEmpty,
    firstName: z.string().optional(),
    lastName: z.string().optional(),
  }),
  phones: z
    .array(z.strictObject({ phone: nonEmpty, type: z.string().optional(), waId: z.string().optional() }))
    .optional(),
  emails: z.array(z.strictObject({ email: nonEmpty, type: z.string().optional() })).optional(),
  organization: z.strictObject({ company: z.string().optional(), title: z.string().optional() }).optional(),
  urls: z.array(z.strictObject({ url: nonEmpty, type: z.string().optional() })).optional(),
});

/** One or more contact cards. */
export const ContactsMessageSchema = z.strictObject({
  ...base,
  type: z.literal('contacts'),
  contacts: z.array(ContactSchema).min(1),
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
  OutboundMessageSchema.options.map((option) => option.shape.type.value),
);
