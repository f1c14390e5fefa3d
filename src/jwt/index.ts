/**
 * `waba-kit/jwt`: Vonage application JWT signing (RS256, cached) and signed-webhook verification (HS256), on Web
 * Crypto (`crypto.subtle`) directly, with no dependency.
 * @module
 */
export {
  type ParsedPrivateKey,
  type PrivateKeyFormat,
  readPrivateKeyPem,
  wrapPkcs1InPkcs8,
} from './keys.js';
export {
  type ApplicationJwtClaims,
  type ApplicationJwtOptions,
  type ApplicationJwtSigner,
  type ApplicationJwtSignerOptions,
  createApplicationJwtSigner,
  DEFAULT_JWT_TTL_SECONDS,
  DEFAULT_REFRESH_MARGIN_SECONDS,
  type JwtAcl,
  type JwtClock,
  MAX_JWT_TTL_SECONDS,
  MIN_JWT_TTL_SECONDS,
  signApplicationJwt,
} from './sign.js';
export {
  type VerifyVonageSignatureOptions,
  type VonageSignatureClaims,
  type VonageSignatureResult,
  verifyVonageSignature,
} from './verify.js';
