/**
 * waba-kit: typed WhatsApp Business messaging over Vonage/Nexmo, Gupshup, CleverTap and Meta's Cloud API.
 *
 * The root exports the client contract, `createClient`, the message model, errors and their guards. Provider
 * classes and the pure modules live in subpaths (`waba-kit/nexmo`, `waba-kit/templates`, ...) so that an app
 * bundles only what it uses.
 *
 * This file is the root's public export list: every name here is a semver promise, recorded in
 * `api/index.api.md` (regenerate with `npm run api:report`). Names that live in a subpath too are listed in
 * `scripts/api-root-reexports.json`.
 *
 * What it holds: the client contract (`createClient`, `WhatsAppClient` and its option and result types, the event
 * map, send guards), the outbound message model, the inbound events that `client.parseWebhook()` and the
 * `message.*` events hand you (their home is `waba-kit/webhooks`) with `identityOf`, the media result type, and
 * every error class with its guard (the guards work across the ESM and CommonJS copies of the package).
 * @module waba-kit
 */

export type { SendGuard, SendGuardContext } from './core/base-client.js';
export type { MarkAsReadOptions, SendOptions, WebhookInput, WhatsAppClient } from './core/client.js';
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigError,
  ConflictError,
  ConnectionError,
  createApiError,
  InternalServerError,
  isAbortError,
  isApiError,
  isAuthenticationError,
  isConfigError,
  isConnectionError,
  isQuotaExceededError,
  isQuotaStoreError,
  isRateLimitError,
  isStoreUnavailableError,
  isTemplateError,
  isTimeoutError,
  isUnsupportedMessageError,
  isValidationError,
  isWebhookParseError,
  isWebhookVerificationError,
  isWhatsAppError,
  isWindowClosedError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  QuotaStoreError,
  RateLimitError,
  StoreUnavailableError,
  TemplateError,
  TimeoutError,
  UnprocessableEntityError,
  UnsupportedMessageError,
  ValidationError,
  WebhookParseError,
  WebhookVerificationError,
  WhatsAppError,
  type WhatsAppErrorCode,
  WindowClosedError,
} from './core/errors.js';
export type { WhatsAppEventMap } from './core/events.js';
export { identityOf, isBsuid } from './core/identity.js';
export type { Logger } from './core/logger.js';
export { isMediaExpiredError, MediaExpiredError } from './core/media/expired-error.js';
export { isMediaIntegrityError, MediaIntegrityError } from './core/media/integrity-error.js';
export { isMediaTooLargeError, MediaTooLargeError } from './core/media/too-large-error.js';
export type { MediaDownload } from './core/media/types.js';
export {
  type OutboundMessage,
  OutboundMessageSchema,
  type OutboundMessageType,
  type TemplateButton,
  type TemplateHeader,
  type TemplateMessage,
} from './core/message.js';
export { isValidPhone, normalizePhone } from './core/phone.js';
export { PROVIDERS, type ProviderId } from './core/provider.js';
export type { SendResult } from './core/result.js';
export type { RetryPolicy } from './core/retry.js';
export {
  isUnsupportedOperationError,
  UnsupportedOperationError,
} from './core/unsupported-operation-error.js';
export type { MessageEvent, StatusEvent, WebhookEvent } from './core/webhook-event.js';
export { type ClientConfig, createClient } from './create-client.js';
