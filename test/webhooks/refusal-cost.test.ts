/**
 * Refusing a bad Meta signature costs the same order of CPU for any body (issue "Hostile input and bad days",
 * item 8). The bytes as received are verified first; the `\uXXXX`-escaped fallback runs only where it can
 * apply (the body has non-ASCII bytes and is valid UTF-8, as everything Meta sends is) and at most once, over at
 * most three times the body's bytes. No timing here: the test counts HMAC computations and the bytes they
 * cover (bench/cases/webhook-refusal.ts measures the time).
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeNonAscii, verifyWebhook } from '../../src/webhooks/index.js';
import { escapeNonAsciiBytes } from '../../src/webhooks/verify.js';

const SECRET = 'refusal-cost-app-secret-0123456789';
const BAD = { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` };
const MB3 = 3 * 1024 * 1024;

/** Every HMAC computed through Web Crypto, with the number of bytes it covered. */
function countHmacs(): number[] {
  const sizes: number[] = [];
  const real = crypto.subtle.sign.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'sign').mockImplementation(async (algorithm, key, data) => {
    sizes.push((data as ArrayBufferView).byteLength);
    return real(algorithm, key, data);
  });
  return sizes;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** A JSON body of about `bytes` bytes whose text is `unit` repeated. */
function body(unit: string, bytes: number): string {
  const size = new TextEncoder().encode(unit).length;
  return JSON.stringify({ object: 'whatsapp_business_account', text: unit.repeat(Math.ceil(bytes / size)) });
}

describe('refusing a bad signature', () => {
  it('an ASCII body: one HMAC over the bytes, no decoding, no escaped retry', async () => {
    const hmacs = countHmacs();
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    for (const raw of [new TextEncoder().encode(body('a', MB3)), body('a', MB3)]) {
      const result = await verifyWebhook('meta', { rawBody: raw, headers: BAD, appSecret: SECRET });
      expect(result).toMatchObject({ valid: false, reason: 'signature_mismatch' });
    }
    const size = body('a', MB3).length;
    expect(hmacs).toEqual([size, size]);
    expect(decode).not.toHaveBeenCalled();
  });

  it('a 3 MB non-ASCII body: the bytes, then the escaped form once, over at most 3x the bytes', async () => {
    const hmacs = countHmacs();
    const raw = new TextEncoder().encode(body('é', MB3));
    const result = await verifyWebhook('meta', { rawBody: raw, headers: BAD, appSecret: SECRET });
    expect(result).toMatchObject({ valid: false, reason: 'signature_mismatch' });
    expect(hmacs).toHaveLength(2);
    expect(hmacs[0]).toBe(raw.byteLength);
    expect(hmacs[1]).toBeLessThanOrEqual(3 * raw.byteLength);
  });

  it('bytes that are not UTF-8 (so Meta cannot have signed an escaped form of them): no fallback', async () => {
    const hmacs = countHmacs();
    const raw = new Uint8Array(MB3).fill(0xe9); // Latin-1 "é", not valid UTF-8
    raw.set(new TextEncoder().encode('{"object":"x","t":"'), 0);
    const result = await verifyWebhook('meta', { rawBody: raw, headers: BAD, appSecret: SECRET });
    expect(result).toMatchObject({ valid: false, reason: 'signature_mismatch' });
    expect(hmacs).toEqual([raw.byteLength]);
  });

  it('a valid signature over the raw bytes costs one HMAC', async () => {
    const hmacs = countHmacs();
    const raw = body('ñ', 10_000);
    const headers = {
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`,
    };
    expect(await verifyWebhook('meta', { rawBody: raw, headers, appSecret: SECRET })).toEqual({
      valid: true,
    });
    expect(hmacs).toHaveLength(1);
  });
});

describe('the escaped-unicode fallback still accepts what Meta signs', () => {
  it.each([
    ['Latin', 'Olá, você está bem? ¿Qué tal? Grüße'],
    ['astral (surrogate pairs)', 'wave 👋 and 😀 and 𝄞'],
    ['CJK and RTL', '你好，世界 مرحبا بالعالم'],
    ['every width at once', 'a\u007fé\u07ffप\uffff😀\u0080'],
  ])('%s: a signature over the escaped form verifies the unescaped body', async (_, text) => {
    const raw = JSON.stringify({ object: 'whatsapp_business_account', text });
    const escaped = escapeNonAscii(raw);
    const headers = {
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(escaped).digest('hex')}`,
    };
    expect(await verifyWebhook('meta', { rawBody: raw, headers, appSecret: SECRET })).toEqual({
      valid: true,
    });
    expect(
      await verifyWebhook('meta', { rawBody: new TextEncoder().encode(raw), headers, appSecret: SECRET }),
    ).toEqual({ valid: true });
  });
});

describe('escaping from the bytes', () => {
  it('equals escapeNonAscii of the decoded text for any well-formed text', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        // Lone surrogates become U+FFFD, as TextEncoder writes them.
        const wellFormed = text.replace(
          /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
          '\ufffd',
        );
        const bytes = escapeNonAsciiBytes(encoder.encode(wellFormed));
        expect(bytes && new TextDecoder().decode(bytes)).toBe(escapeNonAscii(wellFormed));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['an overlong 3-byte form', [0xe0, 0x80, 0xaf]],
    ['a UTF-8 encoded surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence', [0x61, 0xe2, 0x82]],
  ])('refuses %s', (_, bytes) => {
    expect(escapeNonAsciiBytes(new Uint8Array(bytes))).toBeUndefined();
  });
});
