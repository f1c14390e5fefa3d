/**
 * `waba-kit/sandbox` entry point.
 * @module waba-kit/sandbox
 */
export * from '../sandbox/index.js';
