/**
 * `waba-kit/clevertap` entry point.
 * @module waba-kit/clevertap
 */
export * from '../providers/clevertap/index.js';
