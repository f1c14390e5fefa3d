import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src/index.js';
import {
  GUPSHUP_ERROR_CODES,
  gupshupErrorFromCode,
  gupshupResponseError,
} from '../../../src/providers/gupshup/index.js';

const ctx = (status: number, body: unknown, retryAfterMs?: number) => ({
  status,
  headers: new Headers(),
  body,
  requestId: undefined,
  retryAfterMs,
});

const CLASS_BY_CATEGORY: Record<string, string> = {
  window: 'WindowClosedError',
  template: 'TemplateError',
};

describe('GUPSHUP_ERROR_CODES', () => {
  it('holds 1001-1012, 4001-4005, 500 and 470', () => {
    const codes = Object.keys(GUPSHUP_ERROR_CODES).map(Number);
    for (let c = 1001; c <= 1012; c++) expect(codes).toContain(c);
    for (let c = 4001; c <= 4005; c++) expect(codes).toContain(c);
    expect(codes).toContain(470);
    expect(codes).toContain(500);
    expect(codes).toHaveLength(19);
  });

  describe.each(Object.entries(GUPSHUP_ERROR_CODES))('code %s', (code, entry) => {
    it(`maps to its class with the name and reason (${entry.name})`, () => {
      const error = gupshupErrorFromCode(Number(code), { reason: 'reason from the event' }) as ApiError;
      const expected = code === '4001' ? 'RateLimitError' : (CLASS_BY_CATEGORY[entry.category] ?? 'ApiError');
      expect(error.name).toBe(expected);
      expect(error.provider).toBe('gupshup');
      expect(error.providerCode).toBe(code);
      expect(error.message).toContain(entry.name);
      expect(error.message).toContain('reason from the event');
      if (expected === 'ApiError') expect(error.retryable).toBe(entry.retryable);
    });
  });

  it('is documented row by row in docs/providers/gupshup.md', () => {
    const doc = readFileSync(new URL('../../../docs/providers/gupshup.md', import.meta.url), 'utf8');
    for (const [code, entry] of Object.entries(GUPSHUP_ERROR_CODES)) {
      expect(doc).toContain(
        `| ${code} | ${entry.name} | ${entry.category} | ${entry.retryable ? 'yes' : 'no'} |`,
      );
    }
  });

  it('maps 470 and Meta 131047 to WindowClosedError, and unknown codes to ApiError', () => {
    expect(gupshupErrorFromCode('470').name).toBe('WindowClosedError');
    expect(gupshupErrorFromCode(131047, { reason: 'Re-engagement message' }).name).toBe('WindowClosedError');
    const unknown = gupshupErrorFromCode('9999', { reason: 'odd' }) as ApiError;
    expect(unknown.name).toBe('ApiError');
    expect(unknown.providerCode).toBe('9999');
    expect(unknown.message).toContain('odd');
  });
});

describe('gupshupResponseError', () => {
  it('accepts 2xx without status error', () => {
    expect(gupshupResponseError(ctx(202, { status: 'submitted', messageId: 'x' }))).toBeUndefined();
    expect(gupshupResponseError(ctx(200, { status: 'success', templates: [] }))).toBeUndefined();
    expect(gupshupResponseError(ctx(200, undefined))).toBeUndefined();
  });

  it.each([
    [400, { status: 'error', message: 'Invalid Destination' }, 'BadRequestError'],
    [400, { status: 'error', message: 'Invalid App Details' }, 'BadRequestError'],
    [401, { status: 'error', message: 'Authentication Failed' }, 'AuthenticationError'],
    [429, { status: 'error', message: 'Too Many Requests' }, 'RateLimitError'],
    [
      500,
      { status: 'error', message: 'Internal server error. Please try again later' },
      'InternalServerError',
    ],
    [200, { status: 'error', message: 'Authentication Failed' }, 'AuthenticationError'],
    [200, { status: 'error', message: 'Too Many Requests' }, 'RateLimitError'],
    [200, { status: 'error', message: 'Invalid Destination' }, 'BadRequestError'],
    [202, { status: 'ERROR', message: 'Template Not Found' }, 'BadRequestError'],
    [403, { status: 'error', message: 'Forbidden' }, 'PermissionDeniedError'],
    [404, { status: 'error', message: 'Not Found' }, 'NotFoundError'],
  ])('HTTP %i %j -> %s', (status, body, name) => {
    const error = gupshupResponseError(ctx(status, body)) as ApiError;
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(error.detail).toBe(body.message);
    expect(error.message).toContain(body.message);
    expect(error.body).toEqual(body);
  });

  it('reads a text body and an object message, and carries Retry-After on 429', () => {
    expect((gupshupResponseError(ctx(502, 'Bad gateway')) as ApiError).detail).toBe('Bad gateway');
    expect(
      (gupshupResponseError(ctx(400, { status: 'error', message: { reason: 'x' } })) as ApiError).detail,
    ).toBe('{"reason":"x"}');
    const rate = gupshupResponseError(
      ctx(429, { status: 'error', message: 'Too Many Requests' }, 1500),
    ) as ApiError & {
      retryAfterMs?: number;
    };
    expect(rate.retryAfterMs).toBe(1500);
    expect(rate.retryable).toBe(true);
  });
});
