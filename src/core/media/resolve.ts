/**
 * Reads what `downloadMedia` was given (an inbound event, `{ id }` or `{ url }`) into one shape.
 * @module
 */
import { ValidationError } from '../errors.js';
import type { ProviderId } from '../provider.js';
import { normalizeSha256 } from './sha256.js';
import type { MediaRef } from './types.js';

/**
 * A media reference with what is known about the file.
 * @inline
 */
export interface ResolvedMedia {
  id?: string | undefined;
  url?: string | undefined;
  mimeType?: string | undefined;
  filename?: string | undefined;
  size?: number | undefined;
  /** Lower-case hex. */
  sha256?: string | undefined;
  expiresAt?: Date | undefined;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Reads `ref`; throws {@link ValidationError} (`media.ref_invalid`) when it names no media. */
export function resolveMediaRef(ref: MediaRef, provider: ProviderId): ResolvedMedia {
  const fail = (message: string): never => {
    throw new ValidationError(message, {
      provider,
      issues: [{ code: 'media.ref_invalid', path: [], message }],
    });
  };
  if (!ref || typeof ref !== 'object')
    return fail('downloadMedia() takes a message event, { id } or { url }.');
  const source = ('media' in ref ? ref.media : ref) as Record<string, unknown> | undefined;
  if (!source || typeof source !== 'object') {
    return fail(
      'This message event carries no media (only image, video, audio, document and sticker messages do).',
    );
  }
  const id = str(source.id);
  const url = str(source.url);
  if (!id && !url) return fail('The media reference has neither an id nor a url.');
  const size = typeof source.size === 'number' && Number.isSafeInteger(source.size) ? source.size : undefined;
  const expiresAt =
    source.expiresAt instanceof Date && !Number.isNaN(source.expiresAt.getTime())
      ? source.expiresAt
      : undefined;
  return {
    id,
    url,
    mimeType: str(source.mimeType),
    filename: str(source.filename),
    size,
    sha256: normalizeSha256(str(source.sha256)),
    expiresAt,
  };
}
