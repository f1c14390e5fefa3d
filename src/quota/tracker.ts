/**
 * The quota tracker: counts the unique users reached by business-initiated messages outside a customer-service
 * window in a moving 24 hours, against the messaging tier, before the provider refuses (or silently drops)
 * them. Facts: https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits
 * @module
 */
import { ConfigError, isWhatsAppError, QuotaStoreError } from '../core/errors.js';
import type { AcquireOptions, QuotaDecision } from '../core/gates.js';
import type { Logger } from '../core/logger.js';
import { createEmitter, type EventSink, type QuotaEvents } from './events.js';
import { recipientKey } from './recipient.js';
import type { QuotaStore, StoreDecision } from './store.js';
import { MemoryQuotaStore } from './stores/memory.js';
import { type MessagingTier, tierLimit } from './tiers.js';
import { type Clock, DAY_MS, systemClock, toMillis } from './time.js';

const MEMORY_ACQUIRE = MemoryQuotaStore.prototype.acquire;

/** Usage thresholds, as fractions of the limit, at which `quota.warning` is emitted. */
export const QUOTA_WARNING_THRESHOLDS = [0.8, 0.95] as const;

/**
 * Options of {@link createQuotaTracker}.
 * @inline
 */
export interface QuotaTrackerOptions {
  /** The messaging tier (`'TIER_1K'`, ...) or a plain limit; `'TIER_UNLIMITED'` / `Infinity` never refuses. */
  tier: MessagingTier;
  /** Where counts live. Default: a new {@link MemoryQuotaStore} (one process). Use the Redis store for many. */
  store?: QuotaStore | undefined;
  /** Length of the moving window. Default 24 h. */
  windowMs?: number | undefined;
  /** Clock, epoch milliseconds. Default `Date.now`. */
  clock?: Clock | undefined;
  /** The budget's name in the store: a business portfolio id or a phone number. Default `'default'`. */
  scope?: string | undefined;
  /** Also emit every event to this sink. */
  events?: EventSink | undefined;
  /**
   * When the store fails (unreachable, timed out): `false` (default) refuses with {@link QuotaStoreError} so
   * nothing is sent; `true` lets the message through uncounted and emits a `warning` event (and logs it).
   */
  failOpen?: boolean | undefined;
  /** Longest wait for the store before it counts as failed. Default 2 000 ms. */
  storeTimeoutMs?: number | undefined;
  /** Where fail-open warnings are logged. */
  logger?: Logger | undefined;
}

export type { AcquireOptions, QuotaDecision };

/**
 * Usage of a budget, from {@link QuotaTracker.usage}.
 * @inline
 */
export interface QuotaUsage {
  used: number;
  limit: number;
  remaining: number;
  /** When the next slot frees up (the oldest counted recipient leaves the window); `undefined` when empty. */
  nextReleaseAt: Date | undefined;
}

/** A quota tracker; see {@link createQuotaTracker}. Pass it to a client as `quota`. */
export interface QuotaTracker extends QuotaEvents {
  /** The budget's name in the store. */
  readonly scope: string;
  /** The limit (`Infinity` for unlimited): the last one set here, or learned from the store's last decision. */
  readonly limit: number;
  /**
   * Changes the limit: a tier (`'TIER_10K'`) or a number, e.g. when Meta announces a new messaging limit (an
   * `account_update` webhook, or `getPhoneNumberHealth()`). With a store that keeps limits (memory, Redis) the
   * limit is stored for the scope, so every tracker on the store uses it from its next decision.
   */
  setLimit(tier: MessagingTier): Promise<void>;
  /** Length of the moving window, milliseconds. */
  readonly windowMs: number;
  /**
   * Decides whether a business-initiated message to `recipient` fits the budget. Inside an open
   * customer-service window: allowed, not counted. Already counted in the window: allowed, not counted again.
   * Otherwise counted while `used < limit`, else refused with `retryAt`. Atomic per store.
   */
  acquire(recipient: string, options?: AcquireOptions): Promise<QuotaDecision>;
  /** The budget's usage now (or at `at`). */
  usage(at?: Date | number): Promise<QuotaUsage>;
}

/**
 * Creates a quota tracker. Give it to a client (`createClient({ ..., quota })`) and every template sent outside a
 * customer-service window is counted first; a refusal throws `QuotaExceededError` with `retryAt` and nothing is
 * sent. Events: `quota.warning` at 80 % and 95 %, `quota.exceeded` on refusal.
 *
 * @example
 * ```ts
 * import { createQuotaTracker, createRedisQuotaStore } from 'waba-kit/quota';
 *
 * const quota = createQuotaTracker({ tier: 'TIER_1K', scope: 'portfolio-123' });
 * quota.on('quota.warning', ({ used, limit }) => console.warn(`${used}/${limit} users reached today`));
 * const decision = await quota.acquire('+447700900123');
 * if (!decision.allowed) console.log('next slot at', decision.retryAt);
 *
 * // Many processes: share one budget through Redis.
 * const shared = createQuotaTracker({ tier: 'TIER_10K', store: createRedisQuotaStore(redis) });
 * ```
 */
export function createQuotaTracker(options: QuotaTrackerOptions): QuotaTracker {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('createQuotaTracker needs options: { tier, store?, windowMs?, clock?, scope? }.');
  }
  let limit = tierLimit(options.tier);
  const windowMs = options.windowMs ?? DAY_MS;
  if (!Number.isInteger(windowMs) || windowMs <= 0) {
    throw new ConfigError(
      'Invalid windowMs: expected a positive integer number of milliseconds (default 24 h).',
      {
        issues: [
          { code: 'quota.window_invalid', path: ['windowMs'], message: 'expected a positive integer' },
        ],
      },
    );
  }
  const scope = options.scope ?? 'default';
  if (typeof scope !== 'string' || scope === '') {
    throw new ConfigError(
      'Invalid scope: expected a non-empty string (a business portfolio id or phone number).',
      {
        issues: [{ code: 'quota.scope_invalid', path: ['scope'], message: 'expected a non-empty string' }],
      },
    );
  }
  const store = options.store ?? new MemoryQuotaStore();
  const clock = options.clock ?? systemClock;
  const failOpen = options.failOpen ?? false;
  const timeoutMs = options.storeTimeoutMs ?? 2_000;
  const logger = options.logger;
  const { emitter, emit } = createEmitter(options.events, logger);
  const thresholdsFor = (l: number) =>
    // Stryker disable next-line ArrayDeclaration: with no finite limit, any entries here are never reached (`used` never equals their `at`).
    Number.isFinite(l) ? QUOTA_WARNING_THRESHOLDS.map((t) => ({ threshold: t, at: Math.ceil(l * t) })) : [];
  let thresholds = thresholdsFor(limit);
  const useLimit = (next: number) => {
    // Stryker disable next-line ConditionalExpression: a shortcut; recomputing the thresholds of the same limit gives the same ones.
    if (next === limit) return;
    limit = next;
    thresholds = thresholdsFor(next);
  };

  const call = <T>(what: string, run: () => Promise<T>): Promise<T> => withTimeout(what, run, timeoutMs);

  const decide = (d: StoreDecision, at: number): QuotaDecision => {
    if (d.limit !== undefined) useLimit(d.limit);
    const remaining = Math.max(0, limit - d.used);
    const decision: QuotaDecision = {
      allowed: d.allowed,
      counted: d.counted,
      used: d.used,
      limit,
      remaining,
    };
    if (!d.allowed) decision.retryAt = new Date((d.oldestAt ?? at) + windowMs);
    return decision;
  };

  /** The store's answer as the tracker's decision, with its events. */
  const settle = (raw: StoreDecision | undefined, at: number): QuotaDecision => {
    if (raw === undefined) return { allowed: true, counted: false, used: 0, limit, remaining: limit };
    const decision = decide(raw, at);
    const base = () => ({ provider: undefined, timestamp: new Date(), scope, used: decision.used, limit });
    if (decision.counted) {
      for (const t of thresholds) {
        if (decision.used === t.at) emit('quota.warning', { ...base(), threshold: t.threshold });
      }
    }
    if (!decision.allowed) emit('quota.exceeded', { ...base(), retryAt: decision.retryAt });
    return decision;
  };

  const openConversation = async (at: number): Promise<QuotaDecision> => {
    const usage = await guarded(() => tracker.usage(at));
    const used = usage?.used ?? 0;
    return { allowed: true, counted: false, used, limit, remaining: Math.max(0, limit - used) };
  };

  const tracker: QuotaTracker = {
    scope,
    get limit() {
      return limit;
    },
    windowMs,
    async setLimit(tier) {
      const next = tierLimit(tier);
      if (store.setLimit)
        await call('setLimit', () => store.setLimit?.({ scope, limit: next }) as Promise<void>);
      useLimit(next);
    },
    // Not an async function: on the in-memory store the whole decision is synchronous, and the promise it
    // returns is already settled (an async function costs a second promise and a suspension per decision).
    // Every error still arrives as a rejection, never as a throw.
    acquire(recipient, acquireOptions) {
      try {
        const key = recipientKey(recipient);
        const at = toMillis(acquireOptions?.at, clock);
        if (acquireOptions?.conversationOpen) return openConversation(at);
        const request = { scope, recipient: key, now: at, windowMs, limit };
        // The in-memory store answers synchronously and cannot hang: its decisions skip the timeout timer (a
        // timer per decision cost more than the decision itself). Only while its acquire() is the class's own
        // (not overridden by a subclass or replaced on the instance), so a customised store keeps the timeout.
        if (store.acquire === MEMORY_ACQUIRE && store instanceof MemoryQuotaStore) {
          let raw: StoreDecision | undefined;
          try {
            raw = store.acquireSync(request);
          } catch (error) {
            raw = failed(error);
          }
          return Promise.resolve(settle(raw, at));
        }
        return guarded(() => call('acquire', () => store.acquire(request))).then((raw) => settle(raw, at));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async usage(at) {
      const now = toMillis(at, clock);
      const u = await call('usage', () => store.usage({ scope, now, windowMs }));
      return {
        used: u.used,
        limit,
        remaining: Math.max(0, limit - u.used),
        nextReleaseAt: u.oldestAt === undefined ? undefined : new Date(u.oldestAt + windowMs),
      };
    },
    on(event, listener) {
      emitter.on(event, listener);
      return this;
    },
    off(event, listener) {
      emitter.off(event, listener);
      return this;
    },
  };

  /**
   * Runs a store call. On failure: fail closed throws {@link QuotaStoreError}; fail open warns (event + log)
   * and returns `undefined` so the caller lets the message through uncounted.
   */
  async function guarded<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      return failed(error);
    }
  }

  /** A store call failed with `error`: see {@link guarded}. */
  function failed(error: unknown): undefined {
    const storeError = isWhatsAppError(error)
      ? error
      : new QuotaStoreError(
          `The quota store failed (${error instanceof Error ? error.message : String(error)}); nothing was sent.`,
          { cause: error },
        );
    if (!failOpen) throw storeError;
    const message = `waba-kit: the quota store failed, the message was let through uncounted (failOpen): ${storeError.message}`;
    emit('warning', {
      provider: undefined,
      timestamp: new Date(),
      code: 'quota_store_unavailable',
      message,
      detail: { scope },
    });
    logger?.warn?.(message, { scope });
    return undefined;
  }

  return tracker;
}

/** Rejects with {@link QuotaStoreError} when `run` takes longer than `ms`. */
export function withTimeout<T>(what: string, run: () => Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new QuotaStoreError(`The quota store did not answer ${what} within ${ms} ms; nothing was sent.`),
        ),
      ms,
    );
    run().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(
          isWhatsAppError(error)
            ? error
            : new QuotaStoreError(
                `The quota store failed on ${what} (${error instanceof Error ? error.message : String(error)}); nothing was sent.`,
                { cause: error },
              ),
        );
      },
    );
  });
}
