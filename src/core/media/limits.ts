/**
 * Meta's supported-media table, and the checks every upload passes before any request.
 *
 * Source: "Supported media types" of the Cloud API media reference,
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types
 * (same table mirrored at https://docs-wa.neuapix.com/whatsapp-api/whatsapp-api/media): audio 16 MB, document
 * 100 MB, image 5 MB, video 16 MB, sticker `image/webp` 100 KB static / 500 KB animated. Sizes are read as binary
 * units (1 MB = 1024 x 1024 bytes), as Meta's 100 MB document limit is the 100 MiB default of `downloadMedia`.
 * @module
 */
import { ValidationError } from '../errors.js';
import type { ProviderId } from '../provider.js';

/** The Cloud API media categories. */
export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

const KiB = 1024;
const MiB = 1024 * 1024;
// The table and the limits below spell their sizes as number literals (`16_777_216`, 16 MiB), not `16 * MiB`:
// esbuild does not count a product (even `16 * 1024 * 1024`) as free of side effects, so it kept the table in
// every client bundle, even in an app that never uploads (0.2 KiB of `waba-kit/nexmo`, min+gzip).

/** One row of Meta's supported-media table. */
export interface MediaLimit {
  /** The category. */
  kind: MediaKind;
  /** MIME types accepted for the category. */
  mimeTypes: readonly string[];
  /** Largest accepted upload, in bytes (static stickers; animated stickers have {@link ANIMATED_STICKER_MAX_BYTES}). */
  maxBytes: number;
}

/** Meta's supported-media table; see the module docs for the source. */
export const MEDIA_LIMITS: readonly MediaLimit[] = [
  {
    kind: 'audio',
    mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
    maxBytes: 16_777_216, // 16 MiB
  },
  {
    kind: 'document',
    mimeTypes: [
      'text/plain',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/pdf',
    ],
    maxBytes: 104_857_600, // 100 MiB
  },
  { kind: 'image', mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5_242_880 }, // 5 MiB
  { kind: 'sticker', mimeTypes: ['image/webp'], maxBytes: 102_400 }, // 100 KiB
  { kind: 'video', mimeTypes: ['video/3gpp', 'video/mp4'], maxBytes: 16_777_216 }, // 16 MiB
];

/** Animated `image/webp` stickers may be up to 500 KB. */
export const ANIMATED_STICKER_MAX_BYTES = 512_000; // 500 KiB

/** The default `maxBytes` of a download: Meta's document limit, the largest in the table. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 104_857_600; // 100 MiB

/**
 * MIME types the Resumable Upload API accepts for a template header sample
 * (https://developers.facebook.com/docs/graph-api/guides/upload, "file_type").
 */
export const TEMPLATE_SAMPLE_MIME_TYPES: readonly string[] = [
  'application/pdf',
  'image/jpeg',
  'image/jpg',
  'image/png',
  'video/mp4',
];

/** `image/png; charset=x` -> `image/png`. */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Formats a byte count for messages: `5 MiB`, `100 KiB`, `812 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MiB`;
  if (bytes >= KiB) return `${Number((bytes / KiB).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

/**
 * True when `head` (the first bytes of a file) is an animated WebP: a RIFF/WEBP container whose `VP8X` header
 * sets the animation flag (https://developers.google.com/speed/webp/docs/riff_container#extended_file_format).
 */
export function isAnimatedWebp(head: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  return (
    head.byteLength >= 21 &&
    ascii(0, 4) === 'RIFF' &&
    ascii(8, 12) === 'WEBP' &&
    ascii(12, 16) === 'VP8X' &&
    ((head[20] as number) & 0x02) !== 0
  );
}

/** What an upload is checked with. */
export interface MediaUploadCheck {
  mimeType: string;
  /** The file's size in bytes. */
  size: number;
  /** The first bytes of the file (animated stickers are told apart from static ones by their header). */
  head?: Uint8Array | undefined;
  provider?: ProviderId | undefined;
}

/**
 * Checks an upload against Meta's supported-media table and returns its row. Throws {@link ValidationError}
 * before any request, with one issue whose code is stable: `media.empty`, `media.mime_unsupported`, or
 * `media.<kind>_too_large` (`media.animated_sticker_too_large` for animated stickers), naming the limit broken.
 */
export function checkMediaUpload(check: MediaUploadCheck): MediaLimit {
  const mime = baseMimeType(check.mimeType);
  const fail = (code: string, message: string): never => {
    throw new ValidationError(message, {
      provider: check.provider,
      issues: [{ code, path: code === 'media.mime_unsupported' ? ['mimeType'] : ['file'], message }],
    });
  };
  const row = MEDIA_LIMITS.find((r) => r.mimeTypes.includes(mime));
  if (!row) {
    return fail(
      'media.mime_unsupported',
      `WhatsApp does not accept "${mime || check.mimeType}" media. Supported: ${MEDIA_LIMITS.map((r) => `${r.kind} (${r.mimeTypes.join(', ')})`).join('; ')}.`,
    );
  }
  if (check.size <= 0) return fail('media.empty', 'The file is empty (0 bytes); upload a file with content.');
  const animated = row.kind === 'sticker' && check.head !== undefined && isAnimatedWebp(check.head);
  const max = animated ? ANIMATED_STICKER_MAX_BYTES : row.maxBytes;
  if (check.size > max) {
    const what = animated ? 'animated_sticker' : row.kind;
    fail(
      `media.${what}_too_large`,
      `${animated ? 'Animated sticker' : `${row.kind[0]?.toUpperCase()}${row.kind.slice(1)}`} uploads are limited to ${formatBytes(max)} by WhatsApp; this file is ${formatBytes(check.size)}. Compress it, or send it as a document (up to 100 MiB).`,
    );
  }
  return row;
}

/**
 * Checks a template header sample for the Resumable Upload API: a {@link TEMPLATE_SAMPLE_MIME_TYPES} type, not
 * empty, and within the table's limit for its category. Throws {@link ValidationError} (`media.mime_unsupported`,
 * `media.empty`, `media.<kind>_too_large`).
 */
export function checkTemplateSample(check: MediaUploadCheck): void {
  const mime = baseMimeType(check.mimeType);
  if (!TEMPLATE_SAMPLE_MIME_TYPES.includes(mime)) {
    const message = `Template header samples must be one of ${TEMPLATE_SAMPLE_MIME_TYPES.join(', ')} (Resumable Upload API); got "${mime || check.mimeType}".`;
    throw new ValidationError(message, {
      provider: check.provider,
      issues: [{ code: 'media.mime_unsupported', path: ['mimeType'], message }],
    });
  }
  checkMediaUpload({ ...check, mimeType: mime === 'image/jpg' ? 'image/jpeg' : mime });
}
