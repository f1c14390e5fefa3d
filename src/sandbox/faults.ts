/**
 * Deterministic fault decisions: a PRNG seeded with the sandbox seed and the request itself (method, path,
 * body, and how many times that exact request was seen) decides whether to fault it and how.
 * @module
 */
import { seededRandom } from './prng.js';
import type { FaultKind, FaultOptions, MediaFaultKind, SendFaultKind } from './types.js';

/** Every fault kind of the send endpoints, in a fixed order (the weights are drawn in this order). */
export const FAULT_KINDS: readonly SendFaultKind[] = [
  'rate-limit',
  'server-error',
  'unavailable',
  'slow',
  'reset',
  'malformed',
];

/** The fault kinds of media downloads, in a fixed order (drawn like {@link FAULT_KINDS}, on media URLs only). */
export const MEDIA_FAULT_KINDS: readonly MediaFaultKind[] = [
  'media-expired',
  'media-truncated',
  'media-hash-mismatch',
  'media-slow',
];

/** Decides faults for one sandbox; see the module docs. */
export class FaultInjector {
  #options: FaultOptions | undefined;
  readonly #seed: number;
  readonly #seen = new Map<string, number>();
  /** How many faults of each kind were injected. */
  readonly counts: Record<FaultKind, number> = {
    'rate-limit': 0,
    'server-error': 0,
    unavailable: 0,
    slow: 0,
    reset: 0,
    malformed: 0,
    'media-expired': 0,
    'media-truncated': 0,
    'media-hash-mismatch': 0,
    'media-slow': 0,
  };

  constructor(options: FaultOptions | undefined, seed: number) {
    this.configure(options);
    this.#seed = seed;
  }

  /** The fault options in force. */
  get options(): FaultOptions | undefined {
    return this.#options;
  }

  /** Replaces the fault options (the inspector's toggles); `undefined` turns faults off. */
  configure(options: FaultOptions | undefined): void {
    if (options && !(typeof options.rate === 'number' && options.rate >= 0 && options.rate <= 1))
      throw new RangeError('faults.rate must be a number between 0 and 1');
    this.#options = options;
  }

  /** The `Retry-After` of injected 429s in milliseconds. */
  get retryAfterMs(): number {
    return this.#options?.retryAfterMs ?? 1000;
  }

  /** How long `slow` answers are held. */
  get slowMs(): number {
    return this.#options?.slowMs ?? 2000;
  }

  /**
   * The fault for this request, drawn from `pool` (the send kinds, or {@link MEDIA_FAULT_KINDS} on a media
   * download), or `undefined`. Does not count it (see {@link FaultInjector.record}).
   */
  decide<K extends FaultKind>(
    method: string,
    path: string,
    body: string,
    pool: readonly K[] = FAULT_KINDS as readonly K[],
  ): K | undefined {
    const o = this.#options;
    if (!o || o.rate <= 0) return undefined;
    const key = `${method} ${path}\n${body}`;
    const n = (this.#seen.get(key) ?? 0) + 1;
    this.#seen.set(key, n);
    const random = seededRandom(this.#seed, `${n}\n${key}`);
    if (random() >= o.rate) return undefined;
    const weights = pool.map((k) => Math.max(0, o.kinds ? (o.kinds[k] ?? 0) : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    if (total <= 0) return undefined;
    let pick = random() * total;
    for (let i = 0; i < pool.length; i++) {
      pick -= weights[i] as number;
      if (pick < 0) return pool[i];
    }
    return pool[pool.length - 1];
  }

  /** Counts an injected fault. */
  record(kind: FaultKind): void {
    this.counts[kind]++;
  }

  /** The headers of an injected 429: `Retry-After` in whole seconds (rounded up) and `retry-after-ms`. */
  retryAfterHeaders(): Record<string, string> {
    const ms = this.retryAfterMs;
    return { 'retry-after': String(Math.ceil(ms / 1000)), 'retry-after-ms': String(ms) };
  }
}
