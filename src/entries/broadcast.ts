/**
 * `waba-kit/broadcast` entry point.
 * @module
 */
export * from '../broadcast/index.js';
