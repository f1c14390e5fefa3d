/**
 * Inbound content that Vonage's v0.1 and v1 webhooks carry the same way: text, media and location. Only where the
 * content sits differs (v0.1 `message.content`, v1 the payload itself), so each parser passes the container.
 * @module
 */
import type { InboundMessageType } from '../../core/webhook-event.js';
import { type DecodedContent, locationContent, mediaContent, textContent } from './content.js';
import { asRecord, str, strOrEmpty } from './util.js';

/** Vonage media content types and the neutral type each becomes (`file` is a document). */
const MEDIA: Readonly<Record<string, InboundMessageType>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'document',
  sticker: 'sticker',
};

/**
 * Decodes `text`, the media types and `location` from `container` (the object holding `text` and the field named
 * after the declared type). Returns `undefined` for any other type, which each version handles itself.
 * Coordinates are read as `lat`/`long` or `latitude`/`longitude`, strings or numbers (both spellings appear in
 * Vonage's documents and SDKs).
 */
export function decodeVonageContent(
  declared: string,
  container: Record<string, unknown>,
): DecodedContent | undefined {
  const inner = asRecord(container[declared]);
  if (declared === 'text') return textContent(strOrEmpty(container.text));
  if (Object.hasOwn(MEDIA, declared)) {
    return mediaContent(MEDIA[declared] ?? 'document', {
      url: str(inner?.url),
      caption: str(inner?.caption),
      filename: str(inner?.name),
    });
  }
  if (declared === 'location') {
    return locationContent(inner?.lat ?? inner?.latitude, inner?.long ?? inner?.longitude, inner);
  }
  return undefined;
}
