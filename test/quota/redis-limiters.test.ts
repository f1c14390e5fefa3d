/**
 * createRedisRateLimiter and createRedisRecipientPacer against the real test Redis: the GCRA decisions (as waits
 * the limiter computes on Redis's clock, never as measured durations), sharing between instances and client
 * libraries, keys that expire, and failing closed.
 */
import { describe, expect, it } from 'vitest';
import { isStoreUnavailableError } from '../../src/core/errors.js';
import { createRedisRateLimiter, createRedisRecipientPacer } from '../../src/quota/index.js';
import { freshPrefix, unreachableRedis, useBothRedisClients } from '../scale/redis.js';
import { sleepRecorder } from './sleep-recorder.js';

const clients = useBothRedisClients();

const recorder = sleepRecorder;

describe('createRedisRateLimiter', () => {
  it('lets `burst` go at once, then refuses tryTake until a slot frees', async () => {
    const keyPrefix = freshPrefix('rl');
    const bucket = createRedisRateLimiter(clients.io(), {
      key: 'phone-1',
      ratePerSecond: 1,
      burst: 3,
      keyPrefix,
    });
    expect(bucket.ratePerSecond).toBe(1);
    expect([await bucket.tryTake(), await bucket.tryTake(), await bucket.tryTake()]).toEqual([
      true,
      true,
      true,
    ]);
    expect(await bucket.tryTake()).toBe(false);
    expect(await bucket.tryTake()).toBe(false);
  });

  it('spaces take() across instances and client libraries sharing one key: one slot every 1/rate s (1 s apart, so the time the calls take never matters)', async () => {
    const keyPrefix = freshPrefix('rl');
    const a = recorder();
    const b = recorder();
    const options = { key: 'phone-2', ratePerSecond: 1, keyPrefix };
    const one = createRedisRateLimiter(clients.io(), { ...options, sleep: a.sleep });
    const two = createRedisRateLimiter(clients.nodeRedis(), { ...options, sleep: b.sleep });
    for (let i = 0; i < 5; i++) {
      await one.take();
      await two.take();
    }
    // Ten reservations on one schedule: the waits asked for are 0, 1 000, 2 000, ... 9 000 ms (less the time the
    // calls themselves took, a few ms).
    const waits = [0, ...a.waits, ...b.waits].sort((x, y) => x - y);
    expect(waits).toHaveLength(10);
    for (let i = 1; i < waits.length; i++) {
      expect(waits[i]).toBeGreaterThan((i - 1) * 1000);
      expect(waits[i]).toBeLessThanOrEqual(i * 1000);
    }
    // The key lives only until the bucket is full again.
    const ttl = await clients.io().pttl(`${keyPrefix}rate:phone-2`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_001);
  });

  it('rejects an aborted take before reserving a slot', async () => {
    const keyPrefix = freshPrefix('rl');
    const bucket = createRedisRateLimiter(clients.io(), { key: 'k', ratePerSecond: 1, keyPrefix });
    const controller = new AbortController();
    controller.abort();
    await expect(bucket.take(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(await clients.io().exists(`${keyPrefix}rate:k`)).toBe(0);
  });

  it('fails closed when Redis is unreachable: StoreUnavailableError saying nothing was sent', async () => {
    const client = unreachableRedis();
    const bucket = createRedisRateLimiter(client, { key: 'k', ratePerSecond: 80 });
    const error = await bucket.take().catch((e: unknown) => e);
    expect(isStoreUnavailableError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Redis rate limiter could not reach Redis.*nothing was sent/);
    expect(isStoreUnavailableError(await Promise.resolve(bucket.tryTake()).catch((e: unknown) => e))).toBe(
      true,
    );
    client.disconnect();
  });

  it('refuses bad options with ConfigError', () => {
    expect(() => createRedisRateLimiter(clients.io(), { key: '', ratePerSecond: 80 })).toThrow(/needs key/);
    expect(() => createRedisRateLimiter(clients.io(), { key: 'k', ratePerSecond: 0 })).toThrow(
      /ratePerSecond/,
    );
    expect(() => createRedisRateLimiter(clients.io(), { key: 'k', ratePerSecond: 1, burst: 1.5 })).toThrow(
      /burst/,
    );
    expect(() => createRedisRateLimiter({}, { key: 'k', ratePerSecond: 1 })).toThrow(/ioredis/);
  });
});

describe('createRedisRecipientPacer', () => {
  it('paces one recipient (however the number is written) and leaves the others free', async () => {
    const keyPrefix = freshPrefix('pace');
    const a = recorder();
    const pacer = createRedisRecipientPacer(clients.io(), {
      key: 'phone-1',
      intervalMs: 6_000,
      keyPrefix,
      sleep: a.sleep,
    });
    const other = createRedisRecipientPacer(clients.nodeRedis(), {
      key: 'phone-1',
      intervalMs: 6_000,
      keyPrefix,
      sleep: a.sleep,
    });
    await pacer.wait('+447700900001');
    await pacer.wait('+447700900002');
    expect(a.waits).toEqual([]);
    await other.wait('447700900001'); // the same user, from another process
    expect(a.waits).toHaveLength(1);
    expect(a.waits[0]).toBeGreaterThan(5_900);
    expect(a.waits[0]).toBeLessThanOrEqual(6_000);
    expect(await clients.io().exists(`${keyPrefix}pace:phone-1:447700900001`)).toBe(1);
    expect(pacer.size).toBeUndefined();
  });

  it('allows `burst` back to back', async () => {
    const keyPrefix = freshPrefix('pace');
    const a = recorder();
    const pacer = createRedisRecipientPacer(clients.io(), {
      key: 'p',
      intervalMs: 1_000,
      burst: 2,
      keyPrefix,
      sleep: a.sleep,
    });
    await pacer.wait('+447700900001');
    await pacer.wait('+447700900001');
    expect(a.waits).toEqual([]);
    await pacer.wait('+447700900001');
    expect(a.waits).toHaveLength(1);
  });

  it('fails closed when Redis is unreachable', async () => {
    const client = unreachableRedis();
    const error = await createRedisRecipientPacer(client, { key: 'p' })
      .wait('+447700900001')
      .catch((e: unknown) => e);
    expect(isStoreUnavailableError(error)).toBe(true);
    client.disconnect();
  });
});
