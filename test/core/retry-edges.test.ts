/**
 * The edges of the retry policy where a mutant would re-send a message or retry while rate limited. Each case
 * was written against a mutant the rest of the suite let through (see docs/testing.md).
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, RateLimitError, TimeoutError } from '../../src/core/errors.js';
import { HttpTransport } from '../../src/core/http.js';
import { isRetryable, parseRetryAfter, resolveRetryPolicy, retryDelay } from '../../src/core/retry.js';
import { server } from '../setup/msw.js';

const h = (init: Record<string, string>) => new Headers(init);

describe('parseRetryAfter reads every digit, the whole value, after trimming', () => {
  it.each([
    ['12', 12_000],
    ['120', 120_000],
    ['3600', 3_600_000],
    [' 12 ', 12_000],
    ['\t7\t', 7_000],
    ['1.25', 1_250],
    ['0', 0],
  ])('retry-after %j -> %d ms', (value, ms) => {
    expect(parseRetryAfter(h({ 'retry-after': value }))).toBe(ms);
  });

  it.each([
    ['1500', 1_500],
    [' 1500 ', 1_500],
    ['15.5', 16],
    ['10000', 10_000],
  ])('retry-after-ms %j -> %d ms', (value, ms) => {
    expect(parseRetryAfter(h({ 'retry-after-ms': value }))).toBe(ms);
  });

  it.each(['abc12', '12abc', '1.2.3', '-5', '12 s', ''])(
    'retry-after %j is unreadable -> undefined',
    (value) => {
      expect(parseRetryAfter(h({ 'retry-after': value }), 0)).toBeUndefined();
    },
  );

  it('an unreadable retry-after-ms falls back to retry-after', () => {
    expect(parseRetryAfter(h({ 'retry-after-ms': 'soon', 'retry-after': '3' }))).toBe(3_000);
    expect(parseRetryAfter(h({ 'retry-after-ms': '12abc', 'retry-after': '3' }))).toBe(3_000);
    expect(parseRetryAfter(h({ 'retry-after-ms': 'abc12', 'retry-after': '3' }))).toBe(3_000);
  });

  it('an HTTP date far ahead is read as a long wait, not as zero', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter(h({ 'retry-after': 'Tue, 01 Dec 2026 10:00:12 GMT' }), now)).toBe(12_000);
  });
});

describe('isRetryable: an error inside a 2xx body is final', () => {
  const inBody = new ApiError('gupshup answered {"status":"error"}', { provider: 'gupshup' });
  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])('idempotent=%s unsafe=%s -> not retried', (idempotent, unsafe) => {
    expect(isRetryable(inBody, idempotent, resolveRetryPolicy({ unsafe }))).toBe(false);
  });

  it('408 is retried even for a send; 4xx others never are', () => {
    const policy = resolveRetryPolicy({});
    expect(isRetryable(new ApiError('x', { status: 408 }), false, policy)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422, 499])
      expect(isRetryable(new ApiError('x', { status }), true, resolveRetryPolicy({ unsafe: true }))).toBe(
        false,
      );
  });

  it('a 5xx is retried exactly when the request is idempotent or the policy unsafe', () => {
    const e = new ApiError('x', { status: 500 });
    expect(isRetryable(e, false, resolveRetryPolicy({}))).toBe(false);
    expect(isRetryable(e, true, resolveRetryPolicy({}))).toBe(true);
    expect(isRetryable(e, false, resolveRetryPolicy({ unsafe: true }))).toBe(true);
    expect(isRetryable(new ApiError('x', { status: 599 }), false, resolveRetryPolicy({}))).toBe(false);
    expect(isRetryable(new ApiError('x', { status: 499 }), true, resolveRetryPolicy({}))).toBe(false);
  });

  it('timeouts and maybe-sent connection failures follow the same rule; 429 and unsent always retry', () => {
    const safe = resolveRetryPolicy({});
    expect(isRetryable(new TimeoutError('t'), false, safe)).toBe(false);
    expect(isRetryable(new TimeoutError('t'), true, safe)).toBe(true);
    expect(isRetryable(new ConnectionError('c', { unsent: false }), false, safe)).toBe(false);
    expect(isRetryable(new ConnectionError('c', { unsent: false }), true, safe)).toBe(true);
    expect(isRetryable(new ConnectionError('c', { unsent: true }), false, safe)).toBe(true);
    expect(isRetryable(new RateLimitError('r', { status: 429 }), false, safe)).toBe(true);
  });

  it('over the wire: a POST whose 2xx body is refused is sent once, even with an unsafe policy', async () => {
    let calls = 0;
    server.use(
      http.post('https://api.example.test/send', () => {
        calls++;
        return HttpResponse.json({ status: 'error', message: 'bad template' });
      }),
    );
    const transport = new HttpTransport({
      provider: 'gupshup',
      baseUrl: 'https://api.example.test',
      timeout: 5_000,
      maxRetries: 3,
      retry: resolveRetryPolicy({ unsafe: true, baseDelayMs: 1, jitter: 0 }),
      responseError: ({ body }) =>
        (body as { status?: string }).status === 'error'
          ? new ApiError('refused in a 2xx body', { provider: 'gupshup' })
          : undefined,
    });
    await expect(transport.request({ method: 'POST', path: 'send', json: {} })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(calls).toBe(1);
  });
});

describe('parseRetryAfter reads the three HTTP-date forms (RFC 9110 5.6.7) and nothing date-like besides', () => {
  const now = Date.parse('1994-11-06T08:49:00Z');
  it.each(['Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994'])(
    '%j',
    (value) => {
      const ms = parseRetryAfter(h({ 'retry-after': value }), now);
      // asctime carries no zone and is read in local time by Date.parse; the other two are exact.
      if (value.endsWith('GMT')) expect(ms).toBe(37_000);
      else expect(ms).toBeTypeOf('number');
    },
  );

  it.each(['2026-12-01', '1.2.3', '-5', '12/01/2026', 'tomorrow'])('%j -> undefined', (value) => {
    expect(parseRetryAfter(h({ 'retry-after': value }), now)).toBeUndefined();
  });
});

describe('parseRetryAfter and retryDelay at the edges a mutant survived', () => {
  it('retry-after-ms keeps every decimal digit (15.55 ms -> 16), else falls back to retry-after', () => {
    expect(parseRetryAfter(h({ 'retry-after-ms': '15.55', 'retry-after': '9' }))).toBe(16);
  });

  it('a date is read only when the value starts with a day name, and a day name with garbage is no wait', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(parseRetryAfter(h({ 'retry-after': '1 Jan 2030 00:00:00 GMT' }), now)).toBeUndefined();
    expect(parseRetryAfter(h({ 'retry-after': 'Sunday, the day after tomorrow' }), now)).toBeUndefined();
  });

  it('a Retry-After equal to maxRetryAfterMs is waited out; one ms more is not', () => {
    const policy = resolveRetryPolicy({ maxRetryAfterMs: 5_000 });
    const rateLimited = (ms: number) => new RateLimitError('slow down', { retryAfterMs: ms });
    expect(retryDelay(rateLimited(5_000), 1, policy)).toBe(5_000);
    expect(retryDelay(rateLimited(5_001), 1, policy)).toBeUndefined();
  });
});
