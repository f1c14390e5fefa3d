/**
 * Edges of src/webhooks/verify.ts that mutation testing found unguarded (docs/testing.md): the exact form of the
 * Meta signature header and the Gupshup shared-secret header, which bytes are well-formed UTF-8 for the escaped
 * retry, and the reason given with no secret or an unknown provider.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeNonAsciiBytes, hasSecretFor, verifyWebhook } from '../../src/webhooks/verify.js';

const APP_SECRET = 'meta-app-secret-0123456789';
const BODY = '{"object":"whatsapp_business_account","entry":[]}';
const HEX = createHmac('sha256', APP_SECRET).update(BODY).digest('hex');

const meta = (signature: string) =>
  verifyWebhook('meta', {
    rawBody: BODY,
    headers: { 'x-hub-signature-256': signature },
    appSecret: APP_SECRET,
  });
const gupshup = (authorization: string) =>
  verifyWebhook('gupshup', { rawBody: BODY, headers: { authorization }, sharedSecret: 's3cret-value' });

describe('the Meta signature header is exactly `sha256=<64 hex>`, spaces around allowed', () => {
  it('accepts the exact form and surrounding spaces', async () => {
    expect((await meta(`sha256=${HEX}`)).valid).toBe(true);
    expect((await meta(`  sha256=${HEX}  `)).valid).toBe(true);
  });

  it.each([
    ['a prefix', `xsha256=${HEX}`],
    ['a suffix', `sha256=${HEX}zz`],
    ['a trailing word', `sha256=${HEX} x`],
  ])('refuses %s as malformed', async (_what, signature) => {
    expect(await meta(signature)).toMatchObject({ valid: false, reason: 'malformed_header' });
  });

  it('a blank header is missing, not malformed', async () => {
    expect(await meta('   ')).toMatchObject({ valid: false, reason: 'missing_header' });
  });
});

describe('the Gupshup shared secret, plain or after `Bearer`', () => {
  it('accepts it with surrounding spaces and after several spaces', async () => {
    expect((await gupshup('  s3cret-value  ')).valid).toBe(true);
    expect((await gupshup('Bearer    s3cret-value')).valid).toBe(true);
  });

  it('refuses anything before the scheme and anything after a line break', async () => {
    expect(await gupshup('xBearer s3cret-value')).toMatchObject({ valid: false, reason: 'token_mismatch' });
    expect(await gupshup('Bearer s3cret-value\nx')).toMatchObject({ valid: false, reason: 'token_mismatch' });
  });
});

describe('escapeNonAsciiBytes accepts only well-formed UTF-8', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : b);

  it('escapes 2-, 3- and 4-byte sequences as Meta does', () => {
    expect(text(escapeNonAsciiBytes(new TextEncoder().encode('aé€👋')))).toBe(
      'a\\u00e9\\u20ac\\ud83d\\udc4b',
    );
  });

  it.each([
    ['a continuation byte as lead', [0x80]],
    ['an overlong lead 0xc0', [0xc0, 0x80]],
    ['an overlong lead 0xc1', [0xc1, 0xbf]],
    ['a lead above 0xf4', [0xf5, 0x80, 0x80, 0x80]],
    ['0xff', [0xff, 0x80]],
    ['a bad continuation byte', [0xc3, 0x41]],
    ['a truncated sequence', [0x61, 0xe2, 0x82]],
    ['an encoded surrogate (U+DFFF)', [0xed, 0xbf, 0xbf]],
    ['an encoded surrogate (U+D800)', [0xed, 0xa0, 0x80]],
    // Leads that are continuation bytes or above 0xf4 would decode to a valid code point if read as leads.
    ['0xbf read as a 2-byte lead', [0xbf, 0xbf]],
    ['0xbf read as a 3-byte lead', [0xbf, 0xbf, 0xbf]],
    ['0x84 read as a 4-byte lead', [0x84, 0x8f, 0xbf, 0xbf]],
    ['0xf8 read as a 4-byte lead', [0xf8, 0x90, 0x80, 0x80]],
  ])('refuses %s', (_what, b) => {
    expect(escapeNonAsciiBytes(bytes(...b))).toBeUndefined();
  });
});

describe('reasons', () => {
  it('nexmo with no secret and no header is missing_secret, not missing_header', async () => {
    expect(await verifyWebhook('nexmo', { rawBody: BODY, headers: {}, signatureSecret: '' })).toMatchObject({
      valid: false,
      reason: 'missing_secret',
    });
  });

  it('an unknown provider is refused as missing_secret, and has no secret', async () => {
    expect(await verifyWebhook('acme' as never, { rawBody: BODY, headers: {} })).toMatchObject({
      valid: false,
      reason: 'missing_secret',
    });
    expect(hasSecretFor('acme' as never, { appSecret: 'x', signatureSecret: 'y', sharedSecret: 'z' })).toBe(
      false,
    );
  });
});
