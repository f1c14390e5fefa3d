/**
 * Inbound content that Vonage's v0.1 and v1 webhooks carry the same way: text, media and location. Only where the
 * content sits differs (v0.1 `message.content`, v1 the payload itself), so each parser passes the container.
 * @module
 */
import type { InboundMessageType, MessageEvent } from '../../core/webhook-event.js';
import { asRecord, compact, compactOrUndefined, num, str, strOrEmpty } from './util.js';

/** Vonage media content types and the neutral type each becomes (`file` is a document). */
const MEDIA: Readonly<Record<string, InboundMessageType>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'document',
  sticker: 'sticker',
};

/** The neutral type and fields of one decoded content. */
export interface VonageContent {
  type: InboundMessageType;
  event: Partial<MessageEvent>;
}

/**
 * Decodes `text`, the media types and `location` from `container` (the object holding `text` and the field named
 * after the declared type). Returns `undefined` for any other type, which each version handles itself.
 * Coordinates are read as `lat`/`long` or `latitude`/`longitude`, strings or numbers (both spellings appear in
 * Vonage's documents and SDKs).
 */
export function decodeVonageContent(
  declared: string,
  container: Record<string, unknown>,
): VonageContent | undefined {
  const inner = asRecord(container[declared]);
  if (declared === 'text') return { type: 'text', event: { text: strOrEmpty(container.text) } };
  if (Object.hasOwn(MEDIA, declared)) {
    const media = compactOrUndefined({
      url: str(inner?.url),
      caption: str(inner?.caption),
      filename: str(inner?.name),
    });
    return { type: MEDIA[declared] ?? 'document', event: compact({ media, text: media?.caption }) };
  }
  if (declared === 'location') {
    const latitude = num(inner?.lat ?? inner?.latitude);
    const longitude = num(inner?.long ?? inner?.longitude);
    const location =
      latitude !== undefined && longitude !== undefined
        ? compact({ latitude, longitude, name: str(inner?.name), address: str(inner?.address) })
        : undefined;
    return { type: 'location', event: location ? { location } : {} };
  }
  return undefined;
}
