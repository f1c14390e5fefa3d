/**
 * The one record guard of the library, for code that reads untrusted JSON (webhook parsers, template checks,
 * provider responses, the sandbox's request validation).
 * @module
 */

/** Whether `value` is a plain JSON-like object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
