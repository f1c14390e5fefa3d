/**
 * Verification of Vonage signed webhooks (HS256 JWT in `Authorization: Bearer`), on Web Crypto directly.
 *
 * Source: Vonage "Signed webhooks" (https://developer.nexmo.com/messages/concepts/signed-webhooks): the token
 * is HS256-signed with the account's signature secret, `iss` is always `Vonage`, `iat` is in seconds, and
 * `payload_hash` is a SHA-256 hash of the request payload. The docs do not say which bytes are hashed; hashing the raw body bytes as lowercase hex is the
 * simplest reading and is what this module checks.
 *
 * The token is a JWS compact serialisation (RFC 7515 section 7.1) read by hand: three strict base64url segments
 * (./base64url.ts), a protected header that is a JSON object with `alg` exactly `HS256` and no `crit` (no
 * extension is understood, so none may be required, RFC 7515 section 4.1.11), and an HMAC-SHA256 signature over
 * `header.payload` checked by `crypto.subtle.verify` (constant time) with the secret's key, imported once
 * (../webhooks/crypto.ts). The payload is read only once the signature holds. jose did the same and loaded tens of
 * milliseconds of modules for it.
 * @module
 */

import { isRecord } from '../core/record.js';
import { hmacKey, sha256Hex, timingSafeEqualString, toBytes } from '../webhooks/crypto.js';
import type { WebhookVerificationReason } from '../webhooks/types.js';
import { base64UrlToBytes } from './base64url.js';

/**
 * The claims Vonage puts in a signed-webhook token. Unknown claims are kept.
 * @inline
 */
export interface VonageSignatureClaims {
  /** Always `Vonage`. */
  iss: string;
  /** Issued-at, unix seconds. */
  iat: number;
  jti?: string;
  /** SHA-256 hex of the request payload. */
  payload_hash?: string;
  api_key?: string;
  application_id?: string;
  [claim: string]: unknown;
}

/**
 * Options of {@link verifyVonageSignature}. Give `authorization` (the header value) or `token`.
 * @inline
 */
export interface VerifyVonageSignatureOptions {
  /** The `Authorization` header value, `Bearer <jwt>`. */
  authorization?: string | null | undefined;
  /** The bare JWT, when you extracted it yourself. */
  token?: string | null | undefined;
  /** The signature secret from the Vonage dashboard (account settings). */
  signatureSecret: string;
  /** The raw request body; when given, the token's `payload_hash` must be its SHA-256 hex. */
  rawBody?: string | Uint8Array | undefined;
  /** Oldest accepted `iat`, in seconds. Default 300. */
  maxAgeSeconds?: number | undefined;
  /** The current time, for tests. Default `new Date()`. */
  now?: Date | number | undefined;
}

/**
 * Result of {@link verifyVonageSignature}. `reason` says which check failed (one of the reasons `verifyWebhook`
 * reports, so both read alike in logs); it never contains the secret.
 * @inline
 */
export type VonageSignatureResult =
  | { valid: true; claims: VonageSignatureClaims }
  | { valid: false; reason: WebhookVerificationReason };

/** A refusal, saying which check failed. */
const refused = (reason: WebhookVerificationReason): VonageSignatureResult => ({ valid: false, reason });

/** Clock skew tolerated between Vonage and this host, for `iat`, `exp` and `nbf` alike. */
const SKEW_SECONDS = 60;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON object the bytes spell (strict UTF-8), or `undefined` for bytes that are not one (an array included). */
function jsonObject(bytes: Uint8Array | undefined): Record<string, unknown> | undefined {
  // Stryker disable next-line ConditionalExpression: `decode(undefined)` reads as '' and JSON.parse throws on it, which also returns undefined; this says it first.
  if (!bytes) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
    // Stryker disable next-line BlockStatement: falling through leaves `value` undefined, which the check below refuses too.
  } catch {
    return undefined;
  }
  return isRecord(value) ? value : undefined;
}

/** A claim that must be a number when it is present. */
const numericOrAbsent = (value: unknown): boolean => value === undefined || typeof value === 'number';

function extractToken(options: VerifyVonageSignatureOptions): string | undefined {
  if (typeof options.token === 'string' && options.token.trim()) return options.token.trim();
  const header = options.authorization;
  // Stryker disable next-line ConditionalExpression: a non-string header reads as "undefined" or "null" below, which no Bearer pattern matches.
  if (typeof header !== 'string') return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Verifies a Vonage signed webhook: HS256 only (`none` and RS256 tokens are refused, so a public key can never
 * be confused with the secret), `iss` must be `Vonage`, `iat` must be within `maxAgeSeconds` in the past and at
 * most 60 s in the future, `exp` (when present) at most 60 s in the past and `nbf` (when present) at most 60 s in
 * the future, and when `rawBody` is given, `payload_hash` must equal the SHA-256 hex of its bytes.
 * It never throws for a bad token; the result says why it was refused.
 *
 * @example
 * ```ts
 * const result = await verifyVonageSignature({
 *   authorization: request.headers.get('authorization'),
 *   signatureSecret: process.env.VONAGE_SIGNATURE_SECRET!,
 *   rawBody: await request.clone().text(),
 * });
 * if (!result.valid) return new Response(null, { status: 401 });
 * ```
 */
export async function verifyVonageSignature(
  options: VerifyVonageSignatureOptions,
): Promise<VonageSignatureResult> {
  if (typeof options.signatureSecret !== 'string' || options.signatureSecret.length === 0) {
    return refused('missing_secret');
  }
  const token = extractToken(options);
  if (!token) return refused('missing_token');

  const segments = token.split('.');
  const header = jsonObject(base64UrlToBytes(segments[0]!));
  if (!header) return refused('malformed_token');
  if (header.alg !== 'HS256') return refused('algorithm_not_allowed');
  if (segments.length !== 3 || Object.hasOwn(header, 'crit')) return refused('malformed_token');
  const payloadBytes = base64UrlToBytes(segments[1]!);
  const signature = base64UrlToBytes(segments[2]!);
  if (!payloadBytes || !signature) return refused('malformed_token');

  const signed = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(options.signatureSecret),
    signature,
    toBytes(`${segments[0]}.${segments[1]}`),
  );
  if (!signed) return refused('signature_mismatch');

  const payload = jsonObject(payloadBytes);
  // RFC 7519 section 4.1: exp, nbf and iat, when present, are NumericDates (JSON numbers).
  if (
    !payload ||
    !numericOrAbsent(payload.iat) ||
    !numericOrAbsent(payload.exp) ||
    !numericOrAbsent(payload.nbf)
  )
    return refused('malformed_token');

  if (payload.iss !== 'Vonage') return refused('issuer_mismatch');
  const iat = payload.iat;
  // Stryker disable next-line ConditionalExpression: Number.isFinite is false for anything but a number.
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return refused('missing_iat');
  const nowMs = options.now === undefined ? Date.now() : +options.now;
  const nowSeconds = Math.floor(nowMs / 1000);
  const maxAge = options.maxAgeSeconds ?? 300;
  if (iat > nowSeconds + SKEW_SECONDS) return refused('iat_in_future');
  if (nowSeconds - iat > maxAge) return refused('iat_too_old');
  // exp and nbf, when present, are numbers (checked above); their times are checked here, with the skew.
  const { exp, nbf } = payload;
  // Stryker disable next-line ConditionalExpression: exp is a number or absent (checked above), and an absent one compares false.
  if (typeof exp === 'number' && nowSeconds >= exp + SKEW_SECONDS) return refused('token_expired');
  // Stryker disable next-line ConditionalExpression: nbf is a number or absent (checked above), and an absent one compares false.
  if (typeof nbf === 'number' && nowSeconds + SKEW_SECONDS < nbf) return refused('token_not_yet_valid');

  if (options.rawBody !== undefined) {
    const expected = payload.payload_hash;
    if (typeof expected !== 'string') return refused('payload_hash_missing');
    const actual = await sha256Hex(options.rawBody);
    if (!timingSafeEqualString(actual, expected.toLowerCase())) return refused('payload_hash_mismatch');
  }
  return { valid: true, claims: payload as VonageSignatureClaims };
}
