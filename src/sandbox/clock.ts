/**
 * The sandbox's clock: every platform rule (the 24 h window, the moving 24 h tier count, throughput and pair
 * rates, template edit limits) reads time from here, so tests drive time with {@link createManualClock} instead
 * of sleeping.
 * @module
 */

/** A source of the current time in epoch milliseconds. */
export interface SandboxClock {
  /** The current time in epoch milliseconds. */
  now(): number;
}

/** A clock that only moves when told to. */
export interface ManualClock extends SandboxClock {
  /** Moves the clock forward by `ms` milliseconds (negative values are refused). */
  advance(ms: number): void;
  /** Sets the clock to `epochMs`. */
  set(epochMs: number): void;
}

/** The wall clock. */
export const systemClock: SandboxClock = Object.freeze({ now: () => Date.now() });

/**
 * A clock for tests: starts at `startMs` (default: now) and moves only through `advance` / `set`.
 *
 * @example
 * ```ts
 * const clock = createManualClock();
 * const sandbox = await startSandbox({ clock });
 * await sandbox.inbound('meta', '+447700900123', 'hi'); // opens the 24 h window
 * clock.advance(25 * 60 * 60 * 1000);                  // the window is now closed
 * ```
 */
export function createManualClock(startMs: number = Date.now()): ManualClock {
  let now = startMs;
  return {
    now: () => now,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError('advance(ms) needs a finite, non-negative number');
      now += ms;
    },
    set(epochMs: number) {
      if (!Number.isFinite(epochMs)) throw new RangeError('set(epochMs) needs a finite number');
      now = epochMs;
    },
  };
}
