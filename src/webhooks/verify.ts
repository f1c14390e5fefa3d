/**
 * `verifyWebhook`: proves a delivery came from the provider, before anything is parsed.
 * @module
 */
import type { ProviderId } from '../core/provider.js';
import { verifyVonageSignature } from '../jwt/verify.js';
import { hmacSha256Hex, secretsEqual, timingSafeEqualString, toBytes } from './crypto.js';
import { getHeader } from './request.js';
import type { VerifyWebhookOptions, WebhookVerificationReason, WebhookVerificationResult } from './types.js';

/** The Meta / CleverTap signature header. */
export const META_SIGNATURE_HEADER = 'x-hub-signature-256';
/** Default header carrying a Gupshup shared secret. */
export const DEFAULT_SHARED_SECRET_HEADER = 'authorization';
/** Default query parameter carrying a Gupshup URL token. */
export const DEFAULT_URL_TOKEN_PARAM = 'token';

const MESSAGES: Record<WebhookVerificationReason, string> = {
  missing_secret: 'No secret is configured for this provider, so the delivery cannot be verified.',
  missing_header: 'The signature header is missing.',
  malformed_header: 'The signature header is not in the expected form.',
  signature_mismatch: 'The signature does not match the body and the configured secret.',
  token_mismatch: 'The shared secret or URL token does not match the configured one.',
  missing_token: 'The Authorization header has no Bearer token.',
  malformed_token: 'The Bearer token is not a well-formed JWT.',
  algorithm_not_allowed: 'The token is not signed with HS256.',
  issuer_mismatch: "The token's iss is not Vonage.",
  missing_iat: 'The token has no iat claim.',
  iat_too_old: "The token's iat is older than the allowed age (replayed or delayed delivery?).",
  iat_in_future: "The token's iat is in the future (clock skew above 60 s?).",
  token_expired: "The token's exp has passed (more than 60 s ago): replayed or delayed delivery?",
  token_not_yet_valid: "The token's nbf is more than 60 s in the future (clock skew?).",
  payload_hash_missing: 'The token has no payload_hash claim.',
  payload_hash_mismatch: "The token's payload_hash does not match the body (body altered or re-serialised?).",
};

function fail(reason: WebhookVerificationReason): WebhookVerificationResult {
  return { valid: false, reason, message: MESSAGES[reason] };
}

/** The secret `provider` is verified with, when configured. */
export function hasSecretFor(provider: ProviderId, options: VerifyWebhookOptions | object): boolean {
  const o = options as VerifyWebhookOptions;
  switch (provider) {
    case 'nexmo':
      return !!o.signatureSecret;
    case 'meta':
    case 'clevertap':
      return !!o.appSecret;
    case 'gupshup':
      return !!o.sharedSecret || !!o.urlToken;
    default:
      return false;
  }
}

/**
 * Escapes every non-ASCII UTF-16 unit as `\uXXXX` (lowercase hex), which is how Meta serialises the payload it
 * signs. A raw body that kept UTF-8 characters is checked in this form when the raw bytes do not match.
 */
export function escapeNonAscii(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const BACKSLASH_U = [0x5c, 0x75];
const HEX_DIGITS = '0123456789abcdef';

/** Writes `\uXXXX` (lowercase hex) for the UTF-16 unit `unit` at `out[at]`; returns the next index. */
function writeEscape(out: Uint8Array, at: number, unit: number): number {
  out[at] = BACKSLASH_U[0] as number;
  out[at + 1] = BACKSLASH_U[1] as number;
  out[at + 2] = HEX_DIGITS.charCodeAt((unit >> 12) & 15);
  out[at + 3] = HEX_DIGITS.charCodeAt((unit >> 8) & 15);
  out[at + 4] = HEX_DIGITS.charCodeAt((unit >> 4) & 15);
  out[at + 5] = HEX_DIGITS.charCodeAt(unit & 15);
  return at + 6;
}

/** Whether any byte is outside ASCII. */
function hasNonAscii(bytes: Uint8Array): boolean {
  // Stryker disable next-line EqualityOperator: DEL (0x7f) escapes to itself, so also retrying for it changes the cost only.
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) return true;
  return false;
}

/**
 * The bytes of `escapeNonAscii(utf8Decode(bytes))`, computed in one pass over the bytes (at most 3x their
 * length: 6 output bytes for 2- or 3-byte sequences, 12 for 4-byte ones), or `undefined` when the bytes are not
 * well-formed UTF-8: Meta sends UTF-8 JSON, so no escaped form of other bytes can carry its signature.
 */
export function escapeNonAsciiBytes(bytes: Uint8Array): Uint8Array | undefined {
  const out = new Uint8Array(bytes.length * 3);
  let o = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      out[o++] = b;
      i++;
      continue;
    }
    let cp: number;
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      cp = b & 0x1f;
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      cp = b & 0x0f;
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      cp = b & 0x07;
      need = 3;
      min = 0x10000;
    } else return undefined;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: a read past the end is `undefined`, which the continuation check below refuses too; this says it first.
    if (i + need >= bytes.length) return undefined;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      o = writeEscape(out, o, 0xd800 | (v >> 10));
      o = writeEscape(out, o, 0xdc00 | (v & 0x3ff));
    } else o = writeEscape(out, o, cp);
    i += need + 1;
  }
  return out.subarray(0, o);
}

async function verifyMeta(options: VerifyWebhookOptions): Promise<WebhookVerificationResult> {
  const secret = options.appSecret;
  if (!secret) return fail('missing_secret');
  const header = getHeader(options.headers, META_SIGNATURE_HEADER);
  if (header === undefined || header.trim() === '') return fail('missing_header');
  const match = /^\s*sha256=([0-9a-fA-F]{64})\s*$/.exec(header);
  if (!match?.[1]) return fail('malformed_header');
  const given = match[1].toLowerCase();
  // The bytes as received first: one HMAC, and the answer for every ASCII body.
  const bytes = toBytes(options.rawBody);
  if (timingSafeEqualString(await hmacSha256Hex(secret, bytes), given)) return { valid: true };
  // Meta signs the payload with non-ASCII characters escaped as \uXXXX; a body that reached us unescaped
  // (some proxies and frameworks re-encode) is checked in that form too. Only where it can apply (non-ASCII,
  // well-formed UTF-8) and once, over at most 3x the bytes, built in one pass: refusing a bad signature costs
  // the same order of CPU for any body.
  if (!hasNonAscii(bytes)) return fail('signature_mismatch');
  const escaped = escapeNonAsciiBytes(bytes);
  if (escaped && timingSafeEqualString(await hmacSha256Hex(secret, escaped), given)) return { valid: true };
  return fail('signature_mismatch');
}

async function verifyGupshup(options: VerifyWebhookOptions): Promise<WebhookVerificationResult> {
  const { sharedSecret, urlToken } = options;
  if (!sharedSecret && !urlToken) return fail('missing_secret');
  if (sharedSecret) {
    const header = getHeader(options.headers, options.sharedSecretHeader ?? DEFAULT_SHARED_SECRET_HEADER);
    if (header === undefined) return fail('missing_header');
    const value = header.trim();
    const bearer = /^Bearer\s+(.+)$/i.exec(value)?.[1];
    const [plain, withBearer] = await Promise.all([
      secretsEqual(value, sharedSecret),
      // Stryker disable next-line StringLiteral: with no Bearer token any stand-in compares unequal to a configured secret.
      secretsEqual(bearer ?? '', sharedSecret),
    ]);
    if (!plain && !withBearer) return fail('token_mismatch');
  }
  if (urlToken) {
    let given: string | null = null;
    try {
      given = options.url
        ? new URL(options.url).searchParams.get(options.urlTokenParam ?? DEFAULT_URL_TOKEN_PARAM)
        : null;
      // Stryker disable next-line BlockStatement: `given` is already null; the assignment only says what an unparsable URL means.
    } catch {
      given = null;
    }
    if (given === null) return fail('missing_token');
    if (!(await secretsEqual(given, urlToken))) return fail('token_mismatch');
  }
  return { valid: true };
}

async function verifyVonage(options: VerifyWebhookOptions): Promise<WebhookVerificationResult> {
  if (!options.signatureSecret) return fail('missing_secret');
  const authorization = getHeader(options.headers, 'authorization');
  if (authorization === undefined) return fail('missing_header');
  const result = await verifyVonageSignature({
    authorization,
    signatureSecret: options.signatureSecret,
    rawBody: options.rawBody,
    maxAgeSeconds: options.maxAgeSeconds,
    now: options.now,
  });
  return result.valid ? { valid: true } : fail(result.reason);
}

/**
 * Verifies that a delivery came from the provider. Resolves `{ valid: true }` or `{ valid: false, reason,
 * message }`; it does not throw for a bad delivery.
 *
 * - `nexmo`: `Authorization: Bearer <JWT>` signed HS256 with `signatureSecret`, `iss` = `Vonage`, `iat` at most
 *   `maxAgeSeconds` (300) old, `payload_hash` = SHA-256 hex of the raw body.
 * - `meta`, `clevertap`: `X-Hub-Signature-256: sha256=<HMAC-SHA256(raw body, appSecret)>`, compared in constant
 *   time; a missing header is refused. Bodies with non-ASCII characters are also checked in Meta's
 *   `\uXXXX`-escaped form.
 * - `gupshup`: no signature exists; `sharedSecret` in a header (default `Authorization`, plain or `Bearer`)
 *   and/or `urlToken` in the callback URL, compared in constant time.
 *
 * @example
 * ```ts
 * const rawBody = await request.text();
 * const result = await verifyWebhook('meta', {
 *   rawBody,
 *   headers: request.headers,
 *   appSecret: process.env.META_APP_SECRET,
 * });
 * if (!result.valid) return new Response(result.reason, { status: 401 });
 * ```
 */
export async function verifyWebhook(
  provider: ProviderId,
  options: VerifyWebhookOptions,
): Promise<WebhookVerificationResult> {
  switch (provider) {
    case 'nexmo':
      return verifyVonage(options);
    case 'meta':
    case 'clevertap':
      return verifyMeta(options);
    case 'gupshup':
      return verifyGupshup(options);
    default:
      return fail('missing_secret');
  }
}
