/**
 * createRedisDedupeStore against the real test Redis, through both client libraries: claim, pending, done,
 * release (never another instance's claim), leases, and failing closed when Redis is unreachable.
 */
import { describe, expect, it, vi } from 'vitest';
import { isStoreUnavailableError } from '../../src/core/errors.js';
import { createRedisDedupeStore, createWebhookHandler } from '../../src/webhooks/index.js';
import { freshPrefix, unreachableRedis, useBothRedisClients } from '../scale/redis.js';
import { fixtureText } from './helpers.js';

const clients = useBothRedisClients();

describe.each(['ioredis', 'node-redis'] as const)('createRedisDedupeStore (%s)', (lib) => {
  const client = () => (lib === 'ioredis' ? clients.io() : clients.nodeRedis());

  it('claims once; a second delivery meanwhile is pending; once completed it is a duplicate', async () => {
    const keyPrefix = freshPrefix('dd');
    const a = createRedisDedupeStore(client(), { keyPrefix });
    const b = createRedisDedupeStore(client(), { keyPrefix });
    expect(await a.claim('meta:message:w1', 60_000)).toBe(true);
    expect(await b.claim('meta:message:w1', 60_000)).toBe('pending');
    await a.complete?.('meta:message:w1', 60_000);
    expect(await b.claim('meta:message:w1', 60_000)).toBe(false);
    expect(await clients.io().get(`${keyPrefix}dedupe:meta:message:w1`)).toBe('d');
    const ttl = await clients.io().pttl(`${keyPrefix}dedupe:meta:message:w1`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('a released claim is claimed again; a release never gives up another instance claim', async () => {
    const keyPrefix = freshPrefix('dd');
    const a = createRedisDedupeStore(client(), { keyPrefix });
    const b = createRedisDedupeStore(client(), { keyPrefix });
    expect(await a.claim('k', 60_000)).toBe(true);
    await a.release?.('k');
    expect(await b.claim('k', 60_000)).toBe(true);
    await a.release?.('k'); // a holds no claim on k any more
    expect(await a.claim('k', 60_000)).toBe('pending');
  });

  it('holds a claim for the lease only, so the retry of a crashed instance is processed', async () => {
    const keyPrefix = freshPrefix('dd');
    const store = createRedisDedupeStore(client(), { keyPrefix, leaseMs: 5_000 });
    expect(await store.claim('k', 60_000)).toBe(true);
    const lease = await clients.io().pttl(`${keyPrefix}dedupe:k`);
    expect(lease).toBeGreaterThan(0);
    expect(lease).toBeLessThanOrEqual(5_000);
    await clients.io().pexpire(`${keyPrefix}dedupe:k`, 1); // the instance died; its lease runs out
    await new Promise((r) => setTimeout(r, 20));
    expect(await createRedisDedupeStore(client(), { keyPrefix }).claim('k', 60_000)).toBe(true);
  });
});

describe('createRedisDedupeStore when Redis is unreachable', () => {
  it('rejects with StoreUnavailableError saying the delivery is refused', async () => {
    const client = unreachableRedis();
    const error = await Promise.resolve(createRedisDedupeStore(client).claim('k', 1000)).catch(
      (e: unknown) => e,
    );
    expect(isStoreUnavailableError(error)).toBe(true);
    expect((error as Error).message).toMatch(/webhook dedupe store could not reach Redis.*provider retries/);
    client.disconnect();
  });

  it('makes the handler answer 503 without running any handler', async () => {
    const client = unreachableRedis();
    const message = vi.fn();
    const handler = createWebhookHandler({
      provider: 'meta',
      dedupe: { store: createRedisDedupeStore(client) },
      on: { message },
    });
    const response = await handler(
      new Request('https://hooks.test/meta', { method: 'POST', body: fixtureText('meta', 'message-text') }),
    );
    expect(response.status).toBe(503);
    expect(message).not.toHaveBeenCalled();
    client.disconnect();
  });

  it('refuses a client that is neither ioredis nor node-redis', () => {
    expect(() => createRedisDedupeStore({})).toThrow(/createRedisDedupeStore needs a connected ioredis/);
  });
});

describe('handler and dedupe store together', () => {
  it('completes handled events, releases failed ones, answers 500 so the retry is processed', async () => {
    const keyPrefix = freshPrefix('dd');
    const store = createRedisDedupeStore(clients.io(), { keyPrefix });
    let fail = true;
    const seen: string[] = [];
    const handler = createWebhookHandler({
      provider: 'meta',
      dedupe: { store },
      on: {
        message: (m) => {
          if (fail) {
            fail = false;
            throw new Error('database down');
          }
          seen.push(m.id);
        },
      },
    });
    const post = () =>
      handler(
        new Request('https://hooks.test/meta', { method: 'POST', body: fixtureText('meta', 'message-text') }),
      );
    expect((await post()).status).toBe(500);
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});
