/**
 * `waba-kit/meta` entry point.
 * @module
 */
export * from '../providers/meta/index.js';
