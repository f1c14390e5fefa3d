/**
 * Tolerant field readers shared by the wire-format parsers. Every reader takes `unknown` and returns a value of
 * the wanted type or `undefined`; none of them throws.
 * @module
 */
import { isRecord } from '../../core/record.js';
import type { DeliveryStatus, OrderDetails } from '../../core/webhook-event.js';

/** A plain JSON object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** An array, or an empty array. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string; finite numbers become strings (ids and codes arrive as either). */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  return undefined;
}

/** A string, empty allowed (reaction emojis are empty when removed). */
export function strOrEmpty(value: unknown): string | undefined {
  return typeof value === 'string' ? value : str(value);
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * Whether `text` is 1 to 15 ASCII digits: the common case (Meta's unix-second timestamps, `"1750263773"`), which
 * `NUMERIC` accepts and `Number()` reads exactly, checked without running the regular expression.
 */
function isShortDigits(text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A finite number; numeric strings (`"-122.425332"`, `"0.0333"`) become numbers. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && (isShortDigits(value) || NUMERIC.test(value))) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A byte count: a non-negative safe integer, from a number or a numeric string (`"303833"`). */
export function wholeBytes(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Unix times above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const MS_THRESHOLD = 1e11;
/** `YYYY-MM-DDThh:mm[:ss[.fff…]]Z` exactly: a string `UTC_SPACED` matches and would rebuild unchanged. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;
const UTC_SPACED = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(UTC|GMT|Z)?$/i;

/**
 * Reads a timestamp in any of the forms providers send: ISO 8601 (`2020-01-01T14:00:00.000Z`), Vonage's
 * `2020-01-01 14:00:00 UTC`, unix seconds (Meta, as a string) and unix milliseconds (Gupshup). Returns
 * undefined for anything else, or for a date outside the range `Date` can hold.
 */
export function parseTimestamp(value: unknown): Date | undefined {
  // Unix seconds as a digit string (Meta's `"1750263773"`, once per message and status of a batch): read without
  // running either regular expression; the same value as through `num` below. At most 15 digits is below 1e15
  // ms (or 1e14 ms from seconds), inside the +-8.64e15 ms a `Date` holds, so the `Date` is always valid.
  if (typeof value === 'string' && isShortDigits(value)) return new Date(unixMs(Number(value)));
  let ms: number | undefined;
  // The canonical form (`2020-01-01T14:00:00.000Z`, as Vonage v0.1 and v1 send it) is what the spaced-form branch
  // below would rebuild character for character: parse it as it is.
  if (typeof value === 'string' && ISO_UTC.test(value)) return dateOf(Date.parse(value));
  const n = num(value);
  if (n !== undefined) {
    ms = unixMs(n);
  } else if (typeof value === 'string') {
    const text = value.trim();
    const spaced = UTC_SPACED.exec(text);
    // A date and time with no zone, or with a UTC/GMT word, is UTC (that is what Vonage means).
    ms = spaced
      ? Date.parse(`${spaced[1]}T${spaced[2]}Z`)
      : /\d{4}-\d{2}-\d{2}/.test(text)
        ? Date.parse(text)
        : NaN;
  }
  return ms === undefined ? undefined : dateOf(ms);
}

/** A unix time in ms: values from {@link MS_THRESHOLD} up are ms already, smaller ones are seconds. */
function unixMs(n: number): number {
  return Math.abs(n) >= MS_THRESHOLD ? n : n * 1000;
}

/** The `Date` of a time in ms, or undefined when it is not finite or outside the range `Date` holds. */
function dateOf(ms: number): Date | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `T` with every property that may be undefined made optional (and never undefined). */
export type Compact<T> = {
  [K in keyof T as unknown extends T[K] ? K : undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as unknown extends T[K] ? never : undefined extends T[K] ? K : never]?: Exclude<
    T[K],
    undefined
  >;
};

/** Returns a copy of `object` without its `undefined` values (the event types use exact optional fields). */
export function compact<T extends Record<string, unknown>>(object: T): Compact<T> {
  const out: Record<string, unknown> = {};
  // for...in over the literal objects built by the parsers (no inherited enumerable keys): no entries array.
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const value = object[key];
    if (value !== undefined) out[key] = value;
  }
  return out as Compact<T>;
}

/**
 * Sets `target[key]` to `value` unless it is undefined: events carry no undefined fields. Hot parsers build their
 * events with it, field by field in the order `compact()` would keep, instead of copying a literal.
 */
export function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Whether `object` has at least one own enumerable key. */
export function hasKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

/** Returns `object` compacted, or undefined when it has no defined value at all. */
export function compactOrUndefined<T extends Record<string, unknown>>(object: T): Compact<T> | undefined {
  const out = compact(object);
  return hasKeys(out) ? out : undefined;
}

/** Normalised status for a provider's status word; unknown words map to `unknown`. */
export function mapStatus(
  word: string | undefined,
  table: Readonly<Record<string, DeliveryStatus>>,
): DeliveryStatus {
  if (!word) return 'unknown';
  // The tables' keys are lowercase: a word found as it is needs no lowercased copy.
  if (Object.hasOwn(table, word)) return table[word] ?? 'unknown';
  const lower = word.toLowerCase();
  return Object.hasOwn(table, lower) ? (table[lower] ?? 'unknown') : 'unknown';
}

/**
 * Reads a WhatsApp order (`catalog_id`, optional `text`, `product_items[]`), as Meta sends it and Vonage v1 passes
 * it through. Items without a `product_retailer_id` are dropped; numbers may arrive as strings.
 */
export function readOrder(order: Record<string, unknown> | undefined): OrderDetails {
  return compact({
    catalogId: str(order?.catalog_id),
    text: str(order?.text),
    items: asArray(order?.product_items).flatMap((entry) => {
      const item = asRecord(entry);
      const productId = str(item?.product_retailer_id);
      if (!productId) return [];
      return [
        compact({
          productId,
          quantity: num(item?.quantity),
          price: num(item?.item_price),
          currency: str(item?.currency),
        }),
      ];
    }),
  });
}
