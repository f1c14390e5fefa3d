/**
 * `waba-kit/gupshup` entry point.
 * @module
 */
export * from '../providers/gupshup/index.js';
