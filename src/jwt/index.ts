/**
 * `waba-kit/jwt`: Vonage application JWT signing (RS256, cached) and signed-webhook verification (HS256), on Web
 * Crypto through jose.
 * @module
 */
export * from './sign.js';
export * from './verify.js';
