/**
 * The one abortable delay of the library: retries, rate limiters, broadcasts and the sandbox's simulated
 * latency all wait through it.
 * @module
 */
import { AbortError } from './errors.js';

/**
 * Resolves after `ms` milliseconds (negative counts as 0); rejects with {@link AbortError} (whose `cause` is the
 * signal's reason) as soon as `signal` aborts, and at once when it is already aborted. The timer is cleared on
 * abort, so a pending sleep never keeps the process alive after its signal fired.
 */
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
