/**
 * The quota tracker's option checks, its store calls and its timer hygiene, pinned exactly: each case was
 * written against a mutant of src/quota/tracker.ts or src/quota/stores/memory.ts that the rest of the suite let
 * through (docs/testing.md).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, QuotaStoreError } from '../../src/core/errors.js';
import type { QuotaStore } from '../../src/quota/store.js';
import { MemoryQuotaStore } from '../../src/quota/stores/memory.js';
import { createQuotaTracker, withTimeout } from '../../src/quota/tracker.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');

afterEach(() => {
  vi.useRealTimers();
});

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** A store whose every call answers from `answers`, or never when `hang` names the call. */
function fakeStore(hang?: string, extra: Partial<QuotaStore> = {}): QuotaStore {
  const never = new Promise<never>(() => {});
  return {
    acquire: async () => (hang === 'acquire' ? never : { allowed: true, counted: true, used: 1 }),
    usage: async () => (hang === 'usage' ? never : { used: 3, oldestAt: undefined }),
    openWindow: async () => 0,
    windowExpiry: async () => undefined,
    ...extra,
  } as QuotaStore;
}

describe('createQuotaTracker refuses bad options with exact issues', () => {
  it.each([null, undefined, 'TIER_1K'])('options %j', (options) => {
    const error = configError(() => createQuotaTracker(options as never));
    expect(error.message).toBe(
      'createQuotaTracker needs options: { tier, store?, windowMs?, clock?, scope? }.',
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('windowMs %d', (windowMs) => {
    const error = configError(() => createQuotaTracker({ tier: 10, windowMs }));
    expect(error.issues).toEqual([
      { code: 'quota.window_invalid', path: ['windowMs'], message: 'expected a positive integer' },
    ]);
  });

  it.each(['', 5])('scope %j', (scope) => {
    const error = configError(() => createQuotaTracker({ tier: 10, scope: scope as string }));
    expect(error.issues).toEqual([
      { code: 'quota.scope_invalid', path: ['scope'], message: 'expected a non-empty string' },
    ]);
  });
});

describe('store calls', () => {
  it('setLimit() on a store without setLimit only changes the tracker', async () => {
    const quota = createQuotaTracker({ tier: 10, store: fakeStore() });
    await expect(quota.setLimit(1000)).resolves.toBeUndefined();
    expect(quota.limit).toBe(1000);
  });

  it.each(['setLimit', 'usage'] as const)(
    'a store that never answers %s times out naming the call',
    async (what) => {
      const store = fakeStore(
        what,
        what === 'setLimit' ? { setLimit: () => new Promise<void>(() => {}) } : {},
      );
      const quota = createQuotaTracker({ tier: 10, store, storeTimeoutMs: 5 });
      const run = what === 'setLimit' ? quota.setLimit(100) : quota.usage();
      const error = await run.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuotaStoreError);
      expect((error as Error).message).toBe(
        `The quota store did not answer ${what} within 5 ms; nothing was sent.`,
      );
    },
  );

  it('fail open on an open conversation whose usage read fails: allowed, uncounted, used 0', async () => {
    const store = fakeStore(undefined, {
      usage: async () => {
        throw new Error('down');
      },
    });
    // A logger without warn() must not turn the let-through into a TypeError.
    const quota = createQuotaTracker({ tier: 10, store, failOpen: true, logger: {} as never });
    await expect(quota.acquire('+447700900001', { conversationOpen: true })).resolves.toEqual({
      allowed: true,
      counted: false,
      used: 0,
      limit: 10,
      remaining: 10,
    });
  });

  it('the memory store failing inside its synchronous fast path becomes a QuotaStoreError with the cause', async () => {
    const store = new MemoryQuotaStore();
    const boom = new Error('boom');
    store.acquireSync = () => {
      throw boom;
    };
    const error = await createQuotaTracker({ tier: 10, store, clock: () => T0 })
      .acquire('+447700900001')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaStoreError);
    expect((error as Error).message).toBe('The quota store failed (boom); nothing was sent.');
    expect((error as Error).cause).toBe(boom);
  });

  it('the memory store failing inside its synchronous fast path lets the message through on failOpen', async () => {
    const store = new MemoryQuotaStore();
    store.acquireSync = () => {
      throw new Error('boom');
    };
    const warn = vi.fn();
    const quota = createQuotaTracker({ tier: 10, store, clock: () => T0, failOpen: true, logger: { warn } });
    const warnings: { code: string; message: string }[] = [];
    quota.on('warning', (w) => warnings.push(w));
    await expect(quota.acquire('+447700900001')).resolves.toEqual({
      allowed: true,
      counted: false,
      used: 0,
      limit: 10,
      remaining: 10,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'quota_store_unavailable' });
    expect(warnings[0]?.message).toContain('boom');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['the memory store', () => new MemoryQuotaStore()],
    ['another store', () => fakeStore()],
  ])('with %s, acquire() never throws: bad input arrives as a rejected promise', async (_, make) => {
    const quota = createQuotaTracker({ tier: 10, store: make(), clock: () => T0 });
    for (const run of [
      () => quota.acquire(''),
      () => quota.acquire(undefined as never),
      () => quota.acquire('+447700900001', { at: Number.NaN }),
      () => quota.acquire('+447700900001', { at: new Date('nope'), conversationOpen: true }),
    ]) {
      let result: unknown;
      expect(() => {
        result = run();
      }).not.toThrow();
      expect(result).toBeInstanceOf(Promise);
      await expect(result).rejects.toMatchObject({ name: 'ValidationError' });
    }
  });

  it('the memory store decision is a promise of the same decision as through the store’s own acquire()', async () => {
    const direct = createQuotaTracker({ tier: 2, clock: () => T0 });
    const viaAcquire = new MemoryQuotaStore();
    const original = viaAcquire.acquire.bind(viaAcquire);
    viaAcquire.acquire = (request) => original(request);
    const routed = createQuotaTracker({ tier: 2, store: viaAcquire, clock: () => T0 });
    for (const to of ['+447700900001', '447700900001', '+447700900002', '+447700900003']) {
      const a = direct.acquire(to);
      expect(a).toBeInstanceOf(Promise);
      expect(await a).toEqual(await routed.acquire(to));
    }
  });

  it('the plain memory store decides without ever starting a timer, a customised one with one', () => {
    vi.useFakeTimers();
    void createQuotaTracker({ tier: 10, clock: () => T0 }).acquire('+447700900001');
    expect(vi.getTimerCount()).toBe(0);
    void createQuotaTracker({ tier: 10, clock: () => T0, store: fakeStore() }).acquire('+447700900001');
    expect(vi.getTimerCount()).toBe(1);
  });

  it('off() removes a listener', async () => {
    const quota = createQuotaTracker({ tier: 1, clock: () => T0 });
    const listener = vi.fn();
    quota.on('quota.exceeded', listener).off('quota.exceeded', listener);
    await quota.acquire('+447700900001');
    await quota.acquire('+447700900002');
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('withTimeout', () => {
  it('clears its timer when the call settles, either way', async () => {
    vi.useFakeTimers();
    await withTimeout('acquire', async () => 1, 1000);
    expect(vi.getTimerCount()).toBe(0);
    await withTimeout('acquire', async () => Promise.reject(new Error('x')), 1000).catch(() => undefined);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('wraps a plain failure in a QuotaStoreError naming the call, with the cause', async () => {
    const cause = new Error('ECONNRESET');
    const error = await withTimeout('usage', async () => Promise.reject(cause), 1000).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QuotaStoreError);
    expect((error as Error).message).toBe('The quota store failed on usage (ECONNRESET); nothing was sent.');
    expect((error as Error).cause).toBe(cause);
  });
});

describe('MemoryQuotaStore direct calls', () => {
  const request = { scope: 's', recipient: 'a', now: T0, windowMs: 1000, limit: 5 };

  it('acquire() answers like acquireSync(), without a limit key until one is set', async () => {
    const store = new MemoryQuotaStore();
    const decision = await store.acquire(request);
    expect(decision).toEqual({ allowed: true, counted: true, used: 1, oldestAt: T0 });
    expect('limit' in decision).toBe(false);
    await store.setLimit({ scope: 's', limit: 7 });
    expect(await store.acquire({ ...request, recipient: 'b' })).toEqual({
      allowed: true,
      counted: true,
      used: 2,
      oldestAt: T0,
      limit: 7,
    });
  });

  it('clear() forgets every budget and window', async () => {
    const store = new MemoryQuotaStore();
    await store.acquire(request);
    await store.openWindow({ scope: 's', user: 'a', expiresAt: T0 + 10, now: T0 });
    store.clear();
    expect(await store.usage({ scope: 's', now: T0, windowMs: 1000 })).toEqual({
      used: 0,
      oldestAt: undefined,
    });
    expect(await store.windowExpiry({ scope: 's', user: 'a' })).toBeUndefined();
  });
});
