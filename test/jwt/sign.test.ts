import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { inspect } from 'node:util';
import jsonwebtoken from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { ConfigError, isWhatsAppError } from '../../src/core/errors.js';
import {
  type ApplicationJwtOptions,
  createApplicationJwtSigner,
  signApplicationJwt,
} from '../../src/jwt/index.js';

const { privateKey: PKCS8, publicKey: PUBLIC } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const { privateKey: PKCS1, publicKey: PUBLIC1 } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const APP_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const T0 = Date.UTC(2026, 10, 22, 12, 0, 0); // ms
const T0S = T0 / 1000;

function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index];
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
}

function verify(token: string, publicKey = PUBLIC, clockTimestamp = T0S): jsonwebtoken.JwtPayload {
  return jsonwebtoken.verify(token, publicKey, {
    algorithms: ['RS256'],
    clockTimestamp,
  }) as jsonwebtoken.JwtPayload;
}

/** Imports PKCS#8 DER as an RS256 signing `CryptoKey`, as a caller passing their own key would. */
function importRs256(der: Uint8Array): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'sign',
  ]) as Promise<CryptoKey>;
}

async function configError(fn: () => unknown): Promise<ConfigError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** The base64 body lines of a PEM, i.e. the part of a key that must never leak. */
function keyLines(pem: string): string[] {
  return pem.split('\n').filter((l) => l && !l.startsWith('-----'));
}

describe('signApplicationJwt: header and claims', () => {
  it('signs RS256 with header {alg, typ} and the Vonage claims, verifiable by jsonwebtoken', async () => {
    const token = await signApplicationJwt({ applicationId: APP_ID, privateKey: PKCS8, now: T0 });
    expect(token.split('.')).toHaveLength(3);
    expect(decodePart(token, 0)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const claims = verify(token);
    expect(claims.application_id).toBe(APP_ID);
    expect(claims.iat).toBe(T0S);
    expect(claims.exp).toBe(T0S + 900);
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Object.keys(claims).sort()).toEqual(['application_id', 'exp', 'iat', 'jti']);
  });

  it('adds acl, sub and nbf only when given', async () => {
    const acl = { paths: { '/*/users/**': {}, '/*/conversations/**': {} } };
    const token = await signApplicationJwt({
      applicationId: APP_ID,
      privateKey: PKCS8,
      now: new Date(T0),
      ttlSeconds: 60,
      acl,
      subject: 'alice',
      notBefore: new Date(T0 - 5_000),
    });
    const claims = verify(token);
    expect(claims).toMatchObject({ acl, sub: 'alice', nbf: T0S - 5, iat: T0S, exp: T0S + 60 });
    const numeric = await signApplicationJwt({
      applicationId: APP_ID,
      privateKey: PKCS8,
      now: T0,
      notBefore: T0S + 10,
    });
    expect(decodePart(numeric, 1).nbf).toBe(T0S + 10);
  });

  it('gives every token a fresh jti', async () => {
    const a = await signApplicationJwt({ applicationId: APP_ID, privateKey: PKCS8, now: T0 });
    const b = await signApplicationJwt({ applicationId: APP_ID, privateKey: PKCS8, now: T0 });
    expect(decodePart(a, 1).jti).not.toBe(decodePart(b, 1).jti);
  });

  it('accepts a clock function', async () => {
    const token = await signApplicationJwt({
      applicationId: APP_ID,
      privateKey: PKCS8,
      now: () => new Date(T0 + 1_999),
    });
    expect(decodePart(token, 1).iat).toBe(T0S + 1);
  });

  it('tokens are accepted by jsonwebtoken until exp and refused after', async () => {
    const token = await signApplicationJwt({
      applicationId: APP_ID,
      privateKey: PKCS8,
      now: T0,
      ttlSeconds: 10,
    });
    expect(verify(token, PUBLIC, T0S + 9).application_id).toBe(APP_ID);
    expect(() => verify(token, PUBLIC, T0S + 10)).toThrow(/jwt expired/);
    expect(() => verify(token, PUBLIC1)).toThrow(/invalid signature/);
  });
});

describe('signApplicationJwt: ttl bounds', () => {
  const sign = (ttlSeconds: number) =>
    signApplicationJwt({ applicationId: APP_ID, privateKey: PKCS8, now: T0, ttlSeconds });

  it.each([1, 86_400])('accepts ttl %i s (a bound) and sets exp = iat + ttl', async (ttl) => {
    expect(verify(await sign(ttl)).exp).toBe(T0S + ttl);
  });

  it.each([0, 86_401, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses ttl %s', async (ttl) => {
    const err = await configError(() => sign(ttl));
    expect(err.issues.map((i) => i.code)).toEqual(['jwt.ttl_out_of_range']);
    expect(err.issues[0]?.path).toEqual(['ttlSeconds']);
    expect(err.message).toMatch(/1 to 86400/);
  });
});

describe('signApplicationJwt: key formats', () => {
  const literal = (pem: string) => pem.trim().replace(/\n/g, '\\n');

  it.each([
    ['PKCS8 with real newlines', PKCS8, PUBLIC],
    ['PKCS1 with real newlines', PKCS1, PUBLIC1],
    ['PKCS8 with literal \\n', literal(PKCS8), PUBLIC],
    ['PKCS1 with literal \\n', literal(PKCS1), PUBLIC1],
    ['PKCS8 with CRLF', PKCS8.replace(/\n/g, '\r\n'), PUBLIC],
    ['PKCS1 in double quotes with literal \\n', `"${literal(PKCS1)}"`, PUBLIC1],
    ['PKCS8 on one line with spaces', PKCS8.trim().replace(/\n/g, ' '), PUBLIC],
  ])('%s', async (_name, privateKey, publicKey) => {
    const token = await signApplicationJwt({ applicationId: APP_ID, privateKey, now: T0 });
    expect(verify(token, publicKey).application_id).toBe(APP_ID);
  });

  it('accepts a CryptoKey', async () => {
    const key = await importRs256(Buffer.from(keyLines(PKCS8).join(''), 'base64'));
    const token = await signApplicationJwt({ applicationId: APP_ID, privateKey: key as CryptoKey, now: T0 });
    expect(verify(token).application_id).toBe(APP_ID);
  });

  it('refuses a CryptoKey that cannot sign RS256', async () => {
    const hmac = await webcrypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const err = await configError(() =>
      signApplicationJwt({ applicationId: APP_ID, privateKey: hmac as CryptoKey }),
    );
    expect(err.issues[0]?.code).toBe('jwt.private_key_invalid');
    expect(err.message).toMatch(/RSASSA-PKCS1-v1_5/);
  });

  const ec = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const small = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const body = keyLines(PKCS8);
  const truncated = ['-----BEGIN PRIVATE KEY-----', ...body.slice(0, 5), '-----END PRIVATE KEY-----'].join(
    '\n',
  );
  const encrypted = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret-pass' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

  it.each([
    ['a file path', './private.key', /not a PEM private key/, undefined],
    ['a truncated key', truncated, /not valid base64 DER/, truncated],
    ['an EC key', ec.privateKey, /could not be imported as an RSA private key/, ec.privateKey],
    ['a 1024-bit RSA key', small.privateKey, /1024 bits, RS256 needs at least 2048/, small.privateKey],
    ['a public key', PUBLIC, /public key, not a private key/, PUBLIC],
    ['an encrypted key', encrypted.privateKey, /encrypted with a passphrase/, encrypted.privateKey],
  ])('refuses %s with a ConfigError that never prints the key', async (_n, privateKey, pattern, pem) => {
    const err = await configError(() => signApplicationJwt({ applicationId: APP_ID, privateKey }));
    expect(err.message).toMatch(pattern);
    expect(err.issues[0]).toMatchObject({ code: 'jwt.private_key_invalid', path: ['privateKey'] });
    const printed = `${err.message}\n${JSON.stringify(err)}\n${inspect(err, { depth: 10 })}\n${String(err.stack)}`;
    for (const line of pem ? keyLines(pem) : []) expect(printed).not.toContain(line.slice(0, 40));
  });

  it('refuses a 1024-bit CryptoKey before signing (RFC 7518 section 3.3 minimum)', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const key = await importRs256(small.export({ type: 'pkcs8', format: 'der' }));
    const err = await configError(() => signApplicationJwt({ applicationId: APP_ID, privateKey: key }));
    expect(err.message).toMatch(/1024 bits, RS256 needs at least 2048/);
    expect(err.issues[0]).toMatchObject({ code: 'jwt.private_key_invalid', path: ['privateKey'] });
  });

  it('encodes non-ASCII claims as UTF-8 and the signature still verifies', async () => {
    const token = await signApplicationJwt({
      applicationId: APP_ID,
      privateKey: PKCS8,
      subject: 'Zoë 日本 🚀',
      acl: { paths: { '/*/users/**': {} } },
      now: T0,
    });
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(verify(token).sub).toBe('Zoë 日本 🚀');
    expect(decodePart(token, 1).acl).toEqual({ paths: { '/*/users/**': {} } });
  });

  it('refuses a missing key and a non-string key', async () => {
    const missing = await configError(() =>
      signApplicationJwt({ applicationId: APP_ID } as unknown as ApplicationJwtOptions),
    );
    expect(missing.issues.map((i) => i.code)).toEqual(['jwt.private_key_required']);
    const wrong = await configError(() =>
      signApplicationJwt({ applicationId: APP_ID, privateKey: 42 as unknown as string }),
    );
    expect(wrong.issues.map((i) => i.code)).toEqual(['jwt.private_key_invalid']);
  });
});

describe('signApplicationJwt: option errors', () => {
  it.each(['', '   ', undefined])('refuses application id %j', async (applicationId) => {
    const err = await configError(() =>
      signApplicationJwt({ applicationId, privateKey: PKCS8 } as unknown as ApplicationJwtOptions),
    );
    expect(err.issues.map((i) => i.code)).toEqual(['jwt.application_id_required']);
    expect(isWhatsAppError(err)).toBe(true);
    expect(err.code).toBe('config_invalid');
  });

  it('reports every bad option at once and never echoes the key', async () => {
    const err = await configError(() =>
      signApplicationJwt({
        applicationId: '',
        privateKey: PKCS8,
        ttlSeconds: 90_000,
        subject: '',
        acl: {} as never,
        notBefore: Number.NaN,
      }),
    );
    expect(err.issues.map((i) => i.code)).toEqual([
      'jwt.application_id_required',
      'jwt.ttl_out_of_range',
      'jwt.subject_invalid',
      'jwt.acl_invalid',
      'jwt.not_before_invalid',
    ]);
    const printed = `${err.message}${JSON.stringify(err.issues)}${inspect(err)}`;
    for (const line of keyLines(PKCS8)) expect(printed).not.toContain(line);
  });
});

describe('createApplicationJwtSigner', () => {
  function fakeClock(start = T0) {
    let now = start;
    return {
      now: () => now,
      advance(seconds: number) {
        now += seconds * 1000;
      },
    };
  }

  it('reuses the token until refreshMarginSeconds before exp, then signs a new one', async () => {
    const clock = fakeClock();
    const signer = createApplicationJwtSigner({
      applicationId: APP_ID,
      privateKey: PKCS8,
      ttlSeconds: 900,
      now: clock.now,
    });
    const first = await signer.token();
    expect(verify(first).exp).toBe(T0S + 900);
    clock.advance(839); // 61 s before exp: still fresh (default margin 60 s)
    expect(await signer.token()).toBe(first);
    clock.advance(1); // exactly 60 s before exp: refresh
    const second = await signer.token();
    expect(second).not.toBe(first);
    expect(verify(second, PUBLIC, T0S + 840)).toMatchObject({ iat: T0S + 840, exp: T0S + 1740 });
    clock.advance(100);
    expect(await signer.token()).toBe(second);
  });

  it('honours a custom refreshMarginSeconds', async () => {
    const clock = fakeClock();
    const signer = createApplicationJwtSigner({
      applicationId: APP_ID,
      privateKey: PKCS1,
      ttlSeconds: 300,
      refreshMarginSeconds: 0,
      now: clock.now,
    });
    const first = await signer.token();
    clock.advance(299);
    expect(await signer.token()).toBe(first);
    clock.advance(1);
    expect(await signer.token()).not.toBe(first);
  });

  it('defaults the margin to half a short ttl so tokens are still reused', async () => {
    const clock = fakeClock();
    const signer = createApplicationJwtSigner({
      applicationId: APP_ID,
      privateKey: PKCS8,
      ttlSeconds: 30,
      now: clock.now,
    });
    const first = await signer.token();
    clock.advance(14);
    expect(await signer.token()).toBe(first);
    clock.advance(1);
    expect(await signer.token()).not.toBe(first);
  });

  it('concurrent calls share one signing', async () => {
    const signer = createApplicationJwtSigner({ applicationId: APP_ID, privateKey: PKCS8, now: T0 });
    const tokens = await Promise.all(Array.from({ length: 25 }, () => signer.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(verify(tokens[0] ?? '').application_id).toBe(APP_ID);
  });

  it('concurrent calls during a refresh share one new token', async () => {
    const clock = fakeClock();
    const signer = createApplicationJwtSigner({ applicationId: APP_ID, privateKey: PKCS8, now: clock.now });
    const first = await signer.token();
    clock.advance(900);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => signer.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
  });

  it('imports the key once per signer', async () => {
    const realImport = webcrypto.subtle.importKey;
    let imports = 0;
    const subtle = globalThis.crypto.subtle;
    const original = subtle.importKey.bind(subtle);
    const spy = (...args: Parameters<typeof realImport>) => {
      imports++;
      return original(...(args as Parameters<typeof original>));
    };
    Object.defineProperty(subtle, 'importKey', { value: spy, configurable: true, writable: true });
    try {
      const clock = fakeClock();
      const signer = createApplicationJwtSigner({
        applicationId: APP_ID,
        privateKey: PKCS8,
        ttlSeconds: 60,
        now: clock.now,
      });
      for (let i = 0; i < 5; i++) {
        await signer.token();
        clock.advance(60);
      }
      expect(imports).toBe(1);
    } finally {
      delete (subtle as unknown as Record<string, unknown>).importKey;
    }
    expect(globalThis.crypto.subtle.importKey).toBe(realImport);
  });

  it('validates options and the key at creation, synchronously', () => {
    expect(() => createApplicationJwtSigner({ applicationId: APP_ID, privateKey: 'nope' })).toThrow(
      ConfigError,
    );
    expect(() =>
      createApplicationJwtSigner({
        applicationId: APP_ID,
        privateKey: PKCS8,
        ttlSeconds: 60,
        refreshMarginSeconds: 60,
      }),
    ).toThrow(/refreshMarginSeconds must be at least 0 and below ttlSeconds \(60\)/);
    expect(() =>
      createApplicationJwtSigner({ applicationId: APP_ID, privateKey: PKCS8, refreshMarginSeconds: -1 }),
    ).toThrow(ConfigError);
  });

  it('never shows the key or the token in JSON or util.inspect', async () => {
    const signer = createApplicationJwtSigner({ applicationId: APP_ID, privateKey: PKCS8, now: T0 });
    const token = await signer.token();
    const printed = `${JSON.stringify(signer)}\n${inspect(signer, { depth: 10, showHidden: true })}`;
    expect(printed).toContain(APP_ID);
    expect(printed).not.toContain(token);
    for (const line of keyLines(PKCS8)) expect(printed).not.toContain(line);
    expect(JSON.parse(JSON.stringify(signer))).toEqual({
      applicationId: APP_ID,
      ttlSeconds: 900,
      privateKey: '[redacted]',
    });
  });

  it('rejects (not throws) when the clock breaks', async () => {
    let broken = false;
    const signer = createApplicationJwtSigner({
      applicationId: APP_ID,
      privateKey: PKCS8,
      now: () => (broken ? Number.NaN : T0),
    });
    await signer.token();
    broken = true;
    await expect(signer.token()).rejects.toThrow(/clock returned an invalid time/);
  });
});
