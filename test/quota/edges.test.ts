/**
 * The edges of quota accounting where a mutant would count a customer against the tier who should not be, or
 * let a message through uncounted: the window sweep, usage of an untouched budget, open-conversation decisions,
 * a failing store, a customised store. Each case was written against a mutant the rest of the suite let through
 * (see docs/testing.md).
 */
import { describe, expect, it, vi } from 'vitest';
import { QuotaStoreError } from '../../src/core/errors.js';
import type { QuotaStore, StoreAcquireRequest, StoreDecision } from '../../src/quota/store.js';
import { MemoryQuotaStore } from '../../src/quota/stores/memory.js';
import { createQuotaTracker } from '../../src/quota/tracker.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;

describe('MemoryQuotaStore window sweep', () => {
  it('the sweep past 1 024 windows deletes only expired windows; every live one survives', async () => {
    const store = new MemoryQuotaStore();
    // 600 windows that expire at T0 + 1 h, then 600 live until T0 + 48 h; the sweep runs at the 1 024th window,
    // at T0 + 2 h, when the first 600 have expired.
    for (let i = 0; i < 600; i++)
      await store.openWindow({ scope: 's', user: `old${i}`, expiresAt: T0 + HOUR, now: T0 });
    for (let i = 0; i < 600; i++)
      await store.openWindow({ scope: 's', user: `live${i}`, expiresAt: T0 + 48 * HOUR, now: T0 + 2 * HOUR });
    for (let i = 0; i < 600; i++) {
      expect(await store.windowExpiry({ scope: 's', user: `live${i}` })).toBe(T0 + 48 * HOUR);
    }
    let expiredLeft = 0;
    for (let i = 0; i < 600; i++)
      if ((await store.windowExpiry({ scope: 's', user: `old${i}` })) !== undefined) expiredLeft++;
    expect(expiredLeft).toBe(0);
  });

  it('a window that expires exactly now is expired; one a millisecond later is live', async () => {
    const store = new MemoryQuotaStore();
    const now = T0 + 2 * HOUR;
    for (let i = 0; i < 1022; i++)
      await store.openWindow({ scope: 's', user: `u${i}`, expiresAt: T0 + 10 * HOUR, now: T0 });
    await store.openWindow({ scope: 's', user: 'edge', expiresAt: now, now: T0 });
    await store.openWindow({ scope: 's', user: 'next', expiresAt: now + 1, now });
    expect(await store.windowExpiry({ scope: 's', user: 'edge' })).toBeUndefined();
    expect(await store.windowExpiry({ scope: 's', user: 'next' })).toBe(now + 1);
    expect(await store.windowExpiry({ scope: 's', user: 'u0' })).toBe(T0 + 10 * HOUR);
  });

  it('opening a window never shortens one already open', async () => {
    const store = new MemoryQuotaStore();
    expect(await store.openWindow({ scope: 's', user: 'a', expiresAt: T0 + 72 * HOUR, now: T0 })).toBe(
      T0 + 72 * HOUR,
    );
    expect(await store.openWindow({ scope: 's', user: 'a', expiresAt: T0 + 24 * HOUR, now: T0 })).toBe(
      T0 + 72 * HOUR,
    );
    expect(await store.openWindow({ scope: 's', user: 'a', expiresAt: T0 + 96 * HOUR, now: T0 })).toBe(
      T0 + 96 * HOUR,
    );
    expect(await store.windowExpiry({ scope: 'other', user: 'a' })).toBeUndefined();
  });

  it('scopes do not share windows or budgets', async () => {
    const store = new MemoryQuotaStore();
    const a = createQuotaTracker({ tier: 1, store, scope: 'a', clock: () => T0 });
    const b = createQuotaTracker({ tier: 1, store, scope: 'b', clock: () => T0 });
    expect((await a.acquire('+447700900001')).allowed).toBe(true);
    expect((await b.acquire('+447700900002')).allowed).toBe(true);
    expect((await a.acquire('+447700900003')).allowed).toBe(false);
  });
});

describe('QuotaTracker edges', () => {
  it('usage() of a budget never acquired is empty, with the whole limit remaining', async () => {
    const quota = createQuotaTracker({ tier: 'TIER_1K', clock: () => T0 });
    expect(await quota.usage()).toEqual({ used: 0, limit: 1000, remaining: 1000, nextReleaseAt: undefined });
  });

  it('usage() reports when the oldest counted recipient leaves the window', async () => {
    const quota = createQuotaTracker({ tier: 2, clock: () => T0 });
    await quota.acquire('+447700900001', { at: T0 });
    await quota.acquire('+447700900002', { at: T0 + HOUR });
    expect(await quota.usage(T0 + 2 * HOUR)).toEqual({
      used: 2,
      limit: 2,
      remaining: 0,
      nextReleaseAt: new Date(T0 + 24 * HOUR),
    });
    expect(await quota.usage(T0 + 24 * HOUR + 1)).toMatchObject({ used: 1, remaining: 1 });
  });

  it('an open conversation is allowed, uncounted, and reports the real remaining budget', async () => {
    const quota = createQuotaTracker({ tier: 5, clock: () => T0 });
    for (const n of ['1', '2', '3']) await quota.acquire(`+44770090000${n}`);
    const open = await quota.acquire('+447700900009', { conversationOpen: true });
    expect(open).toEqual({ allowed: true, counted: false, used: 3, limit: 5, remaining: 2 });
    expect((await quota.usage()).used).toBe(3);
  });

  it('a refusal has remaining 0 and retryAt = oldest counted + window', async () => {
    const quota = createQuotaTracker({ tier: 1, clock: () => T0 });
    await quota.acquire('+447700900001', { at: T0 });
    const refused = await quota.acquire('+447700900002', { at: T0 + HOUR });
    expect(refused).toEqual({
      allowed: false,
      counted: false,
      used: 1,
      limit: 1,
      remaining: 0,
      retryAt: new Date(T0 + 24 * HOUR),
    });
  });

  const brokenStore = (): QuotaStore => ({
    acquire: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
    usage: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
    openWindow: () => Promise.reject(new Error('down')),
    windowExpiry: () => Promise.reject(new Error('down')),
  });

  it('fails closed by default when the store is down: QuotaStoreError, nothing allowed', async () => {
    const quota = createQuotaTracker({ tier: 10, store: brokenStore() });
    const error = await quota.acquire('+447700900001').catch((e) => e);
    expect(error).toBeInstanceOf(QuotaStoreError);
    expect(error.message).toContain('nothing was sent');
    const open = await quota.acquire('+447700900001', { conversationOpen: true }).catch((e) => e);
    expect(open).toBeInstanceOf(QuotaStoreError);
  });

  it('fails open only when asked, with a warning event and a logged line', async () => {
    const warn = vi.fn();
    const quota = createQuotaTracker({ tier: 10, store: brokenStore(), failOpen: true, logger: { warn } });
    const warnings: unknown[] = [];
    quota.on('warning', (w) => warnings.push(w));
    expect(await quota.acquire('+447700900001')).toEqual({
      allowed: true,
      counted: false,
      used: 0,
      limit: 10,
      remaining: 10,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'quota_store_unavailable', detail: { scope: 'default' } });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('a MemoryQuotaStore subclass with its own acquire() is called, not bypassed by the fast path', async () => {
    const seen: string[] = [];
    class AuditedStore extends MemoryQuotaStore {
      override async acquire(request: StoreAcquireRequest): Promise<StoreDecision> {
        seen.push(request.recipient);
        return super.acquire(request);
      }
    }
    const quota = createQuotaTracker({ tier: 10, store: new AuditedStore(), clock: () => T0 });
    await quota.acquire('+447700900001');
    await quota.acquire('+447700900002');
    expect(seen).toHaveLength(2);
  });

  it('an instance whose acquire() was replaced is called too', async () => {
    const store = new MemoryQuotaStore();
    const calls: number[] = [];
    const original = store.acquire.bind(store);
    store.acquire = async (request) => {
      calls.push(request.now);
      return original(request);
    };
    const quota = createQuotaTracker({ tier: 10, store, clock: () => T0 });
    await quota.acquire('+447700900001');
    expect(calls).toEqual([T0]);
  });

  it('the plain memory store answers without a timer (its decisions cannot hang)', async () => {
    vi.useFakeTimers();
    try {
      const quota = createQuotaTracker({ tier: 10, clock: () => T0 });
      await expect(quota.acquire('+447700900001')).resolves.toMatchObject({ allowed: true, counted: true });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
