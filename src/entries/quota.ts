/**
 * `waba-kit/quota` entry point.
 * @module waba-kit/quota
 */
export * from '../quota/index.js';
