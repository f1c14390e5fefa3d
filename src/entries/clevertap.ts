/**
 * `waba-kit/clevertap` entry point.
 * @module
 */
export * from '../providers/clevertap/index.js';
