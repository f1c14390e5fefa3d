/**
 * Vonage Messages API errors: the 1000–1450 code catalogue and the mapping of RFC 7807 problem responses to
 * typed errors.
 *
 * Sources: the Messages API specification (`x-errors` of the v0.1 and v1 OpenAPI documents,
 * https://developer.vonage.com/en/api/messages), Vonage API errors (https://developer.vonage.com/api-errors).
 * The spec's 422 examples link `#1100`–`#1150` anchors for the titles its `x-errors` list as 1400–1450, so the
 * anchor number is reported as `providerCode` but never trusted alone: the class is chosen from the HTTP
 * status first, then from a recognised code or title.
 * @module
 */

import {
  type ApiError,
  createApiError,
  RateLimitError,
  TemplateError,
  type WhatsAppError,
  WindowClosedError,
} from '../../core/errors.js';
import type { ResponseContext } from '../../core/http.js';

/**
 * How a caller should react to a Vonage error code.
 * @inline
 */
export type NexmoErrorCategory =
  /** Slow down and retry later. */
  | 'throttled'
  /** The request itself is wrong; fix it. */
  | 'request'
  /** The recipient cannot receive this message (not on WhatsApp, barred, unreachable). */
  | 'recipient'
  /** The account or sender is not allowed or not funded. */
  | 'account'
  /** The template or its parameters are wrong. */
  | 'template'
  /** The 24 h customer-service window is closed: send a template. */
  | 'window'
  /** The media could not be fetched or is not acceptable. */
  | 'media'
  /** Vonage or the network failed; retrying later may work. */
  | 'transient';

/**
 * One row of {@link NEXMO_ERROR_CODES}.
 * @inline
 */
export interface NexmoErrorCode {
  /** Vonage's title for the code. */
  title: string;
  /** What it means and what to do. */
  description: string;
  /** How to react: fix the request, wait, send a template, ... */
  category: NexmoErrorCategory;
  /** Whether sending the same message again later can succeed. */
  retryable: boolean;
}

const row = (
  title: string,
  category: NexmoErrorCategory,
  retryable: boolean,
  description: string,
): NexmoErrorCode => ({
  title,
  category,
  retryable,
  description,
});

/**
 * The Messages API error codes (1000–1450), as reported in RFC 7807 `type` anchors and in status webhooks
 * (`error.code` in v0.1, `error.title` in v1). 1300–1382 are the WhatsApp-specific ones.
 */
export const NEXMO_ERROR_CODES: Readonly<Record<number, NexmoErrorCode>> = Object.freeze({
  1000: row(
    'Throttled',
    'throttled',
    true,
    'You have exceeded the submission capacity allowed on this account. Wait and retry.',
  ),
  1010: row('Missing params', 'request', false, 'A required parameter is missing.'),
  1020: row('Invalid params', 'request', false, 'The value of one or more parameters is invalid.'),
  1021: row('Invalid tag', 'request', false, 'The tag is invalid.'),
  1022: row('Invalid template', 'template', false, 'The template or its parameters are invalid.'),
  1030: row('Internal error', 'transient', true, 'An error occurred in the Vonage platform.'),
  1040: row('Invalid message', 'request', false, 'The message could not be processed.'),
  1050: row('Number barred', 'recipient', false, 'The recipient number is barred.'),
  1060: row('Partner account barred', 'account', false, 'Your Vonage account is barred.'),
  1070: row('Partner quota exceeded', 'account', false, 'Your account does not have enough credit.'),
  1080: row('Account not enabled for REST', 'account', false, 'The account is not enabled for this API.'),
  1090: row('Message too long', 'request', false, 'The message is too long.'),
  1100: row('Communication failed', 'transient', true, 'Communication with the carrier failed.'),
  1120: row('Illegal sender address', 'account', false, 'The sender address is not allowed.'),
  1130: row('Invalid TTL', 'request', false, 'The TTL is invalid.'),
  1140: row('Facility not allowed', 'account', false, 'The account is not allowed to use this facility.'),
  1150: row('Invalid message class', 'request', false, 'The message class is invalid.'),
  1160: row(
    'Non white-listed destination',
    'recipient',
    false,
    'The destination is not on the allow-list (sandbox or trial).',
  ),
  1170: row('Invalid or missing MSISDN', 'recipient', false, 'The recipient number is invalid or missing.'),
  1180: row('Absent subscriber temporary', 'transient', true, 'The recipient is temporarily unreachable.'),
  1190: row('Absent subscriber permanent', 'recipient', false, 'The recipient is permanently unreachable.'),
  1200: row('Portability error', 'recipient', false, 'A number portability error occurred.'),
  1210: row('Anti-spam rejection', 'recipient', false, 'The message was rejected by an anti-spam filter.'),
  1220: row('Handset busy', 'transient', true, 'The handset is busy.'),
  1230: row('Network error', 'transient', true, 'A network error occurred.'),
  1240: row('Illegal number', 'recipient', false, 'The number is not valid.'),
  1241: row('Too many send requests', 'throttled', true, 'Too many send requests; wait and retry.'),
  1250: row('Unroutable', 'recipient', false, 'The message cannot be routed.'),
  1260: row('Destination unreachable', 'recipient', false, 'The destination is unreachable.'),
  1270: row('Subscriber age restriction', 'recipient', false, 'The recipient is age-restricted.'),
  1280: row('Number blocked by carrier', 'recipient', false, 'The carrier blocked the number.'),
  1290: row(
    'Pre-paid insufficient funds',
    'recipient',
    false,
    'The recipient has insufficient prepaid funds.',
  ),
  1300: row(
    'Not part of the provider network',
    'recipient',
    false,
    'The number or ID is not a user in the provider network (not on WhatsApp).',
  ),
  1310: row('Not suitable device', 'recipient', false, 'The device cannot receive this message.'),
  1320: row('Message already sent', 'request', false, 'The message was already sent.'),
  1330: row('Unknown', 'transient', true, 'An unknown error occurred at the provider.'),
  1331: row(
    'Provider error',
    'transient',
    true,
    'The provider is not responding; try sending the message again in a few minutes.',
  ),
  1340: row(
    'Outside of the allowed window',
    'window',
    false,
    "The user's 24 hour customer-service window is closed; send an approved template instead.",
  ),
  1350: row('Phone matching fee not paid', 'account', false, 'The phone matching fee has not been paid.'),
  1360: row(
    'TTL was activated',
    'transient',
    true,
    'The message expired before delivery (no callbacks and no charge).',
  ),
  1370: row('Expired access token', 'account', false, 'The Facebook access token has expired.'),
  1380: row('Invalid resource', 'media', false, 'The media URL could not be reached.'),
  1381: row('Resource size is too large', 'media', false, 'The media file is too large.'),
  1382: row('Resource type is invalid', 'media', false, 'The media type is not accepted.'),
  1400: row('Unsupported channel', 'request', false, 'The channel is not supported.'),
  1410: row('Invalid channel parameters', 'request', false, 'The channel parameters are invalid.'),
  1420: row('Invalid sender', 'account', false, 'The sender is invalid.'),
  1430: row('Invalid recipient', 'recipient', false, 'The recipient is invalid.'),
  1440: row('Invalid message type', 'request', false, 'The message type is invalid.'),
  1450: row(
    'Invalid client reference',
    'request',
    false,
    'The client reference is invalid (up to 40 characters).',
  ),
});

/** Fields of a Vonage RFC 7807 problem body, as far as they could be read. */
export interface NexmoProblem {
  /** RFC 7807 `type`: a documentation URL, often ending in `#<code>`. */
  type?: string;
  /** RFC 7807 `title`: a short summary. */
  title?: string;
  /** RFC 7807 `detail`: the explanation (the spec's 401 schemas misspell it `details`; both are read). */
  detail?: string;
  /** RFC 7807 `instance`: the id of this occurrence. */
  instance?: string;
  /** `invalid_parameters`: which parameters were refused (`name`) and why (`reason`). */
  invalidParameters: { name: string; reason: string }[];
  /** The 4-digit code from the `type` anchor (`...#1150`) or a numeric `title` (v1 status webhooks), if any. */
  code?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Reads a problem body tolerantly: `invalid_parameters` may be an array (the spec) or one object (older SDK types). */
export function parseNexmoProblem(body: unknown): NexmoProblem {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { invalidParameters: [] };
  const b = body as Record<string, unknown>;
  const raw = b.invalid_parameters;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  const invalidParameters = list.flatMap((p) => {
    const name = str((p as Record<string, unknown>)?.name);
    const reason = str((p as Record<string, unknown>)?.reason);
    return name || reason ? [{ name: name ?? '', reason: reason ?? '' }] : [];
  });
  const type = str(b.type);
  const title = str(b.title);
  const anchor = type?.match(/#(\d{4})\b/)?.[1];
  const numericTitle = title && /^\d{4}$/.test(title) ? title : undefined;
  const codeText = anchor ?? numericTitle;
  const problem: NexmoProblem = { invalidParameters };
  if (type) problem.type = type;
  if (title) problem.title = title;
  const detail = str(b.detail) ?? str(b.details);
  if (detail) problem.detail = detail;
  const instance = str(b.instance);
  if (instance) problem.instance = instance;
  if (codeText) problem.code = Number(codeText);
  return problem;
}

const WINDOW_TITLE = /outside (of )?(the )?allowed window/i;
const THROTTLE_TITLE = /throttled|rate limit/i;

/**
 * Fields for {@link nexmoErrorFromCode}.
 * @inline
 */
export interface NexmoErrorContext {
  /** HTTP status, when the code came with a response (absent for status webhooks). */
  status?: number | undefined;
  /** The problem's `title`; defaults to the catalogue title. */
  title?: string | undefined;
  /** The problem's `detail` or the webhook's `reason`; defaults to the catalogue description. */
  detail?: string | undefined;
  /** The problem's `instance`. */
  instance?: string | undefined;
  /** The problem's `invalid_parameters`: parameter `name` and `reason`. */
  invalidParameters?: { name: string; reason: string }[] | undefined;
  /** The `X-Nexmo-Trace-Id` of the response. */
  requestId?: string | undefined;
  /** `Retry-After`, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The response body, as received. */
  body?: unknown;
}

/**
 * Builds the typed error for a Vonage error code, from a send response or a status webhook (`event.error.code`):
 * 1340 -> {@link WindowClosedError}; HTTP 429, a "Throttled"/"Rate Limit" title, or 1000/1241 without an HTTP
 * status -> {@link RateLimitError}; 1022 -> {@link TemplateError}; others an {@link ApiError} subclass chosen
 * by HTTP status (5xx always `InternalServerError`), with `retryable` from {@link NEXMO_ERROR_CODES}.
 *
 * @example
 * ```ts
 * client.on('message.status', ({ event }) => {
 *   if (event.status === 'failed' && event.error) throw nexmoErrorFromCode(event.error.code, { detail: event.error.reason });
 * });
 * ```
 */
export function nexmoErrorFromCode(
  code: number | string | undefined,
  context: NexmoErrorContext = {},
): WhatsAppError {
  const n = code === undefined ? undefined : Number(code);
  const entry = n !== undefined && Number.isFinite(n) ? NEXMO_ERROR_CODES[n] : undefined;
  const providerCode = n !== undefined && Number.isFinite(n) ? String(n) : undefined;
  const title = context.title ?? entry?.title;
  const detail = context.detail ?? entry?.description;
  const params = context.invalidParameters ?? [];
  const paramText = params.length
    ? ` (${params.map((p) => [p.name, p.reason].filter(Boolean).join(' ')).join('; ')})`
    : '';
  const head = [title, detail].filter(Boolean).join(': ');
  const status = context.status;
  const message = `Vonage ${status !== undefined ? `HTTP ${status}` : 'error'}${providerCode ? ` ${providerCode}` : ''}${head ? `: ${head}` : ''}${paramText}`;
  const fields = {
    provider: 'nexmo' as const,
    status,
    providerCode,
    title,
    detail,
    instance: context.instance,
    invalidParameters: params,
    requestId: context.requestId,
    body: context.body,
  };
  const titleText = `${context.title ?? ''} ${context.detail ?? ''}`;
  if (n === 1340 || WINDOW_TITLE.test(titleText)) return new WindowClosedError(message, fields);
  // The spec's own 500 example links anchor #1000 ("Internal error") although x-errors lists 1000 as Throttled:
  // a 5xx status always wins, a throttle code counts only without one (status webhooks) or by its title.
  const serverError = status !== undefined && status >= 500;
  if (
    status === 429 ||
    (!serverError && THROTTLE_TITLE.test(titleText)) ||
    (status === undefined && (n === 1000 || n === 1241))
  )
    return new RateLimitError(message, { ...fields, retryAfterMs: context.retryAfterMs });
  if (n === 1022 && !serverError) return new TemplateError(message, fields);
  const error: ApiError = createApiError({
    ...fields,
    message,
    retryAfterMs: context.retryAfterMs,
    ...(entry && (status === undefined || status < 500) ? { retryable: entry.retryable } : {}),
  });
  return error;
}

/**
 * The Vonage response mapper for the shared transport: `undefined` for 2xx, else the typed error built from the
 * RFC 7807 body (`title`, `detail`, `instance`, `invalid_parameters[]`), the `X-Nexmo-Trace-Id` as `requestId`,
 * and the detail in the message.
 */
export function nexmoResponseError(ctx: ResponseContext): WhatsAppError | undefined {
  if (ctx.status >= 200 && ctx.status < 300) return undefined;
  const problem = parseNexmoProblem(ctx.body);
  const detail = problem.detail ?? (typeof ctx.body === 'string' ? ctx.body.slice(0, 300) : undefined);
  return nexmoErrorFromCode(problem.code, {
    status: ctx.status,
    title: problem.title,
    detail,
    instance: problem.instance,
    invalidParameters: problem.invalidParameters,
    requestId: ctx.requestId,
    retryAfterMs: ctx.retryAfterMs,
    body: ctx.body,
  });
}
