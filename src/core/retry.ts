/**
 * The retry policy, as pure functions: which failures may be retried, and how long to wait.
 *
 * A send is a POST that may deliver a message to a person, so it is retried only when a retry cannot cause a
 * duplicate: a 429 (the provider refused it) or a connection failure that proves nothing was sent (connection
 * refused, DNS failure). 5xx answers and timeouts are ambiguous (the message may have gone out) and are retried
 * only with `retry: { unsafe: true }`; idempotent requests (GET, DELETE) retry them by default.
 * @module
 */
import {
  type ApiError,
  isApiError,
  isConnectionError,
  isRateLimitError,
  isTimeoutError,
  type WhatsAppError,
} from './errors.js';

/** How retries are spaced and which ambiguous failures are retried (the `retry` config key). */
export interface RetryPolicy {
  /**
   * Also retry sends after a 5xx answer or a timeout, where the message may already have been delivered.
   * Every send carries a `clientRef`, so duplicates can be reconciled from status webhooks. Default `false`.
   */
  unsafe?: boolean | undefined;
  /** First backoff delay in milliseconds; doubles each retry. Default 500. */
  baseDelayMs?: number | undefined;
  /** Largest backoff delay in milliseconds. Default 8000. */
  maxDelayMs?: number | undefined;
  /** Fraction of each backoff delay that is randomised (0 none, 1 full jitter). Default 0.25. */
  jitter?: number | undefined;
  /**
   * The longest wait, in milliseconds, the client will sleep before a retry. A `Retry-After` asking for longer
   * is not waited out: the {@link RateLimitError} is thrown with `retryAfterMs` so the caller can reschedule.
   * Default 60 000.
   */
  maxRetryAfterMs?: number | undefined;
}

/** {@link RetryPolicy} with every default filled in. */
export type ResolvedRetryPolicy = { [K in keyof RetryPolicy]-?: Exclude<RetryPolicy[K], undefined> };

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = Object.freeze({
  unsafe: false,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  jitter: 0.25,
  maxRetryAfterMs: 60_000,
});

/** Fills in the defaults of a partial policy. */
export function resolveRetryPolicy(policy: RetryPolicy | undefined): ResolvedRetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...stripUndefined(policy ?? {}) } as ResolvedRetryPolicy;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) or `retry-after-ms` into milliseconds from `now`.
 * Returns `undefined` for a missing or unreadable value; never a negative number.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  // Stryker disable next-line MethodExpression: Headers strips a value's surrounding whitespace, so `trim` is for other callers' strings only.
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  // Stryker disable next-line MethodExpression: as above, Headers values arrive trimmed.
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // An HTTP-date (RFC 9110 section 5.6.7: IMF-fixdate, or the obsolete RFC 850 and asctime forms) always starts
  // with a day name. Anything else is refused before Date.parse, which reads garbage such as "1.2.3" or "-5" as a
  // date in the past: that would turn a rate-limit answer into an immediate retry.
  if (!/^[A-Za-z]{3,9},?\s/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff for retry number `retry` (1 for the first retry), with jitter. */
export function backoffDelay(
  retry: number,
  policy: ResolvedRetryPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(exp * (1 - jitter * random()));
}

/** Whether `error` may be retried for a request that is (or is not) idempotent under `policy`. */
export function isRetryable(error: WhatsAppError, idempotent: boolean, policy: ResolvedRetryPolicy): boolean {
  if (isRateLimitError(error)) return true;
  if (isConnectionError(error)) return error.unsent || idempotent || policy.unsafe;
  if (isTimeoutError(error)) return idempotent || policy.unsafe;
  // Stryker disable next-line ConditionalExpression: any other error has no status, and a missing status is refused below.
  if (isApiError(error)) {
    const status = (error as ApiError).status;
    // Stryker disable next-line ConditionalExpression: `undefined` is neither 408 nor >= 500, so the fall-through refuses it too; kept to say so.
    if (status === undefined) return false;
    // 408: the server gave up waiting for our request, so it did not act on it.
    if (status === 408) return true;
    if (status >= 500) return idempotent || policy.unsafe;
  }
  return false;
}

/**
 * How long to wait before retry number `retry`, or `undefined` when the wait the provider asks for is longer
 * than `maxRetryAfterMs` (the error is then thrown for the caller to reschedule).
 */
export function retryDelay(
  error: WhatsAppError,
  retry: number,
  policy: ResolvedRetryPolicy,
  random?: () => number,
): number | undefined {
  const asked = isRateLimitError(error) ? error.retryAfterMs : undefined;
  if (asked !== undefined) return asked > policy.maxRetryAfterMs ? undefined : asked;
  return Math.min(backoffDelay(retry, policy, random), policy.maxRetryAfterMs);
}
