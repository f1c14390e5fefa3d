/**
 * A {@link WebhookDedupeStore} on Redis, shared by every instance behind a load balancer, so a provider's retry
 * that lands on another instance is recognised. Accepts an `ioredis` or `redis` (node-redis v4+) client, like the
 * Redis quota store. Each operation is one command or one Lua script.
 *
 * A key moves through two states: claimed (`p:<token>`, held for `leaseMs` while the handlers run) and done
 * (`d`, held for the dedupe TTL). A delivery that finds the key claimed by another delivery still running is
 * answered non-2xx, so the provider retries it later; if the instance that claimed it died, the lease runs out
 * and that retry is processed. Keys: `<keyPrefix>dedupe:<event key>`.
 * @module
 */
import { evalScript, failClosed, redisKeyPrefix, redisRunner, redisScript } from '../core/redis.js';
import type { WebhookDedupeStore } from './dedupe.js';

/**
 * Options of {@link createRedisDedupeStore}.
 * @inline
 */
export interface RedisDedupeStoreOptions {
  /** Prefix of every key. Default `'waba-kit:'`. */
  keyPrefix?: string | undefined;
  /**
   * How long a handled event is remembered, when the handler passes no TTL of its own (it passes its
   * `dedupe.ttlMs`, default 24 h, Vonage's retry horizon). Default 24 h.
   */
  ttlMs?: number | undefined;
  /**
   * How long a claim holds while the handlers run. A delivery of the same event meanwhile is answered non-2xx
   * (retried later); after the lease a claim whose instance died is given up, so the retry is processed. Handlers
   * that run longer than the lease may run twice. Default 60 000 ms.
   */
  leaseMs?: number | undefined;
}

/**
 * Claim. KEYS[1]: the event's key. ARGV: lease in ms, this claim's token.
 * Returns 1 (claimed: run the handlers), 0 (done already: drop), 2 (claimed by a delivery still running).
 */
const CLAIM = redisScript(`
if redis.call('SET', KEYS[1], 'p:' .. ARGV[2], 'PX', ARGV[1], 'NX') then return 1 end
if redis.call('GET', KEYS[1]) == 'd' then return 0 end
return 2
`);

/** Release. KEYS[1]: the event's key. ARGV: the token of the claim to give up (another claim is left alone). */
const RELEASE = redisScript(`
if redis.call('GET', KEYS[1]) == 'p:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

const DAY_MS = 24 * 60 * 60 * 1000;

function positiveMs(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : fallback;
}

/**
 * Creates a Redis-backed dedupe store for `createWebhookHandler({ dedupe: { store } })`. The client must already
 * be connected. When Redis is unreachable every call rejects with `StoreUnavailableError` and the handler answers
 * 503 without running any handler, so the provider retries the delivery: no event is lost, none handled twice.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { createRedisDedupeStore, createWebhookHandler } from 'waba-kit/webhooks';
 *
 * const webhook = createWebhookHandler({
 *   provider: 'meta',
 *   appSecret: process.env.META_APP_SECRET,
 *   dedupe: { store: createRedisDedupeStore(new Redis(process.env.REDIS_URL), { keyPrefix: 'shop:' }) },
 *   on: { message: (m) => createTicket(m) },
 * });
 * ```
 */
export function createRedisDedupeStore(
  client: unknown,
  options: RedisDedupeStoreOptions = {},
): WebhookDedupeStore {
  const run = redisRunner(client, 'createRedisDedupeStore', 'webhooks');
  const prefix = redisKeyPrefix(options.keyPrefix, 'webhooks');
  const defaultTtl = positiveMs(options.ttlMs, DAY_MS);
  const leaseMs = positiveMs(options.leaseMs, 60_000);
  /** Tokens of the claims this store holds, by key: a release never gives up another instance's claim. */
  const tokens = new Map<string, string>();
  const redisKey = (key: string) => `${prefix}dedupe:${key}`;
  /** One Redis call, failing closed with what its failure means for the delivery. */
  const guarded = <T>(consequence: string, call: () => Promise<T>) =>
    failClosed('webhook dedupe store', consequence, call);
  return {
    async claim(key, ttlMs) {
      const token = crypto.randomUUID();
      const lease = Math.min(leaseMs, positiveMs(ttlMs, defaultTtl));
      const reply = await guarded(
        'the delivery is refused (non-2xx) so the provider retries it; no handler ran.',
        () => evalScript(run, CLAIM, [redisKey(key)], [String(lease), token]),
      );
      const state = Number(reply);
      if (state === 1) {
        tokens.set(key, token);
        return true;
      }
      return state === 2 ? 'pending' : false;
    },
    async complete(key, ttlMs) {
      tokens.delete(key);
      await guarded('the event was handled but may be handled again if the provider retries it.', () =>
        run(['SET', redisKey(key), 'd', 'PX', String(positiveMs(ttlMs, defaultTtl))]),
      );
    },
    async release(key) {
      const token = tokens.get(key);
      tokens.delete(key);
      if (token === undefined) return;
      await guarded('the claim stays until its lease ends; the retry is processed after that.', () =>
        evalScript(run, RELEASE, [redisKey(key)], [token]),
      );
    },
  };
}
