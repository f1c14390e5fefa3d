/**
 * The key a recipient is tracked under: the digits of its E.164 number, so `+44 7700 900123`, `447700900123`
 * (as webhooks send it) and `+447700900123` are one user. Identifiers that are not phone numbers are kept as
 * given (trimmed).
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { E164_MAX_DIGITS, E164_MIN_DIGITS, phoneDigits } from '../core/phone.js';

const PLUS = 0x2b;
const ZERO = 0x30;
const ONE = 0x31;
const NINE = 0x39;

/**
 * The key of a recipient already written in canonical form: `+` (or nothing) and then 8 to 15 digits, the first
 * 1-9. For such input the general normalisation (trim, strip separators, strip `+`, check) changes nothing but
 * the `+`, so one pass over the characters gives the same key without the regular expressions and the copies
 * (a quota decision on the memory store spent a fifth of its time there). `undefined` for anything else: the
 * general path decides.
 */
export function canonicalKey(recipient: string): string | undefined {
  const start = recipient.charCodeAt(0) === PLUS ? 1 : 0;
  const digits = recipient.length - start;
  if (digits < E164_MIN_DIGITS || digits > E164_MAX_DIGITS) return undefined;
  const first = recipient.charCodeAt(start);
  if (first < ONE || first > NINE) return undefined;
  for (let i = start + 1; i < recipient.length; i++) {
    const c = recipient.charCodeAt(i);
    if (c < ZERO || c > NINE) return undefined;
  }
  return start === 0 ? recipient : recipient.slice(1);
}

/** Normalises a recipient to its tracking key; throws {@link ValidationError} when empty. */
export function recipientKey(recipient: string, path = 'recipient'): string {
  if (typeof recipient === 'string') {
    const key = canonicalKey(recipient);
    if (key !== undefined) return key;
  }
  if (typeof recipient !== 'string' || recipient.trim() === '') {
    throw new ValidationError(`Invalid ${path}: expected a phone number such as +447700900123.`, {
      issues: [{ code: 'recipient.invalid', path: [path], message: 'expected a non-empty phone number' }],
    });
  }
  // One normalisation: phoneDigits throws exactly when isValidPhone is false (isValidPhone is that try/catch).
  try {
    return phoneDigits(recipient);
  } catch {
    return recipient.trim();
  }
}
