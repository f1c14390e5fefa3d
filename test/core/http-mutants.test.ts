/**
 * Edges of the HTTP layer (src/core/http.ts) that mutation testing found unguarded: the default error mapping,
 * URL joining, body parsing, how a failed fetch is classified and worded, error-code walking limits, a missing
 * fetch, a failure outside the request, a pre-aborted signal and dropped query parameters (docs/testing.md).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, isWhatsAppError, WhatsAppError } from '../../src/core/errors.js';
import { TypedEmitter, type WhatsAppEventMap } from '../../src/core/events.js';
import {
  defaultResponseError,
  errorCodes,
  HttpTransport,
  type HttpTransportOptions,
} from '../../src/core/http.js';
import { resolveRetryPolicy } from '../../src/core/retry.js';

const BASE = 'https://api.example.test';

function transport(overrides: Partial<HttpTransportOptions> = {}) {
  return new HttpTransport({
    provider: 'meta',
    baseUrl: BASE,
    timeout: 5_000,
    maxRetries: 0,
    retry: resolveRetryPolicy({ baseDelayMs: 1, jitter: 0 }),
    ...overrides,
  });
}

/** A fetch answering `status` with `text` (as is, no content type), recording the requests it got. */
function answering(status: number, text: string) {
  const seen: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(input instanceof Request ? input : new Request(input, init));
    return new Response(text, { status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, seen };
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

const ctx = (status: number, body: unknown) => ({
  status,
  headers: new Headers(),
  body,
  requestId: undefined,
  retryAfterMs: undefined,
});

describe('defaultResponseError', () => {
  it('accepts exactly 2xx', () => {
    expect(defaultResponseError('meta', ctx(200, {}))).toBeUndefined();
    expect(defaultResponseError('meta', ctx(299, {}))).toBeUndefined();
    expect(defaultResponseError('meta', ctx(300, {}))?.message).toBe('meta answered HTTP 300');
    expect(defaultResponseError('meta', ctx(199, {}))?.message).toBe('meta answered HTTP 199');
  });

  it('takes the detail from a text body (first 300 characters), else `detail`, else `message`', () => {
    const long = `${'x'.repeat(300)}TAIL`;
    const text = defaultResponseError('meta', ctx(400, long));
    expect(text?.message).toBe(`meta answered HTTP 400: ${'x'.repeat(300)}`);
    expect(defaultResponseError('meta', ctx(400, { detail: 'from detail', message: 'm' }))?.message).toBe(
      'meta answered HTTP 400: from detail',
    );
    expect(defaultResponseError('meta', ctx(400, { message: 'from message' }))?.message).toBe(
      'meta answered HTTP 400: from message',
    );
    expect(defaultResponseError('meta', ctx(400, { detail: 5, message: 7 }))?.message).toBe(
      'meta answered HTTP 400',
    );
    expect(defaultResponseError('meta', ctx(500, undefined))?.message).toBe('meta answered HTTP 500');
  });
});

describe('url()', () => {
  it('keeps absolute URLs in any case, and joins one slash between base and path', () => {
    const t = transport({ baseUrl: 'https://api.example.test//' });
    expect(t.url('HTTPS://other.example/x')).toBe('HTTPS://other.example/x');
    expect(t.url('//v1/messages')).toBe('https://api.example.test/v1/messages');
    expect(t.url('v1//messages/https://x')).toBe('https://api.example.test/v1//messages/https://x');
  });
});

describe('response bodies', () => {
  it.each([
    ['', undefined],
    ['  {"a":1}', { a: 1 }],
    ['[1,2]', [1, 2]],
    ['{not json', '{not json'],
    ['plain text', 'plain text'],
  ])('%j is read as %j', async (text, body) => {
    const { fetch } = answering(200, text);
    expect((await transport({ fetch }).request({ method: 'GET', path: 'x' })).body).toEqual(body);
  });
});

describe('a fetch that rejects', () => {
  const failing = (error: unknown) => (async () => Promise.reject(error)) as unknown as typeof fetch;

  it('with a TimeoutError of its own is a TimeoutError', async () => {
    const error = await rejection(
      transport({ fetch: failing(new DOMException('slow', 'TimeoutError')) }).request({
        method: 'GET',
        path: 'x',
      }),
    );
    expect(error.name).toBe('TimeoutError');
  });

  it('with an AbortError while no signal fired is an AbortError', async () => {
    const error = await rejection(
      transport({ fetch: failing(new DOMException('gone', 'AbortError')) }).request({
        method: 'GET',
        path: 'x',
      }),
    );
    expect(error.name).toBe('AbortError');
  });

  it('names the error codes it found, else the message', async () => {
    const coded = await rejection(
      transport({
        fetch: failing(
          new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
        ),
      }).request({ method: 'GET', path: 'x' }),
    );
    expect(coded.message).toBe(
      'Could not reach meta at api.example.test (ECONNRESET). The request may or may not have been received.',
    );
    const plain = await rejection(
      transport({ fetch: failing(new Error('weird failure')) }).request({ method: 'GET', path: 'x' }),
    );
    expect(plain.message).toContain('(weird failure)');
    const notError = await rejection(
      transport({ fetch: failing('just text') }).request({ method: 'GET', path: 'x' }),
    );
    expect(notError.message).toContain('(just text)');
  });
});

describe('errorCodes limits', () => {
  it('walks at most five causes deep', () => {
    let e: unknown;
    for (let i = 7; i >= 0; i--)
      e = Object.assign(new Error(`e${i}`), { code: `C${i}` }, e ? { cause: e } : {});
    expect(errorCodes(e)).toEqual(['C0', 'C1', 'C2', 'C3', 'C4', 'C5']);
    const inner = Object.assign(new Error('i'), { code: 'INNER' });
    let wrapped: unknown = new AggregateError([inner]);
    for (let i = 0; i < 5; i++) wrapped = new Error('w', { cause: wrapped });
    expect(errorCodes(wrapped)).toEqual([]);
  });

  it('ignores null causes and non-objects (a function with a code is not an error)', () => {
    expect(errorCodes({ cause: null, errors: [null, 5] })).toEqual([]);
    expect(errorCodes(Object.assign(() => undefined, { code: 'ECONNREFUSED' }))).toEqual([]);
  });
});

describe('the transport itself', () => {
  it('refuses to start without a fetch', () => {
    const error = (() => {
      try {
        transport({ fetch: 42 as unknown as typeof fetch });
      } catch (e) {
        return e as Error & { code: string; provider: string };
      }
      throw new Error('expected a throw');
    })();
    expect(isWhatsAppError(error)).toBe(true);
    expect(error.code).toBe('config_invalid');
    expect(error.provider).toBe('meta');
    expect(error.message).toContain('No fetch implementation is available');
  });

  it('wraps a failure outside the request (credentials that throw) in a WhatsAppError', async () => {
    const { fetch } = answering(200, '{}');
    const error = await rejection(
      transport({
        fetch,
        auth: () => {
          throw new Error('vault down');
        },
      }).request({ method: 'GET', path: 'x' }),
    );
    expect(isWhatsAppError(error)).toBe(true);
    expect(error.message).toBe('Unexpected failure talking to meta: vault down');
    expect(error.provider).toBe('meta');
  });

  it('a signal aborted before the request sends nothing and rejects with AbortError for the provider', async () => {
    const { fetch } = answering(200, '{}');
    const error = await rejection(
      transport({ fetch }).request({ method: 'POST', path: 'x', signal: AbortSignal.abort() }),
    );
    expect(error.name).toBe('AbortError');
    expect(error.provider).toBe('meta');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('drops undefined query parameters and sends the others as text', async () => {
    const { fetch, seen } = answering(200, '{}');
    await transport({ fetch }).request({
      method: 'GET',
      path: 'x',
      searchParams: { a: 1, b: undefined, c: 'z' },
    });
    expect(new URL(seen[0]?.url ?? '').search).toBe('?a=1&c=z');
  });
});

describe('log lines, and a logger or events left out', () => {
  it('warns each retry and logs each response in exact words; a logger without methods and no events are fine', async () => {
    let n = 0;
    const fetch = (async () =>
      ++n === 1
        ? new Response('{}', { status: 429, headers: { 'retry-after': '0' } })
        : new Response('123', { status: 200 })) as unknown as typeof globalThis.fetch;
    const lines: string[] = [];
    const logger = {
      warn: (l: string) => lines.push(`warn ${l}`),
      debug: (l: string) => lines.push(`debug ${l}`),
    };
    const response = await transport({ fetch, maxRetries: 1, logger: logger as never }).request({
      method: 'GET',
      path: 'x',
    });
    // A body that is a bare number stays text: only `{` and `[` bodies are parsed.
    expect(response.body).toBe('123');
    expect(lines[0]).toMatch(/^debug waba-kit: GET https:\/\/api\.example\.test\/x -> 429 in \d+ ms$/);
    expect(lines[1]).toBe(
      'warn waba-kit: GET https://api.example.test/x failed (rate_limited); retry 1 in 0 ms',
    );
    expect(lines[2]).toMatch(/^debug waba-kit: GET https:\/\/api\.example\.test\/x -> 200 in \d+ ms$/);
    n = 0;
    await expect(
      transport({ fetch, maxRetries: 1, logger: {} as never, events: undefined }).request({
        method: 'GET',
        path: 'x',
      }),
    ).resolves.toMatchObject({ status: 200 });
  });
});

describe('a body that fails while it is read', () => {
  it('is an empty body when neither the deadline nor the caller ended it', async () => {
    const fetch = (async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.error(new Error('socket closed'));
          },
        }),
        { status: 200 },
      )) as unknown as typeof globalThis.fetch;
    const response = await transport({ fetch }).request({ method: 'GET', path: 'x' });
    expect(response.body).toBeUndefined();
  });
});

describe('more rejected fetches', () => {
  const failing = (error: unknown) => (async () => Promise.reject(error)) as unknown as typeof fetch;

  it('lists every code found, and survives a rejection with no value at all', async () => {
    const both = new TypeError('fetch failed', {
      cause: new AggregateError([
        Object.assign(new Error('a'), { code: 'ECONNRESET' }),
        Object.assign(new Error('b'), { code: 'EPIPE' }),
      ]),
    });
    const error = await rejection(transport({ fetch: failing(both) }).request({ method: 'GET', path: 'x' }));
    expect(error.message).toContain('(ECONNRESET, EPIPE)');
    const empty = await rejection(
      transport({ fetch: failing(undefined) }).request({ method: 'GET', path: 'x' }),
    );
    expect(empty.name).toBe('ConnectionError');
    expect(empty.message).toContain('(undefined)');
  });
});

describe('credentials the transport sent are scrubbed from its errors, the 16 most recent', () => {
  const key = (n: number) => `secret-key-${String(n).padStart(2, '0')}`;
  const all = Array.from({ length: 18 }, (_, n) => key(n));
  /** A transport whose n-th request sends `apikey: keys[n]` and whose server echoes every key in a 400. */
  function echoing(keys: string[], extra: Record<string, string> = {}) {
    let n = 0;
    const fetch = (async () =>
      new Response(all.join(' '), { status: 400 })) as unknown as typeof globalThis.fetch;
    const t = transport({ fetch, auth: () => ({ apikey: keys[n++] ?? '', ...extra }) });
    return async () => (await rejection(t.request({ method: 'GET', path: 'x' }))).message;
  }
  const shown = (message: string) => all.filter((k) => message.includes(k));

  it('forgets the oldest once more than 16 were sent', async () => {
    const send = echoing(all.slice(0, 17));
    let message = '';
    for (let i = 0; i < 17; i++) message = await send();
    expect(message.startsWith('meta answered HTTP 400: ')).toBe(true);
    // Keys 01..16 (the 16 most recent) are redacted; 00 was forgotten; 17 was never sent.
    expect(shown(message)).toEqual([key(0), key(17)]);
  });

  it('a credential sent again counts as the newest, so an older one is forgotten first', async () => {
    const send = echoing([...all.slice(0, 16), key(0), key(16)]);
    let message = '';
    for (let i = 0; i < 18; i++) message = await send();
    expect(shown(message)).toEqual([key(1), key(17)]);
  });

  it('only credential headers are remembered, never the other headers auth adds', async () => {
    const send = echoing([key(0)], { 'x-client-tag': key(5) });
    const message = await send();
    expect(message).not.toContain(key(0));
    expect(message).toContain(key(5));
  });
});

describe('response events and log lines', () => {
  it('report the time from the request to its response (a frozen clock reads 0 ms)', async () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    try {
      const events = new TypedEmitter<WhatsAppEventMap>({ provider: 'meta' });
      const durations: number[] = [];
      events.on('response', (e) => durations.push(e.durationMs));
      const lines: string[] = [];
      const { fetch } = answering(200, '{}');
      await transport({ fetch, events, logger: { debug: (l: string) => lines.push(l) } as never }).request({
        method: 'GET',
        path: 'x',
      });
      expect(durations).toEqual([0]);
      expect(lines).toEqual(['waba-kit: GET https://api.example.test/x -> 200 in 0 ms']);
    } finally {
      now.mockRestore();
    }
  });
});

describe('streamed responses (media downloads)', () => {
  function streamed(status: number, text: string, onCancel?: () => void) {
    return (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
          cancel: () => onCancel?.(),
        }),
        { status },
      )) as unknown as typeof globalThis.fetch;
  }
  function observed(fetch: typeof globalThis.fetch, overrides: Partial<HttpTransportOptions> = {}) {
    const events = new TypedEmitter<WhatsAppEventMap>({ provider: 'meta' });
    const statuses: number[] = [];
    events.on('response', (e) => statuses.push(e.status));
    return { t: transport({ fetch, events, ...overrides }), statuses };
  }

  it('a 2xx returns the unread response, emitting one response event (no error mapping configured)', async () => {
    const { t, statuses } = observed(streamed(200, 'media bytes'));
    const result = await t.request({ method: 'GET', path: 'media', stream: true });
    expect(result.status).toBe(200);
    expect(result.body).toBeUndefined();
    expect(await result.response?.text()).toBe('media bytes');
    expect(statuses).toEqual([200]);
  });

  it.each([400, 404, 500])(
    'a %i is read and mapped like any response, with one response event',
    async (code) => {
      const { t, statuses } = observed(streamed(code, 'no such media'));
      const error = await rejection(t.request({ method: 'GET', path: 'media', stream: true }));
      expect(error).toBeInstanceOf(ApiError);
      expect(error.message).toBe(`meta answered HTTP ${code}: no such media`);
      expect(statuses).toEqual([code]);
    },
  );

  it('a 2xx the provider mapping refuses throws that error and cancels the body', async () => {
    let cancelled = 0;
    const refused = new WhatsAppError('provider error inside a 2xx', { provider: 'meta' });
    const { t } = observed(
      streamed(200, 'x', () => {
        cancelled++;
      }),
      { responseError: (ctx) => (ctx.status === 200 ? refused : undefined) },
    );
    const error = await rejection(t.request({ method: 'GET', path: 'media', stream: true }));
    expect(error).toBe(refused);
    expect(cancelled).toBe(1);
  });
});

describe('a port fetch refuses (the Fetch standard blocks 6000 and others)', () => {
  // https://fetch.spec.whatwg.org/#port-blocking: undici rejects with `fetch failed`, cause `bad port`, no code.
  it('is reported as bad_port, nothing sent, with the fix in the message (real fetch, nothing listens)', async () => {
    const blocked = new TypeError('fetch failed', { cause: new Error('bad port') });
    expect(errorCodes(blocked)).toEqual(['bad_port']);
    const error = await rejection(
      transport({ baseUrl: 'http://127.0.0.1:6000', fetch: globalThis.fetch }).request({
        method: 'POST',
        path: 'x',
      }),
    );
    expect(error.name).toBe('ConnectionError');
    expect(error.unsent).toBe(true);
    expect(error.message).toBe(
      'Could not reach meta at 127.0.0.1:6000 (fetch refuses this port: the Fetch standard blocks it; use another port). Nothing was sent.',
    );
  });
});

describe('redirects', () => {
  it("a request asking for redirect: 'manual' (the media download's hop-by-hop walk) is sent so; others follow", async () => {
    const { fetch, seen } = answering(200, '{}');
    const t = transport({ fetch });
    await t.request({ method: 'GET', path: 'hop', stream: true, redirect: 'manual' });
    await t.request({ method: 'GET', path: 'api' });
    expect(seen.map((r) => r.redirect)).toEqual(['manual', 'follow']);
  });
});

describe('against a real server on 127.0.0.1', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/late-body') {
        // Headers at once, the body only after the attempt's deadline has passed.
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).flushHeaders();
        setTimeout(() => res.end('late bytes'), 1_500);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a streamed body is the caller's to read after the headers: the attempt's deadline no longer applies", async () => {
    const t = transport({ baseUrl: base, fetch: globalThis.fetch, timeout: 1_000 });
    const result = await t.request({ method: 'GET', path: 'late-body', stream: true });
    expect(await result.response?.text()).toBe('late bytes');
  });
});
