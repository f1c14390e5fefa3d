/**
 * Time helpers shared by the trackers and limiters: an injectable clock and abort checks (the abortable delay
 * is `sleep` in core).
 * @module
 */
import { AbortError, ValidationError } from '../core/errors.js';

/**
 * Milliseconds since the epoch. Inject a fake one in tests; the default is `Date.now`.
 * @inline
 */
export type Clock = () => number;

/** The default clock. */
export const systemClock: Clock = () => Date.now();

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** Turns an optional `Date | number` into epoch milliseconds, defaulting to `clock()`. */
export function toMillis(at: Date | number | undefined, clock: Clock, path = 'at'): number {
  if (at === undefined) return clock();
  const ms = at instanceof Date ? at.getTime() : at;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new ValidationError(`Invalid ${path}: expected a Date or epoch milliseconds.`, {
      issues: [
        { code: 'time.invalid', path: [path], message: 'expected a valid Date or epoch milliseconds' },
      ],
    });
  }
  return ms;
}

/** Throws {@link AbortError} when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}
