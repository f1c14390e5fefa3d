/**
 * Option and result types of `waba-kit/webhooks`.
 * @module
 */
/**
 * The secrets a webhook delivery is checked against. Each provider uses one of them:
 * - `nexmo`: `signatureSecret` (Vonage signed webhooks, HS256 JWT in `Authorization: Bearer`);
 * - `meta` and `clevertap`: `appSecret` (`X-Hub-Signature-256` HMAC of the raw body);
 * - `gupshup`: Gupshup does not sign webhooks, so `sharedSecret` (a header you attach to the subscription, by
 *   default `Authorization`, as the secret itself or `Bearer <secret>`) and/or `urlToken` (a `token` query
 *   parameter you put in the callback URL).
 *
 * When the secret a provider needs is not configured, deliveries are parsed **unverified** (unless `verify` is
 * `true`, which makes a missing secret a `ConfigError`). Configure the secret in production.
 * @inline
 */
export interface WebhookSecrets {
  /** Vonage signature secret (dashboard, account settings). */
  signatureSecret?: string | undefined;
  /** Meta app secret (App dashboard, Basic settings); CleverTap BSP uses the same scheme. */
  appSecret?: string | undefined;
  /** Gupshup: a shared secret sent in a header you configure on the subscription. */
  sharedSecret?: string | undefined;
  /** Gupshup: the header carrying `sharedSecret`. Default `authorization`. Case-insensitive. */
  sharedSecretHeader?: string | undefined;
  /** Gupshup: a secret token carried in the callback URL's query string (`?token=...`). */
  urlToken?: string | undefined;
  /** Gupshup: the query parameter carrying `urlToken`. Default `token`. */
  urlTokenParam?: string | undefined;
  /** Vonage: oldest accepted token `iat`, in seconds. Default 300. */
  maxAgeSeconds?: number | undefined;
  /**
   * `true`: always verify, and refuse with a `ConfigError` when the needed secret is missing. `false`: never
   * verify (tests, or when a gateway in front already did). Default: verify when the needed secret is set.
   */
  verify?: boolean | undefined;
}

/**
 * Options of `verifyWebhook`. Header names are matched case-insensitively.
 * @inline
 */
export interface VerifyWebhookOptions extends WebhookSecrets {
  /** The raw request body, exactly as received. */
  rawBody: string | Uint8Array;
  /** The request headers. */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The full request URL (Gupshup URL tokens). */
  url?: string | undefined;
  /** The current time, for tests (Vonage `iat` checks). */
  now?: Date | number | undefined;
}

/** Why a delivery was refused. Stable values, safe to log: they never contain a secret. */
export type WebhookVerificationReason =
  | 'missing_secret'
  | 'missing_header'
  | 'malformed_header'
  | 'signature_mismatch'
  | 'token_mismatch'
  | 'missing_token'
  | 'malformed_token'
  | 'algorithm_not_allowed'
  | 'issuer_mismatch'
  | 'missing_iat'
  | 'iat_too_old'
  | 'iat_in_future'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'payload_hash_missing'
  | 'payload_hash_mismatch';

/** Result of `verifyWebhook`. */
export type WebhookVerificationResult =
  | { valid: true }
  | { valid: false; reason: WebhookVerificationReason; message: string };

/**
 * The wire formats `parseWebhook` understands.
 * @inline
 */
export type WebhookFormat = 'vonage-v0.1' | 'vonage-v1' | 'gupshup-v2' | 'meta';
