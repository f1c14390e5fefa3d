/**
 * Vonage signed-webhook tokens are checked for `exp` and `nbf` with the same 60 s skew as `iat` (issue "Hostile
 * input and bad days", item 10): a token that expired an hour ago used to verify. Tokens are made with an
 * independent implementation (jsonwebtoken), checked through the public entry points.
 */
import { createHash, createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it, vi } from 'vitest';
import { verifyVonageSignature } from '../../src/jwt/index.js';
import { createWebhookHandler, verifyWebhook } from '../../src/webhooks/index.js';

const SECRET = 'vonage-signature-secret-0123456789';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const BODY = JSON.stringify({
  channel: 'whatsapp',
  message_type: 'text',
  message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  to: '447700900000',
  from: '447700900001',
  text: 'hi',
  timestamp: '2026-03-01T12:00:00Z',
});
const hash = createHash('sha256').update(BODY, 'utf8').digest('hex');

/** An HS256 token signed by hand, for claims jsonwebtoken refuses to sign (a string `exp`). */
function rawToken(claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat: NOW_S, iss: 'Vonage', payload_hash: hash, ...claims })}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

function token(claims: Record<string, unknown>): string {
  if (Object.values(claims).some((v) => typeof v !== 'number')) return rawToken(claims);
  return jwt.sign({ iat: NOW_S, iss: 'Vonage', payload_hash: hash, jti: 'j1', ...claims }, SECRET, {
    algorithm: 'HS256',
  });
}

const verify = (claims: Record<string, unknown>) =>
  verifyVonageSignature({
    authorization: `Bearer ${token(claims)}`,
    signatureSecret: SECRET,
    rawBody: BODY,
    now: NOW,
  });

describe('exp', () => {
  it('a token that expired an hour ago is refused, however fresh its iat', async () => {
    expect(await verify({ exp: NOW_S - 3600 })).toEqual({ valid: false, reason: 'token_expired' });
  });

  it('the same 60 s skew as iat: expired 59 s ago passes, 61 s ago fails', async () => {
    expect((await verify({ exp: NOW_S - 59 })).valid).toBe(true);
    expect(await verify({ exp: NOW_S - 61 })).toEqual({ valid: false, reason: 'token_expired' });
  });

  it('a future exp passes, and an exp that is not a number is malformed', async () => {
    expect((await verify({ exp: NOW_S + 300 })).valid).toBe(true);
    expect(await verify({ exp: 'tomorrow' })).toEqual({ valid: false, reason: 'malformed_token' });
  });
});

describe('nbf', () => {
  it('a token not valid for another hour is refused', async () => {
    expect(await verify({ nbf: NOW_S + 3600 })).toEqual({ valid: false, reason: 'token_not_yet_valid' });
  });

  it('the same 60 s skew: nbf 59 s ahead passes, 61 s ahead fails', async () => {
    expect((await verify({ nbf: NOW_S + 59 })).valid).toBe(true);
    expect(await verify({ nbf: NOW_S + 61 })).toEqual({ valid: false, reason: 'token_not_yet_valid' });
  });

  it('a past nbf passes, and an nbf that is not a number is malformed', async () => {
    expect((await verify({ nbf: NOW_S - 10 })).valid).toBe(true);
    expect(await verify({ nbf: [1] })).toEqual({ valid: false, reason: 'malformed_token' });
  });
});

describe('through verifyWebhook and the handler', () => {
  it('verifyWebhook reports the reason with a message', async () => {
    const result = await verifyWebhook('nexmo', {
      rawBody: BODY,
      headers: { authorization: `Bearer ${token({ exp: NOW_S - 3600 })}` },
      signatureSecret: SECRET,
      now: NOW,
    });
    expect(result).toMatchObject({ valid: false, reason: 'token_expired' });
    expect((result as { message: string }).message).toMatch(/exp/);
  });

  it('the handler answers 401 and runs no handler for an expired token', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    try {
      const message = vi.fn();
      const handler = createWebhookHandler({ provider: 'nexmo', signatureSecret: SECRET, on: { message } });
      const post = (claims: Record<string, unknown>) =>
        handler(
          new Request('https://example.test/webhook', {
            method: 'POST',
            body: BODY,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token(claims)}` },
          }),
        );
      expect((await post({ exp: NOW_S - 3600 })).status).toBe(401);
      expect((await post({ nbf: NOW_S + 3600 })).status).toBe(401);
      expect(message).not.toHaveBeenCalled();
      expect((await post({ exp: NOW_S + 600 })).status).toBe(200);
      expect(message).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
