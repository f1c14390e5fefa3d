/**
 * Gupshup errors: the synchronous `{"status":"error","message":"…"}` answers of the send API, and the code
 * catalogue of asynchronous `failed` message events (`payload.payload.code`).
 *
 * Sources: https://docs.gupshup.io/docs/error-and-status-messages (same table at
 * https://partner-docs.gupshup.io/docs/error-codes), the session and template message reference pages
 * (https://docs.gupshup.io/docs/session-messages, https://docs.gupshup.io/reference/postback-text-support).
 * Match on `code`, never on the `reason` text.
 * @module
 */
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  createApiError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
  TemplateError,
  type WhatsAppError,
  WindowClosedError,
} from '../../core/errors.js';
import type { ResponseContext } from '../../core/http.js';

/**
 * How a caller should react to a Gupshup failure code.
 * @inline
 */
export type GupshupErrorCategory =
  /** The recipient cannot receive the message (not on WhatsApp, opted out). */
  | 'recipient'
  /** The template is missing, paused or does not match. */
  | 'template'
  /** The 24 h session is closed: send a template. */
  | 'window'
  /** The account, wallet or app configuration refuses the send. */
  | 'account'
  /** The request or its media is wrong; fix it. */
  | 'request'
  /** Slow down or retry later. */
  | 'transient';

/**
 * One row of {@link GUPSHUP_ERROR_CODES}.
 * @inline
 */
export interface GupshupErrorCode {
  /** Gupshup's name for the code. */
  name: string;
  /** What it means and what to do. */
  description: string;
  /** How to react: fix the request, send a template, top up, wait, ... */
  category: GupshupErrorCategory;
  /** Whether sending the same message again later can succeed. */
  retryable: boolean;
}

const row = (
  name: string,
  category: GupshupErrorCategory,
  retryable: boolean,
  description: string,
): GupshupErrorCode => ({ name, category, retryable, description });

/**
 * Gupshup failure codes (1001–1012, 4001–4005), plus 500 and the legacy WhatsApp code 470 that Gupshup passes
 * through for a closed 24 h window. Meta's 13xxxx codes can also appear in `failed` events; they are not
 * Gupshup's and are not listed here (131047 is still recognised as a closed window).
 */
export const GUPSHUP_ERROR_CODES: Readonly<Record<number, GupshupErrorCode>> = Object.freeze({
  470: row(
    'Outside 24 hour window',
    'window',
    false,
    'More than 24 hours have passed since the user last wrote; send an approved template instead.',
  ),
  500: row('Internal Server Error', 'transient', true, 'Gupshup failed; contact Gupshup if it persists.'),
  1001: row(
    'Last Mapped Bot Failed',
    'account',
    false,
    'Sandbox: the user is mapped to another bot; they must first send "proxy <AppName>" to the sandbox number.',
  ),
  1002: row('Number Not Exist On WhatsApp', 'recipient', false, 'The destination is not on WhatsApp.'),
  1003: row('Wallet Balance Low', 'account', false, 'The Gupshup wallet balance is too low; top it up.'),
  1004: row(
    'Template Disabled Failure',
    'account',
    false,
    'The user is outside the session and template messaging is disabled for the app.',
  ),
  1005: row(
    'Template Match Failed',
    'window',
    false,
    'The user is outside the session and the message is not a matching template; send an approved template.',
  ),
  1006: row('Template Opt-in Failure', 'recipient', false, 'Outside the session and not opted in (legacy).'),
  1007: row(
    'Template Opt-in Match Failure',
    'recipient',
    false,
    'Outside the session, not opted in and no template match (legacy).',
  ),
  1008: row(
    'Neither Proxied Nor Opted-in',
    'recipient',
    false,
    'The user is not opted in and inactive (legacy).',
  ),
  1009: row('Required parameter missing', 'request', false, 'A required parameter is missing.'),
  1010: row(
    'Invalid Media Url',
    'request',
    false,
    'The media URL is invalid or unreachable (sandbox apps accept only specific sample media).',
  ),
  1011: row('Invalid Media Size', 'request', false, 'The media file is too large.'),
  1012: row('Number Opted Out', 'recipient', false, 'The user opted out (legacy opt-out).'),
  4001: row(
    'API Rate Limited',
    'transient',
    true,
    'Rate limited by Gupshup: stop sending and contact the Gupshup team.',
  ),
  4002: row('Invalid Response From WhatsApp', 'transient', true, 'WhatsApp returned an invalid response.'),
  4003: row('No Template Match', 'template', false, 'No approved template matches the message.'),
  4004: row(
    'Only CAPI Feature',
    'request',
    false,
    'This message type is available only on Meta Cloud API apps.',
  ),
  4005: row('Paused Template', 'template', false, 'The template is paused by Meta for low quality.'),
});

/**
 * Fields for {@link gupshupErrorFromCode}.
 * @inline
 */
export interface GupshupErrorContext {
  /** The `reason` text of the failed event. */
  reason?: string | undefined;
  /** HTTP status, when the code came with a response. */
  status?: number | undefined;
  /** The payload the code came from, kept on the error. */
  body?: unknown;
}

/**
 * Builds the typed error for a Gupshup failure code (a `failed` status event's `error.code`): 470, 1005 and Meta's
 * 131047 -> {@link WindowClosedError}, 4001 -> {@link RateLimitError}, 4003/4005 -> {@link TemplateError}, others
 * an {@link ApiError} with `retryable` from {@link GUPSHUP_ERROR_CODES}.
 *
 * @example
 * ```ts
 * client.on('message.status', ({ event }) => {
 *   if (event.status === 'failed' && event.error) log(gupshupErrorFromCode(event.error.code, { reason: event.error.reason }));
 * });
 * ```
 */
export function gupshupErrorFromCode(
  code: number | string | undefined,
  context: GupshupErrorContext = {},
): WhatsAppError {
  const n = code === undefined ? Number.NaN : Number(code);
  const entry = Number.isFinite(n) ? GUPSHUP_ERROR_CODES[n] : undefined;
  const providerCode = Number.isFinite(n) ? String(n) : undefined;
  const detail = context.reason ?? entry?.description;
  const message = `Gupshup failure${providerCode ? ` ${providerCode}` : ''}${entry ? ` (${entry.name})` : ''}${detail ? `: ${detail}` : ''}`;
  const fields = {
    provider: 'gupshup' as const,
    status: context.status,
    providerCode,
    title: entry?.name,
    detail,
    body: context.body,
  };
  if (entry?.category === 'window' || n === 131047) return new WindowClosedError(message, fields);
  if (n === 4001) return new RateLimitError(message, fields);
  if (entry?.category === 'template') return new TemplateError(message, fields);
  return new ApiError(message, { ...fields, retryable: entry?.retryable ?? false });
}

/** What a synchronous Gupshup error answer means, recognised from its `message`. */
type SyncKind = 'auth' | 'rate' | 'request' | 'server';

const SYNC_MESSAGES: readonly [RegExp, SyncKind][] = [
  [/authentication failed|unauthori[sz]ed|invalid api ?key|api ?key/i, 'auth'],
  [/too many requests|rate limit/i, 'rate'],
  [/internal server error/i, 'server'],
];

function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const m = (body as Record<string, unknown>).message;
  if (typeof m === 'string') return m;
  if (m !== undefined && m !== null) return JSON.stringify(m).slice(0, 300);
  return undefined;
}

/**
 * The Gupshup response mapper for the shared transport. Gupshup answers errors as
 * `{"status":"error","message":"…"}`, sometimes with HTTP 2xx, and labels JSON as `text/html`; the body is parsed
 * as JSON whatever the content type (the transport does that) and:
 * - `status: "error"` is a failure whatever the HTTP status;
 * - 401 or "Authentication Failed" -> {@link AuthenticationError}; 429 or "Too Many Requests" ->
 *   {@link RateLimitError}; 5xx -> {@link InternalServerError}; 400 -> {@link BadRequestError}; 403 ->
 *   {@link PermissionDeniedError}; other statuses by {@link createApiError}; an error answered with 2xx and
 *   no recognised message -> {@link BadRequestError} (Gupshup refused the request as given).
 *
 * A 2xx send without a `messageId` is refused by the client itself, since other endpoints answer without one.
 */
export function gupshupResponseError(ctx: ResponseContext): WhatsAppError | undefined {
  const ok = ctx.status >= 200 && ctx.status < 300;
  const body = ctx.body;
  const saysError =
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { status?: unknown }).status === 'string' &&
    (body as { status: string }).status.toLowerCase() === 'error';
  if (ok && !saysError) return undefined;
  const detail = errorMessage(body);
  const kind =
    ctx.status === 401
      ? 'auth'
      : ctx.status === 429
        ? 'rate'
        : ctx.status >= 500
          ? 'server'
          : (SYNC_MESSAGES.find(([re]) => detail !== undefined && re.test(detail))?.[1] ??
            (ok ? 'request' : undefined));
  const message = `Gupshup answered HTTP ${ctx.status}${detail ? `: ${detail}` : ''}`;
  const fields = {
    provider: 'gupshup' as const,
    status: ctx.status,
    detail,
    requestId: ctx.requestId,
    body,
  };
  switch (kind) {
    case 'auth':
      return new AuthenticationError(message, fields);
    case 'rate':
      return new RateLimitError(message, { ...fields, retryAfterMs: ctx.retryAfterMs });
    case 'server':
      return new InternalServerError(message, fields);
    case 'request':
      return new BadRequestError(message, fields);
    default:
      if (ctx.status === 400) return new BadRequestError(message, fields);
      if (ctx.status === 403) return new PermissionDeniedError(message, fields);
      return createApiError({ ...fields, message, retryAfterMs: ctx.retryAfterMs });
  }
}
