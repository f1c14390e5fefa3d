/**
 * The error hierarchy of waba-kit. Every error thrown by the library is a {@link WhatsAppError}; a failed send
 * always throws one of these, it never resolves with an error object.
 *
 * `instanceof` fails when two copies of the library are loaded (the ESM/CJS dual-package hazard), so every
 * class also has a type guard (`isWhatsAppError`, `isRateLimitError`, ...) that works across copies.
 *
 * @module
 */
import { ERROR_KINDS, hasErrorKind } from './error-guard.js';
import type { ProviderId } from './provider.js';

/** Stable machine-readable codes carried by {@link WhatsAppError.code}. */
export type WhatsAppErrorCode =
  | 'config_invalid'
  | 'validation_failed'
  | 'unsupported_message'
  | 'template_invalid'
  | 'window_closed'
  | 'quota_exceeded'
  | 'quota_store_unavailable'
  | 'store_unavailable'
  | 'api_error'
  | 'bad_request'
  | 'authentication_failed'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'unprocessable_entity'
  | 'rate_limited'
  | 'server_error'
  | 'connection_failed'
  | 'timeout'
  | 'aborted'
  | 'webhook_verification_failed'
  | 'webhook_parse_failed'
  | (string & {});

/**
 * Options common to every error constructor.
 * @inline
 */
export interface WhatsAppErrorOptions {
  /** Machine-readable code; each class has a default. */
  code?: WhatsAppErrorCode;
  /** The provider the error came from, when there is one. */
  provider?: ProviderId | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * One problem found in an input, with where it was found.
 * @inline
 */
export interface Issue {
  /** Stable code, e.g. `phone.invalid`, `body.too_long`. */
  code: string;
  /** Path into the input, e.g. `['components', 1, 'text']`. */
  path: (string | number)[];
  /** What was wrong and how to fix it. */
  message: string;
}

/**
 * Base class of every error waba-kit throws.
 *
 * @example
 * ```ts
 * try { await client.sendText('+447700900123', 'hi'); }
 * catch (err) { if (isWhatsAppError(err)) console.log(err.code, err.provider); }
 * ```
 */
export class WhatsAppError extends Error {
  /** Stable class name, kept under minification; also the value of `name`. */
  static readonly kind: string = 'WhatsAppError';
  /** Machine-readable code, stable across releases. */
  readonly code: WhatsAppErrorCode;
  /** The provider involved, when there is one. */
  readonly provider: ProviderId | undefined;

  constructor(message: string, options: WhatsAppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = (new.target as unknown as { kind: string }).kind;
    this.code = options.code ?? 'whatsapp_error';
    this.provider = options.provider;
    // Record the class chain under a global symbol so guards work across copies of the library.
    const kinds: string[] = [];
    for (let p = new.target.prototype; p && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
      kinds.push((p.constructor as unknown as { kind: string }).kind);
    }
    Object.defineProperty(this, ERROR_KINDS, { value: kinds, enumerable: false });
  }
}

/** The configuration passed to a client or helper is invalid. The message lists the bad keys, never values. */
export class ConfigError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'ConfigError';
  /** Each problem found, by config path. */
  readonly issues: Issue[];
  constructor(message: string, options: WhatsAppErrorOptions & { issues?: Issue[] } = {}) {
    super(message, { code: 'config_invalid', ...options });
    this.issues = options.issues ?? [];
  }
}

/** An input (message, phone number, parameter) failed validation before any request was made. */
export class ValidationError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'ValidationError';
  /** Each problem found, by path. */
  readonly issues: Issue[];
  constructor(message: string, options: WhatsAppErrorOptions & { issues?: Issue[] } = {}) {
    super(message, { code: 'validation_failed', ...options });
    this.issues = options.issues ?? [];
  }
}

/** The provider cannot carry this message type. Thrown before any request is made. */
export class UnsupportedMessageError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'UnsupportedMessageError';
  /** The `type` of the refused message. */
  readonly messageType: string;
  constructor(message: string, options: WhatsAppErrorOptions & { messageType: string }) {
    super(message, { code: 'unsupported_message', ...options });
    this.messageType = options.messageType;
  }
}

/**
 * Fields an error may carry when it was produced from a provider's HTTP response.
 * @inline
 */
export interface ApiErrorFields {
  /** HTTP status, absent when no response was received. */
  status?: number | undefined;
  /** The provider's own error code as a string (`1340`, `131047`, `1002`). */
  providerCode?: string | undefined;
  /** Short title (RFC 7807 `title`, Graph `type`). */
  title?: string | undefined;
  /** The provider's explanation (RFC 7807 `detail`, Graph `error.message`, Gupshup `message`). */
  detail?: string | undefined;
  /** RFC 7807 `instance`. */
  instance?: string | undefined;
  /** RFC 7807 `invalid_parameters`, Graph `error_data.details` as one entry. */
  invalidParameters?: { name: string; reason: string }[] | undefined;
  /** The provider's request or trace id (`X-Nexmo-Trace-Id`, `fbtrace_id`). */
  requestId?: string | undefined;
  /** Whether repeating the same request could succeed. */
  retryable?: boolean | undefined;
  /** The parsed response body, as received. */
  body?: unknown;
}

/** A template is invalid, locally (`issues` from the validator) or as reported by the provider (132xxx). */
export class TemplateError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'TemplateError';
  /** Each problem found. */
  readonly issues: Issue[];
  /** HTTP status when the provider refused the template. */
  readonly status: number | undefined;
  /** The provider's code when the provider refused the template. */
  readonly providerCode: string | undefined;
  /** The provider's request id when the provider refused the template. */
  readonly requestId: string | undefined;
  /** The provider's response body when the provider refused the template. */
  readonly body: unknown;
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields & { issues?: Issue[] } = {}) {
    super(message, { code: 'template_invalid', ...options });
    this.issues = options.issues ?? [];
    this.status = options.status;
    this.providerCode = options.providerCode;
    this.requestId = options.requestId;
    this.body = options.body;
  }
}

/**
 * A free-form message was addressed to a user whose 24 h customer-service window is closed; send an approved
 * template instead. Thrown locally when a window tracker is configured (nothing is sent), or mapped from the
 * provider's refusal (Meta 131047, Vonage 1340, Gupshup 470).
 */
export class WindowClosedError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'WindowClosedError';
  /** When the window closed, when known. */
  readonly closedAt: Date | undefined;
  /** HTTP status when the provider refused the message. */
  readonly status: number | undefined;
  /** The provider's code when the provider refused the message. */
  readonly providerCode: string | undefined;
  /** The provider's request id when the provider refused the message. */
  readonly requestId: string | undefined;
  /** The provider's response body when the provider refused the message. */
  readonly body: unknown;
  constructor(
    message: string,
    options: WhatsAppErrorOptions & ApiErrorFields & { closedAt?: Date | undefined } = {},
  ) {
    super(message, { code: 'window_closed', ...options });
    this.closedAt = options.closedAt;
    this.status = options.status;
    this.providerCode = options.providerCode;
    this.requestId = options.requestId;
    this.body = options.body;
  }
}

/** The messaging-tier quota refused a business-initiated conversation; try again at `retryAt`. */
export class QuotaExceededError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'QuotaExceededError';
  /** When a slot frees up (the oldest counted recipient leaves the 24 h window). */
  readonly retryAt: Date | undefined;
  /** The tier limit. */
  readonly limit: number | undefined;
  /** Unique recipients counted in the current window. */
  readonly used: number | undefined;
  constructor(
    message: string,
    options: WhatsAppErrorOptions & { retryAt?: Date | undefined; limit?: number; used?: number } = {},
  ) {
    super(message, { code: 'quota_exceeded', ...options });
    this.retryAt = options.retryAt;
    this.limit = options.limit;
    this.used = options.used;
  }
}

/**
 * A shared store (Redis: webhook dedupe, rate limiter, recipient pacer, broadcast ledger, campaign stats) could
 * not be reached. Every such store fails closed: the message says what was therefore not done (nothing sent, the
 * webhook refused so the provider retries), and `cause` holds the client's error.
 */
export class StoreUnavailableError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'StoreUnavailableError';
  constructor(message: string, options: WhatsAppErrorOptions = {}) {
    super(message, { code: 'store_unavailable', ...options });
  }
}

/** The quota store (e.g. Redis) could not be reached, and the tracker is configured to fail closed. */
export class QuotaStoreError extends StoreUnavailableError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'QuotaStoreError';
  constructor(message: string, options: WhatsAppErrorOptions = {}) {
    super(message, { code: 'quota_store_unavailable', ...options });
  }
}

/**
 * The provider answered with an error, or no answer was received. Subclasses name the common cases; use
 * {@link createApiError} to pick the right one from a status and provider code.
 */
export class ApiError extends WhatsAppError implements ApiErrorFields {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'ApiError';
  readonly status: number | undefined;
  readonly providerCode: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly instance: string | undefined;
  readonly invalidParameters: { name: string; reason: string }[];
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  /** The parsed response body, as received. */
  readonly body: unknown;
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields = {}) {
    super(message, { code: 'api_error', ...options });
    this.status = options.status;
    this.providerCode = options.providerCode;
    this.title = options.title;
    this.detail = options.detail;
    this.instance = options.instance;
    this.invalidParameters = options.invalidParameters ?? [];
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
    this.body = options.body;
  }
}

/** HTTP 400: the provider refused the request as malformed. */
export class BadRequestError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'BadRequestError';
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields = {}) {
    super(message, { code: 'bad_request', ...options });
  }
}

/** HTTP 401 (or a provider auth code): credentials are missing, wrong or expired. */
export class AuthenticationError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'AuthenticationError';
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields = {}) {
    super(message, { code: 'authentication_failed', ...options });
  }
}

/** HTTP 403: the credentials are valid but not allowed to do this. */
export class PermissionDeniedError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'PermissionDeniedError';
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields = {}) {
    super(message, { code: 'permission_denied', ...options });
  }
}

/** HTTP 404: the resource (template, phone number id, media) does not exist. */
export class NotFoundError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'NotFoundError';
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields = {}) {
    super(message, { code: 'not_found', ...options });
  }
}

/** HTTP 409: the request conflicts with the current state. */
export class ConflictError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'ConflictError';
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields = {}) {
    super(message, { code: 'conflict', ...options });
  }
}

/** HTTP 422: the request was understood but a value is not acceptable. */
export class UnprocessableEntityError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'UnprocessableEntityError';
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields = {}) {
    super(message, { code: 'unprocessable_entity', ...options });
  }
}

/** HTTP 429 or a provider throttling code: slow down; `retryAfterMs` says for how long when known. */
export class RateLimitError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'RateLimitError';
  /** How long the provider asked us to wait, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    options: WhatsAppErrorOptions & ApiErrorFields & { retryAfterMs?: number | undefined } = {},
  ) {
    super(message, { code: 'rate_limited', retryable: true, ...options });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** HTTP 5xx: the provider failed. On a send the message may or may not have gone out. */
export class InternalServerError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'InternalServerError';
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields = {}) {
    super(message, { code: 'server_error', retryable: true, ...options });
  }
}

/**
 * No response was received. `unsent` is true when the failure proves the request never left (connection
 * refused, DNS failure), which makes a retry of a send safe.
 */
export class ConnectionError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'ConnectionError';
  /** True when the request provably never reached the provider. */
  readonly unsent: boolean;
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields & { unsent?: boolean } = {}) {
    super(message, { code: 'connection_failed', retryable: true, ...options });
    this.unsent = options.unsent ?? false;
  }
}

/** An attempt exceeded its `timeout`. On a send the message may or may not have gone out. */
export class TimeoutError extends ApiError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'TimeoutError';
  /** The per-attempt timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number | undefined;
  constructor(message: string, options: WhatsAppErrorOptions & ApiErrorFields & { timeoutMs?: number } = {}) {
    super(message, { code: 'timeout', retryable: true, ...options });
    this.timeoutMs = options.timeoutMs;
  }
}

/** The caller aborted the request through its `AbortSignal`. */
export class AbortError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'AbortError';
  constructor(message = 'The request was aborted by its AbortSignal.', options: WhatsAppErrorOptions = {}) {
    super(message, { code: 'aborted', ...options });
  }
}

/** A webhook's signature, token or shared secret did not verify. `reason` says which check failed. */
export class WebhookVerificationError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'WebhookVerificationError';
  /** Which check failed, e.g. `signature_mismatch`, `missing_header`. */
  readonly reason: string;
  constructor(message: string, options: WhatsAppErrorOptions & { reason: string }) {
    super(message, { code: 'webhook_verification_failed', ...options });
    this.reason = options.reason;
  }
}

/** A webhook body was not JSON, or not a JSON object. */
export class WebhookParseError extends WhatsAppError {
  /** Stable class name, kept under minification; also the value of `name`. */
  static override readonly kind: string = 'WebhookParseError';
  constructor(message: string, options: WhatsAppErrorOptions = {}) {
    super(message, { code: 'webhook_parse_failed', ...options });
  }
}

/**
 * Options for {@link createApiError}.
 * @inline
 */
export interface CreateApiErrorOptions extends ApiErrorFields {
  provider: ProviderId;
  message: string;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * Picks the {@link ApiError} subclass for an HTTP status: 400 {@link BadRequestError}, 401
 * {@link AuthenticationError}, 403 {@link PermissionDeniedError}, 404 {@link NotFoundError}, 409
 * {@link ConflictError}, 422 {@link UnprocessableEntityError}, 429 {@link RateLimitError}, 5xx
 * {@link InternalServerError}, anything else {@link ApiError}. Providers map their own codes first and call this
 * for the rest.
 */
export function createApiError(options: CreateApiErrorOptions): ApiError {
  const { message, ...fields } = options;
  switch (options.status) {
    case 400:
      return new BadRequestError(message, fields);
    case 401:
      return new AuthenticationError(message, fields);
    case 403:
      return new PermissionDeniedError(message, fields);
    case 404:
      return new NotFoundError(message, fields);
    case 409:
      return new ConflictError(message, fields);
    case 422:
      return new UnprocessableEntityError(message, fields);
    case 429:
      return new RateLimitError(message, fields);
    default:
      if (options.status !== undefined && options.status >= 500)
        return new InternalServerError(message, fields);
      return new ApiError(message, fields);
  }
}

/** True for any error thrown by waba-kit, from this copy of the library or another. */
export const isWhatsAppError = (error: unknown): error is WhatsAppError =>
  hasErrorKind(error, 'WhatsAppError');
/** True for {@link ConfigError}. */
export const isConfigError = (error: unknown): error is ConfigError => hasErrorKind(error, 'ConfigError');
/** True for {@link ValidationError}. */
export const isValidationError = (error: unknown): error is ValidationError =>
  hasErrorKind(error, 'ValidationError');
/** True for {@link UnsupportedMessageError}. */
export const isUnsupportedMessageError = (error: unknown): error is UnsupportedMessageError =>
  hasErrorKind(error, 'UnsupportedMessageError');
/** True for {@link TemplateError}. */
export const isTemplateError = (error: unknown): error is TemplateError =>
  hasErrorKind(error, 'TemplateError');
/** True for {@link WindowClosedError}. */
export const isWindowClosedError = (error: unknown): error is WindowClosedError =>
  hasErrorKind(error, 'WindowClosedError');
/** True for {@link QuotaExceededError}. */
export const isQuotaExceededError = (error: unknown): error is QuotaExceededError =>
  hasErrorKind(error, 'QuotaExceededError');
/** True for {@link QuotaStoreError}. */
export const isQuotaStoreError = (error: unknown): error is QuotaStoreError =>
  hasErrorKind(error, 'QuotaStoreError');
/** True for {@link StoreUnavailableError}. */
export const isStoreUnavailableError = (error: unknown): error is StoreUnavailableError =>
  hasErrorKind(error, 'StoreUnavailableError');
/** True for {@link ApiError} and every subclass. */
export const isApiError = (error: unknown): error is ApiError => hasErrorKind(error, 'ApiError');
/** True for {@link AuthenticationError}. */
export const isAuthenticationError = (error: unknown): error is AuthenticationError =>
  hasErrorKind(error, 'AuthenticationError');
/** True for {@link RateLimitError}. */
export const isRateLimitError = (error: unknown): error is RateLimitError =>
  hasErrorKind(error, 'RateLimitError');
/** True for {@link ConnectionError}. */
export const isConnectionError = (error: unknown): error is ConnectionError =>
  hasErrorKind(error, 'ConnectionError');
/** True for {@link TimeoutError}. */
export const isTimeoutError = (error: unknown): error is TimeoutError => hasErrorKind(error, 'TimeoutError');
/** True for {@link AbortError}. */
export const isAbortError = (error: unknown): error is AbortError => hasErrorKind(error, 'AbortError');
/** True for {@link WebhookVerificationError}. */
export const isWebhookVerificationError = (error: unknown): error is WebhookVerificationError =>
  hasErrorKind(error, 'WebhookVerificationError');
/** True for {@link WebhookParseError}. */
export const isWebhookParseError = (error: unknown): error is WebhookParseError =>
  hasErrorKind(error, 'WebhookParseError');
