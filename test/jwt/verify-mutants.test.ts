/**
 * Edges of `verifyVonageSignature` that a mutant of src/jwt/verify.ts survived (docs/testing.md): where the
 * token is read from, and an `iat` that is a number but not finite.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyVonageSignature } from '../../src/jwt/index.js';

const SECRET = 'vonage-signature-secret-0123456789';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

/** An HS256 token signed by hand over the exact payload text given (JSON numbers such as `1e400` included). */
function token(payloadJson: string): string {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const input = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(payloadJson)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}
const GOOD = token(`{"iss":"Vonage","iat":${NOW_S}}`);
const verify = (options: { authorization?: string; token?: string }) =>
  verifyVonageSignature({ signatureSecret: SECRET, now: NOW, ...options });

describe('where the token is read from', () => {
  it('a blank `token` falls back to the Authorization header', async () => {
    expect((await verify({ token: '   ', authorization: `Bearer ${GOOD}` })).valid).toBe(true);
  });

  it('the whole header must be `Bearer <token>`: nothing before the scheme, nothing after the token', async () => {
    expect(await verify({ authorization: `xBearer ${GOOD}` })).toEqual({
      valid: false,
      reason: 'missing_token',
    });
    expect(await verify({ authorization: `Bearer ${GOOD} extra` })).toEqual({
      valid: false,
      reason: 'missing_token',
    });
    expect((await verify({ authorization: `  Bearer ${GOOD}  ` })).valid).toBe(true);
  });
});

describe('iat', () => {
  it('an iat that overflows to Infinity is missing, not "in the future"', async () => {
    expect(await verify({ token: token('{"iss":"Vonage","iat":1e400}') })).toEqual({
      valid: false,
      reason: 'missing_iat',
    });
  });

  it('an absent or textual iat is missing', async () => {
    expect(await verify({ token: token('{"iss":"Vonage"}') })).toEqual({
      valid: false,
      reason: 'missing_iat',
    });
    expect(await verify({ token: token(`{"iss":"Vonage","iat":"${NOW_S}"}`) })).toMatchObject({
      valid: false,
    });
  });
});
