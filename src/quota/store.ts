/**
 * The storage contract behind the quota and window trackers. One store can hold many budgets (scopes) and
 * many windows. Every method is one atomic decision: the memory store runs it synchronously, the Redis store
 * as one Lua script (one round trip).
 * @module
 */

/**
 * One quota decision asked of a store.
 * @inline
 */
export interface StoreAcquireRequest {
  /** The budget: a business portfolio id, a phone number, or any name. */
  scope: string;
  /** The recipient's tracking key. */
  recipient: string;
  /** Decision time, epoch milliseconds. */
  now: number;
  /** Length of the moving window, milliseconds. */
  windowMs: number;
  /** Unique recipients allowed in the window; `Infinity` never refuses (but still counts). */
  limit: number;
}

/**
 * A store's answer to {@link StoreAcquireRequest}.
 * @inline
 */
export interface StoreDecision {
  /** The recipient fits: already counted in the window, or counted now. */
  allowed: boolean;
  /** Counted by this decision. */
  counted: boolean;
  /** Unique recipients in the window after the decision. */
  used: number;
  /** When the oldest recipient still in the window was counted; `undefined` when the window is empty. */
  oldestAt: number | undefined;
  /** The limit the decision used when the store keeps one for the scope (set by `setLimit`), else absent. */
  limit?: number | undefined;
}

/**
 * Usage of one budget.
 * @inline
 */
export interface StoreUsage {
  /** Unique recipients in the window now. */
  used: number;
  /** When the oldest of them was counted. */
  oldestAt: number | undefined;
}

/** Storage for quota budgets and conversation windows. */
export interface QuotaStore {
  /** Counts `recipient` in `scope` unless already counted in the window or the budget is spent. Atomic. */
  acquire(request: StoreAcquireRequest): Promise<StoreDecision>;
  /** Reads a budget's usage, dropping recipients that left the window. */
  usage(request: { scope: string; now: number; windowMs: number }): Promise<StoreUsage>;
  /**
   * Opens or extends a window until `expiresAt` (a later expiry is never shortened). Returns the resulting
   * expiry. `now` is the caller's clock, for stores that expire keys by themselves.
   */
  openWindow(request: { scope: string; user: string; expiresAt: number; now: number }): Promise<number>;
  /** When the window with `user` expires (or expired, while still remembered); `undefined` when unknown. */
  windowExpiry(request: { scope: string; user: string }): Promise<number | undefined>;
  /**
   * Stores the scope's limit (`Infinity`: unlimited), used from then on by every `acquire` of the scope instead of
   * the request's, so a shared store shares it with every process. Optional: without it the limit is local.
   */
  setLimit?(request: { scope: string; limit: number }): Promise<void>;
}
