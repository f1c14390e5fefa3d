/**
 * Request plumbing shared by `createWebhookHandler` and `parseWebhookRequest` (and so by every client's
 * `parseWebhook`): case-insensitive header lookup, and reading the raw body of a `Request` with a size cap.
 * @module
 */
import type { WebhookInput } from '../core/client.js';
import { ConfigError } from '../core/errors.js';
import { readStreamCapped } from '../core/read-stream.js';

/** Headers as a `Headers` object or a plain record (Node's `IncomingHttpHeaders` fits). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/** Reads one header, case-insensitively. Repeated headers (arrays) are joined with `, ` as `Headers` does. */
export function getHeader(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ');
  }
  return undefined;
}

/** Thrown by {@link readRawBody} when a body exceeds its cap. */
export class BodyTooLargeError extends Error {
  /** The cap that was exceeded, in bytes. */
  readonly limit: number;
  constructor(limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}

/**
 * Reads a `Request` body as bytes, refusing more than `maxBytes` (by `Content-Length` first, then while
 * streaming, so an oversized body is never buffered whole).
 */
export async function readRawBody(
  request: Request,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (request.bodyUsed) {
    throw new ConfigError(
      'The webhook request body was already read, so its raw bytes are gone. Pass request.clone() (clone it ' +
        'before reading it), or pass { rawBody, headers, url } with the text you read.',
      {
        issues: [{ code: 'raw_body.missing', path: ['body'], message: 'The request body was already read.' }],
      },
    );
  }
  if (!request.body) return new Uint8Array(0);
  return readStreamCapped(request.body, maxBytes, () => new BodyTooLargeError(maxBytes));
}

/** A delivery reduced to what verification and parsing need. */
export interface NormalizedDelivery {
  rawBody: string | Uint8Array;
  headers: HeaderSource;
  url: string | undefined;
}

/** Turns a `Request` or a {@link WebhookInput} into a {@link NormalizedDelivery}. */
export async function normalizeDelivery(
  input: Request | WebhookInput,
  maxBytes?: number,
): Promise<NormalizedDelivery> {
  return {
    rawBody: isRequest(input) ? await readRawBody(input, maxBytes) : input.rawBody,
    headers: input.headers,
    url: input.url,
  };
}

/** True for a Fetch `Request` (also across realms, where `instanceof` fails). */
export function isRequest(value: unknown): value is Request {
  if (typeof Request !== 'undefined' && value instanceof Request) return true;
  const v = value as Partial<Request> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.arrayBuffer === 'function' &&
    typeof v.url === 'string' &&
    typeof v.method === 'string' &&
    typeof v.headers === 'object'
  );
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The body as text (UTF-8). */
export function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : decoder.decode(body);
}
