/**
 * `waba-kit/meta` entry point.
 * @module waba-kit/meta
 */
export * from '../providers/meta/index.js';
