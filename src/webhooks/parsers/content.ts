/**
 * Builders for the decoded content of an inbound message, shared by the wire-format parsers: each parser reads
 * its own field names, and the neutral type and fields it yields (text, media, location, a reply, a reaction) are
 * put together the same way for every format here.
 * @module
 */
import type { InboundMessageType, MessageEvent } from '../../core/webhook-event.js';
import { compact, compactOrUndefined, num, str } from './util.js';

/**
 * The neutral type and content fields of one decoded message, in the order of the event type: parsers spread
 * `event` into the message event (it holds only what these builders put in it, never payload data), whose
 * undefined fields are dropped with the event's.
 */
export interface DecodedContent {
  type: InboundMessageType;
  event: Partial<
    Pick<MessageEvent, 'text' | 'media' | 'location' | 'reply' | 'reaction' | 'contacts' | 'order'>
  >;
}

/** A text message. */
export function textContent(text: string | undefined): DecodedContent {
  return { type: 'text', event: { text } };
}

/** A media message of `type`: the defined fields of `media` (none: no media), its caption as the text. */
export function mediaContent(
  type: InboundMessageType,
  media: NonNullable<MessageEvent['media']> | Record<string, string | number | Date | undefined>,
): DecodedContent {
  const fields = compactOrUndefined(media) as MessageEvent['media'];
  return { type, event: { text: fields?.caption, media: fields } };
}

/**
 * A location message: its coordinates (numbers or numeric strings; the location is left out unless both read)
 * with the place's `name` and `address`.
 */
export function locationContent(
  latitude: unknown,
  longitude: unknown,
  place: Record<string, unknown> | undefined,
): DecodedContent {
  const lat = num(latitude);
  const long = num(longitude);
  const location =
    lat !== undefined && long !== undefined
      ? compact({ latitude: lat, longitude: long, name: str(place?.name), address: str(place?.address) })
      : undefined;
  return { type: 'location', event: { location } };
}

/** A reply (button, list, quick reply, flow): its defined fields, its title as the text. */
export function replyContent(reply: {
  id?: string | undefined;
  title?: string | undefined;
  payload?: string | undefined;
  response?: Record<string, unknown> | undefined;
}): DecodedContent {
  const fields = compact(reply);
  return { type: 'reply', event: { text: fields.title, reply: fields } };
}

/** A reaction to `messageId` (`''` when the emoji was removed); without a message id, a reaction to nothing known. */
export function reactionContent(emoji: string | undefined, messageId: string | undefined): DecodedContent {
  return { type: 'reaction', event: messageId ? { reaction: { emoji: emoji ?? '', messageId } } : {} };
}
