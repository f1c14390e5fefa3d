/**
 * Provider-neutral building blocks: the message model, errors, events, phone numbers and the client contract.
 * @module
 */

export type { SendGuard, SendGuardContext } from './base-client.js';
export type { MarkAsReadOptions, SendOptions, WebhookInput, WhatsAppClient } from './client.js';
export * from './errors.js';
export type { EventBase, WhatsAppEventMap, WhatsAppEventName, WhatsAppListener } from './events.js';
export {
  EMIT_EVENT,
  type EmitEvent,
  isQuotaGate,
  isWindowGate,
  type QuotaGate,
  type WindowGate,
} from './gates.js';
export { identityOf, isBsuid } from './identity.js';
export type { Logger } from './logger.js';
export { isMediaExpiredError, MediaExpiredError } from './media/expired-error.js';
export { isMediaIntegrityError, MediaIntegrityError } from './media/integrity-error.js';
export { isMediaTooLargeError, MediaTooLargeError } from './media/too-large-error.js';
export type {
  DownloadMediaOptions,
  MediaDownload,
  MediaFile,
  MediaInfo,
  MediaRef,
  TemplateSampleOptions,
  TemplateSampleResult,
  UploadMediaOptions,
  UploadMediaResult,
} from './media/types.js';
export * from './message.js';
export { isValidPhone, normalizePhone, phoneDigits } from './phone.js';
export type { ProviderId } from './provider.js';
export { PROVIDERS } from './provider.js';
export { maskPhone, REDACTED } from './redact.js';
export type { SendResult } from './result.js';
export type { RetryPolicy } from './retry.js';
export { DEFAULT_RETRY_POLICY } from './retry.js';
export { isUnsupportedOperationError, UnsupportedOperationError } from './unsupported-operation-error.js';
export type * from './webhook-event.js';
