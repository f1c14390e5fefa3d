/**
 * `waba-kit/webhooks`: parse every provider's webhooks into one typed event model, verify their signatures,
 * and serve them from any runtime with one `(req: Request) => Promise<Response>` handler.
 *
 * This file is the entry's public export list, recorded in `api/webhooks.api.md` (`npm run api:report`).
 * @module waba-kit/webhooks
 */
export type {
  AccountEvent,
  BillingEvent,
  MessageEvent,
  Referral,
  StatusEvent,
  StatusPricing,
  TemplateStatusEvent,
  UnknownEvent,
  UserEvent,
  WebhookEvent,
} from '../webhooks/index.js';
export {
  type CreateWebhookHandlerOptions,
  createMemoryDedupeStore,
  createRedisDedupeStore,
  createWebhookHandler,
  detectWebhookFormat,
  escapeNonAscii,
  identityOf,
  parseWebhook,
  parseWebhookRequest,
  signWebhookForTest,
  verifyWebhook,
  type WebhookDedupeStore,
  WebhookEventSchema,
  type WebhookVerificationReason,
  type WebhookVerificationResult,
} from '../webhooks/index.js';
