/**
 * `waba-kit/gupshup` entry point.
 * @module waba-kit/gupshup
 */
export * from '../providers/gupshup/index.js';
