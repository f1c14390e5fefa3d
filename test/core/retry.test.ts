import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '../../src/core/errors.js';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isRetryable,
  parseRetryAfter,
  resolveRetryPolicy,
  retryDelay,
} from '../../src/core/retry.js';

const policy = DEFAULT_RETRY_POLICY;
const unsafe = resolveRetryPolicy({ unsafe: true });

describe('isRetryable (sends are not idempotent)', () => {
  it.each([
    ['429', new RateLimitError('x'), true, true],
    ['connection refused (unsent)', new ConnectionError('x', { unsent: true }), true, true],
    ['connection reset (ambiguous)', new ConnectionError('x', { unsent: false }), false, true],
    ['timeout', new TimeoutError('x'), false, true],
    ['500', new InternalServerError('x', { status: 500 }), false, true],
    ['408', new ApiError('x', { status: 408 }), true, true],
    ['400', new ApiError('x', { status: 400 }), false, false],
    ['validation', new ValidationError('x'), false, false],
  ])('%s: safe=%s unsafe=%s', (_name, error, safe, withUnsafe) => {
    expect(isRetryable(error, false, policy)).toBe(safe);
    expect(isRetryable(error, false, unsafe)).toBe(withUnsafe);
  });

  it('idempotent requests retry 5xx and timeouts by default', () => {
    expect(isRetryable(new InternalServerError('x', { status: 503 }), true, policy)).toBe(true);
    expect(isRetryable(new TimeoutError('x'), true, policy)).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it('reads delta seconds', () => expect(parseRetryAfter(h({ 'retry-after': '2' }))).toBe(2000));
  it('reads fractional seconds', () => expect(parseRetryAfter(h({ 'retry-after': '0.5' }))).toBe(500));
  it('prefers retry-after-ms', () =>
    expect(parseRetryAfter(h({ 'retry-after-ms': '120', 'retry-after': '9' }))).toBe(120));
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
  });
  it('never returns a negative wait for a past date', () => {
    expect(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2020 00:00:00 GMT' }))).toBe(0);
  });
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(h({}))).toBeUndefined();
  });
});

describe('backoff', () => {
  it('doubles from the base delay and caps at maxDelayMs', () => {
    const noJitter = resolveRetryPolicy({ jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
  });
  it('jitter removes at most the jitter fraction', () => {
    expect(backoffDelay(1, policy, () => 1)).toBe(375);
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
  });
  it('honours Retry-After and gives up when it is beyond maxRetryAfterMs', () => {
    expect(retryDelay(new RateLimitError('x', { retryAfterMs: 3000 }), 1, policy)).toBe(3000);
    expect(retryDelay(new RateLimitError('x', { retryAfterMs: 61_000 }), 1, policy)).toBeUndefined();
  });
  it('caps backoff by maxRetryAfterMs', () => {
    const tight = resolveRetryPolicy({ maxRetryAfterMs: 100, jitter: 0 });
    expect(retryDelay(new InternalServerError('x'), 3, tight)).toBe(100);
  });
});
