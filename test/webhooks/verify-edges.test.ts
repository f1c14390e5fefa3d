/**
 * The edges of webhook verification where a fail-open bug would live: no secret configured, the default clock,
 * an unknown provider, a secret that is not a string. Each test here was written against a mutant that the rest
 * of the suite let through (see docs/testing.md).
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyVonageSignature } from '../../src/jwt/verify.js';
import { signWebhookForTest } from '../../src/webhooks/sign-for-test.js';
import { verifyWebhook } from '../../src/webhooks/verify.js';

const body = '{"message_uuid":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"delivered"}';
const SECRET = 'vonage-signature-secret-0123456789';

async function vonageToken(iat: number, secret = SECRET): Promise<string> {
  const { createHash } = await import('node:crypto');
  return new SignJWT({ payload_hash: createHash('sha256').update(body).digest('hex') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('Vonage')
    .setIssuedAt(iat)
    .sign(new TextEncoder().encode(secret));
}

describe('verifyWebhook refuses when no secret is configured (never fails open)', () => {
  const headers = {
    authorization: 'Bearer some-shared-secret',
    'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
  };

  it.each(['nexmo', 'meta', 'clevertap', 'gupshup'] as const)('%s -> missing_secret', async (provider) => {
    const result = await verifyWebhook(provider, { rawBody: body, headers, url: 'https://x.test/?token=t' });
    expect(result).toEqual({ valid: false, reason: 'missing_secret', message: expect.any(String) });
  });

  it('gupshup: empty strings are no secret either', async () => {
    const result = await verifyWebhook('gupshup', {
      rawBody: body,
      headers: { authorization: '' },
      sharedSecret: '',
      urlToken: '',
      url: 'https://x.test/?token=',
    });
    expect(result).toMatchObject({ valid: false, reason: 'missing_secret' });
  });

  it('gupshup: a URL token alone is checked, and a missing one in the URL is refused', async () => {
    const o = { rawBody: body, headers: {}, urlToken: 'tok-123' };
    expect(await verifyWebhook('gupshup', { ...o, url: 'https://x.test/hook?token=tok-123' })).toEqual({
      valid: true,
    });
    expect(await verifyWebhook('gupshup', { ...o, url: 'https://x.test/hook' })).toMatchObject({
      reason: 'missing_token',
    });
    expect(await verifyWebhook('gupshup', { ...o })).toMatchObject({ reason: 'missing_token' });
    expect(await verifyWebhook('gupshup', { ...o, url: 'not a url' })).toMatchObject({
      reason: 'missing_token',
    });
  });

  it('an unknown provider is refused, not accepted', async () => {
    const result = await verifyWebhook('whatsapp-someday' as never, {
      rawBody: body,
      headers: {},
      appSecret: 'x',
      signatureSecret: 'y',
      sharedSecret: 'z',
    });
    expect(result.valid).toBe(false);
  });
});

describe('verifyVonageSignature: secret and clock edges', () => {
  it('an undefined, empty or non-string secret is missing_secret and never throws', async () => {
    const token = await vonageToken(Math.floor(Date.now() / 1000));
    for (const signatureSecret of [undefined, '', 42, null, {}]) {
      await expect(
        verifyVonageSignature({ token, signatureSecret: signatureSecret as never, rawBody: body }),
      ).resolves.toEqual({ valid: false, reason: 'missing_secret' });
    }
  });

  it('without options.now, the real clock decides: a fresh token passes, an hour-old one is too old', async () => {
    const now = Math.floor(Date.now() / 1000);
    const fresh = await vonageToken(now - 5);
    expect(
      await verifyVonageSignature({ token: fresh, signatureSecret: SECRET, rawBody: body }),
    ).toMatchObject({ valid: true });
    const old = await vonageToken(now - 3600);
    expect(await verifyVonageSignature({ token: old, signatureSecret: SECRET, rawBody: body })).toEqual({
      valid: false,
      reason: 'iat_too_old',
    });
    const future = await vonageToken(now + 3600);
    expect(await verifyVonageSignature({ token: future, signatureSecret: SECRET, rawBody: body })).toEqual({
      valid: false,
      reason: 'iat_in_future',
    });
  });

  it('the same through verifyWebhook with no `now`', async () => {
    const old = await signWebhookForTest('nexmo', body, SECRET, { now: new Date(Date.now() - 3_600_000) });
    expect(
      await verifyWebhook('nexmo', { rawBody: body, headers: old, signatureSecret: SECRET }),
    ).toMatchObject({ valid: false, reason: 'iat_too_old' });
    const fresh = await signWebhookForTest('nexmo', body, SECRET);
    expect(await verifyWebhook('nexmo', { rawBody: body, headers: fresh, signatureSecret: SECRET })).toEqual({
      valid: true,
    });
  });

  it('the skew and age bounds are inclusive where documented (60 s ahead, maxAgeSeconds behind)', async () => {
    const now = 1_800_000_000;
    const at = (iat: number) => vonageToken(iat);
    const check = async (iat: number, maxAgeSeconds?: number) =>
      verifyVonageSignature({
        token: await at(iat),
        signatureSecret: SECRET,
        rawBody: body,
        now: now * 1000,
        maxAgeSeconds,
      });
    expect(await check(now + 60)).toMatchObject({ valid: true });
    expect(await check(now + 61)).toMatchObject({ reason: 'iat_in_future' });
    expect(await check(now - 300)).toMatchObject({ valid: true });
    expect(await check(now - 301)).toMatchObject({ reason: 'iat_too_old' });
    expect(await check(now - 10, 5)).toMatchObject({ reason: 'iat_too_old' });
  });

  it('reads the token from `Bearer` in any case, and refuses other schemes', async () => {
    const token = await vonageToken(1_800_000_000);
    const o = { signatureSecret: SECRET, rawBody: body, now: 1_800_000_000_000 };
    expect(await verifyVonageSignature({ ...o, authorization: `bearer ${token}` })).toMatchObject({
      valid: true,
    });
    expect(await verifyVonageSignature({ ...o, authorization: `  Bearer   ${token}  ` })).toMatchObject({
      valid: true,
    });
    expect(await verifyVonageSignature({ ...o, authorization: `Basic ${token}` })).toEqual({
      valid: false,
      reason: 'missing_token',
    });
    expect(await verifyVonageSignature({ ...o, authorization: token })).toEqual({
      valid: false,
      reason: 'missing_token',
    });
    expect(await verifyVonageSignature({ ...o, token: `  ${token} ` })).toMatchObject({ valid: true });
    expect(await verifyVonageSignature({ ...o, token: '   ' })).toEqual({
      valid: false,
      reason: 'missing_token',
    });
  });

  it('a payload_hash in upper-case hex is accepted; a missing one is refused when the body is given', async () => {
    const { createHash } = await import('node:crypto');
    const upper = await new SignJWT({
      payload_hash: createHash('sha256').update(body).digest('hex').toUpperCase(),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('Vonage')
      .setIssuedAt(1_800_000_000)
      .sign(new TextEncoder().encode(SECRET));
    const o = { signatureSecret: SECRET, now: 1_800_000_000_000 };
    expect(await verifyVonageSignature({ ...o, token: upper, rawBody: body })).toMatchObject({ valid: true });
    const none = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('Vonage')
      .setIssuedAt(1_800_000_000)
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyVonageSignature({ ...o, token: none, rawBody: body })).toEqual({
      valid: false,
      reason: 'payload_hash_missing',
    });
    expect(await verifyVonageSignature({ ...o, token: none })).toMatchObject({ valid: true });
  });
});
