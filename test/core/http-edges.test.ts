/**
 * The edges of the HTTP layer where a mutant would re-send a message (a connection failure misread as "nothing
 * was sent", a send treated as idempotent) or leave a caller waiting (an abort during a retry wait). Each case
 * was written against a mutant the rest of the suite let through (see docs/testing.md).
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { AbortError, ConnectionError, RateLimitError } from '../../src/core/errors.js';
import { TypedEmitter, type WhatsAppEventMap } from '../../src/core/events.js';
import { errorCodes, HttpTransport, type HttpTransportOptions } from '../../src/core/http.js';
import { resolveRetryPolicy } from '../../src/core/retry.js';
import { server } from '../setup/msw.js';

const BASE = 'https://api.example.test';

function transport(overrides: Partial<HttpTransportOptions> = {}) {
  const events = new TypedEmitter<WhatsAppEventMap>({ provider: 'meta' });
  const t = new HttpTransport({
    provider: 'meta',
    baseUrl: BASE,
    timeout: 5_000,
    maxRetries: 2,
    retry: resolveRetryPolicy({ baseDelayMs: 1, jitter: 0 }),
    events,
    ...overrides,
  });
  return { t, events };
}

/** What undici's fetch rejects with when every address of a host refused the connection. */
function undiciFailure(code: string): TypeError {
  const inner = Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
  return new TypeError('fetch failed', { cause: new AggregateError([inner, inner], 'all attempts failed') });
}

const UNSENT = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
];

describe('errorCodes', () => {
  it('finds codes in the cause chain and inside AggregateError.errors', () => {
    expect(errorCodes(undiciFailure('ECONNREFUSED'))).toContain('ECONNREFUSED');
    const nested = new Error('outer', {
      cause: new Error('mid', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) }),
    });
    expect(errorCodes(nested)).toEqual(['ENOTFOUND']);
    expect(errorCodes('not an error')).toEqual([]);
    const loop: { code: string; cause?: unknown } = { code: 'EAI_AGAIN' };
    loop.cause = loop;
    expect(errorCodes(loop)).toEqual(['EAI_AGAIN']);
  });
});

describe('"nothing was sent" is decided by the error code, wherever undici puts it', () => {
  it.each(UNSENT)(
    '%s inside an AggregateError: a POST is retried, then ConnectionError(unsent)',
    async (code) => {
      let calls = 0;
      const fake: typeof fetch = async () => {
        calls++;
        throw undiciFailure(code);
      };
      const { t, events } = transport({ fetch: fake });
      let retries = 0;
      events.on('retry', () => retries++);
      const error = await t.request({ method: 'POST', path: 'send', json: {} }).catch((e) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.unsent).toBe(true);
      expect(error.message).toContain('Nothing was sent');
      expect(calls).toBe(3);
      expect(retries).toBe(2);
    },
  );

  it.each(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', undefined])(
    '%s: the request may have arrived, so a POST is not retried',
    async (code) => {
      let calls = 0;
      const fake: typeof fetch = async () => {
        calls++;
        throw code ? undiciFailure(code) : new TypeError('fetch failed');
      };
      const { t } = transport({ fetch: fake });
      const error = await t.request({ method: 'POST', path: 'send', json: {} }).catch((e) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.unsent).toBe(false);
      expect(error.message).toContain('may or may not have been received');
      expect(calls).toBe(1);
    },
  );
});

describe('which methods are idempotent', () => {
  it.each([
    ['GET', 3],
    ['PUT', 3],
    ['DELETE', 3],
    ['POST', 1],
    ['PATCH', 1],
  ] as const)('%s after a 500 is sent %d time(s) by default', async (method, expected) => {
    let calls = 0;
    server.use(
      http.all(`${BASE}/thing`, () => {
        calls++;
        return HttpResponse.json({ error: 'boom' }, { status: 500 });
      }),
    );
    const { t } = transport();
    await expect(
      t.request({ method, path: 'thing', ...(method === 'GET' ? {} : { json: {} }) }),
    ).rejects.toThrow();
    expect(calls).toBe(expected);
  });

  it('an explicit idempotent flag wins over the method', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/thing`, () => {
        calls++;
        return HttpResponse.json({}, { status: 503 });
      }),
    );
    const { t } = transport();
    await expect(t.request({ method: 'POST', path: 'thing', json: {}, idempotent: true })).rejects.toThrow();
    expect(calls).toBe(3);
  });
});

describe('aborting during a retry wait', () => {
  it('rejects with AbortError without waiting out Retry-After, and sends nothing more', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '30' } });
      }),
    );
    const { t, events } = transport({ retry: resolveRetryPolicy({ maxRetryAfterMs: 60_000 }) });
    const controller = new AbortController();
    events.on('retry', () => setTimeout(() => controller.abort(), 10));
    const error = await t
      .request({ method: 'POST', path: 'send', json: {}, signal: controller.signal })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(calls).toBe(1);
  });

  it('a signal aborted before the wait starts rejects at once', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '30' } });
      }),
    );
    const controller = new AbortController();
    const { t, events } = transport();
    events.on('retry', () => controller.abort());
    await expect(
      t.request({ method: 'POST', path: 'send', json: {}, signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(calls).toBe(1);
  });

  it('without an abort the retry happens after Retry-After and the RateLimitError carries it', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after-ms': '5' } });
      }),
    );
    const { t } = transport({ maxRetries: 1 });
    const error = await t.request({ method: 'POST', path: 'send', json: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(5);
    expect(calls).toBe(2);
  });
});
