/**
 * E.164 phone number normalisation. WhatsApp addresses users by their full international number; providers
 * differ only in whether they want the leading `+` (Meta accepts both, Vonage and Gupshup want digits).
 * @module
 */
import { ValidationError } from './errors.js';
import { maskPhone } from './redact.js';

/** E.164 allows at most 15 digits; the shortest real international numbers have 8 (country code included). */
export const E164_MIN_DIGITS = 8;
/** See {@link E164_MIN_DIGITS}. */
export const E164_MAX_DIGITS = 15;

/**
 * Normalises a phone number to E.164 with a leading `+` (`+447700900123`).
 *
 * Accepts a leading `+` or international `00` prefix, and spaces, dots, dashes and parentheses as separators
 * (`+44 (7700) 900-123`). Refuses anything else with a {@link ValidationError} (code `phone.invalid`) whose
 * message says what is wrong, masking the number.
 *
 * @param input - the number as typed by a user or stored in a CRM
 * @param path - where the number sits in the caller's input, for the error's issue path
 */
export function normalizePhone(input: string, path: (string | number)[] = ['to']): string {
  const fail = (why: string): never => {
    const shown = typeof input === 'string' ? maskPhone(input) : typeof input;
    const message = `Invalid phone number ${shown}: ${why}. Use the full international number in E.164 form, e.g. +447700900123 (country code first, no leading 0).`;
    throw new ValidationError(message, { issues: [{ code: 'phone.invalid', path, message }] });
  };
  if (typeof input !== 'string') return fail('expected a string');
  let s = input.trim().replace(/[\s.\-()]/g, '');
  if (s.startsWith('+')) s = s.slice(1);
  else if (s.startsWith('00')) s = s.slice(2);
  if (s.length === 0) return fail('it is empty');
  if (!/^\d+$/.test(s))
    return fail('it contains characters other than digits, spaces, dots, dashes and parentheses');
  if (s.startsWith('0'))
    return fail('an international number cannot start with 0 after the + (country codes start 1-9)');
  if (s.length < E164_MIN_DIGITS)
    return fail(`it has ${s.length} digits, at least ${E164_MIN_DIGITS} are needed`);
  if (s.length > E164_MAX_DIGITS)
    return fail(`it has ${s.length} digits, E.164 allows at most ${E164_MAX_DIGITS}`);
  return `+${s}`;
}

/** Normalises like {@link normalizePhone} and returns the digits only (`447700900123`), as Vonage and Gupshup want. */
export function phoneDigits(input: string, path?: (string | number)[]): string {
  return normalizePhone(input, path).slice(1);
}

/** True when {@link normalizePhone} would accept `input`. */
export function isValidPhone(input: unknown): input is string {
  if (typeof input !== 'string') return false;
  try {
    normalizePhone(input);
    return true;
  } catch {
    return false;
  }
}
