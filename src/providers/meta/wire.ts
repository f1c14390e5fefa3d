/**
 * The neutral message -> WhatsApp Cloud API request body mapping (`POST /{phoneNumberId}/messages`), and the
 * send-response parser. Pure functions: no I/O, no config. `MetaCloudClient` and `CleverTapClient` (CleverTap
 * BSP numbers run on the Cloud API) both send with it. The WhatsApp objects inside a message (`template`,
 * `interactive`, contact cards...) come from `core/whatsapp-objects`, `core/whatsapp-interactive` and
 * `core/whatsapp-template`, which Vonage and Gupshup share. Source:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages.
 * @module
 */
import { isBsuid } from '../../core/identity.js';
import type { PreparedMessage } from '../../core/message.js';
import { interactiveObject } from '../../core/whatsapp-interactive.js';
import {
  type CloudApiBody,
  contactObject,
  locationObject,
  mediaObject,
  omitUndefined,
} from '../../core/whatsapp-objects.js';
import { templateObject } from '../../core/whatsapp-template.js';

/** What {@link toCloudApiMessage} maps: a prepared neutral message (templates with their rich parameters). */
export type CloudApiOutbound = PreparedMessage;

/** Recipient as the Cloud API's `wa_id` spells it: international digits, no `+`. */
export function toWaId(to: string): string {
  return to.replace(/^\+/, '');
}

function typeObject(message: CloudApiOutbound): CloudApiBody {
  switch (message.type) {
    case 'text':
      return omitUndefined({ body: message.text, preview_url: message.previewUrl });
    case 'image':
    case 'video':
      return omitUndefined({ ...mediaObject(message), caption: message.caption });
    case 'document':
      return omitUndefined({ ...mediaObject(message), caption: message.caption, filename: message.filename });
    case 'audio':
    case 'sticker':
      return mediaObject(message);
    case 'location':
      return locationObject(message);
    case 'reaction':
      return { message_id: message.messageId, emoji: message.emoji };
    case 'interactive':
      return interactiveObject(message);
    case 'template':
      return templateObject(message);
    case 'contacts':
      // The Cloud API names the array after the type: `"contacts": [ ... ]`.
      return { list: message.contacts.map(contactObject) };
  }
}

/**
 * Maps a prepared message to the `POST /{phoneNumberId}/messages` body: the common envelope
 * (`messaging_product`, `recipient_type`, `to` as digits, `type`), the object named after the type, `context`
 * when the message replies to another, and `biz_opaque_callback_data` carrying `clientRef` (echoed back in
 * status webhooks).
 *
 * @example
 * ```ts
 * toCloudApiMessage({ type: 'text', to: '+447700900123', text: 'Hi', clientRef: 'order-42' });
 * // { messaging_product: 'whatsapp', recipient_type: 'individual', to: '447700900123', type: 'text',
 * //   text: { body: 'Hi' }, biz_opaque_callback_data: 'order-42' }
 * ```
 */
export function toCloudApiMessage(message: CloudApiOutbound): CloudApiBody {
  const object = typeObject(message);
  // A business-scoped user id goes in `recipient`, never in `to` (which would take precedence over it):
  // https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
  // (and https://dualhook.com/docs/contacts-bsuid-api-changes: "Use recipient to send to a BSUID or parent BSUID").
  const address = isBsuid(message.to) ? { recipient: message.to } : { to: toWaId(message.to) };
  const body: CloudApiBody = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...address,
    type: message.type,
    [message.type]: message.type === 'contacts' ? object.list : object,
  };
  if (message.replyTo !== undefined) body.context = { message_id: message.replyTo };
  body.biz_opaque_callback_data = message.clientRef;
  return body;
}

/**
 * The body that marks an inbound message as read (`POST /{phoneNumberId}/messages`), with a typing indicator when
 * `typing` is set (`typing_indicator: { type: "text" }`: shown until the reply or for up to 25 s). Source:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/typing-indicators
 */
export function markAsReadBody(messageId: string, typing = false): CloudApiBody {
  const body: CloudApiBody = { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
  if (typing) body.typing_indicator = { type: 'text' };
  return body;
}

/** `messages[].message_status` of a send response. */
export type CloudApiMessageStatus = 'accepted' | 'held_for_quality_assessment' | 'paused' | (string & {});

/** What a send response says, when it says it. */
export interface CloudApiSendResponse {
  /** The `wamid` of the message; status webhooks refer to it. */
  messageId: string | undefined;
  /** `contacts[0].wa_id`: the recipient as WhatsApp knows them. */
  waId: string | undefined;
  /** `contacts[0].user_id`: the business-scoped user id, when Meta returns one. */
  userId: string | undefined;
  /** `messages[0].message_status`, when present. */
  messageStatus: CloudApiMessageStatus | undefined;
}

/**
 * Reads `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id, message_status? }] }`. Tolerant: a
 * missing field is `undefined`, never an exception.
 */
export function parseCloudApiSendResponse(body: unknown): CloudApiSendResponse {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const first = (v: unknown): Record<string, unknown> =>
    Array.isArray(v) && typeof v[0] === 'object' && v[0] !== null ? (v[0] as Record<string, unknown>) : {};
  const message = first(b.messages);
  const contact = first(b.contacts);
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return {
    messageId: str(message.id),
    waId: str(contact.wa_id),
    userId: str(contact.user_id),
    messageStatus: str(message.message_status),
  };
}
