import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase64Url } from '../../src/jwt/base64url.js';
import { readPrivateKeyPem, wrapPkcs1InPkcs8 } from '../../src/jwt/index.js';
import { derLength, readTlv } from '../../src/jwt/keys.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs1Der = privateKey.export({ type: 'pkcs1', format: 'der' });
const pkcs8Der = privateKey.export({ type: 'pkcs8', format: 'der' });
const pkcs1Pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

describe('PKCS#1 to PKCS#8 wrapping (pure DER)', () => {
  it("produces exactly the bytes OpenSSL produces for the same key's PKCS#8 form", () => {
    expect(Buffer.from(wrapPkcs1InPkcs8(new Uint8Array(pkcs1Der)))).toEqual(pkcs8Der);
  });

  it('the wrapped key is readable by an independent parser', () => {
    const parsed = readPrivateKeyPem(pkcs1Pem);
    expect(parsed.format).toBe('pkcs1');
    const key = createPrivateKey({ key: Buffer.from(parsed.pkcs8), format: 'der', type: 'pkcs8' });
    expect(key.export({ type: 'pkcs1', format: 'der' })).toEqual(pkcs1Der);
  });

  it('passes PKCS#8 through unchanged', () => {
    const parsed = readPrivateKeyPem(pkcs8Pem);
    expect(parsed.format).toBe('pkcs8');
    expect(Buffer.from(parsed.pkcs8)).toEqual(pkcs8Der);
  });

  it.each([
    [0, [0x00]],
    [127, [0x7f]],
    [128, [0x81, 0x80]],
    [255, [0x81, 0xff]],
    [256, [0x82, 0x01, 0x00]],
    [65_536, [0x83, 0x01, 0x00, 0x00]],
  ])('DER length %i is encoded as %j', (length, bytes) => {
    expect(derLength(length)).toEqual(bytes);
  });

  it('readTlv reads short and long lengths and refuses overruns', () => {
    expect(readTlv(new Uint8Array([0x04, 0x02, 0xaa, 0xbb]), 0)).toEqual({ tag: 4, start: 2, end: 4 });
    const long = new Uint8Array([0x04, 0x81, 0x80, ...new Array(128).fill(1)]);
    expect(readTlv(long, 0)).toEqual({ tag: 4, start: 3, end: 131 });
    expect(readTlv(new Uint8Array([0x04, 0x05, 0xaa]), 0)).toBeUndefined();
    expect(readTlv(new Uint8Array([0x04, 0x80]), 0)).toBeUndefined();
    expect(readTlv(new Uint8Array([0x04]), 0)).toBeUndefined();
  });

  it('refuses a PEM whose body is not an RSAPrivateKey/PrivateKeyInfo sequence', () => {
    const fake = `-----BEGIN RSA PRIVATE KEY-----\n${Buffer.from('hello world!').toString('base64')}\n-----END RSA PRIVATE KEY-----`;
    expect(() => readPrivateKeyPem(fake)).toThrow(/not valid base64 DER/);
    const mismatched = pkcs8Pem.replace('-----END PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----');
    expect(() => readPrivateKeyPem(mismatched)).toThrow(/not a PEM private key/);
  });
});

describe('bytesToBase64Url', () => {
  it('encodes every length and byte value exactly as Node does (RFC 7515 base64url, no padding)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(bytesToBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
      { numRuns: 500 },
    );
    for (let n = 0; n <= 6; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => 250 + i);
      expect(bytesToBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
  });
});
