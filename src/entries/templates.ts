/**
 * `waba-kit/templates` entry point.
 * @module waba-kit/templates
 */
export * from '../templates/index.js';
