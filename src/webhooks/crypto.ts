/**
 * Web Crypto helpers shared by webhook verification and test signing: hex encoding, SHA-256, HMAC-SHA256 keys and
 * digests, and comparisons that do not exit early.
 * @module
 */
import { toHex } from '../core/hex.js';
import { createKeyCache } from '../core/key-cache.js';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string; bytes are returned as they are. */
export function toBytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return (typeof data === 'string' ? encoder.encode(data) : data) as Uint8Array<ArrayBuffer>;
}

export { toHex };

/** SHA-256 of the bytes (UTF-8 for strings) as lowercase hex. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', toBytes(data))));
}

/** How many imported HMAC keys are kept (one per configured app secret; a process has one or a few). */
const HMAC_KEY_CACHE_SIZE = 16;

/**
 * Secret -> its imported, non-extractable HMAC `CryptoKey`, so each delivery costs one HMAC, not a key import
 * plus an HMAC; failed imports are not kept.
 */
const cachedHmacKey = createKeyCache(HMAC_KEY_CACHE_SIZE, (secret) =>
  crypto.subtle.importKey('raw', toBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]),
);

/**
 * The imported HMAC-SHA256 key of a secret (UTF-8 bytes), for `crypto.subtle.sign` and `crypto.subtle.verify`,
 * imported once per secret: Meta and CleverTap deliveries, and the HS256 tokens of Vonage signed webhooks.
 */
export function hmacKey(secret: string): Promise<CryptoKey> {
  return cachedHmacKey(secret).imported;
}

/**
 * HMAC-SHA256 of the bytes (UTF-8 for strings) keyed with `secret`, as lowercase hex.
 *
 * Once the secret's key is imported, the Web Crypto job starts inside this call rather than a microtask later:
 * on Node, `crypto.subtle.sign` hands it to libuv's thread pool synchronously, so a caller that keeps this
 * thread busy before awaiting the result (the webhook handler parses the body meanwhile) runs both at once.
 */
export function hmacSha256Hex(secret: string, data: string | Uint8Array): Promise<string> {
  const entry = cachedHmacKey(secret);
  const bytes = toBytes(data);
  const { key } = entry;
  const mac = key
    ? crypto.subtle.sign('HMAC', key, bytes)
    : entry.imported.then((imported) => crypto.subtle.sign('HMAC', imported, bytes));
  return mac.then((digest) => toHex(new Uint8Array(digest)));
}

/**
 * Compares two strings of equal length without exiting at the first difference. Different lengths return
 * false at once: use it for fixed-length values (digests); hash variable-length secrets first
 * ({@link secretsEqual}).
 */
export function timingSafeEqualString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Compares two secrets in constant time, length included, by comparing their SHA-256 digests. */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256Hex(a), sha256Hex(b)]);
  return timingSafeEqualString(x, y) && a.length === b.length;
}
