/**
 * A {@link QuotaStore} on Redis, shared by any number of processes. Accepts an `ioredis` client (or cluster) or a
 * `redis` (node-redis v4+) client, told apart by shape; neither is imported here, both are optional peer
 * dependencies. Every decision is one Lua script run with `EVALSHA` (falling back to `EVAL` once per script when
 * the server does not know it yet): atomic, one round trip. Keys expire by themselves: a budget's sorted set
 * lives one window after its last count, a window's key until the window closes.
 *
 * It uses no Node API (the script digests come from `crypto.subtle`), so it runs wherever the client does.
 *
 * Keys: `<keyPrefix>quota:<scope>` (sorted set), `<keyPrefix>window:<scope>:<user>` (string) and
 * `<keyPrefix>limit:<scope>` (the limit `tracker.setLimit()` shares; no expiry).
 * Requires Redis 6.2+ (Lua scripting; tested against Redis 7).
 * @module
 */
import {
  evalScript,
  type IoRedisLike,
  type NodeRedisLike,
  redisKeyPrefix,
  redisRunner,
  redisScript,
  redisNumber as toNumber,
} from '../../core/redis.js';
import type { QuotaStore, StoreAcquireRequest, StoreDecision, StoreUsage } from '../store.js';
import { ACQUIRE_SCRIPT, OPEN_WINDOW_SCRIPT, USAGE_SCRIPT } from './redis-scripts.js';

export type { IoRedisLike, NodeRedisLike };

/**
 * Options of {@link createRedisQuotaStore}.
 * @inline
 */
export interface RedisQuotaStoreOptions {
  /** Prefix of every key. Default `'waba-kit:'`. */
  keyPrefix?: string | undefined;
}

const SCRIPTS = {
  acquire: redisScript(ACQUIRE_SCRIPT),
  usage: redisScript(USAGE_SCRIPT),
  openWindow: redisScript(OPEN_WINDOW_SCRIPT),
};

/**
 * Creates a Redis-backed store. The client must already be connected (node-redis: `await client.connect()`).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { createQuotaTracker, createRedisQuotaStore } from 'waba-kit/quota';
 *
 * const store = createRedisQuotaStore(new Redis(process.env.REDIS_URL), { keyPrefix: 'shop:' });
 * const quota = createQuotaTracker({ tier: 'TIER_10K', store, scope: 'portfolio-123' });
 * ```
 */
export function createRedisQuotaStore(client: unknown, options: RedisQuotaStoreOptions = {}): QuotaStore {
  const run = redisRunner(client, 'createRedisQuotaStore', 'quota');
  const prefix = redisKeyPrefix(options.keyPrefix, 'quota');
  const quotaKey = (scope: string) => `${prefix}quota:${scope}`;
  const windowKey = (scope: string, user: string) => `${prefix}window:${scope}:${user}`;
  const limitKey = (scope: string) => `${prefix}limit:${scope}`;

  const evaluate = (s: (typeof SCRIPTS)[keyof typeof SCRIPTS], keys: string[], args: string[]) =>
    evalScript(run, s, keys, args);

  return {
    async acquire(request: StoreAcquireRequest): Promise<StoreDecision> {
      const limit = Number.isFinite(request.limit) ? String(request.limit) : '-1';
      const reply = (await evaluate(
        SCRIPTS.acquire,
        [quotaKey(request.scope), limitKey(request.scope)],
        [
          request.recipient,
          String(request.now),
          String(request.now - request.windowMs),
          limit,
          String(request.windowMs),
        ],
      )) as unknown[];
      const decision: StoreDecision = {
        allowed: toNumber(reply[0]) === 1,
        counted: toNumber(reply[1]) === 1,
        used: toNumber(reply[2]) ?? 0,
        oldestAt: toNumber(reply[3]),
      };
      const stored = toNumber(reply[4]);
      if (stored !== undefined) decision.limit = stored < 0 ? Number.POSITIVE_INFINITY : stored;
      return decision;
    },
    async usage(request): Promise<StoreUsage> {
      const reply = (await evaluate(
        SCRIPTS.usage,
        [quotaKey(request.scope)],
        [String(request.now - request.windowMs)],
      )) as unknown[];
      return { used: toNumber(reply[0]) ?? 0, oldestAt: toNumber(reply[1]) };
    },
    async openWindow(request): Promise<number> {
      const ttl = Math.ceil(request.expiresAt - request.now);
      // A window already closed by the caller's clock is not stored; report the expiry anyway.
      if (ttl <= 0) return request.expiresAt;
      const reply = await evaluate(
        SCRIPTS.openWindow,
        [windowKey(request.scope, request.user)],
        [String(request.expiresAt), String(ttl)],
      );
      return toNumber(reply) ?? request.expiresAt;
    },
    async setLimit(request): Promise<void> {
      const limit = Number.isFinite(request.limit) ? String(request.limit) : '-1';
      await run(['SET', limitKey(request.scope), limit]);
    },
    async windowExpiry(request): Promise<number | undefined> {
      return toNumber(await run(['GET', windowKey(request.scope, request.user)]));
    },
  };
}
