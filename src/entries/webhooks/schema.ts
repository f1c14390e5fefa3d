/**
 * `waba-kit/webhooks/schema`: the zod schema of the events `parseWebhook` returns, to validate events you stored
 * or received from a queue.
 *
 * A subpath of its own so that `waba-kit/webhooks` (parsing, verification, the handler) loads no zod: the schema
 * is built with `zod/mini`, whose module graph is most of an import's cold start and about a third of a bundle.
 *
 * This file is the entry's public export list, recorded in `api/webhooks/schema.api.md` (`npm run api:report`).
 * @module waba-kit/webhooks/schema
 */
export { WebhookEventSchema } from '../../webhooks/event-schema.js';
