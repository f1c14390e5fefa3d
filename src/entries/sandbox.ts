/**
 * `waba-kit/sandbox` entry point.
 * @module
 */
export * from '../sandbox/index.js';
