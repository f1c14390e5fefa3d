/**
 * What the sandbox accepted per recipient and per second, and what it refused for a platform limit, so a test
 * can prove that a throughput limit held (no second above the rate, no 130429) or that nobody was messaged
 * twice. Counted in the shared part of the sandbox, for every provider alike.
 * @module
 */
import type { SyncRefusal } from './rules.js';

/**
 * The sandbox's counts; see {@link SandboxCounters}.
 * @inline
 */
export interface SandboxCounts {
  /** Messages accepted per recipient (digits only). */
  readonly perRecipient: ReadonlyMap<string, number>;
  /** Messages accepted per whole second of the sandbox clock (key: epoch second). */
  readonly perSecond: ReadonlyMap<number, number>;
  /** Sends refused by a synchronous platform limit: throughput (Meta 130429, 429 elsewhere) and pair rate (131056). */
  readonly refused: Readonly<Record<SyncRefusal, number>>;
  /** The most messages accepted in any 1 000 ms (a sliding window over the acceptance times). */
  busiestSecond(): number;
  /** Recipients that were sent more than one message, with their count. */
  repeated(): Map<string, number>;
}

/** Collects {@link SandboxCounts}. */
export class SandboxCounters implements SandboxCounts {
  readonly perRecipient = new Map<string, number>();
  readonly perSecond = new Map<number, number>();
  readonly refused: Record<SyncRefusal, number> = { throughput: 0, 'pair-rate': 0 };
  /** Acceptance times in the order of acceptance (non-decreasing on a monotonic clock). */
  readonly #times: number[] = [];

  /** Counts one accepted message. */
  accepted(to: string, at: number): void {
    this.perRecipient.set(to, (this.perRecipient.get(to) ?? 0) + 1);
    const second = Math.floor(at / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    this.#times.push(at);
  }

  /** Counts one refusal. */
  refusedBy(refusal: SyncRefusal): void {
    this.refused[refusal]++;
  }

  busiestSecond(): number {
    const times = [...this.#times].sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while ((times[end] as number) - (times[start] as number) >= 1000) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  repeated(): Map<string, number> {
    const result = new Map<string, number>();
    for (const [to, n] of this.perRecipient) if (n > 1) result.set(to, n);
    return result;
  }
}
