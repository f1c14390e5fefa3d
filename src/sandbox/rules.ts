/**
 * The platform rules, enforced the way WhatsApp enforces them, on the sandbox clock:
 * - the 24 h customer-service window: free-form messages outside it fail (Meta 131047, Vonage 1340, Gupshup 470);
 * - the messaging tier: unique recipients of business-initiated messages in a moving 24 h, per business
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits);
 * - throughput: 80 messages/s per business number by default, 130429 above it
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput);
 * - the pair rate: about one message every 6 s to the same user with bursts of up to 45, 131056 above it.
 * @module
 */
import type { SandboxClock } from './clock.js';
import { SandboxCounters } from './counters.js';
import type { SandboxLimits } from './types.js';

/** 24 hours in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A refusal answered synchronously (the send request fails).
 * @inline
 */
export type SyncRefusal = 'throughput' | 'pair-rate';

/** A refusal reported asynchronously (the send is accepted, a failed status follows). */
export type AsyncRefusal = 'window' | 'tier';

/** Resolved limits. */
interface Limits {
  window: boolean;
  tier: number;
  throughput: number;
  pair: { burst: number; intervalMs: number } | undefined;
}

/** Per-business state of the rules; one instance per sandbox. */
export class PlatformRules {
  readonly #clock: SandboxClock;
  readonly #limits: Limits;
  readonly #windows = new Map<string, number>();
  readonly #sends = new Map<string, number[]>();
  readonly #pairs = new Map<string, { tokens: number; at: number }>();
  readonly #reached = new Map<string, Map<string, number>>();
  /** What was accepted per recipient and per second, and refused per limit. */
  readonly counters = new SandboxCounters();

  constructor(clock: SandboxClock, limits: SandboxLimits | undefined) {
    this.#clock = clock;
    const tier = limits?.tier ?? 250;
    const throughput = limits?.throughputPerSecond ?? 80;
    const pair = limits?.pairRate ?? { burst: 45, intervalMs: 6000 };
    this.#limits = {
      window: limits?.window ?? true,
      tier: tier === 'unlimited' ? Number.POSITIVE_INFINITY : tier,
      throughput: throughput === false ? Number.POSITIVE_INFINITY : throughput,
      pair: pair === false ? undefined : pair,
    };
  }

  /** Records an inbound message from `customer` to `business`: opens (or refreshes) the 24 h window. */
  recordInbound(business: string, customer: string): void {
    this.#windows.set(`${business}>${customer}`, this.#clock.now());
  }

  /** When the customer-service window between `business` and `customer` closes (or closed); none before any inbound. */
  windowClosesAt(business: string, customer: string): number | undefined {
    const last = this.#windows.get(`${business}>${customer}`);
    return last === undefined ? undefined : last + DAY_MS;
  }

  /** Unique recipients of business-initiated messages allowed per moving 24 h (`Infinity` when unlimited). */
  get tierLimit(): number {
    return this.#limits.tier;
  }

  /** Changes the tier from the next send (`sandbox.setMessagingLimit()`). */
  setTierLimit(limit: number): void {
    this.#limits.tier = limit;
  }

  /** Messages per second per business number (`Infinity` when not limited). */
  get throughputPerSecond(): number {
    return this.#limits.throughput;
  }

  /** Whether the customer-service window between `business` and `customer` is open now. */
  windowOpen(business: string, customer: string): boolean {
    const last = this.#windows.get(`${business}>${customer}`);
    return last !== undefined && this.#clock.now() - last < DAY_MS;
  }

  /**
   * Checks and counts one send from `business` to `customer` against the synchronous limits (throughput, pair
   * rate). Returns the refusal, or `undefined` when the send goes through (and is counted).
   */
  admit(business: string, customer: string): SyncRefusal | undefined {
    const refusal = this.#admit(business, customer);
    if (refusal) this.counters.refusedBy(refusal);
    return refusal;
  }

  #admit(business: string, customer: string): SyncRefusal | undefined {
    const now = this.#clock.now();
    const times = this.#sends.get(business) ?? [];
    while (times.length > 0 && (times[0] as number) <= now - 1000) times.shift();
    if (times.length >= this.#limits.throughput) return 'throughput';
    const pair = this.#limits.pair;
    if (pair) {
      const key = `${business}>${customer}`;
      const bucket = this.#pairs.get(key) ?? { tokens: pair.burst, at: now };
      const tokens = Math.min(pair.burst, bucket.tokens + (now - bucket.at) / pair.intervalMs);
      if (tokens < 1) {
        this.#pairs.set(key, { tokens, at: now });
        return 'pair-rate';
      }
      this.#pairs.set(key, { tokens: tokens - 1, at: now });
    }
    times.push(now);
    this.#sends.set(business, times);
    return undefined;
  }

  /**
   * Decides the asynchronous fate of an accepted message: free-form outside the window fails (`window`); a
   * business-initiated message (outside the window) to a new recipient over the tier fails (`tier`).
   */
  deliver(business: string, customer: string, category: 'template' | 'free-form'): AsyncRefusal | undefined {
    const open = this.windowOpen(business, customer);
    if (category === 'free-form' && !open && this.#limits.window) return 'window';
    if (open) return undefined;
    const now = this.#clock.now();
    const reached = this.#reached.get(business) ?? new Map<string, number>();
    this.#reached.set(business, reached);
    // Entries are added in time order and never moved, so the expired ones are a prefix: amortised O(1) a send
    // (sweeping the whole map made a 20 000-recipient campaign quadratic).
    for (const [recipient, at] of reached) {
      if (at > now - DAY_MS) break;
      reached.delete(recipient);
    }
    if (reached.has(customer)) return undefined;
    if (reached.size >= this.#limits.tier) return 'tier';
    reached.set(customer, now);
    return undefined;
  }

  /** Unique recipients of business-initiated messages from `business` in the moving 24 h. */
  reachedCount(business: string): number {
    const now = this.#clock.now();
    let count = 0;
    for (const at of this.#reached.get(business)?.values() ?? []) if (at > now - DAY_MS) count++;
    return count;
  }
}
