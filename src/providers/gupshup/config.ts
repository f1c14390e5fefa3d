/**
 * Configuration of {@link GupshupClient}: the strict zod schema and its parser. Errors name the bad keys and
 * never echo a value.
 * @module
 */
import * as z from 'zod/mini';
import { commonConfigShape, parseConfig } from '../../core/config.js';
import { isValidPhone, phoneDigits } from '../../core/phone.js';

/** Gupshup's self-serve API host (https://docs.gupshup.io/docs/session-messages). */
export const GUPSHUP_DEFAULT_BASE_URL = 'https://api.gupshup.io';

const secret = (what: string) => z.string().check(z.minLength(1, `${what} must not be empty`));
const trimmedNonEmpty = (message?: string) => z.string().check(z.trim(), z.minLength(1, message));

/** The strict schema of {@link GupshupConfig}: the common keys plus the Gupshup ones. */
export const GupshupConfigSchema = z.strictObject({
  ...commonConfigShape,
  /** The account API key or the app's "App API Key" (sent as the `apikey` header). */
  apiKey: secret('apiKey'),
  /** The Gupshup app name registered to `source` (sent as `src.name`). */
  appName: trimmedNonEmpty('appName must not be empty (the Gupshup app name, sent as src.name)'),
  /** The WhatsApp business number of the app (E.164; `+` optional). Sandbox apps use 917834811114. */
  source: z.pipe(
    z.string().check(
      z.refine(isValidPhone, {
        message: 'source must be the WhatsApp business number in E.164 form, e.g. +917834811114',
      }),
    ),
    z.transform((v: string) => phoneDigits(v)),
  ),
  /** The Gupshup app id (dashboard, app settings): needed for template listing and read receipts. */
  appId: z.optional(trimmedNonEmpty('appId must not be empty')),
  /**
   * Gupshup does not sign webhooks. A shared secret you attach to the subscription as a header (the partner
   * subscription `meta` headers) is compared in constant time.
   */
  sharedSecret: z.optional(secret('sharedSecret')),
  /** The header carrying `sharedSecret`. Default `authorization`. */
  sharedSecretHeader: z.optional(trimmedNonEmpty()),
  /** A secret token you put in the callback URL's query string, compared in constant time. */
  urlToken: z.optional(secret('urlToken')),
  /** The query parameter carrying `urlToken`. Default `token`. */
  urlTokenParam: z.optional(trimmedNonEmpty()),
  /**
   * `true`: refuse webhooks unless a shared secret or URL token is configured and matches. `false`: never verify.
   * Default: verify when one is configured.
   */
  verifyWebhooks: z.optional(z.boolean()),
});

/** Plain config of {@link GupshupClient}, as written by the caller. */
export type GupshupConfig = z.input<typeof GupshupConfigSchema>;

/** Config after validation: `source` is digits only. */
export type ResolvedGupshupConfig = z.output<typeof GupshupConfigSchema>;

/** Config keys whose values are secrets: redacted from `toJSON`/`inspect` and scrubbed from error messages. */
export const GUPSHUP_SECRET_KEYS = ['apiKey', 'sharedSecret', 'urlToken'] as const;

/**
 * Validates a {@link GupshupConfig}. Throws `ConfigError` listing every bad key (never a value).
 *
 * @example
 * ```ts
 * const config = parseGupshupConfig({ apiKey: process.env.GUPSHUP_API_KEY, appName: 'DemoApp', source: '917834811114' });
 * ```
 */
export function parseGupshupConfig(input: unknown): ResolvedGupshupConfig {
  return parseConfig(GupshupConfigSchema, input, 'gupshup');
}
