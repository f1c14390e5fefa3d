/**
 * `waba-kit/nexmo` entry point.
 * @module waba-kit/nexmo
 */
export * from '../providers/nexmo/index.js';
