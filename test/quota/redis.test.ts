/**
 * The Redis store against a real redis-server started by the global setup (see redis-global-setup.ts): the
 * same decision suite as the memory store through both client libraries, one round trip per decision, keys
 * that expire by themselves, failing closed or open, and two processes sharing one budget.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { isQuotaStoreError } from '../../src/core/errors.js';
import {
  createConversationWindowTracker,
  createQuotaTracker,
  createRedisQuotaStore,
  DAY_MS,
  type QuotaStore,
} from '../../src/quota/index.js';
import { fakeClock, freshScope, storeDecisionSuite } from './store-suite.js';

const url = inject('redisUrl');
const startError = inject('redisError');

let io: Redis;
let nodeRedis: RedisClientType;
let ioStore: QuotaStore;
let nodeStore: QuotaStore;

/** Every test fails (never skips) with the setup's explanation when there is no Redis to test against. */
function requireRedis(): void {
  if (startError || !url) throw new Error(startError || 'The Redis test server did not start.');
}

/** The store, once Redis is known to be there. */
function redisStore(which: 'io' | 'node'): QuotaStore {
  requireRedis();
  return which === 'io' ? ioStore : nodeStore;
}

beforeAll(async () => {
  if (startError || !url) return;
  io = new Redis(url);
  nodeRedis = createClient({ url }) as RedisClientType;
  await nodeRedis.connect();
  ioStore = createRedisQuotaStore(io, { keyPrefix: 'test-io:' });
  nodeStore = createRedisQuotaStore(nodeRedis, { keyPrefix: 'test-node:' });
});

afterAll(async () => {
  await io?.quit();
  await nodeRedis?.quit();
});

storeDecisionSuite('redis store (ioredis)', () => redisStore('io'), { propertyRuns: 40 });
storeDecisionSuite('redis store (node-redis)', () => redisStore('node'), { propertyRuns: 15 });

describe('redis store', () => {
  beforeEach(requireRedis);

  it('runs each decision as one round trip (EVALSHA), loading the script with EVAL only when the server lacks it', async () => {
    await io.script('FLUSH');
    const client = new Redis(url);
    const call = vi.spyOn(client, 'call');
    const quota = createQuotaTracker({
      tier: 10,
      store: createRedisQuotaStore(client, { keyPrefix: 'rt:' }),
      scope: freshScope('rt'),
    });
    await quota.acquire('+447700900001');
    expect(call.mock.calls.map((c) => c[0])).toEqual(['EVALSHA', 'EVAL']);
    call.mockClear();
    await quota.acquire('+447700900002');
    await quota.acquire('+447700900002');
    expect(call.mock.calls.map((c) => c[0])).toEqual(['EVALSHA', 'EVALSHA']);
    await client.quit();
  });

  it('lets keys expire by themselves: the budget one window after its last count, a window when it closes', async () => {
    const scope = freshScope('ttl');
    const clock = fakeClock(Date.now());
    const quota = createQuotaTracker({ tier: 10, store: ioStore, scope, clock, windowMs: 60_000 });
    await quota.acquire('+447700900001');
    const budgetTtl = await io.pttl(`test-io:quota:${scope}`);
    expect(budgetTtl).toBeGreaterThan(50_000);
    expect(budgetTtl).toBeLessThanOrEqual(60_000);
    const windows = createConversationWindowTracker({ store: ioStore, scope, clock });
    await windows.recordInbound('+447700900001', clock() - DAY_MS + 30_000);
    const windowTtl = await io.pttl(`test-io:window:${scope}:447700900001`);
    expect(windowTtl).toBeGreaterThan(20_000);
    expect(windowTtl).toBeLessThanOrEqual(30_000);
    // A window that had already closed by the time it is recorded is not stored at all.
    await windows.recordInbound('+447700900009', clock() - DAY_MS - 1);
    expect(await io.exists(`test-io:window:${scope}:447700900009`)).toBe(0);
  });

  it('shares budgets between clients of both libraries on one key space', async () => {
    const scope = freshScope('shared');
    const a = createQuotaTracker({ tier: 1, store: createRedisQuotaStore(io), scope });
    const b = createQuotaTracker({ tier: 1, store: createRedisQuotaStore(nodeRedis), scope });
    expect((await a.acquire('+447700900001')).allowed).toBe(true);
    expect(await b.acquire('+447700900001')).toMatchObject({ allowed: true, counted: false });
    expect((await b.acquire('+447700900002')).allowed).toBe(false);
    await io.del(`waba-kit:quota:${scope}`);
  });

  describe('when Redis is unreachable', () => {
    const unreachable = () =>
      new Redis('redis://127.0.0.1:1', {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });

    it('fails closed by default with QuotaStoreError', async () => {
      const client = unreachable();
      const quota = createQuotaTracker({ tier: 10, store: createRedisQuotaStore(client) });
      const error = await quota.acquire('+447700900001').catch((e: unknown) => e);
      expect(isQuotaStoreError(error)).toBe(true);
      expect((error as Error).message).toMatch(/quota store failed.*nothing was sent/);
      client.disconnect();
    });

    it('fails open when configured, never silently: a warning event and a log line', async () => {
      const client = unreachable();
      const warn = vi.fn();
      const quota = createQuotaTracker({
        tier: 10,
        store: createRedisQuotaStore(client),
        failOpen: true,
        logger: { warn },
        scope: 'portfolio-1',
      });
      const warnings: unknown[] = [];
      quota.on('warning', (w) => warnings.push(w));
      expect(await quota.acquire('+447700900001')).toEqual({
        allowed: true,
        counted: false,
        used: 0,
        limit: 10,
        remaining: 10,
      });
      expect(warnings).toEqual([
        expect.objectContaining({ code: 'quota_store_unavailable', detail: { scope: 'portfolio-1' } }),
      ]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('let through uncounted'), {
        scope: 'portfolio-1',
      });
      client.disconnect();
    });
  });

  it('two processes, 5 000 acquires each over 3 000 distinct recipients on TIER_1K, admit exactly 1 000', async () => {
    const scope = freshScope('hammer');
    const script = fileURLToPath(new URL('./fixtures/hammer.ts', import.meta.url));
    const start = (seed: number) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', script, url, scope, String(seed), '5000', '3000'],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      let markReady: () => void = () => {};
      const ready = new Promise<void>((resolve) => {
        markReady = resolve;
      });
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.startsWith('ready\n')) markReady();
      });
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
      });
      const done = new Promise<{ counted: number; allowed: number; refused: number }>((resolve, reject) => {
        child.on('exit', (code) =>
          code === 0
            ? resolve(JSON.parse(out.slice('ready\n'.length)))
            : reject(new Error(`hammer process exited with ${code}: ${err}`)),
        );
      });
      return { child, ready: Promise.race([ready, done.then(() => undefined)]), done };
    };
    const one = start(1);
    const two = start(7);
    await Promise.all([one.ready, two.ready]);
    one.child.stdin.end('go\n');
    two.child.stdin.end('go\n');
    const [a, b] = await Promise.all([one.done, two.done]);
    expect(a.counted + b.counted).toBe(1000);
    expect(a.allowed + a.refused).toBe(5000);
    expect(b.allowed + b.refused).toBe(5000);
    // Both processes really competed for the budget.
    expect(a.counted).toBeGreaterThan(0);
    expect(b.counted).toBeGreaterThan(0);
    expect(await io.zcard(`hammer:quota:${scope}`)).toBe(1000);
    await io.del(`hammer:quota:${scope}`);
  }, 120_000);
});
