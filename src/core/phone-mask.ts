/**
 * Phone numbers in errors: a provider answer that names the recipient (Vonage's `invalid_parameters`, a Graph
 * `error_data.details`, a Gupshup `message`, a Meta `contacts[].input` in a refused 2xx) would otherwise put the
 * full number in `error.message`, `body`, `JSON.stringify(error)` and `util.inspect(error)`. The scrubber
 * (`scrubError`, src/core/scrub.ts) masks numbers here the way the library's own messages do ({@link maskPhone}:
 * `+447700900123` -> `+447*******23`):
 *
 * - the request's recipient, however the provider spells it: with or without `+` (every provider sends the bare
 *   digits), with up to two spaces, dots, dashes or brackets between digits (`+44 7700 900123`,
 *   `(447) 700-900-123`), inside a longer run of digits (`00447700900123`), after `%2B`;
 * - any other number written in E.164 form: a `+` and 7 to 15 digits, not inside a word or a base64 run (a `+`
 *   after a letter, a digit, `+` or `/` is base64, not a phone number).
 *
 * Bare digits that are not the recipient are left alone: ids, timestamps, error codes and the business's phone
 * number id are digit runs too.
 * @internal
 */
import { maskPhone } from './redact.js';

/** Fewest and most digits of a phone number in E.164 (country code included). */
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/** What may stand between two digits of a number as written by a person or a provider; up to two of them. */
const SEPARATOR = '[\\s.()\\-]{0,2}';

/** A number in E.164 form, not preceded by a base64 or word character and not followed by one. */
const E164 = new RegExp(
  `(?<![A-Za-z0-9+/])\\+[1-9]\\d{${MIN_DIGITS - 1},${MAX_DIGITS - 1}}(?![A-Za-z0-9])`,
  'g',
);

/**
 * The patterns that find `recipients` in text, one per distinct phone number (a BSUID or anything that is not
 * 7 to 15 digits, with an optional leading `+`, is not a phone number and gets none).
 */
export function recipientPatterns(recipients: Iterable<string | undefined>): RegExp[] {
  const digitsSeen = new Set<string>();
  for (const recipient of recipients) {
    if (typeof recipient !== 'string') continue;
    const match = /^\s*\+?(\d+)\s*$/.exec(recipient);
    const digits = match?.[1];
    if (!digits || digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) continue;
    digitsSeen.add(digits);
  }
  return [...digitsSeen].map((digits) => new RegExp(`\\+?${digits.split('').join(SEPARATOR)}`, 'g'));
}

/** `text` with every match of `patterns` (from {@link recipientPatterns}) and every E.164 number masked. */
export function maskPhoneNumbers(text: string, patterns: readonly RegExp[]): string {
  let out = text;
  for (const pattern of patterns) out = out.replace(pattern, maskPhone);
  return out.replace(E164, maskPhone);
}
