/**
 * Checks on the secrets given to the webhook entry points: an empty secret is a configuration mistake that
 * would otherwise fail open (a `''` secret counts as "none configured", and unconfigured means "parse
 * unverified"), so it is refused the way the client configs refuse it.
 * @module
 */
import { ConfigError } from '../core/errors.js';
import type { ProviderId } from '../core/provider.js';
import type { WebhookSecrets } from './types.js';

/** The option each provider is verified with, for messages. */
export const SECRET_NAMES: Readonly<Record<ProviderId, string>> = {
  nexmo: 'signatureSecret',
  meta: 'appSecret',
  clevertap: 'appSecret',
  gupshup: 'sharedSecret or urlToken',
};

/** Every secret-valued option of the webhook entry points. */
const SECRET_KEYS = ['signatureSecret', 'appSecret', 'sharedSecret', 'urlToken', 'verifyToken'] as const;

/**
 * Throws a {@link ConfigError} when a secret option is set but empty (`''` or only whitespace) or not a
 * string. `undefined` stays allowed: that is the documented "no secret, parse unverified" case. The error names
 * the options, never their values.
 */
export function assertSecretsUsable(
  secrets: WebhookSecrets & { verifyToken?: string | undefined },
  provider: ProviderId | undefined,
  where: string,
): void {
  const bad = SECRET_KEYS.filter((key) => {
    const value: unknown = secrets?.[key];
    return value !== undefined && (typeof value !== 'string' || value.trim() === '');
  });
  if (bad.length === 0) return;
  const message = `${where}: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} empty or not a string. An empty secret would accept unsigned deliveries; pass the real secret, or leave the option out (deliveries are then parsed unverified) or set verify: false on purpose.`;
  throw new ConfigError(message, {
    ...(provider ? { provider } : {}),
    issues: bad.map((key) => ({
      code: 'secret.empty',
      path: [key],
      message: `${key} must be a non-empty string.`,
    })),
  });
}
