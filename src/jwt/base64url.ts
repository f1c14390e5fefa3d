/**
 * Base64url without padding (RFC 7515 section 2, RFC 4648 section 5), the encoding of every JWT segment, both
 * ways: encoded through a table, decoded by `atob` behind a strict check.
 *
 * Decoding is strict, as a verifier must be: only the 64 characters of the URL-safe alphabet, no padding, no white
 * space, no length that leaves a lone character (`length % 4 === 1`), and canonical trailing bits (the unused low
 * bits of the last character are zero), so each byte string has exactly one accepted spelling. `atob` and
 * `Uint8Array.fromBase64` accept padding, non-canonical endings and (`atob`) white space.
 * @internal
 * @module
 */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Base64url without padding: three bytes to four characters through a table (a binary string, `btoa` and
 * replacements took about 15 µs of each signature in a CPU profile). @internal
 */
export function bytesToBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]! + BASE64URL[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += BASE64URL[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * The bytes a strict base64url text (see the module comment) spells, or `undefined` when it is not one. Linear in
 * the length of the text. @internal
 */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  // The alphabet only (`\w` is `[A-Za-z0-9_]`), so no padding or white space, and no length that leaves a lone
  // character.
  if (!/^[\w-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // atob drops the unused low bits of the last character: a spelling that does not encode back to itself is not
  // the canonical one.
  return bytesToBase64Url(bytes) === text ? bytes : undefined;
}
