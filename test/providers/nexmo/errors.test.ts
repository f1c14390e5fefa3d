import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src/index.js';
import {
  NEXMO_ERROR_CODES,
  nexmoErrorFromCode,
  nexmoResponseError,
  parseNexmoProblem,
} from '../../../src/providers/nexmo/index.js';

const ctx = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  body,
  requestId: headers['x-nexmo-trace-id'],
  retryAfterMs: undefined,
});

/** The class each catalogue category must produce when reported without an HTTP status (status webhooks). */
const EXPECTED_CLASS: Record<number, string> = {
  1000: 'RateLimitError',
  1241: 'RateLimitError',
  1340: 'WindowClosedError',
  1022: 'TemplateError',
};

describe('NEXMO_ERROR_CODES', () => {
  it('covers the Messages API codes 1000-1450 of the spec', () => {
    const codes = Object.keys(NEXMO_ERROR_CODES).map(Number);
    expect(codes).toEqual(
      expect.arrayContaining([1000, 1010, 1020, 1022, 1300, 1331, 1340, 1380, 1381, 1382, 1450]),
    );
    expect(Math.min(...codes)).toBe(1000);
    expect(Math.max(...codes)).toBe(1450);
    expect(codes).toHaveLength(50);
  });

  describe.each(Object.entries(NEXMO_ERROR_CODES))('code %s', (code, entry) => {
    it(`maps to its class with title, providerCode and retryable (${entry.title})`, () => {
      const error = nexmoErrorFromCode(code) as ApiError;
      expect(error.name).toBe(EXPECTED_CLASS[Number(code)] ?? 'ApiError');
      expect(error.provider).toBe('nexmo');
      expect(error.providerCode).toBe(code);
      expect(error.message).toContain(code);
      expect(error.message).toContain(entry.title);
      if (error.name === 'ApiError') expect(error.retryable).toBe(entry.retryable);
      if (entry.category === 'throttled') expect(error.retryable).toBe(true);
    });
  });

  it('is documented row by row in docs/providers/nexmo.md', () => {
    const doc = readFileSync(new URL('../../../docs/providers/nexmo.md', import.meta.url), 'utf8');
    for (const [code, entry] of Object.entries(NEXMO_ERROR_CODES)) {
      expect(doc).toContain(
        `| ${code} | ${entry.title} | ${entry.category} | ${entry.retryable ? 'yes' : 'no'} |`,
      );
    }
  });

  it('accepts string codes (v1 status webhooks carry the code as error.title)', () => {
    expect(nexmoErrorFromCode('1340').name).toBe('WindowClosedError');
    expect(nexmoErrorFromCode(undefined, { detail: 'x' }).name).toBe('ApiError');
  });
});

describe('parseNexmoProblem', () => {
  it('reads RFC 7807 fields, the anchor code and an invalid_parameters array', () => {
    expect(
      parseNexmoProblem({
        type: 'https://developer.nexmo.com/api-errors/messages-olympus#1150',
        title: 'Invalid params',
        detail: 'The value of one or more parameters is invalid.',
        instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf',
        invalid_parameters: [{ name: 'image.url', reason: 'is required.' }],
      }),
    ).toEqual({
      type: 'https://developer.nexmo.com/api-errors/messages-olympus#1150',
      title: 'Invalid params',
      detail: 'The value of one or more parameters is invalid.',
      instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf',
      invalidParameters: [{ name: 'image.url', reason: 'is required.' }],
      code: 1150,
    });
  });

  it('tolerates a single invalid_parameters object, a `details` typo, numeric titles and junk', () => {
    expect(
      parseNexmoProblem({ invalid_parameters: { name: 'to', reason: 'bad' } }).invalidParameters,
    ).toEqual([{ name: 'to', reason: 'bad' }]);
    expect(parseNexmoProblem({ details: 'typo field' }).detail).toBe('typo field');
    expect(parseNexmoProblem({ title: '1340' }).code).toBe(1340);
    expect(parseNexmoProblem('oops')).toEqual({ invalidParameters: [] });
    expect(parseNexmoProblem(null)).toEqual({ invalidParameters: [] });
  });
});

describe('nexmoResponseError', () => {
  it('returns undefined for 2xx', () => {
    expect(nexmoResponseError(ctx(202, { message_uuid: 'x' }))).toBeUndefined();
  });

  it('maps a 422 problem with invalid parameters, trace id and detail in the message', () => {
    const error = nexmoResponseError(
      ctx(
        422,
        {
          type: 'https://developer.nexmo.com/api-errors/messages-olympus#1150',
          title: 'Invalid params',
          detail: 'The value of one or more parameters is invalid.',
          instance: 'inst-1',
          invalid_parameters: [{ name: 'image.url', reason: 'is required.' }],
        },
        { 'x-nexmo-trace-id': 'trace-1' },
      ),
    ) as ApiError;
    expect(error.name).toBe('UnprocessableEntityError');
    expect(error.status).toBe(422);
    expect(error.providerCode).toBe('1150');
    expect(error.title).toBe('Invalid params');
    expect(error.detail).toBe('The value of one or more parameters is invalid.');
    expect(error.instance).toBe('inst-1');
    expect(error.invalidParameters).toEqual([{ name: 'image.url', reason: 'is required.' }]);
    expect(error.requestId).toBe('trace-1');
    expect(error.message).toContain('The value of one or more parameters is invalid.');
    expect(error.message).toContain('image.url is required.');
  });

  it.each([
    [
      401,
      {
        type: 'https://developer.nexmo.com/api-errors#unathorized',
        title: 'Unauthorized',
        detail: 'You did not provide correct credentials.',
      },
      'AuthenticationError',
    ],
    [
      402,
      {
        type: 'https://developer.nexmo.com/api-errors/#low-balance',
        title: 'Low balance',
        detail: 'This request could not be performed due to your account balance being low.',
      },
      'ApiError',
    ],
    [
      429,
      {
        type: 'https://developer.nexmo.com/api-errors/messages-olympus#1010',
        title: 'Rate Limit Hit',
        detail: 'Please wait, then retry your request',
      },
      'RateLimitError',
    ],
    [
      500,
      {
        type: 'https://developer.nexmo.com/api-errors/messages-olympus#1000',
        title: 'Internal error',
        detail: 'There was an error processing your request in the Platform.',
      },
      'InternalServerError',
    ],
    [
      400,
      {
        type: 'https://www.nexmo.com/messages/Errors#InvalidParams',
        title: 'Invalid Parameters',
        detail: 'bad',
      },
      'BadRequestError',
    ],
    [
      422,
      {
        type: 'https://developer.nexmo.com/api-errors/messages-olympus#1340',
        title: 'Outside of the allowed window',
        detail: 'x',
      },
      'WindowClosedError',
    ],
    [
      422,
      {
        type: 'https://developer.nexmo.com/api-errors/messages-olympus#1022',
        title: 'Invalid template',
        detail: 'x',
      },
      'TemplateError',
    ],
    [
      400,
      {
        type: 'https://developer.nexmo.com/api-errors/messages-olympus#1000',
        title: 'Throttled',
        detail: 'x',
      },
      'RateLimitError',
    ],
  ])('maps HTTP %i %j to %s', (status, body, name) => {
    const error = nexmoResponseError(ctx(status, body));
    expect(error?.name).toBe(name);
    expect(error?.message).toContain(body.detail);
  });

  it('keeps a non-JSON body as the detail', () => {
    const error = nexmoResponseError(ctx(502, '<html>Bad gateway</html>')) as ApiError;
    expect(error.name).toBe('InternalServerError');
    expect(error.detail).toBe('<html>Bad gateway</html>');
  });

  it('carries Retry-After on 429', () => {
    const error = nexmoResponseError({
      ...ctx(429, { title: 'Rate Limit Hit' }),
      retryAfterMs: 2000,
    }) as ApiError & {
      retryAfterMs?: number;
    };
    expect(error.retryAfterMs).toBe(2000);
    expect(error.retryable).toBe(true);
  });
});
