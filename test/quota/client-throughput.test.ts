/**
 * The `rateLimiter` and `recipientPacer` config keys: every send of a client waits for the number's throughput
 * and the recipient's pair rate, through the one send-guard mechanism, in memory or on Redis (shared by two
 * clients standing for two processes). Against the real sandbox.
 */
import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/core/errors.js';
import { createClient } from '../../src/create-client.js';
import { createRecipientPacer, createRedisRateLimiter, createTokenBucket } from '../../src/quota/index.js';
import { freshPrefix, useBothRedisClients } from '../scale/redis.js';
import { useCampaignSandbox } from '../scale/sandbox.js';
import { sleepRecorder } from './sleep-recorder.js';

const sandboxOf = useCampaignSandbox();
const clients = useBothRedisClients();

const recorder = sleepRecorder;

describe('client config rateLimiter / recipientPacer', () => {
  it('makes every send wait for a token and for the recipient pair rate', async () => {
    const limits = recorder();
    const pairs = recorder();
    const now = 1_000_000;
    const client = createClient({
      ...sandboxOf().config('meta'),
      rateLimiter: createTokenBucket({ ratePerSecond: 2, clock: () => now, sleep: limits.sleep }),
      recipientPacer: createRecipientPacer({ intervalMs: 6_000, clock: () => now, sleep: pairs.sleep }),
    });
    await client.sendText('+447700900001', 'one');
    await client.sendText('+447700900001', 'two');
    await client.sendText('+447700900002', 'three');
    expect(limits.waits).toEqual([500, 1000]);
    expect(pairs.waits).toEqual([6000]);
  });

  it('shares one Redis limiter between two clients (two processes): one schedule of slots', async () => {
    const keyPrefix = freshPrefix('client-rl');
    const waits = recorder();
    const make = (redis: unknown) =>
      createClient({
        ...sandboxOf().config('meta'),
        rateLimiter: createRedisRateLimiter(redis, {
          key: 'phone',
          // One slot every 10 s: the recorder does not sleep, so each wait is the slot's distance from the
          // moment asked, and that stays far from zero however slowly a loaded machine runs the sends.
          ratePerSecond: 0.1,
          keyPrefix,
          sleep: waits.sleep,
        }),
      });
    const a = make(clients.io());
    const b = make(clients.nodeRedis());
    await a.sendText('+447700900011', 'a');
    await b.sendText('+447700900012', 'b');
    await a.sendText('+447700900013', 'c');
    // The second and third sends were given the next slots of one shared schedule (10 s apart): b waits for the
    // slot after a's, a's second send for the one after b's. Two schedules would give b no wait at all.
    expect(waits.waits).toHaveLength(2);
    expect(waits.waits[0]).toBeGreaterThan(5_000);
    expect(waits.waits[1]).toBeGreaterThan((waits.waits[0] as number) + 5_000);
  });

  it('refuses a value that is not a limiter or pacer with ConfigError', () => {
    const config = sandboxOf().config('meta');
    const error = (() => {
      try {
        createClient({ ...config, rateLimiter: { ratePerSecond: 80 } });
      } catch (e) {
        return e;
      }
    })();
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toMatch(/rateLimiter.*createRedisRateLimiter/);
    expect(() => createClient({ ...config, recipientPacer: 6000 })).toThrow(/recipientPacer/);
  });
});
