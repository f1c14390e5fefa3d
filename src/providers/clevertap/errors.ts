/**
 * Errors of `CleverTapClient`: Graph errors of the Cloud API sends (the shared catalogue, reported as
 * `clevertap`), and errors of the CleverTap REST API (`{ status: 'fail', error, code }`, sometimes with HTTP 200).
 * @module
 */

import { createApiError, type WhatsAppError } from '../../core/errors.js';
import type { ResponseContext } from '../../core/http.js';
import { createGraphResponseError } from '../meta/graph-errors.js';

export {
  GRAPH_ERROR_CATALOGUE,
  type GraphErrorClass,
  type GraphErrorInfo,
  lookupGraphError,
} from '../meta/graph-errors.js';

/** Maps a Graph response of a Cloud API call to a typed error for the `clevertap` provider. */
export const cleverTapGraphResponseError = createGraphResponseError('clevertap');

/**
 * Maps a CleverTap REST API response: non-2xx, or a 2xx whose `status` is `fail`/`error`, becomes an
 * `ApiError` subclass chosen by HTTP status (401/403 auth, 429 rate limit, 5xx server) carrying CleverTap's
 * `error` text and `code`. `undefined` on success.
 */
export function cleverTapRestResponseError(ctx: ResponseContext): WhatsAppError | undefined {
  const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
  const word = typeof body.status === 'string' ? body.status.toLowerCase() : undefined;
  const ok = ctx.status >= 200 && ctx.status < 300;
  if (ok && word !== 'fail' && word !== 'error') return undefined;
  const detail =
    typeof body.error === 'string'
      ? body.error
      : typeof body.message === 'string'
        ? body.message
        : typeof ctx.body === 'string'
          ? ctx.body.slice(0, 300)
          : undefined;
  const code = typeof body.code === 'number' || typeof body.code === 'string' ? String(body.code) : undefined;
  // A 2xx "fail" carries the real status in `code` when it is an HTTP-like number.
  const codeStatus = code !== undefined && /^[45]\d\d$/.test(code) ? Number(code) : undefined;
  const status = ok ? (codeStatus ?? 400) : ctx.status;
  return createApiError({
    provider: 'clevertap',
    status,
    message: `CleverTap API answered HTTP ${ctx.status}${code ? ` (code ${code})` : ''}${detail ? `: ${detail}` : ''}`,
    providerCode: code,
    detail,
    requestId: ctx.requestId,
    retryAfterMs: ctx.retryAfterMs,
    retryable: status === 429 || status >= 500,
    body: ctx.body,
  });
}
