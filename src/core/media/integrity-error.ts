/**
 * {@link MediaIntegrityError}: downloaded bytes that do not match the provider's size or SHA-256.
 * @module
 */
import { hasErrorKind } from '../error-guard.js';
import { WhatsAppError, type WhatsAppErrorOptions } from '../errors.js';

/**
 * The downloaded bytes do not match what the provider declared: the byte count differs from `file_size`, or the
 * SHA-256 differs from `sha256`. The body was truncated or altered on the way; download again. `bytes()` rejects
 * with it; a `body` stream errors with it at its end (the bytes already read must be discarded).
 */
export class MediaIntegrityError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'MediaIntegrityError';
  /** Which check failed. */
  readonly check: 'size' | 'sha256';
  /** What the provider declared (bytes, or lower-case hex). */
  readonly expected: string;
  /** What was received (bytes, or lower-case hex). */
  readonly actual: string;
  constructor(
    message: string,
    options: WhatsAppErrorOptions & { check: 'size' | 'sha256'; expected: string; actual: string },
  ) {
    super(message, { code: 'media_integrity_failed', ...options });
    this.check = options.check;
    this.expected = options.expected;
    this.actual = options.actual;
  }
}

/** True for {@link MediaIntegrityError}, from this copy of the library or another. */
export const isMediaIntegrityError = (error: unknown): error is MediaIntegrityError =>
  hasErrorKind(error, 'MediaIntegrityError');
