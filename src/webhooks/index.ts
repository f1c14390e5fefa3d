/**
 * `waba-kit/webhooks`: parse every provider's webhooks into one typed event model, verify their signatures,
 * and serve them from any runtime with one `(req: Request) => Promise<Response>` handler.
 * @module
 */
export type {
  AccountEvent,
  BillingEvent,
  DeliveryStatus,
  InboundMessageType,
  MessageEvent,
  OrderDetails,
  StatusEvent,
  TemplateStatusEvent,
  UnknownEvent,
  UserEvent,
  WebhookEvent,
  WebhookEventKind,
} from '../core/webhook-event.js';
export { detectWebhookFormat, type ParseWebhookOptions, parseWebhook } from './parse.js';
export { parseWebhookRequest } from './parse-request.js';
export { getHeader, type HeaderSource } from './request.js';
export type {
  VerifyWebhookOptions,
  WebhookFormat,
  WebhookSecrets,
  WebhookVerificationReason,
  WebhookVerificationResult,
} from './types.js';
export { escapeNonAscii, verifyWebhook } from './verify.js';
