/**
 * `waba-kit/jwt` entry point.
 * @module
 */
export * from '../jwt/index.js';
