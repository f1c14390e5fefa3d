/**
 * `waba-kit/templates` entry point.
 * @module
 */
export * from '../templates/index.js';
