/**
 * Time helpers shared by the trackers and limiters: an injectable clock and an abortable sleep.
 * @module
 */
import { AbortError, ValidationError } from '../core/errors.js';

/** Milliseconds since the epoch. Inject a fake one in tests; the default is `Date.now`. */
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

/** Resolves after `ms` milliseconds; rejects with {@link AbortError} as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError(undefined, { cause: signal.reason }));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
