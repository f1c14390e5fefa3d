/**
 * Throughput limits shared by every process on Redis: a number's messages per second
 * (`createRedisRateLimiter`, a {@link TokenBucket}) and the pair rate to one recipient
 * (`createRedisRecipientPacer`, a {@link RecipientPacer}). Four workers pacing at 80/s each in memory send 320/s
 * and Meta answers 130429; through one of these they share one 80/s.
 *
 * Both run the generic cell rate algorithm of `gcra()` as one Lua script on Redis's own clock (`TIME`), so the
 * processes' clocks never matter: a caller reserves its slot atomically and sleeps until it. Keys expire as soon
 * as the bucket is full again. Keys: `<keyPrefix>rate:<key>` and `<keyPrefix>pace:<key>:<recipient>`.
 * Facts: https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput
 * @module
 */
import { ConfigError } from '../core/errors.js';
import {
  evalScript,
  failClosed,
  type RedisRunner,
  redisKeyPrefix,
  redisNumber,
  redisRunner,
  redisScript,
} from '../core/redis.js';
import { sleep as defaultSleep } from '../core/sleep.js';
import { DEFAULT_PAIR_INTERVAL_MS, positive, type RecipientPacer, type TokenBucket } from './rate-limit.js';
import { recipientKey } from './recipient.js';
import { throwIfAborted } from './time.js';

/**
 * One GCRA step on the server's clock. KEYS[1]: the theoretical arrival time (ms, a string). ARGV: interval ms,
 * burst, mode (`take` reserves a slot even when it must wait; `try` only when one is free now).
 * Returns { reserved (0/1), wait in ms (a string, fractional), the slot on the server clock (epoch ms, a string) }:
 * the slot is what the limit is kept on, so a caller can carry it along to check the limit where sends arrive.
 */
const GCRA = redisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '') or now
local start = math.max(tat, now)
local wait = math.max(0, tat - (burst - 1) * interval - now)
local slot = string.format('%.3f', now + wait)
if ARGV[3] == 'try' and wait > 0 then return {0, string.format('%.3f', wait), slot} end
local nextTat = start + interval
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now) + 1)
return {1, string.format('%.3f', wait), slot}
`);

/** Options shared by the Redis limiters. */
interface RedisLimiterOptions {
  /** The shared name of the limit, e.g. the phone number id (every process passing it shares it). */
  key: string;
  /** Prefix of every key. Default `'waba-kit:'`. */
  keyPrefix?: string | undefined;
  /** How to wait. Default `setTimeout`; must reject with `AbortError` when the signal aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * Options of {@link createRedisRateLimiter}.
 * @inline
 */
export interface RedisRateLimiterOptions extends RedisLimiterOptions {
  /** Sustained rate shared by all processes, per second (Meta: 80 by default, 20 coexistence, 1000 upgraded). */
  ratePerSecond: number;
  /** Messages that may go at once before pacing starts. Default 1 (evenly spaced). */
  burst?: number | undefined;
}

/**
 * Options of {@link createRedisRecipientPacer}.
 * @inline
 */
export interface RedisRecipientPacerOptions extends RedisLimiterOptions {
  /** Minimum spacing between messages to one user once the burst is used. Default 6 000 ms. */
  intervalMs?: number | undefined;
  /** Messages one user may receive back to back. Default 1. */
  burst?: number | undefined;
}

const NOTHING_SENT = 'nothing was sent.';
/** Fresh slots a late `take()` asks for before it goes anyway. */
const MAX_LATE_RETRIES = 3;

function limiterKey(key: unknown, factory: string): string {
  if (typeof key === 'string' && key !== '') return key;
  throw new ConfigError(
    `${factory} needs key: the shared name of the limit, e.g. the phone number id, the same in every process.`,
    { issues: [{ code: 'limiter.key_missing', path: ['key'], message: 'expected a non-empty string' }] },
  );
}

async function step(
  run: RedisRunner,
  store: string,
  key: string,
  intervalMs: number,
  burst: number,
  mode: 'take' | 'try',
): Promise<{ reserved: boolean; waitMs: number }> {
  const reply = (await failClosed(store, NOTHING_SENT, () =>
    evalScript(run, GCRA, [key], [String(intervalMs), String(burst), mode]),
  )) as unknown[];
  return { reserved: redisNumber(reply[0]) === 1, waitMs: redisNumber(reply[1]) ?? 0 };
}

/**
 * A {@link TokenBucket} shared on Redis by every process that uses the same `key`: together they start at most
 * `ratePerSecond` sends per second (plus `burst` at once). Give it to a client (`rateLimiter` in the config) or to
 * `broadcast(..., { rateLimiter })`. When Redis is unreachable `take()` rejects with `StoreUnavailableError` and
 * nothing is sent.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { createRedisRateLimiter } from 'waba-kit/quota';
 *
 * const rateLimiter = createRedisRateLimiter(new Redis(process.env.REDIS_URL), {
 *   key: process.env.META_PHONE_NUMBER_ID,
 *   ratePerSecond: 80,
 * });
 * await broadcast(client, recipients, build, { consent, rateLimiter });
 * ```
 */
export function createRedisRateLimiter(client: unknown, options: RedisRateLimiterOptions): TokenBucket {
  const run = redisRunner(client, 'createRedisRateLimiter', 'quota');
  const prefix = redisKeyPrefix(options?.keyPrefix, 'quota');
  const key = `${prefix}rate:${limiterKey(options?.key, 'createRedisRateLimiter')}`;
  const rate = positive('ratePerSecond', options.ratePerSecond, false);
  const burst = positive('burst', options.burst ?? 1, true);
  const interval = 1000 / rate;
  const wait = options.sleep ?? defaultSleep;
  const store = 'Redis rate limiter';
  /** How late after its slot a send may still go: the room the burst leaves, and at least 20 ms. */
  const lateMs = Math.max(20, (burst - 1) * interval);
  return {
    ratePerSecond: rate,
    async take(signal) {
      // A process that wakes up well after its slot (starved of CPU, paused) would send on top of the slots
      // other processes hold by then; it takes a fresh slot instead (a few times at most, then it goes).
      for (let attempt = 0; ; attempt++) {
        throwIfAborted(signal);
        const { waitMs } = await step(run, store, key, interval, burst, 'take');
        const due = performance.now() + waitMs;
        if (waitMs > 0) await wait(waitMs, signal);
        if (performance.now() - due <= lateMs || attempt >= MAX_LATE_RETRIES) return;
      }
    },
    async tryTake() {
      return (await step(run, store, key, interval, burst, 'try')).reserved;
    },
  };
}

/**
 * A {@link RecipientPacer} shared on Redis: at most `burst` messages back to back to one user, then one every
 * `intervalMs`, across every process using the same `key` (Meta's pair rate, error 131056 beyond it).
 *
 * @example
 * ```ts
 * const recipientPacer = createRedisRecipientPacer(redis, { key: phoneNumberId, intervalMs: 6_000 });
 * const client = new MetaCloudClient({ ...config, recipientPacer });
 * ```
 */
export function createRedisRecipientPacer(
  client: unknown,
  options: RedisRecipientPacerOptions,
): RecipientPacer {
  const run = redisRunner(client, 'createRedisRecipientPacer', 'quota');
  const prefix = redisKeyPrefix(options?.keyPrefix, 'quota');
  const base = `${prefix}pace:${limiterKey(options?.key, 'createRedisRecipientPacer')}:`;
  const interval = positive('intervalMs', options.intervalMs ?? DEFAULT_PAIR_INTERVAL_MS, false);
  const burst = positive('burst', options.burst ?? 1, true);
  const wait = options.sleep ?? defaultSleep;
  return {
    async wait(recipient, signal) {
      throwIfAborted(signal);
      const key = base + recipientKey(recipient);
      const { waitMs } = await step(run, 'Redis recipient pacer', key, interval, burst, 'take');
      if (waitMs > 0) await wait(waitMs, signal);
    },
  };
}
