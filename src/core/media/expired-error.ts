/**
 * {@link MediaExpiredError}: a media link past its lifetime.
 * @module
 */
import { hasErrorKind } from '../error-guard.js';
import { WhatsAppError, type WhatsAppErrorOptions } from '../errors.js';

/**
 * The media link has expired (Gupshup's `urlExpiry` passed, Vonage's 48 h link lapsed, a Cloud API media id was
 * deleted or is older than its retention) and the provider cannot issue a new one. Never retried: ask the user to
 * send the file again.
 */
export class MediaExpiredError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'MediaExpiredError';
  /** When the link expired, when the payload said. */
  readonly expiredAt: Date | undefined;
  /** The HTTP status the media host answered, when a request was made. */
  readonly status: number | undefined;
  constructor(
    message: string,
    options: WhatsAppErrorOptions & { expiredAt?: Date | undefined; status?: number | undefined } = {},
  ) {
    super(message, { code: 'media_expired', ...options });
    this.expiredAt = options.expiredAt;
    this.status = options.status;
  }
}

/** True for {@link MediaExpiredError}, from this copy of the library or another. */
export const isMediaExpiredError = (error: unknown): error is MediaExpiredError =>
  hasErrorKind(error, 'MediaExpiredError');
