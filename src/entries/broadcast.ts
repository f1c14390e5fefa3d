/**
 * `waba-kit/broadcast` entry point.
 * @module waba-kit/broadcast
 */
export * from '../broadcast/index.js';
