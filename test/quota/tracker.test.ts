import { describe, expect, it } from 'vitest';
import { isConfigError, isQuotaStoreError, isValidationError } from '../../src/core/errors.js';
import {
  createConversationWindowTracker,
  createQuotaTracker,
  MemoryQuotaStore,
  type QuotaStore,
} from '../../src/quota/index.js';

const never = (): Promise<never> => new Promise(() => {});
const hangingStore: QuotaStore = { acquire: never, usage: never, openWindow: never, windowExpiry: never };

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createQuotaTracker options', () => {
  it('refuses bad options with ConfigError naming the key', () => {
    expect(isConfigError(thrown(() => createQuotaTracker({ tier: 'TIER_9K' as never })))).toBe(true);
    const badWindow = thrown(() => createQuotaTracker({ tier: 10, windowMs: 0 }));
    expect((badWindow as Error).message).toMatch(/windowMs/);
    const badScope = thrown(() => createQuotaTracker({ tier: 10, scope: '' }));
    expect((badScope as Error).message).toMatch(/scope/);
    expect(isConfigError(thrown(() => createQuotaTracker(undefined as never)))).toBe(true);
  });

  it('refuses an empty recipient and an invalid date with ValidationError', async () => {
    const quota = createQuotaTracker({ tier: 10 });
    expect(isValidationError(await quota.acquire('  ').catch((e: unknown) => e))).toBe(true);
    expect(
      isValidationError(await quota.acquire('+447700900001', { at: Number.NaN }).catch((e: unknown) => e)),
    ).toBe(true);
  });

  it('exposes scope, limit and window', () => {
    const quota = createQuotaTracker({ tier: 'TIER_10K', scope: 'portfolio-9' });
    expect([quota.scope, quota.limit, quota.windowMs]).toEqual(['portfolio-9', 10_000, 86_400_000]);
  });

  it('fails closed when the store does not answer in time', async () => {
    const quota = createQuotaTracker({ tier: 10, store: hangingStore, storeTimeoutMs: 20 });
    const error = await quota.acquire('+447700900001').catch((e: unknown) => e);
    expect(isQuotaStoreError(error)).toBe(true);
    expect((error as Error).message).toBe(
      'The quota store did not answer acquire within 20 ms; nothing was sent.',
    );
  });

  it('fails open on a store that throws a plain error, with a warning', async () => {
    const memory = new MemoryQuotaStore();
    const broken: QuotaStore = {
      openWindow: (r) => memory.openWindow(r),
      windowExpiry: (r) => memory.windowExpiry(r),
      acquire: async () => {
        throw new Error('ECONNRESET');
      },
      usage: async () => ({ used: 0, oldestAt: undefined }),
    };
    const warnings: { message: string }[] = [];
    const quota = createQuotaTracker({ tier: 10, store: broken, failOpen: true });
    quota.on('warning', (w) => warnings.push(w));
    expect((await quota.acquire('+447700900001')).allowed).toBe(true);
    expect(warnings[0]?.message).toContain('ECONNRESET');
  });

  it('accepts Date and number times', async () => {
    const quota = createQuotaTracker({ tier: 1 });
    const at = new Date('2026-05-01T00:00:00Z');
    await quota.acquire('+447700900001', { at });
    expect((await quota.acquire('+447700900002', { at: at.getTime() + 1000 })).retryAt).toEqual(
      new Date('2026-05-02T00:00:00Z'),
    );
  });
});

describe('createConversationWindowTracker', () => {
  it('throws QuotaStoreError when its store hangs, and refuses bad input', async () => {
    const windows = createConversationWindowTracker({ store: hangingStore, storeTimeoutMs: 10 });
    expect(isQuotaStoreError(await windows.isOpen('+447700900001').catch((e: unknown) => e))).toBe(true);
    expect(isValidationError(await windows.recordInbound('').catch((e: unknown) => e))).toBe(true);
    expect(isConfigError(thrown(() => createConversationWindowTracker({ scope: '' })))).toBe(true);
  });

  it('keys users by their digits, so webhook and send spellings meet', async () => {
    const windows = createConversationWindowTracker();
    await windows.recordInbound('447700900001');
    expect(await windows.isOpen('+44 7700 900001')).toBe(true);
    expect(await windows.isOpen('+447700900002')).toBe(false);
  });

  it('sweeps expired windows so memory follows the open ones', async () => {
    const store = new MemoryQuotaStore();
    let now = 0;
    const windows = createConversationWindowTracker({ store, clock: () => now });
    for (let i = 0; i < 5000; i++) {
      now = i * 60_000; // one user a minute for ~3.5 days
      await windows.recordInbound(`+4477009${String(i).padStart(5, '0')}`);
    }
    // Users from more than 24 h ago are forgotten (closed windows), recent ones are kept.
    expect(await windows.expiresAt('+447700900000')).toBeUndefined();
    expect(await windows.isOpen('+447700904999')).toBe(true);
  });
});
