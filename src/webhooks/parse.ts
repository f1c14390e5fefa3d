/**
 * `parseWebhook`: any provider's webhook body into normalised {@link WebhookEvent}s.
 * @module
 */
import { WebhookParseError } from '../core/errors.js';
import type { ProviderId } from '../core/provider.js';
import type { WebhookEvent } from '../core/webhook-event.js';
import type { ParseContext } from './parsers/context.js';
import { isGupshupV2Format, parseGupshupV2Payload } from './parsers/gupshup-v2.js';
import { isMetaFormat, parseMetaPayload } from './parsers/meta.js';
import { asRecord } from './parsers/util.js';
import { isVonageV01Format, parseVonageV01Payload } from './parsers/vonage-v0.1.js';
import { isVonageV1Format, parseVonageV1Payload } from './parsers/vonage-v1.js';
import { bodyText } from './request.js';
import type { WebhookFormat } from './types.js';

/**
 * Options of {@link parseWebhook}.
 * @inline
 */
export interface ParseWebhookOptions {
  /** Skip detection and read the body as this format. */
  format?: WebhookFormat | undefined;
  /** The event time used when a payload carries no readable timestamp. Default: now. */
  receivedAt?: Date | undefined;
}

const PARSERS: Readonly<
  Record<WebhookFormat, (body: Record<string, unknown>, ctx: ParseContext) => WebhookEvent[]>
> = {
  meta: parseMetaPayload,
  'gupshup-v2': parseGupshupV2Payload,
  'vonage-v0.1': parseVonageV01Payload,
  'vonage-v1': parseVonageV1Payload,
};

/**
 * Detects the wire format of a parsed webhook body: Meta format (Cloud API, CleverTap, Gupshup v3:
 * `object: "whatsapp_business_account"` + `entry`), Gupshup v2 (`version: 2` + string `type`), Vonage v1
 * (`channel` / `message_type`, string `to`), Vonage v0.1 (`to`/`from` objects, `message.content`). Returns
 * undefined for anything else.
 */
export function detectWebhookFormat(body: unknown): WebhookFormat | undefined {
  const record = asRecord(body);
  if (!record) return undefined;
  if (isMetaFormat(record)) return 'meta';
  if (isGupshupV2Format(record)) return 'gupshup-v2';
  if (isVonageV1Format(record)) return 'vonage-v1';
  if (isVonageV01Format(record)) return 'vonage-v0.1';
  return undefined;
}

/**
 * Whether `trim()` could remove the character with this code: every white space and line terminator it removes
 * is a control or space character (<= U+0020) or outside ASCII (U+00A0, U+FEFF, U+2028...).
 */
function maybeTrimmed(code: number): boolean {
  return code <= 0x20 || code >= 0x80;
}

/**
 * `text.trim()`, without its cost when there is nothing to trim: V8 copies the whole string even then (a second
 * copy of a 3 MiB body).
 */
function trimmed(text: string): string {
  if (text.length === 0) return text;
  return maybeTrimmed(text.charCodeAt(0)) || maybeTrimmed(text.charCodeAt(text.length - 1))
    ? text.trim()
    : text;
}

function toObject(body: unknown, provider: ProviderId): Record<string, unknown> {
  let value = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = trimmed(bodyText(body));
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new WebhookParseError(
        `The ${provider} webhook body is not valid JSON (${(error as Error).message}). Pass the raw request body ` +
          'exactly as received; form-encoded bodies (Gupshup v1) are not supported.',
        { provider, cause: error },
      );
    }
  }
  const record = asRecord(value);
  if (!record) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new WebhookParseError(`The ${provider} webhook body must be a JSON object, got ${what}.`, {
      provider,
    });
  }
  return record;
}

/**
 * Parses a webhook body from any provider into normalised events, in payload order. Pure and synchronous.
 *
 * - `body` is the raw text (or bytes) or an already parsed object.
 * - The format is detected (Vonage v0.1 / v1, Gupshup v2 / v3, Meta Cloud API, CleverTap); events report the
 *   `provider` you pass.
 * - A Meta batch yields one event per message, status and error of every change of every entry.
 * - Valid JSON in an unknown shape yields `{ kind: 'unknown', raw }`; nothing is dropped.
 * - Throws {@link WebhookParseError} only, and only when the body is not JSON or not a JSON object.
 *
 * @example
 * ```ts
 * import { parseWebhook } from 'waba-kit/webhooks';
 *
 * for (const event of parseWebhook('gupshup', rawBody)) {
 *   if (event.kind === 'message' && event.type === 'text') console.log(event.from, event.text);
 *   if (event.kind === 'status') console.log(event.messageId, event.status);
 * }
 * ```
 */
export function parseWebhook(
  provider: ProviderId,
  body: string | Uint8Array | Record<string, unknown> | unknown,
  options: ParseWebhookOptions = {},
): WebhookEvent[] {
  const record = toObject(body, provider);
  try {
    return parseRecord(provider, record, options);
  } catch {
    // The parsers read every field defensively; this is a last guard so that a payload shape nobody foresaw
    // still yields its data instead of an exception.
    return [{ kind: 'unknown', provider, raw: record }];
  }
}

/**
 * Like {@link parseWebhook} without the last guard: a parser failure nobody foresaw propagates, so the webhook
 * handler can refuse the whole delivery with a status the provider retries instead of answering 200 with its
 * events folded into one `unknown`. @internal
 */
export function parseWebhookStrict(provider: ProviderId, body: string | Uint8Array): WebhookEvent[] {
  return parseRecord(provider, toObject(body, provider), {});
}

function parseRecord(
  provider: ProviderId,
  record: Record<string, unknown>,
  options: ParseWebhookOptions,
): WebhookEvent[] {
  const format = options.format ?? detectWebhookFormat(record);
  if (!format) return [{ kind: 'unknown', provider, raw: record }];
  return PARSERS[format](record, new CallContext(provider, options.receivedAt));
}

/**
 * The parse context of one call. Without a given `receivedAt`, the clock is read the first time a payload lacks a
 * readable timestamp, and that one `Date` serves every event of the delivery: most deliveries carry their own
 * times. (A class: its getter lives on the prototype, where an object literal's would be rebuilt on every call.)
 */
class CallContext implements ParseContext {
  readonly provider: ProviderId;
  #receivedAt: Date | undefined;

  constructor(provider: ProviderId, receivedAt: Date | undefined) {
    this.provider = provider;
    this.#receivedAt = receivedAt;
  }

  get receivedAt(): Date {
    this.#receivedAt ??= new Date();
    return this.#receivedAt;
  }
}
