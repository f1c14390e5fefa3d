/**
 * The one secret scrubber: every error any client throws or emits passes through {@link scrubError} in the HTTP
 * layer, whatever the provider. It covers every field an error carries — `message`, `stack`, `title`, `detail`,
 * `body` at any depth, `invalidParameters`, `issues`, `requestId`, headers, the `cause` chain (and an
 * `AggregateError`'s `errors`) — and every spelling of each secret a provider might echo (as is, with literal
 * `\n`, URL-encoded, JSON-escaped). It also masks phone numbers in every one of those fields
 * ({@link maskPhoneNumbers}): the request's recipient in any spelling, and any number in E.164 form, so a
 * provider answer that names the recipient reads like the library's own messages (`+447*******23`).
 *
 * The walk is iterative (an explicit stack, no recursion), so no nesting depth lets a secret through or
 * overflows the call stack; every object is visited once (cycles and shared references included), so the cost
 * is linear in the size of the error times the number of secret spellings.
 * @internal
 */
import { maskPhoneNumbers, recipientPatterns } from './phone-mask.js';
import { REDACTED, redactText, SECRET_HEADERS, secretSpellings } from './redact.js';

/**
 * The credentials inside auth header values, to scrub as well as the values themselves: the token of
 * `Bearer <token>` (an application JWT, an access token), the `base64(key:secret)` of `Basic` and its decoded
 * `key:secret`.
 */
export function credentialsOf(headerValue: string): string[] {
  const out = [headerValue];
  const match = /^\s*(bearer|basic)\s+(\S+)\s*$/i.exec(headerValue);
  if (match?.[2]) {
    out.push(match[2]);
    if (match[1]?.toLowerCase() === 'basic') {
      try {
        out.push(atob(match[2]));
      } catch {
        // Not base64: the value itself is scrubbed.
      }
    }
  }
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * One iterative walk: `clean(v)` returns the scrubbed value (strings replaced, plain objects and arrays copied,
 * errors scrubbed in place) and queues the children; `run()` drains the queue. `text` is what every string
 * (values, keys, header values) becomes.
 */
class Walk {
  readonly #text: (text: string) => string;
  readonly #seen = new Map<object, unknown>();
  readonly #queue: (() => void)[] = [];

  constructor(text: (text: string) => string) {
    this.#text = text;
  }

  clean(value: unknown): unknown {
    if (typeof value === 'string') return this.#text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (this.#seen.has(value)) return this.#seen.get(value);
    if (value instanceof Error) {
      this.#seen.set(value, value);
      this.#queue.push(() => this.#error(value));
      return value;
    }
    if (typeof Headers !== 'undefined' && value instanceof Headers) {
      const out = new Headers();
      this.#seen.set(value, out);
      for (const [name, v] of value) {
        out.set(name, SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : this.#text(v));
      }
      return out;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = new Array(value.length);
      this.#seen.set(value, out);
      this.#queue.push(() => {
        for (let i = 0; i < value.length; i++) out[i] = this.clean(value[i]);
      });
      return out;
    }
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    this.#seen.set(value, out);
    this.#queue.push(() => {
      for (const [key, v] of Object.entries(value)) {
        const k = this.#text(key);
        out[k] = SECRET_HEADERS.has(k.toLowerCase()) && typeof v === 'string' ? REDACTED : this.clean(v);
      }
    });
    return out;
  }

  /** Scrubs every own property of an error in place (`message` and `stack` are own, non-enumerable). */
  #error(error: Error): void {
    for (const key of Object.getOwnPropertyNames(error)) {
      const descriptor = Object.getOwnPropertyDescriptor(error, key);
      if (!descriptor) continue;
      const current =
        'value' in descriptor ? descriptor.value : (error as unknown as Record<string, unknown>)[key];
      if (typeof current !== 'string' && (typeof current !== 'object' || current === null)) continue;
      const clean = this.clean(current);
      if (clean === current) continue;
      try {
        if ('value' in descriptor) Object.defineProperty(error, key, { ...descriptor, value: clean });
        else (error as unknown as Record<string, unknown>)[key] = clean;
      } catch {
        // A frozen foreign error: nothing to rewrite in place.
      }
    }
  }

  run(): void {
    for (let task = this.#queue.pop(); task; task = this.#queue.pop()) task();
  }
}

/**
 * A copy of `value` without any secret (errors inside are scrubbed in place); see the module docs. Phone numbers
 * are kept: this is for success answers, whose numbers (a Meta `contacts[].wa_id`) are the app's own data.
 */
export function scrubValue<T>(value: T, secrets: Iterable<string | undefined>): T {
  const spellings = secretSpellings(secrets);
  if (spellings.length === 0) return value;
  const walk = new Walk((text) => redactText(text, spellings));
  const out = walk.clean(value);
  walk.run();
  return out as T;
}

/**
 * Removes every spelling of every secret from every field of `error`, its `cause` chain included, in place, and
 * masks every phone number there (`recipients` in any spelling, other numbers in E.164 form); returns the
 * error. See the module docs.
 */
export function scrubError<E extends Error>(
  error: E,
  secrets: Iterable<string | undefined>,
  recipients: Iterable<string | undefined> = [],
): E {
  const spellings = secretSpellings(secrets);
  const patterns = recipientPatterns(recipients);
  // Secrets first: a phone-like run inside a secret must not leave the rest of the secret unreplaced.
  const walk = new Walk((text) => maskPhoneNumbers(redactText(text, spellings), patterns));
  walk.clean(error);
  walk.run();
  return error;
}
