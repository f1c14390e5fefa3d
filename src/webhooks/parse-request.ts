/**
 * `parseWebhookRequest`: verify then parse one delivery. The webhook handler and every client's
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
 * Verifies and parses one webhook delivery, given as a Fetch `Request` or as `{ rawBody, headers, url? }`.
 *
 * Verification runs when the secret the provider needs is configured (`signatureSecret` for `nexmo`,
 * `appSecret` for `meta`/`clevertap`, `sharedSecret`/`urlToken` for `gupshup`). **When none is configured the
 * delivery is parsed unverified**; pass `verify: true` to make that a `ConfigError` instead. A secret set to
 * `''` (or only whitespace) is a `ConfigError`, never "no secret".
 *
 * Throws {@link WebhookVerificationError} (with `reason`) when verification fails, and `WebhookParseError`
 * when the body is not a JSON object.
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
  await assertVerified(provider, delivery, options);
  return parseWebhook(provider, delivery.rawBody);
}
