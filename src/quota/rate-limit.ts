/**
 * Throughput limiters that wait rather than fail: a per-number token bucket (Meta: 80 messages/s by default,
 * 20/s for coexistence numbers, up to 1 000/s once upgraded; error 130429 beyond) and per-recipient pacing (about
 * one message every 6 s to the same user; bursts borrow from the future; error 131056 beyond). Facts:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput
 *
 * Both use the generic cell rate algorithm (GCRA): one number per key, the theoretical arrival time of the next
 * message. A caller reserves its slot at once and sleeps until it, so concurrent callers queue in order.
 * @module
 */
import { ConfigError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';
import { recipientKey } from './recipient.js';
import { type Clock, systemClock, throwIfAborted } from './time.js';

/** Default per-number throughput, messages per second. */
export const DEFAULT_MESSAGES_PER_SECOND = 80;
/** Default per-recipient interval: one message every 6 s. */
export const DEFAULT_PAIR_INTERVAL_MS = 6_000;

/** Options shared by the limiters. */
interface LimiterTiming {
  /** Clock, epoch milliseconds. Default `Date.now`. */
  clock?: Clock | undefined;
  /** How to wait. Default: `setTimeout` (fake timers work). */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * Options of {@link createTokenBucket}.
 * @inline
 */
export interface TokenBucketOptions extends LimiterTiming {
  /** Sustained rate. Default 80 (use 20 for coexistence numbers, 1000 for upgraded ones). */
  ratePerSecond?: number | undefined;
  /** Messages that may go at once before pacing starts. Default 1 (evenly spaced). */
  burst?: number | undefined;
}

/**
 * A token bucket: {@link createTokenBucket} in one process, `createRedisRateLimiter` shared by many. Callers
 * `await` both methods, whichever it is.
 */
export interface TokenBucket {
  /** The sustained rate, per second. */
  readonly ratePerSecond: number;
  /** Waits for a token. Rejects with `AbortError` when `signal` aborts (the reserved slot is not reused). */
  take(signal?: AbortSignal): Promise<void>;
  /** Takes a token if one is free now, without waiting (a shared bucket answers asynchronously). */
  tryTake(): boolean | Promise<boolean>;
}

/**
 * Options of {@link createRecipientPacer}.
 * @inline
 */
export interface RecipientPacerOptions extends LimiterTiming {
  /** Minimum spacing between messages to one user once the burst is used. Default 6 000 ms. */
  intervalMs?: number | undefined;
  /** Messages one user may receive back to back. Default 1. Meta tolerates more but they borrow future quota. */
  burst?: number | undefined;
}

/** Per-recipient pacing: {@link createRecipientPacer} in one process, `createRedisRecipientPacer` shared by many. */
export interface RecipientPacer {
  /** Waits until a message to `recipient` may go. Rejects with `AbortError` when `signal` aborts. */
  wait(recipient: string, signal?: AbortSignal): Promise<void>;
  /**
   * Number of recipients currently remembered (those still inside their pacing interval), where the pacer keeps
   * them itself; a Redis pacer lets keys expire on the server and leaves it undefined.
   */
  readonly size?: number | undefined;
}

/** Checks a limiter option: a positive (integer) number, or {@link ConfigError}. */
export function positive(name: string, value: number, integer: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new ConfigError(`Invalid ${name}: expected a positive ${integer ? 'integer' : 'number'}.`, {
      issues: [
        {
          code: 'limiter.invalid',
          path: [name],
          message: `expected a positive ${integer ? 'integer' : 'number'}`,
        },
      ],
    });
  }
  return value;
}

/**
 * One GCRA step. `tat` is the key's theoretical arrival time. Returns how long to wait (0 = now) and the new
 * `tat`, reserving the slot.
 */
export function gcra(
  tat: number,
  now: number,
  intervalMs: number,
  burst: number,
): { waitMs: number; tat: number } {
  const start = Math.max(tat, now);
  const earliest = tat - (burst - 1) * intervalMs;
  const waitMs = Math.max(0, earliest - now);
  return { waitMs, tat: start + intervalMs };
}

/**
 * A per-number token bucket that waits rather than fails.
 *
 * @example
 * ```ts
 * const bucket = createTokenBucket({ ratePerSecond: 80 });
 * for (const to of recipients) {
 *   await bucket.take(signal);
 *   await client.sendTemplate(to, template);
 * }
 * ```
 */
export function createTokenBucket(options: TokenBucketOptions = {}): TokenBucket {
  const rate = positive('ratePerSecond', options.ratePerSecond ?? DEFAULT_MESSAGES_PER_SECOND, false);
  const burst = positive('burst', options.burst ?? 1, true);
  const interval = 1000 / rate;
  const clock = options.clock ?? systemClock;
  const wait = options.sleep ?? sleep;
  let tat = Number.NEGATIVE_INFINITY;
  return {
    ratePerSecond: rate,
    async take(signal) {
      throwIfAborted(signal);
      const step = gcra(tat, clock(), interval, burst);
      tat = step.tat;
      if (step.waitMs > 0) await wait(step.waitMs, signal);
    },
    tryTake() {
      const step = gcra(tat, clock(), interval, burst);
      if (step.waitMs > 0) return false;
      tat = step.tat;
      return true;
    },
  };
}

/**
 * Per-recipient pacing that waits rather than fails: at most `burst` messages back to back to one user, then one
 * every `intervalMs`. Remembers only users inside their interval (swept in amortised O(1)).
 *
 * @example
 * ```ts
 * const pacer = createRecipientPacer({ intervalMs: 6_000, burst: 2 });
 * await pacer.wait('+447700900123', signal);
 * ```
 */
export function createRecipientPacer(options: RecipientPacerOptions = {}): RecipientPacer {
  const interval = positive('intervalMs', options.intervalMs ?? DEFAULT_PAIR_INTERVAL_MS, false);
  const burst = positive('burst', options.burst ?? 1, true);
  const clock = options.clock ?? systemClock;
  const wait = options.sleep ?? sleep;
  const tats = new Map<string, number>();
  let sweepAt = 1024;
  return {
    get size() {
      return tats.size;
    },
    async wait(recipient, signal) {
      throwIfAborted(signal);
      const key = recipientKey(recipient);
      const now = clock();
      const step = gcra(tats.get(key) ?? Number.NEGATIVE_INFINITY, now, interval, burst);
      tats.set(key, step.tat);
      if (tats.size >= sweepAt) {
        // A key whose burst is fully refilled is the same as a forgotten one.
        for (const [k, t] of tats) if (t <= now) tats.delete(k);
        sweepAt = Math.max(1024, tats.size * 2);
      }
      if (step.waitMs > 0) await wait(step.waitMs, signal);
    },
  };
}
