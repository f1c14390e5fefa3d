/**
 * `waba-kit/webhooks`: parse every provider's webhooks into one typed event model, verify their signatures,
 * and serve them from any runtime with one `(req: Request) => Promise<Response>` handler.
 *
 * The zod schema of the events is in `waba-kit/webhooks/schema`, so that this entry loads no zod: it imports
 * each name from its own module, not through `../webhooks/index.js`, which also re-exports the schemas.
 *
 * This file is the entry's public export list, recorded in `api/webhooks.api.md` (`npm run api:report`).
 * @module waba-kit/webhooks
 */
export { identityOf } from '../core/identity.js';
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
} from '../core/webhook-event.js';
export { createMemoryDedupeStore, type WebhookDedupeStore } from '../webhooks/dedupe.js';
export { type CreateWebhookHandlerOptions, createWebhookHandler } from '../webhooks/handler.js';
export { detectWebhookFormat, parseWebhook } from '../webhooks/parse.js';
export { parseWebhookRequest } from '../webhooks/parse-request.js';
export { createRedisDedupeStore } from '../webhooks/redis-dedupe.js';
export { signWebhookForTest } from '../webhooks/sign-for-test.js';
export type { WebhookVerificationReason, WebhookVerificationResult } from '../webhooks/types.js';
export { escapeNonAscii, verifyWebhook } from '../webhooks/verify.js';
