/**
 * {@link UnsupportedOperationError}: the provider has no API for the operation asked of the client.
 * @module
 */
import { hasErrorKind } from './error-guard.js';
import { WhatsAppError, type WhatsAppErrorOptions } from './errors.js';

/**
 * The provider has no API for this operation (Vonage has no media upload, Gupshup's is partner-only...). Thrown
 * before any request; the message says what to do instead (for uploads: send the media by `url`).
 *
 * @example
 * ```ts
 * try { await client.uploadMedia(bytes, { mimeType: 'image/png' }); }
 * catch (err) { if (isUnsupportedOperationError(err)) await client.send({ type: 'image', to, url }); }
 * ```
 */
export class UnsupportedOperationError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'UnsupportedOperationError';
  /** The client method that was refused, e.g. `uploadMedia`. */
  readonly operation: string;
  constructor(message: string, options: WhatsAppErrorOptions & { operation: string }) {
    super(message, { code: 'unsupported_operation', ...options });
    this.operation = options.operation;
  }
}

/** True for {@link UnsupportedOperationError}, from this copy of the library or another. */
export const isUnsupportedOperationError = (error: unknown): error is UnsupportedOperationError =>
  hasErrorKind(error, 'UnsupportedOperationError');
