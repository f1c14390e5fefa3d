/**
 * A {@link QuotaStore} on Redis, shared by any number of processes. Accepts an `ioredis` client (or cluster) or a
 * `redis` (node-redis v4+) client, told apart by shape; neither is imported here, both are optional peer
 * dependencies. Every decision is one Lua script run with `EVALSHA` (falling back to `EVAL` once per script when
 * the server does not know it yet): atomic, one round trip. Keys expire by themselves: a budget's sorted set
 * lives one window after its last count, a window's key until the window closes.
 *
 * It uses no Node API (the script digests come from `crypto.subtle`), so it runs wherever the client does.
 *
 * Keys: `<keyPrefix>quota:<scope>` (sorted set) and `<keyPrefix>window:<scope>:<user>` (string).
 * Requires Redis 6.2+ (Lua scripting; tested against Redis 7).
 * @module
 */
import { ConfigError } from '../../core/errors.js';
import type { QuotaStore, StoreAcquireRequest, StoreDecision, StoreUsage } from '../store.js';
import { ACQUIRE_SCRIPT, OPEN_WINDOW_SCRIPT, USAGE_SCRIPT } from './redis-scripts.js';

/** The part of an `ioredis` client this store uses. */
export interface IoRedisLike {
  /** Sends a raw command (`client.call('EVAL', ...)`). */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  /** Runs a cached script by its SHA-1; its presence tells an ioredis client apart. */
  evalsha(...args: unknown[]): unknown;
}

/** The part of a `redis` (node-redis v4+) client this store uses. */
export interface NodeRedisLike {
  /** Sends a raw command as an argument array (`client.sendCommand(['EVALSHA', ...])`). */
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * Options of {@link createRedisQuotaStore}.
 * @inline
 */
export interface RedisQuotaStoreOptions {
  /** Prefix of every key. Default `'waba-kit:'`. */
  keyPrefix?: string | undefined;
}

/** Runs one raw command on whichever client was given. */
type Runner = (args: string[]) => Promise<unknown>;

function runnerFor(client: unknown): Runner {
  const c = client as Partial<IoRedisLike & NodeRedisLike> | null;
  if (c && typeof c.call === 'function' && typeof c.evalsha === 'function') {
    const io = c as IoRedisLike;
    return ([command, ...args]) => io.call(command as string, ...args);
  }
  if (c && typeof c.sendCommand === 'function') {
    const nr = c as NodeRedisLike;
    return (args) => nr.sendCommand(args);
  }
  throw new ConfigError(
    'createRedisQuotaStore needs a connected ioredis client (new Redis(url)) or a node-redis v4+ client (createClient({ url }) after connect()).',
    {
      issues: [
        {
          code: 'quota.redis_client_invalid',
          path: ['client'],
          message: 'expected an ioredis or node-redis client',
        },
      ],
    },
  );
}

interface Script {
  source: string;
  /** SHA-1 of the source, computed once on first use. */
  sha: Promise<string> | undefined;
}

function script(source: string): Script {
  return { source, sha: undefined };
}

async function sha1(source: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(source));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const SCRIPTS = {
  acquire: script(ACQUIRE_SCRIPT),
  usage: script(USAGE_SCRIPT),
  openWindow: script(OPEN_WINDOW_SCRIPT),
};

function toNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  const n = typeof value === 'number' ? value : Number(String(value));
  return Number.isFinite(n) ? n : undefined;
}

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
  const run = runnerFor(client);
  const prefix = options.keyPrefix ?? 'waba-kit:';
  if (typeof prefix !== 'string') {
    throw new ConfigError('Invalid keyPrefix: expected a string such as "waba-kit:".', {
      issues: [{ code: 'quota.key_prefix_invalid', path: ['keyPrefix'], message: 'expected a string' }],
    });
  }
  const quotaKey = (scope: string) => `${prefix}quota:${scope}`;
  const windowKey = (scope: string, user: string) => `${prefix}window:${scope}:${user}`;

  const evaluate = async (s: Script, keys: string[], args: string[]): Promise<unknown> => {
    try {
      s.sha ??= sha1(s.source);
      return await run(['EVALSHA', await s.sha, String(keys.length), ...keys, ...args]);
    } catch (error) {
      if (!String((error as Error)?.message ?? error).includes('NOSCRIPT')) throw error;
      return run(['EVAL', s.source, String(keys.length), ...keys, ...args]);
    }
  };

  return {
    async acquire(request: StoreAcquireRequest): Promise<StoreDecision> {
      const limit = Number.isFinite(request.limit) ? String(request.limit) : '-1';
      const reply = (await evaluate(
        SCRIPTS.acquire,
        [quotaKey(request.scope)],
        [
          request.recipient,
          String(request.now),
          String(request.now - request.windowMs),
          limit,
          String(request.windowMs),
        ],
      )) as unknown[];
      return {
        allowed: toNumber(reply[0]) === 1,
        counted: toNumber(reply[1]) === 1,
        used: toNumber(reply[2]) ?? 0,
        oldestAt: toNumber(reply[3]),
      };
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
    async windowExpiry(request): Promise<number | undefined> {
      return toNumber(await run(['GET', windowKey(request.scope, request.user)]));
    },
  };
}
