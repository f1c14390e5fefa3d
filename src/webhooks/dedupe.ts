/**
 * Duplicate-delivery detection. Providers retry (Meta for up to 7 days, Vonage for 24 h, Gupshup after a
 * short interval) and Gupshup apps with v2 and v3 subscriptions get every event twice, so the same message or
 * status arrives more than once. The handler claims a key per event and skips events already claimed.
 * @module
 */
import type { WebhookEvent } from '../core/webhook-event.js';

/**
 * Where claimed keys live: {@link createMemoryDedupeStore} for one process, `createRedisDedupeStore` for many,
 * or your own over a database.
 *
 * The handler claims an event's key before its handlers run, then either completes it (handled) or releases it
 * (a handler threw: the handler answers non-2xx and the provider's retry is processed). So each event is handled
 * exactly once as long as the process running its handlers survives them; a process that dies mid-handler leaves
 * a claim that a store with leases (Redis) gives up after the lease, and the retry runs the handlers again
 * (at-least-once for crashes, exactly-once otherwise).
 */
export interface WebhookDedupeStore {
  /**
   * Claims `key` (remembered `ttlMs` once handled). Resolves `true` when the key was new (run the handlers),
   * `false` when the event was already handled (drop it), `'pending'` when another delivery of it is being
   * handled right now (the handler answers 503 so the provider retries later). Must be atomic per key. A store
   * that cannot answer must reject: the handler then refuses the delivery (503) rather than guess.
   */
  claim(key: string, ttlMs: number): boolean | 'pending' | Promise<boolean | 'pending'>;
  /** Forgets `key`, so a retry of an event whose handler failed is processed again. */
  release?(key: string): void | Promise<void>;
  /** Marks a claimed `key` as handled, remembered for `ttlMs` (stores with leases need it). */
  complete?(key: string, ttlMs: number): void | Promise<void>;
}

/**
 * Options of {@link createMemoryDedupeStore}.
 * @inline
 */
export interface MemoryDedupeStoreOptions {
  /** Most keys kept; the oldest are evicted first. Default 10 000. */
  maxEntries?: number | undefined;
  /** Clock in ms, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * An in-process {@link WebhookDedupeStore}: a bounded map of keys to expiry times. Right for one process; use a
 * shared store when several instances receive webhooks.
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({
 *   provider: 'meta',
 *   appSecret,
 *   dedupe: { store: createMemoryDedupeStore({ maxEntries: 50_000 }), ttlMs: 60 * 60 * 1000 },
 *   on: { status: (event) => save(event) },
 * });
 * ```
 */
export function createMemoryDedupeStore(options: MemoryDedupeStoreOptions = {}): WebhookDedupeStore & {
  /** Keys currently held (expired keys included until they are swept). */
  readonly size: number;
} {
  const maxEntries = Math.max(1, Math.floor(options.maxEntries ?? 10_000));
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();
  return {
    get size() {
      return expiries.size;
    },
    claim(key, ttlMs) {
      const t = now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > t) return false;
      // Re-insert so the map's order stays the order of claims (oldest first).
      expiries.delete(key);
      expiries.set(key, t + ttlMs);
      while (expiries.size > maxEntries) {
        const oldest = expiries.keys().next().value as string;
        expiries.delete(oldest);
      }
      return true;
    },
    release(key) {
      expiries.delete(key);
    },
  };
}

/**
 * The dedupe key of an event: inbound messages by provider and id; statuses by provider, message id and
 * provider status (a `sent` then a `delivered` are both kept). Other kinds are not deduplicated (undefined).
 */
export function webhookEventKey(event: WebhookEvent): string | undefined {
  if (event.kind === 'message') return `${event.provider}:message:${event.id}`;
  if (event.kind === 'status') return `${event.provider}:status:${event.messageId}:${event.providerStatus}`;
  return undefined;
}
