import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ConnectionError,
  InternalServerError,
  isRateLimitError,
  RateLimitError,
  TimeoutError,
} from '../../src/core/errors.js';
import { TypedEmitter, type WhatsAppEventMap } from '../../src/core/events.js';
import { HttpTransport, type HttpTransportOptions } from '../../src/core/http.js';
import { resolveRetryPolicy } from '../../src/core/retry.js';
import { server } from '../setup/msw.js';

const BASE = 'https://api.example.test';
const SECRET = 'sk_live_abcdefghijklmnop';

function transport(overrides: Partial<HttpTransportOptions> = {}) {
  const events = new TypedEmitter<WhatsAppEventMap>({ provider: 'meta' });
  const t = new HttpTransport({
    provider: 'meta',
    baseUrl: BASE,
    timeout: 30_000,
    maxRetries: 2,
    retry: resolveRetryPolicy({ jitter: 0 }),
    events,
    auth: () => ({ authorization: `Bearer ${SECRET}` }),
    secrets: () => [SECRET],
    ...overrides,
  });
  return { t, events };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('HttpTransport requests', () => {
  it('sends JSON with auth headers and parses the JSON answer', async () => {
    server.use(
      http.post(`${BASE}/v1/messages`, async ({ request }) => {
        expect(request.headers.get('authorization')).toBe(`Bearer ${SECRET}`);
        expect(request.headers.get('content-type')).toBe('application/json');
        expect(await request.json()).toEqual({ hello: 'world' });
        return HttpResponse.json({ id: 'm1' }, { status: 202, headers: { 'x-trace': 't-1' } });
      }),
    );
    const { t } = transport({ requestIdHeader: 'x-trace' });
    const res = await t.request({ method: 'POST', path: '/v1/messages', json: { hello: 'world' } });
    expect(res).toMatchObject({ status: 202, body: { id: 'm1' }, requestId: 't-1' });
  });

  it('sends form bodies and parses JSON whatever the content type', async () => {
    server.use(
      http.post(`${BASE}/msg`, async ({ request }) => {
        expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
        const form = new URLSearchParams(await request.text());
        expect(Object.fromEntries(form)).toEqual({ channel: 'whatsapp', message: '{"type":"text"}' });
        return new HttpResponse('{"status":"submitted","messageId":"g1"}', {
          headers: { 'content-type': 'text/plain' },
        });
      }),
    );
    const { t } = transport();
    const res = await t.request({
      method: 'POST',
      path: 'msg',
      form: { channel: 'whatsapp', message: '{"type":"text"}', skipped: undefined },
    });
    expect(res.body).toEqual({ status: 'submitted', messageId: 'g1' });
  });

  it('keeps absolute URLs and adds search params', async () => {
    server.use(
      http.get('https://other.example.test/x', ({ request }) => {
        expect(new URL(request.url).searchParams.get('limit')).toBe('10');
        return HttpResponse.json([]);
      }),
    );
    const { t } = transport();
    await t.request({
      method: 'GET',
      path: 'https://other.example.test/x',
      searchParams: { limit: 10, after: undefined },
    });
  });

  it('emits request and response events without headers', async () => {
    server.use(http.get(`${BASE}/ping`, () => HttpResponse.json({})));
    const { t, events } = transport();
    const seen: unknown[] = [];
    events.on('request', (e) => seen.push(e));
    events.on('response', (e) => seen.push(e));
    await t.request({ method: 'GET', path: 'ping', clientRef: 'ref-1' });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({
      provider: 'meta',
      method: 'GET',
      url: `${BASE}/ping`,
      attempt: 1,
      clientRef: 'ref-1',
    });
    expect(seen[1]).toMatchObject({ status: 200, attempt: 1 });
    expect(JSON.stringify(seen)).not.toContain(SECRET);
  });

  it('lets a provider turn a 2xx body into an error', async () => {
    server.use(
      http.post(`${BASE}/msg`, () => HttpResponse.json({ status: 'error', message: 'Invalid destination' })),
    );
    const { t } = transport({
      responseError: (ctx) =>
        (ctx.body as { status?: string }).status === 'error'
          ? new InternalServerError('gupshup said error')
          : undefined,
    });
    await expect(t.request({ method: 'POST', path: 'msg' })).rejects.toThrow('gupshup said error');
  });
});

describe('retry policy over the wire', () => {
  it('retries a 429 after its Retry-After, then succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        if (calls === 1)
          return HttpResponse.json({ title: 'Too Many' }, { status: 429, headers: { 'retry-after': '2' } });
        return HttpResponse.json({ id: 'ok' });
      }),
    );
    const { t, events } = transport();
    const retries: number[] = [];
    events.on('retry', (e) => retries.push(e.delayMs));
    const promise = t.request({ method: 'POST', path: 'send', json: {} });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toMatchObject({ body: { id: 'ok' } });
    expect(calls).toBe(2);
    expect(retries).toEqual([2000]);
  });

  it('gives up on 429 after maxRetries with a RateLimitError carrying retryAfterMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '1' } });
      }),
    );
    const { t } = transport({ maxRetries: 2 });
    const promise = t.request({ method: 'POST', path: 'send', json: {} });
    const assertion = expect(promise).rejects.toSatisfy(
      (e) => isRateLimitError(e) && e.retryAfterMs === 1000,
    );
    await vi.advanceTimersByTimeAsync(5_000);
    await assertion;
    expect(calls).toBe(3);
  });

  it('does not wait out a Retry-After beyond maxRetryAfterMs: throws for the caller to reschedule', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '3600' } });
      }),
    );
    const { t } = transport();
    await expect(t.request({ method: 'POST', path: 'send', json: {} })).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(calls).toBe(1);
  });

  it('does not retry a POST that got a 500 by default (the message may have gone out)', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return HttpResponse.json({ detail: 'boom' }, { status: 500 });
      }),
    );
    const { t } = transport();
    await expect(t.request({ method: 'POST', path: 'send', json: {} })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(calls).toBe(1);
  });

  it('retries a POST 500 when the policy is unsafe', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return calls < 3 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ id: 'ok' });
      }),
    );
    const { t } = transport({ retry: resolveRetryPolicy({ unsafe: true, jitter: 0 }) });
    const promise = t.request({ method: 'POST', path: 'send', json: {} });
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(promise).resolves.toMatchObject({ body: { id: 'ok' } });
    expect(calls).toBe(3);
  });

  it('per-request unsafe overrides the client policy', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return calls < 2 ? HttpResponse.json({}, { status: 502 }) : HttpResponse.json({ id: 'ok' });
      }),
    );
    const { t } = transport();
    const promise = t.request({ method: 'POST', path: 'send', json: {}, unsafe: true });
    await vi.advanceTimersByTimeAsync(600);
    await expect(promise).resolves.toMatchObject({ body: { id: 'ok' } });
    expect(calls).toBe(2);
  });

  it('retries an idempotent GET after a 500 by default', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    server.use(
      http.get(`${BASE}/templates`, () => {
        calls++;
        return calls === 1 ? HttpResponse.json({}, { status: 500 }) : HttpResponse.json({ data: [] });
      }),
    );
    const { t } = transport();
    const promise = t.request({ method: 'GET', path: 'templates' });
    await vi.advanceTimersByTimeAsync(500);
    await expect(promise).resolves.toMatchObject({ body: { data: [] } });
  });

  it('maxRetries 0 never retries', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/send`, () => {
        calls++;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '0' } });
      }),
    );
    const { t } = transport({ maxRetries: 0 });
    await expect(t.request({ method: 'POST', path: 'send', json: {} })).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(calls).toBe(1);
  });
});

describe('timeouts, aborts and connection failures (real sockets on 127.0.0.1)', () => {
  let srv: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((r) => (srv ? srv.close(() => r()) : r()));
    srv = undefined;
  });

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    srv = createServer(handler);
    await new Promise<void>((r) => srv?.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  }

  it('a slow POST times out per attempt and is not retried by default', async () => {
    let calls = 0;
    const url = await listen((_req, res) => {
      calls++;
      setTimeout(() => res.end('{}'), 10_000).unref();
    });
    // 1 s, not less: on a loaded machine a shorter deadline can pass before the server has even seen the request.
    const { t, events } = transport({ baseUrl: url, timeout: 1_000 });
    let retries = 0;
    events.on('retry', () => retries++);
    const error = await t.request({ method: 'POST', path: 'send', json: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(1_000);
    expect(error.message).toContain('timed out after 1000 ms');
    expect(retries).toBe(0);
    expect(calls).toBeLessThanOrEqual(1);
  });

  it('connection refused proves nothing was sent: retried by default, then ConnectionError(unsent)', async () => {
    const url = await listen(() => {});
    await new Promise<void>((r) => srv?.close(() => r()));
    srv = undefined;
    const { t, events } = transport({
      baseUrl: url,
      retry: resolveRetryPolicy({ baseDelayMs: 1, jitter: 0 }),
    });
    let retries = 0;
    events.on('retry', () => retries++);
    const error = await t.request({ method: 'POST', path: 'send', json: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.unsent).toBe(true);
    expect(error.message).toContain('Nothing was sent');
    expect(retries).toBe(2);
  });

  it('a port fetch blocks (here 1) is refused before any connection: ConnectionError(unsent) that says so', async () => {
    const { t } = transport({ baseUrl: 'http://127.0.0.1:1', maxRetries: 0 });
    const error = await t.request({ method: 'POST', path: 'send', json: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.unsent).toBe(true);
    expect(error.message).toBe(
      'Could not reach meta at 127.0.0.1:1 (fetch refuses this port: the Fetch standard blocks it; use another port). Nothing was sent.',
    );
  });

  it('an AbortSignal cancels the request with AbortError and no retry', async () => {
    let calls = 0;
    const url = await listen((_req, res) => {
      calls++;
      setTimeout(() => res.end('{}'), 2_000).unref();
    });
    const { t } = transport({ baseUrl: url, retry: resolveRetryPolicy({ unsafe: true }) });
    const controller = new AbortController();
    const promise = t.request({ method: 'POST', path: 'send', json: {}, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(calls).toBe(1);
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      calls.push(input instanceof Request ? input.url : String(input));
      return new Response('{"ok":true}', { status: 200 });
    };
    const { t } = transport({ fetch: fake });
    await expect(t.request({ method: 'GET', path: 'x' })).resolves.toMatchObject({ body: { ok: true } });
    expect(calls).toEqual([`${BASE}/x`]);
  });
});

describe('redaction', () => {
  it('scrubs configured secrets a provider echoes back in an error', async () => {
    server.use(
      http.post(`${BASE}/send`, () =>
        HttpResponse.json({ message: `Invalid token ${SECRET}` }, { status: 401 }),
      ),
    );
    const { t } = transport();
    const error = await t.request({ method: 'POST', path: 'send', json: {} }).catch((e) => e);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('[redacted]');
  });
});

// What one attempt does and does not do, for a send's cost: no event object without a listener, no combined abort
// signal without a caller's signal, no timer left behind, the body decoded in one piece or across chunks, and a
// header timeout that carries neither ky's Request (its headers hold the credentials) nor the URL.

const ok = (async () => new Response('{"ok":true}', { status: 200 })) as unknown as typeof fetch;

/** A fetch that answers only when its signal aborts (then rejects with the signal's reason). */
function hanging(seen: AbortSignal[] = []): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal) seen.push(signal);
    return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
  }) as typeof fetch;
}

/** A 200 answer whose body arrives in `chunks`. */
function chunked(chunks: Uint8Array[]): typeof fetch {
  return (async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      }),
      { status: 200 },
    )) as unknown as typeof fetch;
}

describe('events of an attempt', () => {
  it('builds no request or response event when nobody listens, and only the one listened to', async () => {
    const { t, events } = transport({ fetch: ok, maxRetries: 0 });
    const emit = vi.spyOn(events, 'emit');
    await t.request({ method: 'GET', path: 'x' });
    expect(emit).not.toHaveBeenCalled();

    const responses: unknown[] = [];
    events.on('response', (e) => responses.push(e));
    await t.request({ method: 'GET', path: 'x' });
    expect(emit.mock.calls.map(([name]) => name)).toEqual(['response']);
    expect(responses).toHaveLength(1);

    emit.mockClear();
    events.off('response');
    const requests: unknown[] = [];
    events.on('request', (e) => requests.push(e));
    await t.request({ method: 'GET', path: 'x' });
    expect(emit.mock.calls.map(([name]) => name)).toEqual(['request']);
    expect(requests).toEqual([
      expect.objectContaining({ provider: 'meta', method: 'GET', url: `${BASE}/x`, attempt: 1 }),
    ]);

    emit.mockClear();
    events.off('request');
    let calls = 0;
    const flaky = (async () =>
      new Response('{}', { status: calls++ === 0 ? 503 : 200 })) as unknown as typeof fetch;
    const retrying = transport({ fetch: flaky, retry: resolveRetryPolicy({ baseDelayMs: 1, jitter: 0 }) });
    const retryEmit = vi.spyOn(retrying.events, 'emit');
    await retrying.t.request({ method: 'GET', path: 'x' });
    expect(calls).toBe(2);
    expect(retryEmit).not.toHaveBeenCalled();
    retrying.events.on('retry', () => undefined);
    calls = 0;
    await retrying.t.request({ method: 'GET', path: 'x' });
    expect(retryEmit.mock.calls.map(([name]) => name)).toEqual(['retry']);
  });
});

describe('signals and timers of an attempt', () => {
  it('combines no signals without a caller signal; with one, the caller still aborts the wait for headers', async () => {
    const any = vi.spyOn(AbortSignal, 'any');
    await transport({ fetch: ok, maxRetries: 0 }).t.request({ method: 'GET', path: 'x' });
    expect(any).not.toHaveBeenCalled();

    const seen: AbortSignal[] = [];
    const controller = new AbortController();
    const pending = transport({ fetch: hanging(seen), maxRetries: 0 })
      .t.request({ method: 'GET', path: 'x', signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(seen[0]?.aborted).toBe(true);
  });

  it('leaves no timer behind: after an answer, after a failed fetch, after a streamed answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await transport({ fetch: ok, maxRetries: 0 }).t.request({ method: 'GET', path: 'x' });
    expect(vi.getTimerCount()).toBe(0);
    const refused = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    await transport({ fetch: refused, maxRetries: 0 })
      .t.request({ method: 'GET', path: 'x' })
      .catch(() => undefined);
    expect(vi.getTimerCount()).toBe(0);
    const streamed = await transport({ fetch: ok, maxRetries: 0 }).t.request({
      method: 'GET',
      path: 'x',
      stream: true,
    });
    expect(vi.getTimerCount()).toBe(0);
    await streamed.response?.body?.cancel();
  });

  it('a header timeout aborts the fetch; its cause is a plain TimeoutError, without the Request nor the URL', async () => {
    const seen: AbortSignal[] = [];
    const error = await transport({ fetch: hanging(seen), timeout: 50, maxRetries: 0 })
      .t.request({ method: 'POST', path: 'v1/messages?token=capability', json: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(50);
    expect(seen[0]?.aborted).toBe(true);
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(DOMException);
    expect((cause as DOMException).name).toBe('TimeoutError');
    expect((cause as DOMException).message).toBe('No response headers within 50 ms');
    const shown = inspect(error, { depth: 10, showHidden: true });
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain('capability');
  });

  it("fetch's own TimeoutError is kept as the cause", async () => {
    const own = new DOMException('slow network', 'TimeoutError');
    const error = await transport({
      fetch: (async () => Promise.reject(own)) as unknown as typeof fetch,
      maxRetries: 0,
    })
      .t.request({ method: 'GET', path: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toBe(own);
  });
});

describe('the body read', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('decodes a body of one chunk whole, dropping a BOM as text() does', async () => {
    const body = Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes('{"name":"Zoë"}'));
    const { t } = transport({ fetch: chunked([body]) });
    expect((await t.request({ method: 'GET', path: 'x' })).body).toEqual({ name: 'Zoë' });
  });

  it('decodes a body across chunks, a character split between two of them included', async () => {
    const all = Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes('{"name":"Zoë","city":"Kraków"}'));
    const split = all.indexOf(0xc3) + 1; // between the two bytes of "ë"
    const chunks = [all.slice(0, 5), all.slice(5, split), all.slice(split, split + 3), all.slice(split + 3)];
    const { t } = transport({ fetch: chunked(chunks) });
    expect((await t.request({ method: 'GET', path: 'x' })).body).toEqual({ name: 'Zoë', city: 'Kraków' });
  });

  it('reads a stream without chunks as no body', async () => {
    const { t } = transport({ fetch: chunked([]) });
    expect((await t.request({ method: 'GET', path: 'x' })).body).toBeUndefined();
  });
});
