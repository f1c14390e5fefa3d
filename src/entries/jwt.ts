/**
 * `waba-kit/jwt`: Vonage application JWT signing (RS256, cached) and signed-webhook verification (HS256), on Web
 * Crypto (`crypto.subtle`) directly, with no dependency.
 *
 * This file is the entry's public export list, recorded in `api/jwt.api.md` (`npm run api:report`).
 * @module waba-kit/jwt
 */
export {
  type ApplicationJwtSigner,
  createApplicationJwtSigner,
  readPrivateKeyPem,
  signApplicationJwt,
  verifyVonageSignature,
  wrapPkcs1InPkcs8,
} from '../jwt/index.js';
