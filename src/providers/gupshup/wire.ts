/**
 * Neutral {@link PreparedMessage} -> Gupshup form request. Pure functions: no I/O, no clock.
 *
 * Session messages go to `POST /wa/api/v1/msg`, templates to `POST /wa/api/v1/template/msg`, both
 * `application/x-www-form-urlencoded` with `channel=whatsapp`, `source`, `destination`, `src.name`, and the
 * `message` / `template` / `postbackTexts` objects as JSON strings inside form fields.
 *
 * Mapping (Gupshup session types, https://docs.gupshup.io/docs/session-messages and the reference pages):
 * - text `{type:'text', text}` (+ `disablePreview` from `previewUrl`); image `{originalUrl, previewUrl, caption}`
 *   or `{id, caption}`; video `{url, caption}` or `{id}`; document -> `file` `{url, filename, caption}` (the file
 *   name defaults to the URL's last path segment); audio `{url}` or `{id}`; sticker `{url}`; location with string
 *   coordinates; contacts -> `contact` (one card per message).
 * - interactive buttons -> `quick_reply` (`msgid` = clientRef, `content`, `options[].postbackText` = button id);
 *   list -> `list` (`globalButtons`, `items[].options[].postbackText` = row id; `encode=true` when it holds emoji).
 *   Call-to-action URL messages have no Gupshup session type and are refused.
 * - reply context: `context: { msgId }` inside `message`.
 * - templates: by Gupshup template **id** (`name` is the id; `language` is ignored: the id fixes it),
 *   `params` = header text parameter, then body parameters, then URL-button parameters in button order (the
 *   order placeholders occur in the template); a media or location header goes in `message`; quick-reply
 *   payloads go in `postbackTexts` (`[{index, text}]`, 0-based).
 * @module
 */

import { UnsupportedMessageError, ValidationError } from '../../core/errors.js';
import { isBsuid } from '../../core/identity.js';
import {
  type ContactsMessage,
  type InteractiveMessage,
  OUTBOUND_MESSAGE_TYPES,
  type OutboundMessageType,
  type PreparedMessage,
  type TemplateBodyValue,
  type TemplateCard,
  type TemplateMessageInput,
} from '../../core/message.js';
import { contactObject } from '../../core/whatsapp-objects.js';
import { headerParameter } from '../../core/whatsapp-template.js';

/** Session message endpoint. */
export const GUPSHUP_MSG_PATH = '/wa/api/v1/msg';
/** Template message endpoint. */
export const GUPSHUP_TEMPLATE_PATH = '/wa/api/v1/template/msg';

/** Message types Gupshup can carry. Reactions have no Gupshup session type. */
export const GUPSHUP_SUPPORTS: ReadonlySet<OutboundMessageType> = new Set(
  OUTBOUND_MESSAGE_TYPES.filter((type) => type !== 'reaction'),
);

/**
 * A Gupshup request: the path and the form fields, JSON-valued fields already serialised.
 * @inline
 */
export interface GupshupRequest {
  /** `GUPSHUP_MSG_PATH` (session messages) or `GUPSHUP_TEMPLATE_PATH` (templates). */
  path: typeof GUPSHUP_MSG_PATH | typeof GUPSHUP_TEMPLATE_PATH;
  /** The form fields, `message` / `template` / `postbackTexts` as JSON strings. */
  form: Record<string, string>;
}

/** Options of {@link toGupshupRequest}. */
export interface GupshupWireOptions {
  /** The app's WhatsApp number, digits only. */
  source: string;
  /** The Gupshup app name (`src.name`). */
  appName: string;
}

/** A JSON object (a Gupshup `message` before serialisation). */
export type GupshupJson = Record<string, unknown>;

const omitUndefined = <T extends GupshupJson>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function invalid(message: string, path: (string | number)[], code: string): never {
  throw new ValidationError(message, { provider: 'gupshup', issues: [{ code, path, message }] });
}

const EMOJI = /\p{Extended_Pictographic}/u;

/** The last path segment of a URL, used as a document's file name when none is given. */
export function fileNameFromUrl(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    return segment ? decodeURIComponent(segment) : 'document';
  } catch {
    return 'document';
  }
}

function unsupported(message: string, messageType: 'interactive' | 'template'): never {
  throw new UnsupportedMessageError(message, { provider: 'gupshup', messageType });
}

/**
 * The `content` of a Gupshup `quick_reply`: text with an optional text `header`, or an image / video / file
 * (`url`, documents with a `filename`) with the body as `text`; the footer goes in `caption`.
 */
function quickReplyContent(m: InteractiveMessage): GupshupJson {
  const h = m.header;
  if (h === undefined || h.type === 'text')
    return omitUndefined({ type: 'text', header: h?.text, text: m.body, caption: m.footer });
  if (h.url === undefined)
    invalid(
      'Gupshup quick-reply messages take a media header by URL only; pass a public https url instead of mediaId.',
      ['header', 'mediaId'],
      'gupshup.media_id_unsupported',
    );
  return omitUndefined({
    type: h.type === 'document' ? 'file' : h.type,
    url: h.url,
    filename: h.type === 'document' ? (h.filename ?? fileNameFromUrl(h.url)) : undefined,
    text: m.body,
    caption: m.footer,
  });
}

const textObject = (text: string | undefined) => (text === undefined ? undefined : { text });

/**
 * The Gupshup session message for an interactive message:
 * - reply buttons -> `quick_reply` (https://docs.gupshup.io/reference/quick-replies), media headers included;
 * - list -> `list` (https://docs.gupshup.io/reference/post_wa-api-v1-msg-1). Gupshup's reference marks each
 *   row's `description` **required** (and the public client antirek/gupshup-api-client types it as a required
 *   string), while Meta's is optional; since Gupshup documents no default, a row without one is refused before
 *   the request (`gupshup.list_row_description_required`) rather than sent to an unverified outcome;
 * - product / product list / catalog -> `product_details` with `subType` `product`, `product_list` or
 *   `catalog_message` (https://docs.gupshup.io/docs/send-single-product-message,
 *   https://docs.gupshup.io/docs/send-multi-product-message, https://docs.gupshup.io/docs/send-catalog-message).
 * Call-to-action URL, Flow and location-request messages have no type on Gupshup's `/wa/api/v1/msg` (Gupshup
 * documents Flows and location requests on the partner v3 API only) and throw {@link UnsupportedMessageError}.
 */
export function interactiveMessage(m: InteractiveMessage & { clientRef: string }): GupshupJson {
  const a = m.action;
  switch (a.type) {
    case 'buttons':
      return {
        type: 'quick_reply',
        msgid: m.clientRef,
        content: quickReplyContent(m),
        options: a.buttons.map((b) => ({ type: 'text', title: b.title, postbackText: b.id })),
      };
    case 'list':
      a.sections.forEach((s, i) => {
        s.rows.forEach((r, j) => {
          if (r.description === undefined || r.description === '')
            invalid(
              `Gupshup requires a description on every list row (its list reference marks it required; Meta's is optional). Row "${r.id}" has none: give it a description (up to 72 characters), or send the list through a Meta Cloud API client.`,
              ['action', 'sections', i, 'rows', j, 'description'],
              'gupshup.list_row_description_required',
            );
        });
      });
      // `footer` is shown in Gupshup's list samples but not in the field table; it is sent only when given.
      return omitUndefined({
        type: 'list',
        title: m.header?.type === 'text' ? m.header.text : '',
        body: m.body,
        footer: m.footer,
        msgid: m.clientRef,
        globalButtons: [{ type: 'text', title: a.button }],
        items: a.sections.map((s) =>
          omitUndefined({
            title: s.title,
            options: s.rows.map((r) => ({
              type: 'text',
              title: r.title,
              description: r.description,
              postbackText: r.id,
            })),
          }),
        ),
      });
    case 'product':
      return omitUndefined({
        type: 'product_details',
        subType: 'product',
        catalogId: a.catalogId,
        productId: a.productRetailerId,
        body: textObject(m.body),
        footer: textObject(m.footer),
      });
    case 'product_list':
      return omitUndefined({
        type: 'product_details',
        subType: 'product_list',
        catalogId: a.catalogId,
        header: textObject(m.header?.type === 'text' ? m.header.text : undefined),
        body: textObject(m.body),
        footer: textObject(m.footer),
        sections: a.sections.map((s) =>
          omitUndefined({
            title: s.title,
            productList: s.productRetailerIds.map((id) => ({ productId: id })),
          }),
        ),
      });
    case 'catalog':
      return omitUndefined({
        type: 'product_details',
        subType: 'catalog_message',
        body: textObject(m.body),
        footer: textObject(m.footer),
        thumbnailId: a.thumbnailProductRetailerId,
      });
    case 'cta_url':
      return unsupported(
        'Gupshup has no session message type for call-to-action URL buttons; send the link in a text message or use an approved template with a URL button.',
        'interactive',
      );
    case 'flow':
      return unsupported(
        "Gupshup's /wa/api/v1/msg API documents no Flow message (Gupshup offers Flows on its partner v3 API only); send Flows through a Meta Cloud API client, or an approved template with a Flow button through Meta.",
        'interactive',
      );
    case 'location_request':
      return unsupported(
        "Gupshup's /wa/api/v1/msg API documents no location-request message (only its partner v3 API does); send it through a Meta Cloud API client, or ask for the location in a text message.",
        'interactive',
      );
  }
}

/** The Gupshup `contact` message (one card). */
export function contactMessage(m: ContactsMessage): GupshupJson {
  if (m.contacts.length !== 1)
    invalid(
      `Gupshup sends one contact card per message; got ${m.contacts.length}. Send one message per contact.`,
      ['contacts'],
      'gupshup.contacts_count',
    );
  return { type: 'contact', contact: contactObject(m.contacts[0]!) };
}

/** Builds the session `message` object for a non-template message. */
export function sessionMessage(m: Exclude<PreparedMessage, TemplateMessageInput>): GupshupJson {
  const context = m.replyTo !== undefined ? { context: { msgId: m.replyTo } } : {};
  const media = (o: GupshupJson): GupshupJson => ({ ...omitUndefined(o), ...context });
  switch (m.type) {
    case 'text':
      return { type: 'text', text: m.text, ...context };
    case 'image':
      return m.url !== undefined
        ? media({ type: 'image', originalUrl: m.url, previewUrl: m.url, caption: m.caption })
        : media({ type: 'image', id: m.mediaId, caption: m.caption });
    case 'video':
      return m.url !== undefined
        ? media({ type: 'video', url: m.url, caption: m.caption })
        : media({ type: 'video', id: m.mediaId, caption: m.caption });
    case 'audio':
      return m.url !== undefined
        ? media({ type: 'audio', url: m.url })
        : media({ type: 'audio', id: m.mediaId });
    case 'document':
      return m.url !== undefined
        ? media({
            type: 'file',
            url: m.url,
            filename: m.filename ?? fileNameFromUrl(m.url),
            caption: m.caption,
          })
        : media({
            type: 'file',
            id: m.mediaId,
            filename:
              m.filename ??
              invalid(
                'Gupshup needs a filename for a document sent by mediaId.',
                ['filename'],
                'gupshup.filename_required',
              ),
            caption: m.caption,
          });
    case 'sticker':
      if (m.url === undefined)
        invalid(
          'Gupshup sends stickers by URL only; pass a public https url.',
          ['mediaId'],
          'gupshup.media_id_unsupported',
        );
      return media({ type: 'sticker', url: m.url });
    case 'location':
      return media({
        type: 'location',
        longitude: String(m.longitude),
        latitude: String(m.latitude),
        name: m.name,
        address: m.address,
      });
    case 'contacts':
      return { ...contactMessage(m), ...context };
    case 'interactive':
      return { ...interactiveMessage(m), ...context };
    case 'reaction':
      throw new UnsupportedMessageError('Gupshup cannot send reactions.', {
        provider: 'gupshup',
        messageType: 'reaction',
      });
  }
}

/** A body value as Gupshup's positional `params` carry it: `currency` / `date_time` go as their fallback text. */
function paramText(value: TemplateBodyValue): string {
  return typeof value === 'string' ? value : value.fallbackValue;
}

/** A carousel's card media and the card parameters that join `params`, in order of appearance. */
function carouselFields(cards: TemplateCard[]): { params: string[]; message: GupshupJson } {
  const first = cards[0]?.header.type;
  const params: string[] = [];
  const media = cards.map((card, i) => {
    const h = card.header;
    if (h.type === 'product' || h.type !== first)
      unsupported(
        h.type === 'product'
          ? "Gupshup's template API documents media carousels only; send product-card carousels through a Meta Cloud API client."
          : `Carousel card ${i} has a ${h.type} header but card 0 has ${first}; every card of a carousel has the same header format.`,
        'template',
      );
    if (card.body !== undefined && !Array.isArray(card.body))
      invalid(
        'Gupshup fills template placeholders in order; pass card body parameters as an array.',
        ['cards', i, 'body'],
        'gupshup.named_params_unsupported',
      );
    for (const value of (card.body as TemplateBodyValue[] | undefined) ?? []) params.push(paramText(value));
    for (const b of [...(card.buttons ?? [])].sort((x, y) => x.index - y.index)) {
      if (b.type === 'quick_reply')
        unsupported(
          "Gupshup's template API documents no postback text for carousel card quick replies; leave the card payloads out (the button text comes back) or send through a Meta Cloud API client.",
          'template',
        );
      params.push(b.text);
    }
    return h.mediaId !== undefined ? { id: h.mediaId } : { link: h.url };
  });
  return { params, message: { type: 'carousel', cardHeaderType: String(first).toUpperCase(), cards: media } };
}

/**
 * The template fields (`template`, optional `message` and `postbackTexts`) of a template message
 * (https://docs.gupshup.io/docs/template-messages). `params` fill the placeholders in order of appearance: the
 * header text, the body (`currency` / `date_time` as their fallback text), URL-button suffixes and copy-code
 * values in button order (https://docs.gupshup.io/reference/sending-coupon-code-template: "params MUST include
 * the coupon code value in order"), then carousel card bodies and card URL suffixes
 * (https://docs.gupshup.io/reference/sending-carousel-template-1, card media in `message`), and a catalog or MPM
 * button's thumbnail product last (https://docs.gupshup.io/docs/catalog-template). A limited-time offer's expiry
 * goes in `template.expiration` and MPM sections in `template.mpm` as Gupshup's template-message reference shows
 * them (https://docs.gupshup.io/reference/post_partner-app-appid-template-msg-1; documented on the partner
 * variant, whose form fields are the self-serve ones). Flow buttons have no documented Gupshup parameter and
 * throw {@link UnsupportedMessageError}.
 */
export function templateFields(m: TemplateMessageInput): Record<string, string> {
  if (m.replyTo !== undefined)
    invalid(
      'Gupshup template messages cannot quote a message; remove replyTo.',
      ['replyTo'],
      'gupshup.reply_unsupported',
    );
  if (m.body !== undefined && !Array.isArray(m.body))
    invalid(
      'Gupshup fills template placeholders in order; pass body as an array of strings, not named parameters.',
      ['body'],
      'gupshup.named_params_unsupported',
    );
  const buttons = [...(m.buttons ?? [])].sort((a, b) => a.index - b.index);
  if (buttons.some((b) => b.type === 'flow'))
    unsupported(
      "Gupshup's template API documents no Flow button parameter; send this template through a Meta Cloud API client.",
      'template',
    );
  const params: string[] = [];
  const h = m.header;
  if (h?.type === 'text') params.push(h.text);
  for (const value of (m.body as TemplateBodyValue[] | undefined) ?? []) params.push(paramText(value));
  for (const b of buttons) {
    if (b.type === 'url') params.push(b.text);
    else if (b.type === 'copy_code') params.push(b.code);
  }
  const carousel = m.cards === undefined ? undefined : carouselFields(m.cards);
  if (carousel) for (const param of carousel.params) params.push(param);
  const template: GupshupJson = { id: m.name, params };
  for (const b of buttons) {
    if ((b.type === 'catalog' || b.type === 'mpm') && b.thumbnailProductRetailerId !== undefined)
      params.push(b.thumbnailProductRetailerId);
    if (b.type === 'mpm')
      template.mpm = {
        sections: b.sections.map((s) => ({ title: s.title, products: s.productRetailerIds })),
      };
  }
  if (m.limitedTimeOffer) template.expiration = m.limitedTimeOffer.expirationTimeMs;
  const form: Record<string, string> = { template: JSON.stringify(template) };
  if (h && h.type !== 'text') {
    // A media header is WhatsApp's header parameter as it stands; a location one keeps Gupshup's string
    // coordinates (as in its session location message), so it stays local.
    const header =
      h.type === 'location'
        ? {
            type: 'location',
            location: omitUndefined({
              longitude: String(h.longitude),
              latitude: String(h.latitude),
              name: h.name,
              address: h.address,
            }),
          }
        : headerParameter(h);
    form.message = JSON.stringify(header);
  } else if (carousel) {
    form.message = JSON.stringify(carousel.message);
  }
  const postbacks = buttons.flatMap((b) =>
    b.type === 'quick_reply' ? [{ index: b.index, text: b.payload }] : [],
  );
  if (postbacks.length > 0) form.postbackTexts = JSON.stringify(postbacks);
  return form;
}

/**
 * Builds the Gupshup request for a prepared message.
 *
 * @example
 * ```ts
 * const { path, form } = toGupshupRequest(prepared, { source: '917834811114', appName: 'DemoApp' });
 * // path '/wa/api/v1/msg'; form.message === '{"type":"text","text":"Hi"}'
 * ```
 */
export function toGupshupRequest(m: PreparedMessage, options: GupshupWireOptions): GupshupRequest {
  if (isBsuid(m.to))
    // Gupshup reports BSUIDs in webhooks (https://partner-docs.gupshup.io/docs/bsuid) but documents no way to send
    // to one on the self-serve API (`destination` is a phone number).
    throw new UnsupportedMessageError(
      "Gupshup's messaging API cannot send to a business-scoped user id (BSUID): `destination` must be the user's phone number. Send to the phone number (the webhook's `from`) instead.",
      { provider: 'gupshup', messageType: m.type },
    );
  const common = {
    channel: 'whatsapp',
    source: options.source,
    destination: m.to.replace(/^\+/, ''),
    'src.name': options.appName,
  };
  if (m.type === 'template')
    return { path: GUPSHUP_TEMPLATE_PATH, form: { ...common, ...templateFields(m) } };
  const message = sessionMessage(m);
  const form: Record<string, string> = { ...common, message: JSON.stringify(message) };
  if (m.type === 'text' && m.previewUrl !== undefined) form.disablePreview = String(!m.previewUrl);
  if (m.type === 'interactive' && message.type === 'list' && EMOJI.test(JSON.stringify(message)))
    form.encode = 'true';
  return { path: GUPSHUP_MSG_PATH, form };
}
