import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError } from '../../src/core/errors.js';
import { credentialsOf, scrubError, scrubValue } from '../../src/core/scrub.js';

const SECRET = 'sk-live-0123456789abcdef';

describe('scrubError: the one scrubber', () => {
  it('covers message, stack, title, detail, body, invalidParameters, requestId and the cause chain', () => {
    const root = new Error(`socket hang up, Authorization: Bearer ${SECRET}`);
    const middle = new TypeError(`fetch failed ${SECRET}`, { cause: root });
    const error = new ApiError(`HTTP 401: ${SECRET}`, {
      provider: 'meta',
      title: SECRET,
      detail: `bad token ${SECRET}`,
      invalidParameters: [{ name: SECRET, reason: SECRET }],
      requestId: SECRET,
      body: { error: { message: SECRET }, list: [SECRET, { deeper: SECRET }] },
      cause: middle,
    });
    scrubError(error, [SECRET]);
    for (const view of [
      JSON.stringify(error),
      inspect(error, { depth: null }),
      String(error.stack),
      String(error),
      String(middle.stack),
      String(root.stack),
    ]) {
      expect(view).not.toContain(SECRET);
    }
    expect(error.detail).toBe('bad token [redacted]');
    expect(error.message).toBe('HTTP 401: [redacted]');
    expect(error.name).toBe('ApiError');
  });

  it('has no depth cut-off: a secret 100 000 levels down is replaced, without a stack overflow', () => {
    let body: unknown = SECRET;
    for (let i = 0; i < 100_000; i++) body = i % 2 ? { n: body } : [body];
    const error = new ApiError('refused', { body });
    scrubError(error, [SECRET]);
    let node: unknown = error.body;
    while (typeof node === 'object' && node !== null)
      node = Array.isArray(node) ? node[0] : (node as { n: unknown }).n;
    expect(node).toBe('[redacted]');
  });

  it('is cycle-safe and keeps shared references shared', () => {
    const shared = { token: SECRET };
    const body: Record<string, unknown> = { a: shared, b: shared };
    body.self = body;
    const clean = scrubValue(body, [SECRET]) as Record<string, Record<string, unknown>>;
    expect(clean.a).toBe(clean.b);
    expect(clean.self).toBe(clean);
    expect(clean.a?.token).toBe('[redacted]');
    expect(body.a).toBe(shared);
    expect(shared.token).toBe(SECRET);
  });

  it('replaces every spelling: as is, with literal \\n, URL-encoded, JSON-escaped', () => {
    const pem = '-----BEGIN KEY-----\nMIIabc/+def==\n-----END KEY-----';
    const text = [pem, pem.replace(/\n/g, '\\n'), encodeURIComponent(pem), JSON.stringify(pem)].join(' ');
    expect(scrubValue(text, [pem])).not.toMatch(/MIIabc/);
  });

  it('scrubs Headers, credential-named keys, object keys and AggregateError members', () => {
    const headers = new Headers({ 'x-echo': SECRET, authorization: 'Bearer x' });
    const clean = scrubValue({ headers, apikey: 'abcdef', [SECRET]: 1 }, [SECRET]) as {
      headers: Headers;
      apikey: string;
    };
    expect(clean.headers.get('x-echo')).toBe('[redacted]');
    expect(clean.headers.get('authorization')).toBe('[redacted]');
    expect(clean.apikey).toBe('[redacted]');
    expect(Object.keys(clean)).toEqual(['headers', 'apikey', '[redacted]']);
    const inner = new Error(SECRET);
    const error = new ConnectionError('unreachable', { cause: new AggregateError([inner], SECRET) });
    scrubError(error, [SECRET]);
    expect(inspect(error, { depth: null })).not.toContain(SECRET);
  });

  it('derives the credentials inside auth header values', () => {
    const basic = btoa('key1:secret1');
    expect(credentialsOf(`Basic ${basic}`)).toEqual([`Basic ${basic}`, basic, 'key1:secret1']);
    expect(credentialsOf('Bearer eyJ.a.b')).toEqual(['Bearer eyJ.a.b', 'eyJ.a.b']);
    expect(credentialsOf('plain-api-key')).toEqual(['plain-api-key']);
  });

  it('leaves text alone when no secret is long enough to matter', () => {
    const error = new ApiError('abc', { body: { a: 'abc' } });
    scrubError(error, ['abc', undefined, '']);
    expect(error.message).toBe('abc');
    expect(error.body).toEqual({ a: 'abc' });
  });
});
