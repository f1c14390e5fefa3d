/**
 * `signWebhookForTest`: sign a payload the way the provider would, for your own tests.
 * @module
 */
import type { ProviderId } from '../core/provider.js';
import { encodeJwsHeader, jwsCompact, jwsSigningInput } from '../jwt/compact.js';
import { hmacKey, hmacSha256Hex, sha256Hex, toBytes } from './crypto.js';
import { DEFAULT_SHARED_SECRET_HEADER, META_SIGNATURE_HEADER } from './verify.js';

/** The protected header of the tokens Vonage signs webhooks with, base64url-encoded once. */
const VONAGE_HEADER = encodeJwsHeader({ alg: 'HS256', typ: 'JWT' });

/**
 * Options of {@link signWebhookForTest}.
 * @inline
 */
export interface SignWebhookForTestOptions {
  /** Vonage: the token's `iat`. Default now. */
  now?: Date | number | undefined;
  /** Vonage: the `api_key` claim. Default `test-api-key`. */
  apiKey?: string | undefined;
  /** Vonage: the `application_id` claim, when wanted. */
  applicationId?: string | undefined;
  /** Gupshup: the header carrying the shared secret. Default `authorization`. */
  sharedSecretHeader?: string | undefined;
}

/**
 * Returns the headers the provider would send with `body`, signed with `secret`, so tests can post realistic
 * deliveries to a handler built with the same secret.
 *
 * - `nexmo`: `authorization: Bearer <HS256 JWT>` with `iss: "Vonage"`, `iat`, `jti`, `api_key` and
 *   `payload_hash` (SHA-256 hex of the body), signed with the signature secret.
 * - `meta`, `clevertap`: `x-hub-signature-256: sha256=<HMAC-SHA256 of the body bytes>` with the app secret.
 * - `gupshup`: the shared-secret header (Gupshup does not sign; this is the header you configure).
 *
 * Sign the exact string you post: any re-serialisation changes the bytes and the signature.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(payload);
 * const headers = await signWebhookForTest('meta', body, 'app-secret');
 * const response = await handler(
 *   new Request('https://example.test/webhook', { method: 'POST', body, headers }),
 * );
 * ```
 */
export async function signWebhookForTest(
  provider: ProviderId,
  body: string | Uint8Array,
  secret: string,
  options: SignWebhookForTestOptions = {},
): Promise<Record<string, string>> {
  switch (provider) {
    case 'nexmo': {
      const nowMs = options.now === undefined ? Date.now() : +options.now;
      const claims = {
        api_key: options.apiKey ?? 'test-api-key',
        payload_hash: await sha256Hex(body),
        ...(options.applicationId ? { application_id: options.applicationId } : {}),
        iss: 'Vonage',
        iat: Math.floor(nowMs / 1000),
        jti: crypto.randomUUID(),
      };
      // HS256 over `header.payload` with the secret's key.
      const input = jwsSigningInput(VONAGE_HEADER, claims);
      const token = jwsCompact(
        input,
        await crypto.subtle.sign('HMAC', await hmacKey(secret), toBytes(input)),
      );
      return { authorization: `Bearer ${token}` };
    }
    case 'meta':
    case 'clevertap':
      return { [META_SIGNATURE_HEADER]: `sha256=${await hmacSha256Hex(secret, body)}` };
    case 'gupshup':
      return { [(options.sharedSecretHeader ?? DEFAULT_SHARED_SECRET_HEADER).toLowerCase()]: secret };
    default:
      return {};
  }
}
