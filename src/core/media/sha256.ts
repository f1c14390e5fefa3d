/**
 * An incremental SHA-256 (FIPS 180-4) in plain TypeScript. Web Crypto's `crypto.subtle.digest` hashes one buffer
 * at once, so checking a streamed download against the provider's hash without holding the whole file needs an
 * incremental one. Linear in the input; 64 bytes of buffer and a 64-word schedule whatever the input size.
 * @internal
 * @module
 */
import { toHex } from '../hex.js';

/**
 * The round constants, built on the first hash rather than at load: bundlers keep a module-level `new` (the
 * build's whitespace minification drops `@__PURE__` marks), so the table would ship in every bundle that imports
 * anything from this module, such as the webhook parsers' {@link normalizeSha256}.
 */
let K: Int32Array | undefined;

// Int32Array, not Uint32Array: words above 2^31 read from a Uint32Array become doubles and slow the rounds ~5x.
function roundConstants(): Int32Array {
  // biome-ignore format: the round constants read better in rows of eight
  return new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
}

/** Incremental SHA-256: `update()` with each chunk, then `hex()` once. */
export class Sha256 {
  readonly #h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  readonly #w = new Int32Array(64);
  readonly #block = new Uint8Array(64);
  #buffered = 0;
  #length = 0;
  #done = false;

  /** Adds bytes to the hash. */
  update(data: Uint8Array): this {
    if (this.#done) throw new Error('Sha256: update() after hex()');
    let offset = 0;
    this.#length += data.byteLength;
    if (this.#buffered > 0) {
      const take = Math.min(64 - this.#buffered, data.byteLength);
      this.#block.set(data.subarray(0, take), this.#buffered);
      this.#buffered += take;
      offset = take;
      if (this.#buffered < 64) return this;
      this.#compress(this.#block, 0);
      this.#buffered = 0;
    }
    while (data.byteLength - offset >= 64) {
      this.#compress(data, offset);
      offset += 64;
    }
    if (offset < data.byteLength) {
      this.#block.set(data.subarray(offset), 0);
      this.#buffered = data.byteLength - offset;
    }
    return this;
  }

  /** Finishes the hash and returns it as lower-case hex. */
  hex(): string {
    if (!this.#done) {
      const bits = this.#length * 8;
      const tail = new Uint8Array(this.#buffered < 56 ? 64 : 128);
      tail.set(this.#block.subarray(0, this.#buffered));
      tail[this.#buffered] = 0x80;
      const view = new DataView(tail.buffer);
      view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
      view.setUint32(tail.length - 4, bits >>> 0);
      this.#compress(tail, 0);
      if (tail.length === 128) this.#compress(tail, 64);
      this.#done = true;
    }
    let out = '';
    for (const word of this.#h) out += (word >>> 0).toString(16).padStart(8, '0');
    return out;
  }

  #compress(d: Uint8Array, at: number): void {
    K ??= roundConstants();
    const k = K;
    const w = this.#w;
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      w[i] =
        ((d[j] as number) << 24) |
        ((d[j + 1] as number) << 16) |
        ((d[j + 2] as number) << 8) |
        (d[j + 3] as number);
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    const h = this.#h;
    let a = h[0] as number;
    let b = h[1] as number;
    let c = h[2] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let dd = h[3] as number;
    let hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (k[i] as number) + (w[i] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (dd + t1) | 0;
      dd = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + b) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + dd) | 0;
    h[4] = ((h[4] as number) + e) | 0;
    h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0;
    h[7] = ((h[7] as number) + hh) | 0;
  }
}

/**
 * Normalises a provider's SHA-256 to lower-case hex. Meta's media endpoint answers hex while its webhooks have
 * carried base64 (both appear in public samples), so both are accepted: 64 hex digits, or 44 base64/base64url
 * characters that decode to 32 bytes. Anything else is `undefined` (not checked rather than wrongly refused).
 */
export function normalizeSha256(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return v.toLowerCase();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) return undefined;
  try {
    const binary = atob(v.replace(/-/g, '+').replace(/_/g, '/').padEnd(44, '='));
    if (binary.length !== 32) return undefined;
    return toHex(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
