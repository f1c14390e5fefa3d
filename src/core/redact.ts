/**
 * Redaction helpers: secrets never reach an error message, a log line, `JSON.stringify` or `util.inspect`.
 * @module
 */

/** Header names whose values are credentials, lower-case. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'apikey',
  'api-key',
  'x-api-key',
  'x-clevertap-passcode',
  'cookie',
  'set-cookie',
  'proxy-authorization',
]);

/** The placeholder that replaces a secret. */
export const REDACTED = '[redacted]';

/** Returns a copy of `headers` with credential headers replaced by {@link REDACTED}. */
export function redactHeaders(headers: Headers | Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [key, value] of entries) out[key] = SECRET_HEADERS.has(key.toLowerCase()) ? REDACTED : value;
  return out;
}

/**
 * Masks a phone number for logs and error messages: keeps the first 3 and last 2 digits
 * (`+447700900123` -> `+447*******23`). Inputs that are not phone-like are masked whole.
 */
export function maskPhone(phone: string): string {
  const digits = String(phone).replace(/\D/g, '');
  if (digits.length < 6) return '***';
  const plus = String(phone).trim().startsWith('+') ? '+' : '';
  return `${plus}${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/** Secrets shorter than this are ignored: they would mangle ordinary text and are not worth hiding. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every spelling of each secret worth replacing, longest first (so `Basic abc...` goes before `abc...`): the
 * secret, with literal `\n` (keys pasted into environment variables carry them), URL-encoded, and JSON-escaped.
 */
export function secretSpellings(secrets: Iterable<string | undefined>): readonly string[] {
  const list = Array.from(secrets);
  const last = lastSpelled;
  if (list.length === last.secrets.length && list.every((secret, i) => secret === last.secrets[i]))
    return last.spellings;
  const spellings = Object.freeze(spell(list));
  lastSpelled = { secrets: list, spellings };
  return spellings;
}

/**
 * The last secrets list {@link secretSpellings} spelled out, and the result. A client asks for the same list on
 * every request (its config secrets and the credentials it sent: the URL of two events and the answer body are
 * scrubbed on each send), and spelling a PEM key out (URL and JSON escapes) each time was the largest single cost
 * of a send in a CPU profile. Compared element by element, so a new credential or another client's list is
 * spelled afresh; module-private, never enumerated or printed.
 */
let lastSpelled: { secrets: readonly (string | undefined)[]; spellings: readonly string[] } = {
  secrets: [],
  spellings: [],
};

function spell(secrets: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    out.add(secret);
    if (secret.includes('\n')) out.add(secret.replace(/\n/g, '\\n'));
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out.add(encoded);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out.add(escaped);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Replaces every spelling (from {@link secretSpellings}) in `text` with {@link REDACTED}. */
export function redactText(text: string, spellings: readonly string[]): string {
  let out = text;
  for (const spelling of spellings) if (out.includes(spelling)) out = out.split(spelling).join(REDACTED);
  return out;
}

/**
 * Replaces every spelling of each secret in `text` with {@link REDACTED}. Secrets shorter than 4 characters are
 * ignored (they would mangle ordinary text and are not worth hiding).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  return redactText(text, secretSpellings(secrets));
}

/** The symbol Node's `util.inspect` looks for; a global symbol, so no `node:util` import is needed. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Returns a shallow copy of a config object with the named secret fields replaced by {@link REDACTED}
 * (present ones only) and functions replaced by `[function]`.
 */
export function redactConfig<T extends object>(
  config: T,
  secretKeys: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (secretKeys.includes(key)) out[key] = REDACTED;
    else if (typeof value === 'function') out[key] = '[function]';
    else if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Date)
    ) {
      out[key] = '[object]';
    } else out[key] = value;
  }
  return out;
}
