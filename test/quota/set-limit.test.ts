/**
 * tracker.setLimit(): the tier follows Meta. The new limit applies from the next decision, and with a store that
 * keeps limits it is shared: a tracker on another process (another tracker on the same Redis) uses it too.
 */
import { describe, expect, it } from 'vitest';
import { createQuotaTracker, createRedisQuotaStore, MemoryQuotaStore } from '../../src/quota/index.js';
import { freshPrefix, useBothRedisClients } from '../scale/redis.js';

const clients = useBothRedisClients();
const to = (n: number) => `+4477009${String(n).padStart(5, '0')}`;

describe('tracker.setLimit', () => {
  it('raises and lowers the limit from the next decision (tier names or numbers)', async () => {
    const quota = createQuotaTracker({ tier: 2 });
    await quota.acquire(to(1));
    await quota.acquire(to(2));
    expect((await quota.acquire(to(3))).allowed).toBe(false);
    await quota.setLimit('TIER_1K');
    expect(quota.limit).toBe(1000);
    expect(await quota.acquire(to(3))).toMatchObject({
      allowed: true,
      counted: true,
      limit: 1000,
      remaining: 997,
    });
    await quota.setLimit(3);
    expect((await quota.acquire(to(4))).allowed).toBe(false);
    await expect(quota.setLimit('TIER_9K' as never)).rejects.toThrow(/Invalid tier/);
  });

  it('is shared through the store: another tracker on it learns the limit at its next decision', async () => {
    const store = new MemoryQuotaStore();
    const a = createQuotaTracker({ tier: 1, store, scope: 'p' });
    const b = createQuotaTracker({ tier: 1, store, scope: 'p' });
    await a.setLimit('TIER_10K');
    await b.acquire(to(1));
    expect((await b.acquire(to(2))).allowed).toBe(true);
    expect(b.limit).toBe(10_000);
  });

  it('on Redis, every process (both client libraries) uses the limit one of them set', async () => {
    const keyPrefix = freshPrefix('limit');
    const a = createQuotaTracker({
      tier: 1,
      store: createRedisQuotaStore(clients.io(), { keyPrefix }),
      scope: 'p',
    });
    const b = createQuotaTracker({
      tier: 1,
      store: createRedisQuotaStore(clients.nodeRedis(), { keyPrefix }),
      scope: 'p',
    });
    await b.acquire(to(1));
    expect((await b.acquire(to(2))).allowed).toBe(false);
    await a.setLimit('TIER_1K');
    expect(await b.acquire(to(2))).toMatchObject({ allowed: true, limit: 1000 });
    expect(b.limit).toBe(1000);
    await a.setLimit(Number.POSITIVE_INFINITY);
    expect((await b.acquire(to(3))).limit).toBe(Number.POSITIVE_INFINITY);
    expect(await clients.io().get(`${keyPrefix}limit:p`)).toBe('-1');
  });
});
