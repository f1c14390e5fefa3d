/**
 * `MessageEvent.media` carries `size`, `sha256` and `expiresAt` wherever a payload has them:
 * - Cloud API media objects: `sha256` (hex in the media endpoint, base64 in some webhook samples), `file_size`
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/media/media-api)
 * - Gupshup v2: `urlExpiry` in epoch ms (https://docs.gupshup.io/docs/media)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../src/index.js';
import { WebhookEventSchema } from '../../src/webhooks/event-schema.js';
import { parseWebhook } from '../../src/webhooks/index.js';

const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
const HEX = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

function metaImage(image: Record<string, unknown>) {
  const payload = fixture('meta/message-image.json');
  payload.entry[0].changes[0].value.messages[0].image = image;
  return payload;
}

describe('media fields in parsed events', () => {
  it('Cloud API: sha256 (hex or base64) becomes lower-case hex, file_size a number', () => {
    for (const sha256 of [HEX.toUpperCase(), Buffer.from(HEX, 'hex').toString('base64')]) {
      const [event] = parseWebhook(
        'meta',
        metaImage({ id: '1003', mime_type: 'image/jpeg', sha256, file_size: '303833' }),
      );
      expect((event as MessageEvent).media).toEqual({
        id: '1003',
        mimeType: 'image/jpeg',
        sha256: HEX,
        size: 303833,
      });
      expect(WebhookEventSchema.safeParse(event).success).toBe(true);
    }
  });

  it('Cloud API: a hash in neither form is left out, not passed on unchecked', () => {
    const [event] = parseWebhook('meta', fixture('meta/message-image.json'));
    expect((event as MessageEvent).media?.sha256).toBeUndefined();
  });

  it('Gupshup v2: urlExpiry becomes media.expiresAt', () => {
    const [event] = parseWebhook('gupshup', fixture('gupshup/v2-message-image.json'));
    expect((event as MessageEvent).media?.expiresAt).toEqual(new Date(1580832566370));
    expect(WebhookEventSchema.safeParse(event).success).toBe(true);
  });
});
