/**
 * The edges of the one scrubber that test/core/scrub.test.ts leaves open: objects without a prototype, values
 * it must not copy (class instances), errors with accessor properties or frozen, credential-named keys holding
 * objects, header names in any case, and the untouched identity of values when there is nothing to scrub.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/core/errors.js';
import { credentialsOf, scrubError, scrubValue } from '../../src/core/scrub.js';

const SECRET = 'sk-live-0123456789abcdef';

describe('scrubValue edges', () => {
  it('returns the very same value when no secret is long enough', () => {
    const body = { a: 'x' };
    expect(scrubValue(body, [])).toBe(body);
    expect(scrubValue(body, ['abc', undefined])).toBe(body);
  });

  it('copies plain and prototype-less objects and arrays, never changing the original', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { t: `x ${SECRET}` });
    const input = { bare, list: [SECRET, 1, null, true, { s: SECRET }] };
    const clean = scrubValue(input, [SECRET]);
    expect(clean).not.toBe(input);
    expect(clean.bare).not.toBe(bare);
    expect(clean.bare.t).toBe('x [redacted]');
    expect(clean.list).toEqual(['[redacted]', 1, null, true, { s: '[redacted]' }]);
    expect(bare.t).toBe(`x ${SECRET}`);
    expect(input.list[0]).toBe(SECRET);
  });

  it('leaves class instances, numbers and undefined as they are', () => {
    const date = new Date(0);
    const map = new Map([['k', SECRET]]);
    const clean = scrubValue({ date, map, n: 5, u: undefined }, [SECRET]);
    expect(clean.date).toBe(date);
    expect(clean.map).toBe(map);
    expect(clean.n).toBe(5);
    expect('u' in clean).toBe(true);
  });

  it('redacts credential-named keys in any case when they hold text, and walks them when they hold objects', () => {
    const clean = scrubValue(
      { Authorization: 'Bearer short', 'X-API-KEY': 'k', apikey: { nested: SECRET, other: 'fine' } },
      [SECRET],
    ) as Record<string, unknown>;
    expect(clean.Authorization).toBe('[redacted]');
    expect(clean['X-API-KEY']).toBe('[redacted]');
    expect(clean.apikey).toEqual({ nested: '[redacted]', other: 'fine' });
  });

  it('keeps harmless headers and copies Headers instead of changing them', () => {
    const headers = new Headers({
      'content-type': 'application/json',
      'x-echo': `a ${SECRET}`,
      'API-Key': 'k',
    });
    const clean = scrubValue(headers, [SECRET]);
    expect(clean).not.toBe(headers);
    expect(clean.get('content-type')).toBe('application/json');
    expect(clean.get('x-echo')).toBe('a [redacted]');
    expect(clean.get('api-key')).toBe('[redacted]');
    expect(headers.get('x-echo')).toBe(`a ${SECRET}`);
  });
});

describe('scrubError edges', () => {
  it('returns the same error, untouched, when no secret is long enough', () => {
    const error = new ApiError(`x ${SECRET}`, { provider: 'meta' });
    expect(scrubError(error, ['short'])).toBe(error);
    expect(error.message).toBe(`x ${SECRET}`);
  });

  it('rewrites accessor properties through their setter, and keeps data properties non-enumerable', () => {
    const error = new Error(`boom ${SECRET}`);
    let stored = `stored ${SECRET}`;
    Object.defineProperty(error, 'detail', {
      get: () => stored,
      set: (v: string) => {
        stored = v;
      },
      enumerable: true,
      configurable: true,
    });
    expect(scrubError(error, [SECRET])).toBe(error);
    expect(stored).toBe('stored [redacted]');
    expect(error.message).toBe('boom [redacted]');
    expect(Object.getOwnPropertyDescriptor(error, 'message')?.enumerable).toBe(false);
    expect(Object.keys(error)).toEqual(['detail']);
  });

  it('does not throw on a frozen error, and leaves numbers and clean fields alone', () => {
    const frozen = Object.freeze(Object.assign(new Error(`f ${SECRET}`), { code: 7 }));
    expect(() => scrubError(frozen, [SECRET])).not.toThrow();
    const error = Object.assign(new Error('clean'), { status: 401, body: { ok: 'yes' } });
    scrubError(error, [SECRET]);
    expect(error.status).toBe(401);
    expect(error.message).toBe('clean');
    expect(error.body).toEqual({ ok: 'yes' });
  });

  it('leaves a NaN field (not equal to itself) as it is, without calling its setter', () => {
    let writes = 0;
    const error = new Error(`n ${SECRET}`);
    Object.defineProperty(error, 'ratio', {
      get: () => Number.NaN,
      set: () => {
        writes += 1;
      },
      enumerable: true,
      configurable: true,
    });
    scrubError(error, [SECRET]);
    expect(writes).toBe(0);
    expect(error.message).toBe('n [redacted]');
  });

  it('rewrites a read-only (but configurable) field through its descriptor, keeping it read-only', () => {
    const error = new Error('e');
    Object.defineProperty(error, 'detail', {
      value: `x ${SECRET}`,
      writable: false,
      enumerable: true,
      configurable: true,
    });
    scrubError(error, [SECRET]);
    expect((error as Error & { detail: string }).detail).toBe('x [redacted]');
    expect(Object.getOwnPropertyDescriptor(error, 'detail')?.writable).toBe(false);
  });

  it('replaces an object field with its scrubbed copy', () => {
    const error = Object.assign(new Error('e'), { body: { token: SECRET } });
    const body = error.body;
    scrubError(error, [SECRET]);
    expect(error.body).not.toBe(body);
    expect(error.body).toEqual({ token: '[redacted]' });
  });
});

describe('credentialsOf edges', () => {
  it('reads the scheme in any case with surrounding spaces, and survives a Basic value that is not base64', () => {
    expect(credentialsOf('  bearer tok.en  ')).toEqual(['  bearer tok.en  ', 'tok.en']);
    expect(credentialsOf('BASIC !!!')).toEqual(['BASIC !!!', '!!!']);
    expect(credentialsOf('Bearer a b')).toEqual(['Bearer a b']);
    expect(credentialsOf('Token abc')).toEqual(['Token abc']);
    expect(credentialsOf('xBearer abc')).toEqual(['xBearer abc']);
  });

  it('reads a token after several spaces, and decodes only Basic (a base64-looking bearer token stays as is)', () => {
    expect(credentialsOf('Bearer   tok.en')).toEqual(['Bearer   tok.en', 'tok.en']);
    // `abcd1234` is valid base64: decoding it for a Bearer would add a garbage "credential".
    expect(credentialsOf('Bearer abcd1234')).toEqual(['Bearer abcd1234', 'abcd1234']);
    expect(credentialsOf(`Basic ${btoa('key:secret')}`)).toEqual([
      `Basic ${btoa('key:secret')}`,
      btoa('key:secret'),
      'key:secret',
    ]);
  });
});

describe('scrub cycles of every container kind', () => {
  it('ends on arrays, errors and Headers that contain themselves, keeping shared copies shared', () => {
    const list: unknown[] = [SECRET];
    list.push(list);
    const cleanList = scrubValue(list, [SECRET]) as unknown[];
    expect(cleanList[0]).toBe('[redacted]');
    expect(cleanList[1]).toBe(cleanList);
    const error = new Error(`loop ${SECRET}`) as Error & { cause?: unknown };
    error.cause = error;
    scrubError(error, [SECRET]);
    expect(error.message).toBe('loop [redacted]');
    expect(error.cause).toBe(error);
    const headers = new Headers({ 'x-echo': SECRET });
    const clean = scrubValue({ a: headers, b: headers }, [SECRET]);
    expect(clean.a).toBe(clean.b);
  });
});
