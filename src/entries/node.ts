/**
 * `waba-kit/node`: Node-only helpers (node:http, Express and Fastify adapters for the webhook handler).
 * @module waba-kit/node
 */
export * from '../webhooks/node-adapter.js';
