/**
 * Neutral {@link PreparedMessage} -> Vonage Messages API request body, for v1 (`POST /v1/messages`, flat) and
 * v0.1 (`POST /v0.1/messages`, nested `from`/`to`/`message.content`). Pure functions: no I/O, no clock.
 *
 * What each message becomes:
 * - text, image, video, audio, document (`file`), sticker (v1), reaction (v1): native Vonage types.
 * - location, interactive (buttons, list, CTA URL, location request, Flow, product, product list, catalog, media
 *   headers), contacts, and a text with `previewUrl: true`: `custom`, the
 *   WhatsApp object passed through (https://developer.vonage.com/messages/concepts/custom-objects).
 * - template — **the rule**: a template whose parameters are only positional body strings (no header, no
 *   buttons, no named or `currency` / `date_time` parameters, no offer or carousel) goes as Vonage's `template` type (`name` = `namespace:name` when a namespace
 *   is given, `parameters` = the strings, `whatsapp: { policy: 'deterministic', locale }`). Anything richer —
 *   a media/text/location header, quick-reply/URL/copy-code/Flow/catalog buttons, named or typed parameters, a
 *   limited-time offer or carousel cards — goes as `custom`
 *   with full WhatsApp `components`, which is what media and authentication templates need (Vonage's simple
 *   template type cannot carry them: vonage-node-sdk issues #863, #902).
 *
 * Sources: Messages API v1 and v0.1 OpenAPI (https://developer.vonage.com/en/api/messages), Vonage code
 * snippets (`messages/whatsapp/*`), Meta's message object reference for the `custom` payloads
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages).
 * @module
 */

import { UnsupportedMessageError, ValidationError } from '../../core/errors.js';
import { isBsuid } from '../../core/identity.js';
import {
  type ContactsMessage,
  type InteractiveMessage,
  type LocationMessage,
  OUTBOUND_MESSAGE_TYPES,
  type OutboundMessageType,
  type PreparedMessage,
  type TemplateMessage,
} from '../../core/message.js';
import { interactiveObject } from '../../core/whatsapp-interactive.js';
import { contactObject, locationObject } from '../../core/whatsapp-objects.js';
import { templateObject } from '../../core/whatsapp-template.js';
import type { NexmoApiVersion } from './config.js';

/** Vonage's limit for `client_ref` (Messages API v1, error 1450: "up to 40 characters"). */
export const NEXMO_MAX_CLIENT_REF = 40;

/** Message types each API version can carry. v0.1 has no sticker or reaction type and no reply context. */
export const NEXMO_SUPPORTS: Readonly<Record<NexmoApiVersion, ReadonlySet<OutboundMessageType>>> = {
  v1: new Set(OUTBOUND_MESSAGE_TYPES),
  'v0.1': new Set(OUTBOUND_MESSAGE_TYPES.filter((type) => type !== 'sticker' && type !== 'reaction')),
};

/** A JSON object body. */
export type NexmoBody = Record<string, unknown>;

/** Options of {@link toNexmoBody}. */
export interface NexmoWireOptions {
  /** The sender, digits only. */
  from: string;
  /** Which body shape to build. */
  apiVersion: NexmoApiVersion;
}

/** Whether a template goes as Vonage's simple `template` type (see the module docs for the rule). */
export function isSimpleTemplate(t: TemplateMessage): boolean {
  return (
    t.header === undefined &&
    (t.buttons?.length ?? 0) === 0 &&
    t.limitedTimeOffer === undefined &&
    t.cards === undefined &&
    (t.body === undefined || (Array.isArray(t.body) && t.body.every((v) => typeof v === 'string')))
  );
}

function invalid(message: string, path: (string | number)[], code = 'nexmo.invalid'): never {
  throw new ValidationError(message, { provider: 'nexmo', issues: [{ code, path, message }] });
}

function checkClientRef(ref: string): void {
  if (ref.length > NEXMO_MAX_CLIENT_REF)
    invalid(
      `clientRef is ${ref.length} characters; Vonage accepts at most ${NEXMO_MAX_CLIENT_REF}. Use a shorter reference (a UUID fits).`,
      ['clientRef'],
      'nexmo.client_ref_too_long',
    );
}

function mediaUrl(m: { url?: string | undefined; mediaId?: string | undefined; type: string }): string {
  if (m.url === undefined)
    invalid(
      `Vonage sends ${m.type} messages by URL; mediaId is not supported for ${m.type}. Pass a public https url.`,
      ['mediaId'],
      'nexmo.media_id_unsupported',
    );
  return m.url;
}

const omitUndefined = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

// ---- WhatsApp objects carried by `custom` ----
// `custom` carries a WhatsApp Cloud API message object, so these wrap the Cloud API's own builders.

/** The WhatsApp location object. */
export function customLocation(
  m: Pick<LocationMessage, 'latitude' | 'longitude' | 'name' | 'address'>,
): NexmoBody {
  return { type: 'location', location: locationObject(m) };
}

/** The WhatsApp interactive object (reply buttons, list, CTA URL). */
export function customInteractive(m: InteractiveMessage): NexmoBody {
  return { type: 'interactive', interactive: interactiveObject(m) };
}

/** The WhatsApp contacts object. */
export function customContacts(m: ContactsMessage): NexmoBody {
  return { type: 'contacts', contacts: m.contacts.map(contactObject) };
}

/**
 * The WhatsApp template object with full `components` (header, body, buttons). Two Vonage-only differences from
 * the Cloud API object: `namespace` is kept (Vonage's legacy templates name it), and `components` is always
 * sent, empty when there is nothing to fill (a template with an empty named `body`).
 */
export function customTemplate(t: TemplateMessage): NexmoBody {
  const template = templateObject(t);
  return {
    type: 'template',
    template: omitUndefined({ namespace: t.namespace, ...template, components: template.components ?? [] }),
  };
}

function templateName(t: TemplateMessage): string {
  return t.namespace ? `${t.namespace}:${t.name}` : t.name;
}

// ---- v1 ----

/** Builds the `POST /v1/messages` body. Throws {@link ValidationError} for what Vonage cannot carry. */
export function toNexmoV1(m: PreparedMessage, from: string): NexmoBody {
  checkClientRef(m.clientRef);
  const base = { to: m.to.replace(/^\+/, ''), from, channel: 'whatsapp', client_ref: m.clientRef };
  const context = m.replyTo !== undefined ? { context: { message_uuid: m.replyTo } } : {};
  const custom = (object: NexmoBody): NexmoBody => ({
    ...base,
    message_type: 'custom',
    custom: object,
    ...context,
  });
  switch (m.type) {
    case 'text':
      if (m.previewUrl === true) return custom({ type: 'text', text: { body: m.text, preview_url: true } });
      return { ...base, message_type: 'text', text: m.text, ...context };
    case 'image':
    case 'video':
      return {
        ...base,
        message_type: m.type,
        [m.type]: omitUndefined({ url: mediaUrl(m), caption: m.caption }),
        ...context,
      };
    case 'audio':
      return { ...base, message_type: 'audio', audio: { url: mediaUrl(m) }, ...context };
    case 'document':
      return {
        ...base,
        message_type: 'file',
        file: omitUndefined({ url: mediaUrl(m), caption: m.caption, name: m.filename }),
        ...context,
      };
    case 'sticker':
      return {
        ...base,
        message_type: 'sticker',
        sticker: m.url !== undefined ? { url: m.url } : { id: m.mediaId },
        ...context,
      };
    case 'location':
      return custom(customLocation(m));
    case 'interactive':
      return custom(customInteractive(m));
    case 'contacts':
      return custom(customContacts(m));
    case 'reaction':
      return {
        ...base,
        message_type: 'reaction',
        reaction: m.emoji === '' ? { action: 'unreact' } : { action: 'react', emoji: m.emoji },
        context: { message_uuid: m.messageId },
      };
    case 'template': {
      if (!isSimpleTemplate(m)) return custom(customTemplate(m));
      return {
        ...base,
        message_type: 'template',
        template: omitUndefined({ name: templateName(m), parameters: m.body as string[] | undefined }),
        whatsapp: { policy: 'deterministic', locale: m.language },
        ...context,
      };
    }
  }
}

// ---- v0.1 ----

/** Builds the `POST /v0.1/messages` body. Throws for what v0.1 cannot carry (stickers, reactions, reply context). */
export function toNexmoV01(m: PreparedMessage, from: string): NexmoBody {
  checkClientRef(m.clientRef);
  if (isBsuid(m.to))
    // Only v1 documents a BSUID in `to`: https://developer.vonage.com/en/messages/guides/handling-whatsapp-usernames-and-bsuids
    throw new UnsupportedMessageError(
      "Vonage Messages API v0.1 cannot send to a business-scoped user id (BSUID); set apiVersion: 'v1', whose `to` takes one, or send to the user's phone number.",
      { provider: 'nexmo', messageType: m.type },
    );
  if (m.type === 'sticker' || m.type === 'reaction')
    throw new UnsupportedMessageError(
      `Vonage Messages API v0.1 cannot send "${m.type}" messages; set apiVersion: 'v1'.`,
      { provider: 'nexmo', messageType: m.type },
    );
  if (m.replyTo !== undefined)
    invalid(
      "Vonage Messages API v0.1 has no reply context; remove replyTo or set apiVersion: 'v1'.",
      ['replyTo'],
      'nexmo.reply_unsupported',
    );
  const envelope = (content: NexmoBody, whatsapp?: NexmoBody): NexmoBody => ({
    from: { type: 'whatsapp', number: from },
    to: { type: 'whatsapp', number: m.to.replace(/^\+/, '') },
    message: whatsapp ? { content, whatsapp } : { content },
    client_ref: m.clientRef,
  });
  const custom = (object: NexmoBody) => envelope({ type: 'custom', custom: object });
  switch (m.type) {
    case 'text':
      if (m.previewUrl === true) return custom({ type: 'text', text: { body: m.text, preview_url: true } });
      return envelope({ type: 'text', text: m.text });
    case 'image':
    case 'video':
      return envelope({ type: m.type, [m.type]: omitUndefined({ url: mediaUrl(m), caption: m.caption }) });
    case 'audio':
      return envelope({ type: 'audio', audio: { url: mediaUrl(m) } });
    case 'document':
      // v0.1 `file` has no file name; a named document goes as the WhatsApp document object.
      if (m.filename !== undefined)
        return custom({
          type: 'document',
          document: omitUndefined({ link: mediaUrl(m), filename: m.filename, caption: m.caption }),
        });
      return envelope({ type: 'file', file: omitUndefined({ url: mediaUrl(m), caption: m.caption }) });
    case 'location':
      return custom(customLocation(m));
    case 'interactive':
      return custom(customInteractive(m));
    case 'contacts':
      return custom(customContacts(m));
    case 'template': {
      if (!isSimpleTemplate(m)) return custom(customTemplate(m));
      // SPEC-v0.1: `locale` is BCP 47 (`en-GB`), which Vonage translates to WhatsApp's `en_GB`.
      return envelope(
        {
          type: 'template',
          template: omitUndefined({ name: templateName(m), parameters: m.body as string[] | undefined }),
        },
        { policy: 'deterministic', locale: m.language.replace(/_/g, '-') },
      );
    }
  }
}

/** Builds the request body for the configured API version. */
export function toNexmoBody(m: PreparedMessage, options: NexmoWireOptions): NexmoBody {
  return options.apiVersion === 'v1' ? toNexmoV1(m, options.from) : toNexmoV01(m, options.from);
}
