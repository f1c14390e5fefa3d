/**
 * `waba-kit/node`: Node-only helpers (node:http, Express and Fastify adapters for the webhook handler).
 *
 * This file is the entry's public export list, recorded in `api/node.api.md` (`npm run api:report`).
 * @module waba-kit/node
 */
export { type NodeWebhookListener, toNodeListener } from '../webhooks/node-adapter.js';
