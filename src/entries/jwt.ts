/**
 * `waba-kit/jwt` entry point.
 * @module waba-kit/jwt
 */
export * from '../jwt/index.js';
