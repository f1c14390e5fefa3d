/**
 * `waba-kit/webhooks` entry point.
 * @module waba-kit/webhooks
 */
export * from '../webhooks/index.js';
