import { describe, expect, it } from 'vitest';
import * as errors from '../../src/core/errors.js';

const {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigError,
  ConflictError,
  ConnectionError,
  createApiError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  TemplateError,
  TimeoutError,
  UnprocessableEntityError,
  UnsupportedMessageError,
  ValidationError,
  WebhookParseError,
  WebhookVerificationError,
  WhatsAppError,
  WindowClosedError,
} = errors;

describe('error classes', () => {
  const cases: [InstanceType<typeof WhatsAppError>, string, string, string[]][] = [
    [new ConfigError('x'), 'ConfigError', 'config_invalid', ['isConfigError']],
    [new ValidationError('x'), 'ValidationError', 'validation_failed', ['isValidationError']],
    [
      new UnsupportedMessageError('x', { messageType: 'sticker' }),
      'UnsupportedMessageError',
      'unsupported_message',
      ['isUnsupportedMessageError'],
    ],
    [new TemplateError('x'), 'TemplateError', 'template_invalid', ['isTemplateError']],
    [new WindowClosedError('x'), 'WindowClosedError', 'window_closed', ['isWindowClosedError']],
    [
      new QuotaExceededError('x', { retryAt: new Date(0) }),
      'QuotaExceededError',
      'quota_exceeded',
      ['isQuotaExceededError'],
    ],
    [new ApiError('x'), 'ApiError', 'api_error', ['isApiError']],
    [
      new AuthenticationError('x'),
      'AuthenticationError',
      'authentication_failed',
      ['isApiError', 'isAuthenticationError'],
    ],
    [
      new RateLimitError('x', { retryAfterMs: 5 }),
      'RateLimitError',
      'rate_limited',
      ['isApiError', 'isRateLimitError'],
    ],
    [
      new ConnectionError('x', { unsent: true }),
      'ConnectionError',
      'connection_failed',
      ['isApiError', 'isConnectionError'],
    ],
    [new TimeoutError('x'), 'TimeoutError', 'timeout', ['isApiError', 'isTimeoutError']],
    [new AbortError(), 'AbortError', 'aborted', ['isAbortError']],
    [
      new WebhookVerificationError('x', { reason: 'signature_mismatch' }),
      'WebhookVerificationError',
      'webhook_verification_failed',
      ['isWebhookVerificationError'],
    ],
    [new WebhookParseError('x'), 'WebhookParseError', 'webhook_parse_failed', ['isWebhookParseError']],
  ];
  const allGuards = Object.keys(errors).filter((k) => k.startsWith('is')) as (keyof typeof errors)[];

  for (const [error, name, code, guards] of cases) {
    it(`${name} sets name and code, and only its guards (and its ancestors') match`, () => {
      expect(error).toBeInstanceOf(WhatsAppError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(String(error)).toContain(name);
      for (const g of allGuards) {
        const guard = errors[g] as (e: unknown) => boolean;
        const expected = g === 'isWhatsAppError' || guards.includes(g);
        expect(guard(error), `${g}(${name})`).toBe(expected);
      }
    });
  }

  it('guards refuse non-errors and foreign errors', () => {
    for (const value of [
      null,
      undefined,
      42,
      'RateLimitError',
      {},
      new Error('x'),
      { name: 'RateLimitError' },
    ]) {
      expect(errors.isWhatsAppError(value)).toBe(false);
      expect(errors.isRateLimitError(value)).toBe(false);
    }
  });

  it('guards work across two copies of the module (the dual-package hazard)', async () => {
    // A query string makes Vite load a second, independent instance of the module.
    // @ts-expect-error Vite's `?copy` query loads a second, independent module instance; tsc cannot resolve it.
    const copy = (await import('../../src/core/errors.js?copy')) as typeof errors;
    expect(copy.RateLimitError).not.toBe(RateLimitError);
    const foreign = new copy.RateLimitError('x', { retryAfterMs: 1 });
    expect(foreign instanceof RateLimitError).toBe(false);
    expect(errors.isRateLimitError(foreign)).toBe(true);
    expect(errors.isApiError(foreign)).toBe(true);
    expect(copy.isRateLimitError(new RateLimitError('y'))).toBe(true);
  });

  it('keeps the cause and the provider', () => {
    const cause = new Error('socket hang up');
    const e = new ConnectionError('x', { cause, provider: 'meta', unsent: false });
    expect(e.cause).toBe(cause);
    expect(e.provider).toBe('meta');
    expect(e.unsent).toBe(false);
    expect(e.retryable).toBe(true);
  });
});

describe('createApiError picks the class by status', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, ApiError],
    [undefined, ApiError],
  ])('%s', (status, cls) => {
    const e = createApiError({
      provider: 'nexmo',
      status,
      message: 'm',
      providerCode: '1000',
      requestId: 'trace',
      body: { a: 1 },
    });
    expect(e.constructor).toBe(cls);
    expect(e).toMatchObject({
      status,
      providerCode: '1000',
      requestId: 'trace',
      body: { a: 1 },
      provider: 'nexmo',
    });
  });

  it('marks 429 and 5xx retryable, 4xx not', () => {
    expect(createApiError({ provider: 'meta', status: 429, message: 'm' }).retryable).toBe(true);
    expect(createApiError({ provider: 'meta', status: 502, message: 'm' }).retryable).toBe(true);
    expect(createApiError({ provider: 'meta', status: 400, message: 'm' }).retryable).toBe(false);
  });

  it('carries retryAfterMs on rate limits', () => {
    const e = createApiError({ provider: 'meta', status: 429, message: 'm', retryAfterMs: 1500 });
    expect((e as InstanceType<typeof RateLimitError>).retryAfterMs).toBe(1500);
  });
});
