/**
 * `parseWebhookRequest`: verify and parse one delivery, the parse running while the verification's Web Crypto
 * job does, and nothing parsed returned before the verdict. The webhook handler and every client's
 * `parseWebhook(request)` go through it.
 * @module
 */
import type { WebhookInput } from '../core/client.js';
import { ConfigError, WebhookVerificationError } from '../core/errors.js';
import type { ProviderId } from '../core/provider.js';
import type { WebhookEvent } from '../core/webhook-event.js';
import { parseWebhook } from './parse.js';
import { type NormalizedDelivery, normalizeDelivery } from './request.js';
import { assertSecretsUsable, SECRET_NAMES } from './secrets.js';
import type { WebhookSecrets } from './types.js';
import { hasSecretFor, verifyWebhook } from './verify.js';

/**
 * Verifies a normalised delivery when a secret is configured (or `verify: true`), throwing
 * {@link WebhookVerificationError} with its `reason` when it does not verify, and {@link ConfigError} when a
 * secret is set but empty.
 */
export async function assertVerified(
  provider: ProviderId,
  delivery: NormalizedDelivery,
  secrets: WebhookSecrets,
): Promise<void> {
  assertSecretsUsable(secrets, provider, 'parseWebhookRequest');
  if (secrets.verify === false) return;
  if (!hasSecretFor(provider, secrets)) {
    if (secrets.verify === true) {
      throw new ConfigError(
        `verify: true needs ${SECRET_NAMES[provider]} to verify ${provider} webhooks, and none is configured.`,
        {
          provider,
          issues: [
            {
              code: 'secret.missing',
              path: [SECRET_NAMES[provider]],
              message: 'Required to verify webhooks.',
            },
          ],
        },
      );
    }
    return;
  }
  const result = await verifyWebhook(provider, { ...secrets, ...delivery });
  if (!result.valid) {
    throw new WebhookVerificationError(`The ${provider} webhook did not verify: ${result.message}`, {
      provider,
      reason: result.reason,
    });
  }
}

/**
 * Bodies up to this size are parsed while their verification runs; larger ones are parsed after it. Meta's
 * largest batch (1 000 updates) is a few hundred KiB. Above 1 MiB the parse costs several times the HMAC, so
 * running both at once saves little, while parsing a forged body first would multiply what refusing it costs.
 */
export const PARSE_ALONGSIDE_MAX_BYTES = 1024 * 1024;

/**
 * Verifies a delivery (as {@link assertVerified}) and parses it with `parse`, both at once: the verification's
 * Web Crypto job is started first (on Node it runs on libuv's thread pool), `parse` runs on this thread
 * meanwhile, and only then is the verdict awaited. Bodies above {@link PARSE_ALONGSIDE_MAX_BYTES} are verified
 * first and parsed after.
 *
 * Nothing `parse` returned leaves this function before the delivery verified: a delivery that does not verify
 * rejects with the verification's error (`WebhookVerificationError`, or `ConfigError`), even when `parse`
 * threw too; the error of `parse` is thrown only for a delivery that verified. `parse` must be synchronous and
 * free of side effects (it reads the body and returns; its cost is linear in the body, which the caller caps).
 */
export async function verifyAndParse<T>(
  provider: ProviderId,
  delivery: NormalizedDelivery,
  secrets: WebhookSecrets,
  parse: (rawBody: string | Uint8Array) => T,
): Promise<T> {
  const verdict = assertVerified(provider, delivery, secrets);
  if (bodySize(delivery.rawBody) > PARSE_ALONGSIDE_MAX_BYTES) {
    await verdict;
    return parse(delivery.rawBody);
  }
  let parsed: { value: T } | { error: unknown };
  try {
    parsed = { value: parse(delivery.rawBody) };
  } catch (error) {
    parsed = { error };
  }
  // Awaited in the same turn as it was created, so a rejected verdict is always handled.
  await verdict;
  if ('error' in parsed) throw parsed.error;
  return parsed.value;
}

/** The size of a raw body: bytes, or UTF-16 units of a string (its size in bytes for ASCII text). */
function bodySize(rawBody: string | Uint8Array): number {
  return typeof rawBody === 'string' ? rawBody.length : rawBody.byteLength;
}

/**
 * Verifies and parses one webhook delivery, given as a Fetch `Request` or as `{ rawBody, headers, url? }`.
 *
 * Verification runs when the secret the provider needs is configured (`signatureSecret` for `nexmo`,
 * `appSecret` for `meta`/`clevertap`, `sharedSecret`/`urlToken` for `gupshup`). **When none is configured the
 * delivery is parsed unverified**; pass `verify: true` to make that a `ConfigError` instead. A secret set to
 * `''` (or only whitespace) is a `ConfigError`, never "no secret".
 *
 * Throws {@link WebhookVerificationError} (with `reason`) when verification fails, and `WebhookParseError`
 * when the body is not a JSON object. A delivery that fails verification is refused with the verification
 * error even when its body is not JSON either.
 *
 * The body (up to 1 MiB) is parsed while the signature check runs (on Node, Web Crypto's HMAC runs on libuv's
 * thread pool, so the two overlap), and the events are returned only once the delivery verified: the cost is
 * about the larger of the two instead of their sum, and nothing of a refused delivery is ever returned.
 *
 * @example
 * ```ts
 * const events = await parseWebhookRequest('meta', request, { appSecret: process.env.META_APP_SECRET });
 * ```
 */
export async function parseWebhookRequest(
  provider: ProviderId,
  input: Request | WebhookInput,
  options: WebhookSecrets = {},
): Promise<WebhookEvent[]> {
  const delivery = await normalizeDelivery(input);
  return verifyAndParse(provider, delivery, options, (rawBody) => parseWebhook(provider, rawBody));
}
