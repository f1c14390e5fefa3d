/**
 * Client configuration shared by every provider, and the strict parser that validates it: unknown keys are
 * refused with the list of valid ones, and no error ever echoes a value (values may be secrets).
 * @module
 */
import * as z from 'zod/mini';
import { ConfigError } from './errors.js';
import type { QuotaGate, WindowGate } from './gates.js';
import { formatIssues, fromZodIssues } from './issues.js';
import type { Logger } from './logger.js';
import type { ProviderId } from './provider.js';
import type { RetryPolicy } from './retry.js';
import { useEnglishUnlessConfigured } from './zod.js';

/** The retry policy schema (see {@link RetryPolicy}). */
const nonNegativeInt = z.optional(z.number().check(z.int(), z.gte(0)));
export const RetryPolicySchema = z.strictObject({
  unsafe: z.optional(z.boolean()),
  baseDelayMs: nonNegativeInt,
  maxDelayMs: nonNegativeInt,
  jitter: z.optional(z.number().check(z.gte(0), z.lte(1))),
  maxRetryAfterMs: nonNegativeInt,
}) satisfies z.ZodMiniType<RetryPolicy>;

/** Config keys every provider accepts. */
export const commonConfigShape = {
  /** Override the provider's API host (regional hosts, a proxy, or the local sandbox on 127.0.0.1). */
  baseUrl: z.optional(z.url({ protocol: /^https?$/ })),
  /** Per-attempt timeout in milliseconds. Default 30 000. */
  timeout: z.optional(z.number().check(z.int(), z.positive(), z.lte(600_000))),
  /** Retries after the first attempt. Default 2. */
  maxRetries: z.optional(z.number().check(z.int(), z.gte(0), z.lte(10))),
  /** Backoff and which ambiguous failures are retried. */
  retry: z.optional(RetryPolicySchema),
  /** A `fetch` implementation (proxies, tests, custom agents). Default: the global `fetch`. */
  fetch: z.optional(
    z.custom<typeof fetch>((v) => typeof v === 'function', { message: 'fetch must be a function' }),
  ),
  /** Where to write debug lines and warnings; secrets are never written. */
  logger: z.optional(
    z.custom<Logger>((v) => typeof v === 'object' && v !== null, {
      message: 'logger must be an object with log methods',
    }),
  ),
  /** Extra headers sent with every request. */
  headers: z.optional(z.record(z.string(), z.string())),
  /**
   * A quota tracker (`createQuotaTracker` from `waba-kit/quota`): business-initiated sends are counted against
   * the messaging tier. Typed here; checked when the client is built, with an error that says how to make one.
   */
  quota: z.optional(z.custom<QuotaGate>(() => true)),
  /**
   * A conversation-window tracker (`createConversationWindowTracker` from `waba-kit/quota`): free-form sends
   * outside the 24 h window are refused locally. Typed here; checked when the client is built.
   */
  window: z.optional(z.custom<WindowGate>(() => true)),
  /**
   * A `TokenBucket` (waba-kit/quota): every send waits for a token. `createRedisRateLimiter` shares one limit
   * between every process sending from the number.
   */
  rateLimiter: z.optional(z.unknown()),
  /** A `RecipientPacer` (waba-kit/quota): every send waits for the recipient's pair rate. */
  recipientPacer: z.optional(z.unknown()),
};

/** Default per-attempt timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default number of retries. */
export const DEFAULT_MAX_RETRIES = 2;

/**
 * Validates `input` against a strict provider config schema. Throws a {@link ConfigError} that lists every
 * problem by key, names unknown keys with the list of valid ones, and never includes a value.
 */
export function parseConfig<S extends z.ZodMiniObject>(
  schema: S,
  input: unknown,
  provider: ProviderId,
): z.output<S> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(`The ${provider} client config must be an object.`, { provider });
  }
  // A `createClient` config (with `provider`) is accepted by the class of that provider too.
  if ('provider' in input) {
    const { provider: named, ...rest } = input as Record<string, unknown>;
    if (named !== provider)
      throw new ConfigError(
        `This is the ${provider} client, but the config names provider ${JSON.stringify(String(named)).slice(0, 40)}. Use createClient(config) to pick the client from config.provider, or the class of that provider.`,
        {
          provider,
          issues: [{ code: 'config.provider', path: ['provider'], message: `must be ${provider}` }],
        },
      );
    input = rest;
  }
  useEnglishUnlessConfigured();
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const valid = Object.keys(schema.shape).sort();
  const issues = fromZodIssues(result.error.issues).map((issue) =>
    issue.code === 'schema.unrecognized_keys'
      ? { ...issue, message: `${issue.message}. Valid keys: ${valid.join(', ')}` }
      : issue,
  );
  throw new ConfigError(`Invalid ${provider} client config: ${formatIssues(issues)}`, { provider, issues });
}
