import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSha256, Sha256 } from '../../../src/core/media/sha256.js';

async function reference(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('Sha256 (incremental)', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(
      new Sha256()
        .update(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))
        .hex(),
    ).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals Web Crypto for any bytes split into any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat({ max: 600 }), { maxLength: 8 }),
        async (bytes, cuts) => {
          const hash = new Sha256();
          let at = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            const to = Math.min(cut, bytes.length);
            if (to > at) hash.update(bytes.subarray(at, to));
            at = Math.max(at, to);
          }
          hash.update(bytes.subarray(at));
          expect(hash.hex()).toBe(await reference(bytes));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses update() after hex()', () => {
    const h = new Sha256();
    h.hex();
    expect(() => h.update(new Uint8Array(1))).toThrow(/after hex/);
  });
});

describe('normalizeSha256', () => {
  const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
  it('accepts Meta hex (any case) and base64 (the webhook form), returning lower-case hex', () => {
    expect(normalizeSha256(hex.toUpperCase())).toBe(hex);
    const b64 = Buffer.from(hex, 'hex').toString('base64');
    expect(normalizeSha256(b64)).toBe(hex);
    expect(normalizeSha256(b64.replace(/=$/, '').replace(/\+/g, '-').replace(/\//g, '_'))).toBe(hex);
  });
  it('leaves anything else unchecked (undefined) rather than refusing good bytes', () => {
    expect(normalizeSha256('IMAGE_HASH')).toBeUndefined();
    expect(normalizeSha256(hex.slice(2))).toBeUndefined();
    expect(normalizeSha256(undefined)).toBeUndefined();
  });
});
