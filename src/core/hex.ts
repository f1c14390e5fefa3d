/**
 * Lowercase hex of bytes, the one encoder behind every digest the SDK prints or compares: webhook HMACs and
 * SHA-256 hashes, media SHA-256 checks, Redis script digests.
 * @module
 */

/** `HEX[b]` is the two lowercase hex digits of the byte `b`. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}
