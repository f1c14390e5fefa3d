/**
 * The in-memory {@link QuotaStore}, the default. Per budget it keeps a `Set` of the recipients counted in the
 * window and a {@link TimeQueue} of when each was counted, in counting order: the queue's head is always the
 * oldest, so expiry pops from the front (amortised O(1) per decision) and `retryAt` is the head's time plus the
 * window. Memory is bounded by the live recipients: about 100 bytes each at 100 000 (see the memory test).
 *
 * Time never runs backwards inside a budget: a decision dated before the latest one is taken at the latest time,
 * which keeps the queue ordered and can only hold a slot longer, never admit more than the limit.
 *
 * Windows live in a `Map` user -> expiry, swept of expired entries whenever it has doubled since the last sweep
 * (amortised O(1), at most twice the live windows in memory).
 * @module
 */
import type { QuotaStore, StoreAcquireRequest, StoreDecision, StoreUsage } from '../store.js';
import { TimeQueue } from './time-queue.js';

interface Budget {
  counted: Set<string>;
  queue: TimeQueue;
  latest: number;
  /** The scope's stored limit ({@link MemoryQuotaStore.setLimit}), kept here so a decision looks up one map. */
  limit: number | undefined;
}

interface Windows {
  expiries: Map<string, number>;
  sweepAt: number;
}

const MIN_SWEEP = 1024;

/** See the module docs. One instance can hold any number of budgets (scopes) and windows. */
export class MemoryQuotaStore implements QuotaStore {
  readonly #budgets = new Map<string, Budget>();
  readonly #windows = new Map<string, Windows>();
  readonly #limits = new Map<string, number>();

  /** Synchronous form of {@link acquire}, for callers that hold the store directly. */
  acquireSync(request: StoreAcquireRequest): StoreDecision {
    const budget = this.#budget(request.scope);
    const now = Math.max(request.now, budget.latest);
    budget.latest = now;
    this.#expire(budget, now - request.windowMs);
    const { counted: recipients, queue, limit: stored } = budget;
    // One lookup decides the common case (already counted: allowed, not counted again).
    let allowed = true;
    let counted = false;
    if (!recipients.has(request.recipient)) {
      if (recipients.size >= (stored ?? request.limit)) allowed = false;
      else {
        recipients.add(request.recipient);
        queue.push(request.recipient, now);
        counted = true;
      }
    }
    const used = recipients.size;
    const oldestAt = queue.peekTime();
    return stored === undefined
      ? { allowed, counted, used, oldestAt }
      : { allowed, counted, used, oldestAt, limit: stored };
  }

  /** {@inheritDoc QuotaStore.setLimit} */
  async setLimit(request: { scope: string; limit: number }): Promise<void> {
    this.#limits.set(request.scope, request.limit);
    const budget = this.#budgets.get(request.scope);
    if (budget) budget.limit = request.limit;
  }

  /** {@inheritDoc QuotaStore.acquire} */
  async acquire(request: StoreAcquireRequest): Promise<StoreDecision> {
    return this.acquireSync(request);
  }

  /** {@inheritDoc QuotaStore.usage} */
  async usage(request: { scope: string; now: number; windowMs: number }): Promise<StoreUsage> {
    const budget = this.#budgets.get(request.scope);
    if (!budget) return { used: 0, oldestAt: undefined };
    this.#expire(budget, Math.max(request.now, budget.latest) - request.windowMs);
    return { used: budget.counted.size, oldestAt: budget.queue.peekTime() };
  }

  /** {@inheritDoc QuotaStore.openWindow} */
  async openWindow(request: {
    scope: string;
    user: string;
    expiresAt: number;
    now: number;
  }): Promise<number> {
    let windows = this.#windows.get(request.scope);
    if (!windows) {
      windows = { expiries: new Map(), sweepAt: MIN_SWEEP };
      this.#windows.set(request.scope, windows);
    }
    const current = windows.expiries.get(request.user);
    // Stryker disable next-line EqualityOperator,ConditionalExpression: equal expiries give the same answer either way, and `undefined > n` is false already.
    const expiresAt = current !== undefined && current > request.expiresAt ? current : request.expiresAt;
    windows.expiries.set(request.user, expiresAt);
    // Stryker disable next-line EqualityOperator,ConditionalExpression: when the sweep runs changes its cost only; it deletes expired windows alone whenever it runs.
    if (windows.expiries.size >= windows.sweepAt) {
      for (const [user, at] of windows.expiries) if (at <= request.now) windows.expiries.delete(user);
      windows.sweepAt = Math.max(MIN_SWEEP, windows.expiries.size * 2);
    }
    return expiresAt;
  }

  /** {@inheritDoc QuotaStore.windowExpiry} */
  async windowExpiry(request: { scope: string; user: string }): Promise<number | undefined> {
    return this.#windows.get(request.scope)?.expiries.get(request.user);
  }

  /** Forgets every budget and window. */
  clear(): void {
    this.#budgets.clear();
    this.#windows.clear();
  }

  #budget(scope: string): Budget {
    let budget = this.#budgets.get(scope);
    if (!budget) {
      budget = {
        counted: new Set(),
        queue: new TimeQueue(),
        latest: Number.NEGATIVE_INFINITY,
        limit: this.#limits.get(scope),
      };
      this.#budgets.set(scope, budget);
    }
    return budget;
  }

  #expire(budget: Budget, cutoff: number): void {
    const { queue, counted } = budget;
    // Stryker disable next-line ConditionalExpression: `undefined <= cutoff` is false, so the undefined check only says what ends the loop.
    for (let t = queue.peekTime(); t !== undefined && t <= cutoff; t = queue.peekTime()) {
      const key = queue.shift();
      // Stryker disable next-line ConditionalExpression: deleting `undefined` from the set is a no-op.
      if (key !== undefined) counted.delete(key);
    }
  }
}
