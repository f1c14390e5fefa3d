/**
 * `waba-kit/webhooks`: parse every provider's webhooks into one typed event model, verify their signatures,
 * and serve them from any runtime with one `(req: Request) => Promise<Response>` handler.
 * @module
 */

export { identityOf } from '../core/identity.js';
export type {
  AccountEvent,
  BillingEvent,
  DeliveryStatus,
  InboundMessageType,
  MessageEvent,
  OrderDetails,
  Referral,
  StatusEvent,
  StatusPricing,
  TemplateStatusEvent,
  UnknownEvent,
  UserEvent,
  WebhookEvent,
  WebhookEventKind,
} from '../core/webhook-event.js';
export {
  createMemoryDedupeStore,
  type MemoryDedupeStoreOptions,
  type WebhookDedupeStore,
  webhookEventKey,
} from './dedupe.js';
export {
  AccountEventSchema,
  BillingEventSchema,
  MessageEventSchema,
  StatusEventSchema,
  TemplateStatusEventSchema,
  UnknownEventSchema,
  UserEventSchema,
  WebhookEventSchema,
} from './event-schema.js';
export {
  type CreateWebhookHandlerOptions,
  createWebhookHandler,
  DEFAULT_DEDUPE_TTL_MS,
  DEFAULT_MAX_BODY_BYTES,
  type WebhookEventHandlers,
} from './handler.js';
export { detectWebhookFormat, type ParseWebhookOptions, parseWebhook } from './parse.js';
export { parseWebhookRequest } from './parse-request.js';
export { createRedisDedupeStore, type RedisDedupeStoreOptions } from './redis-dedupe.js';
export { getHeader, type HeaderSource } from './request.js';
export { type SignWebhookForTestOptions, signWebhookForTest } from './sign-for-test.js';
export type {
  VerifyWebhookOptions,
  WebhookFormat,
  WebhookSecrets,
  WebhookVerificationReason,
  WebhookVerificationResult,
} from './types.js';
export { escapeNonAscii, verifyWebhook } from './verify.js';
