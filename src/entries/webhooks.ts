/**
 * `waba-kit/webhooks` entry point.
 * @module
 */
export * from '../webhooks/index.js';
