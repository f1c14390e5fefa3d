/**
 * The transport reads the credentials inside an auth header (src/core/http.ts `#remember`) once per value in a
 * row, not on every send: a token reused for every send until it is refreshed is read once, and is scrubbed all
 * the same. Counted through the scrubber's `credentialsOf`, the one reader.
 */
import { describe, expect, it, vi } from 'vitest';
import { HttpTransport } from '../../src/core/http.js';
import { resolveRetryPolicy } from '../../src/core/retry.js';
import * as scrub from '../../src/core/scrub.js';

vi.mock('../../src/core/scrub.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/scrub.js')>();
  return { ...original, credentialsOf: vi.fn(original.credentialsOf) };
});

describe('credentials read once per header value in a row', () => {
  it('a token sent again and again is read once, a new one at once, an earlier one again', async () => {
    const tokens = [
      'token-one-0123456789',
      'token-one-0123456789',
      'token-one-0123456789',
      'token-two-0123456789',
    ];
    tokens.push('token-one-0123456789');
    let n = 0;
    let current = '';
    const t = new HttpTransport({
      provider: 'meta',
      baseUrl: 'https://api.example.test',
      timeout: 5_000,
      maxRetries: 0,
      retry: resolveRetryPolicy({ jitter: 0 }),
      fetch: (async () => new Response(`echo ${current}`, { status: 400 })) as unknown as typeof fetch,
      auth: () => {
        current = tokens[n++] ?? '';
        return { authorization: `Bearer ${current}` };
      },
    });
    const read = vi.mocked(scrub.credentialsOf);
    read.mockClear();
    const messages: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      messages.push(
        await t.request({ method: 'GET', path: 'x' }).then(
          () => 'answered',
          (e: Error) => e.message,
        ),
      );
    }
    expect(read.mock.calls.map(([value]) => value)).toEqual([
      'Bearer token-one-0123456789',
      'Bearer token-two-0123456789',
      'Bearer token-one-0123456789',
    ]);
    for (const message of messages) expect(message).toBe('meta answered HTTP 400: echo [redacted]');
  });
});
