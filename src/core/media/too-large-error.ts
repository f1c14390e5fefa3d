/**
 * {@link MediaTooLargeError}: a download larger than its `maxBytes`.
 * @module
 */
import { hasErrorKind } from '../error-guard.js';
import { WhatsAppError, type WhatsAppErrorOptions } from '../errors.js';

/**
 * A download is larger than `maxBytes` (default 100 MiB). Thrown before the download when the provider declares
 * the size; otherwise the stream is cancelled the moment it passes the limit and errors with this. Raise
 * `maxBytes` in `downloadMedia(ref, { maxBytes })` if the file is expected.
 */
export class MediaTooLargeError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'MediaTooLargeError';
  /** The limit, in bytes. */
  readonly maxBytes: number;
  /** The declared size, or the bytes received when the stream was cancelled. */
  readonly size: number;
  constructor(message: string, options: WhatsAppErrorOptions & { maxBytes: number; size: number }) {
    super(message, { code: 'media_too_large', ...options });
    this.maxBytes = options.maxBytes;
    this.size = options.size;
  }
}

/** True for {@link MediaTooLargeError}, from this copy of the library or another. */
export const isMediaTooLargeError = (error: unknown): error is MediaTooLargeError =>
  hasErrorKind(error, 'MediaTooLargeError');
