/**
 * Edges of src/webhooks/verify.ts that mutation testing found unguarded (docs/testing.md): the exact form of the
 * Meta signature header and the Gupshup shared-secret header, which bytes are well-formed UTF-8 for the escaped
 * retry, and the reason given with no secret or an unknown provider.
 */
import { createHash, createHmac } from 'node:crypto';
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

describe('every refusal comes with its own message (safe to log, docs/webhooks.md reasons)', () => {
  const SIGNING = 'vonage-signature-secret-0123456789';
  const NOW = 1_750_000_000;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** A Vonage signed-webhook JWT over BODY, valid unless `claims` / `header` say otherwise. */
  const jwt = (
    claims: Record<string, unknown> = {},
    header: Record<string, unknown> = {},
    secret = SIGNING,
  ) => {
    const hash = createHash('sha256').update(BODY).digest('hex');
    const head = b64({ alg: 'HS256', typ: 'JWT', ...header });
    const payload = b64({ iss: 'Vonage', iat: NOW, payload_hash: hash, ...claims });
    const signature = createHmac('sha256', secret).update(`${head}.${payload}`).digest('base64url');
    return `${head}.${payload}.${signature}`;
  };
  const nexmo = (authorization: string | undefined, signatureSecret: string | undefined = SIGNING) =>
    verifyWebhook('nexmo', {
      rawBody: BODY,
      headers: authorization === undefined ? {} : { authorization },
      signatureSecret,
      now: NOW * 1000,
    });

  it.each([
    [
      'missing_secret',
      () => nexmo(`Bearer ${jwt()}`, ''),
      'No secret is configured for this provider, so the delivery cannot be verified.',
    ],
    ['missing_header', () => nexmo(undefined), 'The signature header is missing.'],
    ['malformed_header', () => meta('sha256=zz'), 'The signature header is not in the expected form.'],
    [
      'signature_mismatch',
      () => meta(`sha256=${'0'.repeat(64)}`),
      'The signature does not match the body and the configured secret.',
    ],
    [
      'token_mismatch',
      () => gupshup('Bearer another-value'),
      'The shared secret or URL token does not match the configured one.',
    ],
    ['missing_token', () => nexmo('Basic dXNlcjpwYXNz'), 'The Authorization header has no Bearer token.'],
    ['malformed_token', () => nexmo('Bearer not-a-jwt'), 'The Bearer token is not a well-formed JWT.'],
    [
      'algorithm_not_allowed',
      () => nexmo(`Bearer ${jwt({}, { alg: 'HS512' })}`),
      'The token is not signed with HS256.',
    ],
    ['issuer_mismatch', () => nexmo(`Bearer ${jwt({ iss: 'Someone' })}`), "The token's iss is not Vonage."],
    ['missing_iat', () => nexmo(`Bearer ${jwt({ iat: undefined })}`), 'The token has no iat claim.'],
    [
      'iat_too_old',
      () => nexmo(`Bearer ${jwt({ iat: NOW - 3600 })}`),
      "The token's iat is older than the allowed age (replayed or delayed delivery?).",
    ],
    [
      'iat_in_future',
      () => nexmo(`Bearer ${jwt({ iat: NOW + 3600 })}`),
      "The token's iat is in the future (clock skew above 60 s?).",
    ],
    [
      'token_expired',
      () => nexmo(`Bearer ${jwt({ exp: NOW - 3600 })}`),
      "The token's exp has passed (more than 60 s ago): replayed or delayed delivery?",
    ],
    [
      'token_not_yet_valid',
      () => nexmo(`Bearer ${jwt({ nbf: NOW + 3600 })}`),
      "The token's nbf is more than 60 s in the future (clock skew?).",
    ],
    [
      'payload_hash_missing',
      () => nexmo(`Bearer ${jwt({ payload_hash: undefined })}`),
      'The token has no payload_hash claim.',
    ],
    [
      'payload_hash_mismatch',
      () => nexmo(`Bearer ${jwt({ payload_hash: '0'.repeat(64) })}`),
      "The token's payload_hash does not match the body (body altered or re-serialised?).",
    ],
  ] as const)('%s', async (reason, verify, message) => {
    expect(await verify()).toEqual({ valid: false, reason, message });
  });

  it('a token signed with another secret is a signature mismatch, with that message', async () => {
    expect(await nexmo(`Bearer ${jwt({}, {}, 'another-secret-0123456789abcdef')}`)).toEqual({
      valid: false,
      reason: 'signature_mismatch',
      message: 'The signature does not match the body and the configured secret.',
    });
  });
});
