/**
 * JWS compact serialisation (RFC 7515 section 7.1): `BASE64URL(header) . BASE64URL(payload) . BASE64URL(signature)`,
 * the two halves a signer needs around its signature call. One copy for the RS256 application tokens
 * (`src/jwt/sign.ts`) and the HS256 test webhooks (`src/webhooks/sign-for-test.ts`).
 * @internal
 * @module
 */
import { bytesToBase64Url } from './base64url.js';

const utf8 = new TextEncoder();

/** The protected header `header`, base64url-encoded: computed once per algorithm by a signer. @internal */
export function encodeJwsHeader(header: { alg: string; typ: string }): string {
  return bytesToBase64Url(utf8.encode(JSON.stringify(header)));
}

/** The JWS signing input, `header.payload`, for an encoded header and the claims. @internal */
export function jwsSigningInput(encodedHeader: string, claims: object): string {
  return `${encodedHeader}.${bytesToBase64Url(utf8.encode(JSON.stringify(claims)))}`;
}

/** The compact token: the signing input, a dot, the base64url signature. @internal */
export function jwsCompact(signingInput: string, signature: ArrayBuffer): string {
  return `${signingInput}.${bytesToBase64Url(new Uint8Array(signature))}`;
}
