/**
 * Base64url without padding (RFC 7515 section 2, RFC 4648 section 5), the encoding of every JWT segment, both
 * ways, on plain tables: no binary strings, `atob`/`btoa` or replacements in between.
 *
 * Decoding is strict, as a verifier must be: only the 64 characters of the URL-safe alphabet, no padding, no white
 * space, no length that leaves a lone character (`length % 4 === 1`), and canonical trailing bits (the unused low
 * bits of the last character are zero), so each byte string has exactly one accepted spelling. `atob` and
 * `Uint8Array.fromBase64` accept padding, non-canonical endings and (`atob`) white space.
 * @internal
 * @module
 */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** ASCII code -> its 6-bit value in {@link BASE64URL}, or -1 for every other character. */
const SEXTETS: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE64URL.length; i++) table[BASE64URL.charCodeAt(i)] = i;
  return table;
})();

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

/** The 6-bit value of the character at `i`, or -1 when it is not in the base64url alphabet. */
function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? SEXTETS[code]! : -1;
}

/**
 * The bytes a strict base64url text (see the module comment) spells, or `undefined` when it is not one. Linear in
 * the length of the text. @internal
 */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  const tail = text.length % 4;
  if (tail === 1) return undefined;
  const out = new Uint8Array((text.length * 3) >> 2);
  const whole = text.length - tail;
  // A character outside the alphabet is -1, which sets the sign bit of `seen`: one check per text, not per byte.
  let seen = 0;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    const d = sextet(text, i + 3);
    seen |= a | b | c | d;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = n >> 8;
    out[o++] = n;
  }
  if (tail === 2) {
    const a = sextet(text, whole);
    const b = sextet(text, whole + 1);
    // Two characters carry 12 bits for one byte: the low 4 bits of the second must be zero.
    seen |= a | b | -(b & 15);
    out[o] = (a << 2) | (b >> 4);
  } else if (tail === 3) {
    const a = sextet(text, whole);
    const b = sextet(text, whole + 1);
    const c = sextet(text, whole + 2);
    // Three characters carry 18 bits for two bytes: the low 2 bits of the third must be zero.
    seen |= a | b | c | -(c & 3);
    const n = (a << 10) | (b << 4) | (c >> 2);
    out[o++] = n >> 8;
    out[o] = n;
  }
  return seen < 0 ? undefined : out;
}
