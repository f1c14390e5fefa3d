/**
 * `waba-kit/jwt`: Vonage application JWT signing (RS256, cached) and signed-webhook verification (HS256), on Web
 * Crypto through jose.
 * @module
 */
export {
  type ParsedPrivateKey,
  type PrivateKeyFormat,
  readPrivateKeyPem,
  wrapPkcs1InPkcs8,
} from './keys.js';
export * from './sign.js';
export * from './verify.js';
