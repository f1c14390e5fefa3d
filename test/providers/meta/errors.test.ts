import { describe, expect, it } from 'vitest';
import type { ResponseContext } from '../../../src/core/http.js';
import { metaResponseError } from '../../../src/providers/meta/errors.js';
import {
  GRAPH_ERROR_CATALOGUE,
  graphResponseError,
  lookupGraphError,
  readGraphError,
} from '../../../src/providers/meta/graph-errors.js';

function ctx(status: number, body: unknown, extra: Partial<ResponseContext> = {}): ResponseContext {
  return { status, headers: new Headers(), body, requestId: undefined, retryAfterMs: undefined, ...extra };
}

const graph = (code: number, more: Record<string, unknown> = {}) => ({
  error: {
    message: `(#${code}) documented message`,
    type: 'OAuthException',
    code,
    error_subcode: 2494010,
    fbtrace_id: 'AzT4bEXAMPLEtrace',
    error_data: { messaging_product: 'whatsapp', details: `details for ${code}` },
    ...more,
  },
});

/** The HTTP status Meta documents for a code (error-codes page), or 400. */
function statusFor(code: number): number {
  if (code === 0 || code === 190) return 401;
  if (code === 10 || (code >= 200 && code <= 299) || [368, 130497, 131005, 131031].includes(code)) return 403;
  if ([3, 131000, 131045, 131057, 133000].includes(code)) return 500;
  if ([2, 131016, 133004].includes(code)) return 503;
  if (code === 132001) return 404;
  return 400;
}

const BY_STATUS: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  500: 'InternalServerError',
  503: 'InternalServerError',
};

describe('GRAPH_ERROR_CATALOGUE, row by row', () => {
  const rows = Object.entries(GRAPH_ERROR_CATALOGUE).map(([code, info]) => [Number(code), info] as const);

  it('has every code of the documented table', () => {
    const codes = rows.map(([c]) => c);
    for (const c of [
      0, 1, 2, 3, 4, 10, 100, 190, 368, 80007, 130429, 130472, 130497, 131000, 131005, 131008, 131009, 131016,
      131021, 131026, 131031, 131037, 131042, 131045, 131047, 131048, 131049, 131050, 131051, 131052, 131053,
      131056, 131057, 131062, 131063, 131064, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 132018,
      132068, 132069, 133000, 133004, 133010, 135000,
    ]) {
      expect(codes, `code ${c}`).toContain(c);
    }
  });

  it.each(rows)('code %i maps to its class and keeps the Graph fields', (code, info) => {
    const status = statusFor(code);
    const error = graphResponseError('meta', ctx(status, graph(code))) as unknown as Record<string, unknown>;
    expect(error).toBeDefined();
    expect(error.name).toBe(info.errorClass ?? BY_STATUS[status]);
    expect(error.provider).toBe('meta');
    expect(error.providerCode).toBe(String(code));
    expect(error.requestId).toBe('AzT4bEXAMPLEtrace');
    expect(error.subcode).toBe(2494010);
    expect(error.message).toContain(`(#${code}) documented message`);
    expect(error.message).toContain(`details for ${code}`);
    if (info.errorClass !== 'TemplateError' && info.errorClass !== 'WindowClosedError') {
      expect(error.retryable).toBe(info.retryable);
      expect(error.detail).toBe(`details for ${code}`);
      expect(error.title).toBe('OAuthException');
      expect(error.invalidParameters).toEqual([
        { name: 'error_data.details', reason: `details for ${code}` },
      ]);
    }
  });
});

describe('the classes the issue names', () => {
  it.each([130429, 131056, 4, 80007])('%i -> RateLimitError (retryable, Retry-After kept)', (code) => {
    const error = graphResponseError(
      'meta',
      ctx(400, graph(code), { retryAfterMs: 2000 }),
    ) as unknown as Record<string, unknown>;
    expect(error.name).toBe('RateLimitError');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
  });

  it('131047 -> WindowClosedError with status, code and trace id', () => {
    const error = graphResponseError('meta', ctx(400, graph(131047))) as unknown as Record<string, unknown>;
    expect(error.name).toBe('WindowClosedError');
    expect(error.status).toBe(400);
    expect(error.providerCode).toBe('131047');
    expect(error.requestId).toBe('AzT4bEXAMPLEtrace');
  });

  it.each(Array.from({ length: 19 }, (_, i) => 132000 + i))('%i -> TemplateError with an issue', (code) => {
    const error = graphResponseError('meta', ctx(400, graph(code))) as unknown as Record<string, unknown>;
    expect(error.name).toBe('TemplateError');
    expect(error.providerCode).toBe(String(code));
    expect(error.issues).toEqual([
      { code: `meta.${code}`, path: ['template'], message: `details for ${code}` },
    ]);
  });

  it.each([200, 250, 299])('%i (API permission range) -> PermissionDeniedError', (code) => {
    expect(graphResponseError('meta', ctx(403, graph(code)))?.name).toBe('PermissionDeniedError');
    expect(lookupGraphError(code)?.errorClass).toBe('PermissionDeniedError');
  });

  it('190 and a bare 401 -> AuthenticationError', () => {
    expect(graphResponseError('meta', ctx(401, graph(190)))?.name).toBe('AuthenticationError');
    expect(graphResponseError('meta', ctx(401, 'Unauthorized'))?.name).toBe('AuthenticationError');
  });

  it('131049 (per-user marketing limit) is not retryable and not a RateLimitError', () => {
    const error = graphResponseError('meta', ctx(400, graph(131049))) as unknown as Record<string, unknown>;
    expect(error.name).toBe('BadRequestError');
    expect(error.retryable).toBe(false);
  });

  it('an unknown code falls back to the HTTP status and is_transient', () => {
    const error = graphResponseError(
      'meta',
      ctx(400, graph(999999, { is_transient: true })),
    ) as unknown as Record<string, unknown>;
    expect(error.name).toBe('BadRequestError');
    expect(error.retryable).toBe(true);
    expect(error.isTransient).toBe(true);
  });
});

describe('graphResponseError edges', () => {
  it('is undefined on a 2xx without an error object', () => {
    expect(graphResponseError('meta', ctx(200, { messages: [{ id: 'wamid.1' }] }))).toBeUndefined();
  });

  it('treats a 2xx carrying an error object as a failure', () => {
    expect(graphResponseError('meta', ctx(200, graph(100)))?.name).toBe('BadRequestError');
  });

  it('uses the response trace header when the body has no fbtrace_id', () => {
    const error = graphResponseError(
      'meta',
      ctx(500, 'upstream', { requestId: 'hdr-trace' }),
    ) as unknown as Record<string, unknown>;
    expect(error.name).toBe('InternalServerError');
    expect(error.requestId).toBe('hdr-trace');
    expect(error.message).toContain('upstream');
  });

  it('reads codes sent as strings and ignores junk fields', () => {
    expect(readGraphError({ error: { code: '131047', error_subcode: 'x', message: 7 } })).toEqual({
      code: 131047,
    });
    expect(readGraphError('nope')).toBeUndefined();
    expect(readGraphError({ error: null })).toBeUndefined();
  });

  it('keeps error_user_title and error_user_msg', () => {
    const error = metaResponseError(
      ctx(400, {
        error: {
          code: 100,
          message: 'm',
          error_user_title: 'Bad number',
          error_user_msg: 'Check the number',
        },
      }),
    ) as unknown as Record<string, unknown>;
    expect(error.userTitle).toBe('Bad number');
    expect(error.userMessage).toBe('Check the number');
    expect(error.detail).toBe('Check the number');
  });
});
