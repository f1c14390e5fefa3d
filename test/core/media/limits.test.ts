// Meta's supported-media table: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/core/errors.js';
import {
  checkMediaUpload,
  checkTemplateSample,
  isAnimatedWebp,
  MEDIA_LIMITS,
} from '../../../src/core/media/limits.js';

const MiB = 1024 * 1024;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isValidationError(e)) return e.issues[0]?.code;
    throw e;
  }
  return undefined;
}

/** A RIFF/WEBP header with a VP8X chunk; `animated` sets the animation flag. */
function webpHead(animated: boolean): Uint8Array {
  const b = new Uint8Array(32);
  b.set(new TextEncoder().encode('RIFF'), 0);
  b.set(new TextEncoder().encode('WEBP'), 8);
  b.set(new TextEncoder().encode('VP8X'), 12);
  b[20] = animated ? 0x02 : 0x00;
  return b;
}

describe('the supported-media table', () => {
  it("has Meta's limits per category", () => {
    const byKind = Object.fromEntries(MEDIA_LIMITS.map((r) => [r.kind, r.maxBytes]));
    expect(byKind).toEqual({
      audio: 16 * MiB,
      document: 100 * MiB,
      image: 5 * MiB,
      sticker: 100 * 1024,
      video: 16 * MiB,
    });
  });

  it('accepts each category at its limit and refuses one byte over, naming the limit in the code', () => {
    const cases: [string, number, string][] = [
      ['image/jpeg', 5 * MiB, 'media.image_too_large'],
      ['image/png', 5 * MiB, 'media.image_too_large'],
      ['audio/ogg; codecs=opus', 16 * MiB, 'media.audio_too_large'],
      ['video/mp4', 16 * MiB, 'media.video_too_large'],
      ['application/pdf', 100 * MiB, 'media.document_too_large'],
      ['image/webp', 100 * 1024, 'media.sticker_too_large'],
    ];
    for (const [mimeType, max, code] of cases) {
      expect(checkMediaUpload({ mimeType, size: max }).maxBytes).toBeGreaterThanOrEqual(max);
      expect(codeOf(() => checkMediaUpload({ mimeType, size: max + 1 }))).toBe(code);
    }
  });

  it('tells animated stickers (500 KB) from static ones (100 KB) by the WebP header', () => {
    expect(isAnimatedWebp(webpHead(true))).toBe(true);
    expect(isAnimatedWebp(webpHead(false))).toBe(false);
    expect(
      codeOf(() => checkMediaUpload({ mimeType: 'image/webp', size: 300 * 1024, head: webpHead(true) })),
    ).toBe(undefined);
    expect(
      codeOf(() => checkMediaUpload({ mimeType: 'image/webp', size: 300 * 1024, head: webpHead(false) })),
    ).toBe('media.sticker_too_large');
    expect(
      codeOf(() => checkMediaUpload({ mimeType: 'image/webp', size: 500 * 1024 + 1, head: webpHead(true) })),
    ).toBe('media.animated_sticker_too_large');
  });

  it('refuses types outside the table and empty files, with a message listing what is accepted', () => {
    expect(codeOf(() => checkMediaUpload({ mimeType: 'image/gif', size: 10 }))).toBe(
      'media.mime_unsupported',
    );
    expect(codeOf(() => checkMediaUpload({ mimeType: 'image/png', size: 0 }))).toBe('media.empty');
    expect(() => checkMediaUpload({ mimeType: 'image/gif', size: 10 })).toThrow(
      /image \(image\/jpeg, image\/png\)/,
    );
  });

  it('checks template samples against the Resumable Upload types', () => {
    expect(codeOf(() => checkTemplateSample({ mimeType: 'image/jpg', size: 10 }))).toBeUndefined();
    expect(codeOf(() => checkTemplateSample({ mimeType: 'audio/mpeg', size: 10 }))).toBe(
      'media.mime_unsupported',
    );
    expect(codeOf(() => checkTemplateSample({ mimeType: 'image/png', size: 5 * MiB + 1 }))).toBe(
      'media.image_too_large',
    );
  });
});
