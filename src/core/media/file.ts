/**
 * Upload inputs (`Blob`, `Uint8Array`, `ArrayBuffer`, `ReadableStream`) as one `Blob` of known size, with its first
 * bytes for the sticker check. A stream is read with a cap, so an endless stream fails instead of filling memory.
 * @module
 */
import { ValidationError } from '../errors.js';
import type { ProviderId } from '../provider.js';
import { readStreamCapped } from '../read-stream.js';
import { DEFAULT_MAX_DOWNLOAD_BYTES, formatBytes } from './limits.js';
import type { MediaFile } from './types.js';

/** An upload input made concrete. */
export interface UploadBlob {
  blob: Blob;
  size: number;
  /** Up to the first 32 bytes. */
  head: Uint8Array;
}

/** Reads `file` into a `Blob` of type `mimeType`; streams are capped at `cap` bytes (default 100 MiB). */
export async function toUploadBlob(
  file: MediaFile,
  mimeType: string,
  provider: ProviderId,
  cap: number = DEFAULT_MAX_DOWNLOAD_BYTES,
): Promise<UploadBlob> {
  let blob: Blob;
  if (typeof Blob !== 'undefined' && file instanceof Blob) {
    blob = file.type === mimeType ? file : new Blob([file], { type: mimeType });
  } else if (file instanceof Uint8Array || file instanceof ArrayBuffer) {
    blob = new Blob([file as BlobPart], { type: mimeType });
  } else if (file && typeof (file as ReadableStream).getReader === 'function') {
    const bytes = await readStreamCapped(file as ReadableStream<Uint8Array>, cap, () => {
      const message = `The upload stream passed ${formatBytes(cap)}, the largest file WhatsApp accepts.`;
      return new ValidationError(message, {
        provider,
        issues: [{ code: 'media.document_too_large', path: ['file'], message }],
      });
    });
    blob = new Blob([bytes as BlobPart], { type: mimeType });
  } else {
    const message = 'The file must be a Blob, Uint8Array, ArrayBuffer or ReadableStream.';
    throw new ValidationError(message, {
      provider,
      issues: [{ code: 'media.file_invalid', path: ['file'], message }],
    });
  }
  const head = new Uint8Array(await blob.slice(0, 32).arrayBuffer());
  return { blob, size: blob.size, head };
}
