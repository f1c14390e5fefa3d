/**
 * The Redis server of the test run (started once by test/quota/redis-global-setup.ts) for the multi-instance
 * tests: its URL, a connected client, and a key prefix of its own per test so tests never share keys.
 */
import { Redis } from 'ioredis';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, inject } from 'vitest';

/** The URL, or throws the setup's explanation (the Redis tests fail, they never skip). */
export function redisUrl(): string {
  const url = inject('redisUrl');
  const error = inject('redisError');
  if (error || !url) throw new Error(error || 'The Redis test server did not start.');
  return url;
}

/** A fresh ioredis client on the test server. */
export function redisClient(): Redis {
  return new Redis(redisUrl());
}

/** A key prefix no other test uses. */
export function freshPrefix(name: string): string {
  return `t-${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}:`;
}

/** An ioredis client that can never connect and fails at once (port 1, no offline queue, no retries). */
export function unreachableRedis(): Redis {
  return new Redis('redis://127.0.0.1:1', {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
}

/**
 * Connects one ioredis and one node-redis client to the test server for the whole file (beforeAll) and quits
 * them after it; read them through the returned getters.
 */
export function useBothRedisClients(): { io: () => Redis; nodeRedis: () => RedisClientType } {
  let io: Redis | undefined;
  let nodeRedis: RedisClientType | undefined;
  beforeAll(async () => {
    io = redisClient();
    nodeRedis = createClient({ url: redisUrl() }) as RedisClientType;
    await nodeRedis.connect();
  });
  afterAll(async () => {
    await io?.quit();
    await nodeRedis?.quit();
  });
  return { io: () => io as Redis, nodeRedis: () => nodeRedis as RedisClientType };
}
