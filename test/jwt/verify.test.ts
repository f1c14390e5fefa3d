import { createHash, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { verifyVonageSignature } from '../../src/jwt/verify.js';
import { signWebhookForTest } from '../../src/webhooks/index.js';

const SECRET = 'vonage-signature-secret-0123456789';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const BODY = JSON.stringify({ message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', text: 'Grüße 👋' });
const hash = (body: string) => createHash('sha256').update(body, 'utf8').digest('hex');

/** A token made by an independent implementation (jsonwebtoken), as Vonage would. */
function vonageToken(
  claims: Record<string, unknown> = {},
  secret = SECRET,
  alg: jwt.Algorithm = 'HS256',
): string {
  const payload: Record<string, unknown> = {
    iat: NOW_S,
    jti: 'b6f1-4c1e',
    iss: 'Vonage',
    payload_hash: hash(BODY),
    api_key: 'abcd1234',
    ...claims,
  };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return jwt.sign(payload, secret, {
    algorithm: alg,
    noTimestamp: 'iat' in claims && claims.iat === undefined,
  });
}

const verify = (token: string, extra: Partial<Parameters<typeof verifyVonageSignature>[0]> = {}) =>
  verifyVonageSignature({
    authorization: `Bearer ${token}`,
    signatureSecret: SECRET,
    rawBody: BODY,
    now: NOW,
    ...extra,
  });

describe('verifyVonageSignature', () => {
  it('accepts a good token from an independent signer, returning its claims', async () => {
    const result = await verify(vonageToken());
    expect(result).toEqual({
      valid: true,
      claims: expect.objectContaining({
        iss: 'Vonage',
        iat: NOW_S,
        api_key: 'abcd1234',
        payload_hash: hash(BODY),
      }),
    });
  });

  it('accepts the bare token and a lower-case bearer scheme', async () => {
    const token = vonageToken();
    expect(
      (await verifyVonageSignature({ token, signatureSecret: SECRET, rawBody: BODY, now: NOW })).valid,
    ).toBe(true);
    expect((await verify(token, { authorization: `bearer ${token}` })).valid).toBe(true);
  });

  it('skips the payload check when no raw body is given', async () => {
    const token = vonageToken({ payload_hash: undefined });
    expect((await verify(token, { rawBody: undefined })).valid).toBe(true);
    expect(await verify(token)).toEqual({ valid: false, reason: 'payload_hash_missing' });
  });

  it('refuses a tampered body', async () => {
    expect(await verify(vonageToken(), { rawBody: BODY.replace('Grüße', 'Grusse') })).toEqual({
      valid: false,
      reason: 'payload_hash_mismatch',
    });
    // Re-serialised JSON is different bytes.
    expect(await verify(vonageToken(), { rawBody: JSON.stringify(JSON.parse(BODY), null, 2) })).toMatchObject(
      {
        reason: 'payload_hash_mismatch',
      },
    );
  });

  it('refuses the wrong secret', async () => {
    expect(await verify(vonageToken({}, 'another-secret-entirely'))).toEqual({
      valid: false,
      reason: 'signature_mismatch',
    });
  });

  it('refuses an iat older than maxAge and one too far in the future, with 60 s of skew allowed', async () => {
    expect(await verify(vonageToken({ iat: NOW_S - 301 }))).toEqual({ valid: false, reason: 'iat_too_old' });
    expect((await verify(vonageToken({ iat: NOW_S - 300 }))).valid).toBe(true);
    expect((await verify(vonageToken({ iat: NOW_S - 30 }), { maxAgeSeconds: 10 })).valid).toBe(false);
    expect(await verify(vonageToken({ iat: NOW_S + 61 }))).toEqual({ valid: false, reason: 'iat_in_future' });
    expect((await verify(vonageToken({ iat: NOW_S + 60 }))).valid).toBe(true);
    expect(await verify(vonageToken({ iat: undefined }))).toEqual({ valid: false, reason: 'missing_iat' });
  });

  it('refuses a wrong iss', async () => {
    expect(await verify(vonageToken({ iss: 'Nexmo' }))).toEqual({ valid: false, reason: 'issuer_mismatch' });
    expect(await verify(vonageToken({ iss: undefined }))).toEqual({
      valid: false,
      reason: 'issuer_mismatch',
    });
  });

  it('refuses alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: 'Vonage', iat: NOW_S, payload_hash: hash(BODY) }),
    ).toString('base64url');
    expect(await verify(`${header}.${payload}.`)).toEqual({ valid: false, reason: 'algorithm_not_allowed' });
  });

  it('refuses an RS256 token, even one whose key is the secret text (no RS/HS confusion)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = vonageToken({}, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
    expect(await verify(token)).toEqual({ valid: false, reason: 'algorithm_not_allowed' });
    expect(await verify(vonageToken({}, SECRET, 'HS512'))).toEqual({
      valid: false,
      reason: 'algorithm_not_allowed',
    });
  });

  it('refuses missing and malformed tokens, and a missing secret', async () => {
    expect(await verifyVonageSignature({ signatureSecret: SECRET })).toEqual({
      valid: false,
      reason: 'missing_token',
    });
    expect(await verify('', { authorization: 'Basic abc' })).toEqual({
      valid: false,
      reason: 'missing_token',
    });
    expect(await verify('not.a.jwt')).toEqual({ valid: false, reason: 'malformed_token' });
    expect(await verify('abc')).toEqual({ valid: false, reason: 'malformed_token' });
    expect(await verify(vonageToken(), { signatureSecret: '' })).toEqual({
      valid: false,
      reason: 'missing_secret',
    });
  });

  it('tokens from signWebhookForTest verify with jsonwebtoken, and with verifyVonageSignature', async () => {
    const { authorization } = await signWebhookForTest('nexmo', BODY, SECRET, {
      now: NOW,
      applicationId: 'app-1',
    });
    const token = authorization?.replace('Bearer ', '') ?? '';
    const claims = jwt.verify(token, SECRET, {
      algorithms: ['HS256'],
      ignoreExpiration: true,
    }) as jwt.JwtPayload;
    expect(claims).toMatchObject({
      iss: 'Vonage',
      iat: NOW_S,
      payload_hash: hash(BODY),
      application_id: 'app-1',
    });
    expect(typeof claims.jti).toBe('string');
    expect(jwt.decode(token, { complete: true })?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect((await verify(token)).valid).toBe(true);
  });

  it('never puts the secret in its result', async () => {
    for (const token of [vonageToken({}, 'wrong-secret-value'), vonageToken({ iss: 'x' }), 'bad']) {
      expect(JSON.stringify(await verify(token))).not.toContain(SECRET);
    }
  });
});
