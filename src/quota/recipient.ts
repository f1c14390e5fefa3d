/**
 * The key a recipient is tracked under: the digits of its E.164 number, so `+44 7700 900123`, `447700900123`
 * (as webhooks send it) and `+447700900123` are one user. Identifiers that are not phone numbers are kept as
 * given (trimmed).
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { phoneDigits } from '../core/phone.js';

/** Normalises a recipient to its tracking key; throws {@link ValidationError} when empty. */
export function recipientKey(recipient: string, path = 'recipient'): string {
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
