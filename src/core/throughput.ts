/**
 * The send guard of the `rateLimiter` and `recipientPacer` config keys: every send of a client (not only
 * broadcasts) waits for a token of the number's throughput limit and for the recipient's pair rate. Any
 * `TokenBucket` / `RecipientPacer` of `waba-kit/quota` fits, in memory (one process) or on Redis
 * (`createRedisRateLimiter`, `createRedisRecipientPacer`: one limit shared by every process). Core declares only
 * the shapes it calls, so a client that uses neither pays for neither.
 * @module
 */
import { ConfigError } from './errors.js';
import type { SendGuard } from './gates.js';
import type { ProviderId } from './provider.js';

/** What the `rateLimiter` config key must offer (a `TokenBucket`). */
export interface RateLimiterGate {
  take(signal?: AbortSignal): Promise<void>;
}

/** What the `recipientPacer` config key must offer (a `RecipientPacer`). */
export interface RecipientPacerGate {
  wait(recipient: string, signal?: AbortSignal): Promise<void>;
}

function refuse(provider: ProviderId, key: string, method: string, factory: string): never {
  throw new ConfigError(
    `Invalid ${key}: expected an object with ${method}. Build one with ${factory} from waba-kit/quota.`,
    { provider, issues: [{ code: `config.${key}`, path: [key], message: `expected ${factory}` }] },
  );
}

/**
 * The throughput guard for a config, or `undefined` when it sets neither key. Throws {@link ConfigError} when a
 * key holds something else. It runs last, right before the request, so a send refused by another guard never
 * spends a token, and the request starts in the slot it waited for.
 */
export function throughputGuard(
  config: { rateLimiter?: unknown; recipientPacer?: unknown },
  provider: ProviderId,
): SendGuard | undefined {
  const { rateLimiter, recipientPacer } = config;
  if (rateLimiter !== undefined && typeof (rateLimiter as RateLimiterGate)?.take !== 'function')
    refuse(provider, 'rateLimiter', 'take()', 'createTokenBucket or createRedisRateLimiter');
  if (recipientPacer !== undefined && typeof (recipientPacer as RecipientPacerGate)?.wait !== 'function')
    refuse(provider, 'recipientPacer', 'wait()', 'createRecipientPacer or createRedisRecipientPacer');
  if (rateLimiter === undefined && recipientPacer === undefined) return undefined;
  const limiter = rateLimiter as RateLimiterGate | undefined;
  const pacer = recipientPacer as RecipientPacerGate | undefined;
  return async (message, { signal }) => {
    if (pacer) await pacer.wait(message.to, signal);
    if (limiter) await limiter.take(signal);
  };
}
