/**
 * `waba-kit/nexmo` entry point.
 * @module
 */
export * from '../providers/nexmo/index.js';
