/**
 * Graph API errors -> typed waba-kit errors. The catalogue below is Meta's Cloud API error-code table
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes); the
 * `retryable` column is waba-kit's classification, not Meta's. Every mapped error keeps Meta's `code` (as
 * `providerCode`), `error_subcode`, `fbtrace_id` (as `requestId`), `type` (as `title`) and
 * `error_data.details` (as `detail` and one `invalidParameters` entry).
 * @module
 */
import {
  type ApiError,
  type ApiErrorFields,
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
import type { ProviderId } from '../../core/provider.js';

/**
 * The error class a Graph code maps to (by `name`). Codes without one map by HTTP status.
 * @inline
 */
export type GraphErrorClass =
  | 'AuthenticationError'
  | 'PermissionDeniedError'
  | 'RateLimitError'
  | 'WindowClosedError'
  | 'TemplateError'
  | 'BadRequestError'
  | 'InternalServerError';

/**
 * One row of {@link GRAPH_ERROR_CATALOGUE}.
 * @inline
 */
export interface GraphErrorInfo {
  /** Meta's meaning, abbreviated. */
  meaning: string;
  /** Whether the same request may succeed later without changes (waba-kit's classification). */
  retryable: boolean;
  /** The error class thrown; absent: chosen from the HTTP status. */
  errorClass?: GraphErrorClass;
  /** What to do about it. */
  hint?: string;
}

/**
 * Cloud API error codes with their meaning, retry classification and error class. Codes 200–299 (API
 * permission) and 132000–132018 (template) are ranges; {@link lookupGraphError} resolves them.
 *
 * | code | class | retryable |
 * |---|---|---|
 * | 0, 190 | AuthenticationError | no |
 * | 4, 80007, 130429, 131056 | RateLimitError | yes |
 * | 131047 | WindowClosedError | no |
 * | 132000–132018 | TemplateError | no |
 * | 10, 200–299, 368, 130497, 131005, 131031 | PermissionDeniedError | no |
 * | 1, 2, 131000, 131016, 131057, 133004 | by HTTP status | yes |
 */
export const GRAPH_ERROR_CATALOGUE: Readonly<Record<number, GraphErrorInfo>> = Object.freeze({
  0: {
    meaning: 'AuthException: unable to authenticate the app or user',
    retryable: false,
    errorClass: 'AuthenticationError',
    hint: 'Check the access token.',
  },
  1: { meaning: 'API unknown: possibly a temporary issue', retryable: true },
  2: { meaning: 'API service: temporary downtime', retryable: true },
  3: { meaning: 'API method: capability or permission issue', retryable: false },
  4: { meaning: 'API too many calls: app-level rate limit', retryable: true, errorClass: 'RateLimitError' },
  10: { meaning: 'Permission denied or not granted', retryable: false, errorClass: 'PermissionDeniedError' },
  100: { meaning: 'Invalid parameter', retryable: false, errorClass: 'BadRequestError' },
  190: {
    meaning: 'Access token expired or invalid',
    retryable: false,
    errorClass: 'AuthenticationError',
    hint: 'Refresh or replace the access token.',
  },
  368: {
    meaning: 'Temporarily blocked for policy violations',
    retryable: false,
    errorClass: 'PermissionDeniedError',
  },
  80007: {
    meaning: 'WhatsApp Business Account rate limit reached',
    retryable: true,
    errorClass: 'RateLimitError',
  },
  130429: {
    meaning: 'Cloud API message throughput reached',
    retryable: true,
    errorClass: 'RateLimitError',
    hint: 'Back off for a moment and retry.',
  },
  130472: { meaning: "User's number is part of an experiment", retryable: false },
  130497: {
    meaning: 'Business account restricted from messaging users in this country',
    retryable: false,
    errorClass: 'PermissionDeniedError',
  },
  131000: { meaning: 'Something went wrong', retryable: true },
  131005: { meaning: 'Access denied', retryable: false, errorClass: 'PermissionDeniedError' },
  131008: { meaning: 'Required parameter is missing', retryable: false, errorClass: 'BadRequestError' },
  131009: { meaning: 'Parameter value is not valid', retryable: false, errorClass: 'BadRequestError' },
  131016: { meaning: 'Service unavailable', retryable: true },
  131021: { meaning: 'Recipient cannot be sender', retryable: false, errorClass: 'BadRequestError' },
  131026: { meaning: 'Message undeliverable', retryable: false, errorClass: 'BadRequestError' },
  131031: { meaning: 'Business account locked', retryable: false, errorClass: 'PermissionDeniedError' },
  131037: { meaning: 'Display name not approved', retryable: false },
  131042: { meaning: 'Business eligibility or payment issue', retryable: false },
  131045: { meaning: 'Incorrect certificate', retryable: false },
  131047: {
    meaning: 'Re-engagement message: more than 24 hours since the user last replied',
    retryable: false,
    errorClass: 'WindowClosedError',
    hint: 'Send an approved template instead.',
  },
  131048: { meaning: 'Spam rate limit hit', retryable: false, hint: 'Slow down; do not retry immediately.' },
  131049: {
    meaning: 'Meta chose not to deliver (per-user marketing limit)',
    retryable: false,
    hint: 'Do not retry for at least 24 hours.',
  },
  131050: { meaning: 'User stopped marketing messages', retryable: false },
  131051: { meaning: 'Unsupported message type', retryable: false, errorClass: 'BadRequestError' },
  131052: { meaning: 'Media download error', retryable: false },
  131053: { meaning: 'Media upload error', retryable: false },
  131056: {
    meaning: '(Business, Consumer) pair rate limit hit',
    retryable: true,
    errorClass: 'RateLimitError',
    hint: 'Wait before messaging this recipient again (Meta suggests 4^n seconds).',
  },
  131057: { meaning: 'Account in maintenance mode', retryable: true },
  // https://dualhook.com/docs/contacts-bsuid-api-changes (Meta's business-scoped user ids page): one-tap,
  // zero-tap and copy-code authentication templates still need a phone number.
  131062: {
    meaning: 'Business-scoped user id recipients are not supported for this message',
    retryable: false,
    errorClass: 'BadRequestError',
    hint: "Send this message to the user's phone number (authentication templates need one).",
  },
  131063: { meaning: 'Marketing templates disabled for the Cloud API', retryable: false },
  131064: { meaning: 'Limited due to template classification violations', retryable: false },
  132000: {
    meaning: 'Number of template parameters does not match',
    retryable: false,
    errorClass: 'TemplateError',
  },
  132001: {
    meaning: 'Template name does not exist in this language',
    retryable: false,
    errorClass: 'TemplateError',
  },
  132005: { meaning: 'Translated text too long', retryable: false, errorClass: 'TemplateError' },
  132007: {
    meaning: 'Template format character policy violated',
    retryable: false,
    errorClass: 'TemplateError',
  },
  132012: { meaning: 'Template parameter format mismatch', retryable: false, errorClass: 'TemplateError' },
  132015: { meaning: 'Template is paused (low quality)', retryable: false, errorClass: 'TemplateError' },
  132016: { meaning: 'Template is disabled', retryable: false, errorClass: 'TemplateError' },
  132018: { meaning: 'Template parameter validation error', retryable: false, errorClass: 'TemplateError' },
  132068: { meaning: 'Flow is blocked', retryable: false },
  132069: { meaning: 'Flow is throttled', retryable: false },
  133000: { meaning: 'Incomplete deregistration', retryable: false },
  133004: { meaning: 'Server temporarily unavailable', retryable: true },
  133010: { meaning: 'Phone number not registered', retryable: false },
  135000: { meaning: 'Generic user error', retryable: false },
} satisfies Record<number, GraphErrorInfo>);

/** Finds the catalogue row of a Graph code, resolving the 200–299 and 132000–132018 ranges. */
export function lookupGraphError(code: number): GraphErrorInfo | undefined {
  const row = GRAPH_ERROR_CATALOGUE[code];
  if (row) return row;
  if (code >= 200 && code <= 299) {
    return { meaning: 'API permission', retryable: false, errorClass: 'PermissionDeniedError' };
  }
  if (code >= 132000 && code <= 132018) {
    return { meaning: 'Template error', retryable: false, errorClass: 'TemplateError' };
  }
  return undefined;
}

/** The `error` object of a Graph API error response, as documented (every field optional on read). */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
  error_data?: { messaging_product?: string; details?: string };
}

/** Reads the `error` object of a Graph response body, or `undefined` when there is none. */
export function readGraphError(body: unknown): GraphError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const num = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v)
      ? v
      : typeof v === 'string' && /^\d+$/.test(v)
        ? Number(v)
        : undefined;
  const data =
    typeof e.error_data === 'object' && e.error_data !== null
      ? (e.error_data as Record<string, unknown>)
      : undefined;
  const out: GraphError = {};
  const set = <K extends keyof GraphError>(k: K, v: GraphError[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('message', str(e.message));
  set('type', str(e.type));
  set('code', num(e.code));
  set('error_subcode', num(e.error_subcode));
  set('error_user_title', str(e.error_user_title));
  set('error_user_msg', str(e.error_user_msg));
  set('fbtrace_id', str(e.fbtrace_id));
  if (typeof e.is_transient === 'boolean') out.is_transient = e.is_transient;
  if (data) {
    const details = str(data.details);
    out.error_data = {
      ...(str(data.messaging_product) ? { messaging_product: str(data.messaging_product) as string } : {}),
      ...(details ? { details } : {}),
    };
  }
  return out;
}

/** Fields of a Graph-mapped error, besides the {@link ApiErrorFields}. */
export interface GraphErrorExtras {
  /** Graph `error_subcode`. */
  subcode: number | undefined;
  /** Graph `error_user_title` / `error_user_msg`, meant for end users. */
  userTitle: string | undefined;
  userMessage: string | undefined;
  /** Graph `is_transient`. */
  isTransient: boolean | undefined;
}

/**
 * Builds the typed error for a Graph error response (or `undefined` on a 2xx without an `error` object). Exposed
 * for providers' `responseError` hooks; {@link createGraphResponseError} binds the provider.
 */
export function graphResponseError(provider: ProviderId, ctx: ResponseContext): WhatsAppError | undefined {
  const graph = readGraphError(ctx.body);
  const ok = ctx.status >= 200 && ctx.status < 300;
  if (ok && !graph) return undefined;
  const code = graph?.code;
  const info = code === undefined ? undefined : lookupGraphError(code);
  const details = graph?.error_data?.details;
  const detail = details ?? graph?.error_user_msg ?? graph?.message ?? fallbackDetail(ctx.body);
  const status = ok ? 400 : ctx.status;
  const requestId = graph?.fbtrace_id ?? ctx.requestId;
  const parts = [
    `${provider} answered HTTP ${ctx.status}`,
    code === undefined
      ? undefined
      : `code ${code}${graph?.error_subcode === undefined ? '' : `/${graph.error_subcode}`}`,
  ].filter(Boolean);
  const text = [graph?.message, details && details !== graph?.message ? details : undefined, info?.hint]
    .filter(Boolean)
    .join(' — ');
  const message = `${parts.join(', ')}${text ? `: ${text}` : detail ? `: ${detail}` : ''}`;
  const fields: ApiErrorFields & { provider: ProviderId } = {
    provider,
    status,
    providerCode: code === undefined ? undefined : String(code),
    title: graph?.type,
    detail,
    invalidParameters: details ? [{ name: 'error_data.details', reason: details }] : undefined,
    requestId,
    retryable: info?.retryable ?? graph?.is_transient ?? (status === 429 || status >= 500),
    body: ctx.body,
  };
  const extras: GraphErrorExtras = {
    subcode: graph?.error_subcode,
    userTitle: graph?.error_user_title,
    userMessage: graph?.error_user_msg,
    isTransient: graph?.is_transient,
  };
  const error = build(info?.errorClass, message, fields, ctx);
  return Object.assign(error, extras);
}

function build(
  errorClass: GraphErrorClass | undefined,
  message: string,
  fields: ApiErrorFields & { provider: ProviderId },
  ctx: ResponseContext,
): WhatsAppError {
  switch (errorClass) {
    case 'AuthenticationError':
      return new AuthenticationError(message, fields);
    case 'PermissionDeniedError':
      return new PermissionDeniedError(message, fields);
    case 'RateLimitError':
      return new RateLimitError(message, { ...fields, retryAfterMs: ctx.retryAfterMs });
    case 'WindowClosedError':
      return new WindowClosedError(message, fields);
    case 'TemplateError':
      return new TemplateError(message, {
        ...fields,
        issues: [
          {
            code: `meta.${fields.providerCode}`,
            path: ['template'],
            message: fields.detail ?? message,
          },
        ],
      });
    case 'BadRequestError':
      return new BadRequestError(message, fields);
    case 'InternalServerError':
      return new InternalServerError(message, fields);
    default:
      return createApiError({ ...fields, message, retryAfterMs: ctx.retryAfterMs }) as ApiError;
  }
}

function fallbackDetail(body: unknown): string | undefined {
  if (typeof body === 'string' && body.length > 0) return body.slice(0, 300);
  return undefined;
}

/** A `responseError` hook for the base transport that maps Graph errors for `provider`. */
export function createGraphResponseError(
  provider: ProviderId,
): (ctx: ResponseContext) => WhatsAppError | undefined {
  return (ctx) => graphResponseError(provider, ctx);
}
