/**
 * `waba-kit/quota` entry point.
 * @module
 */
export * from '../quota/index.js';
