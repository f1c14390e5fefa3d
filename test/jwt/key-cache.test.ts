import { generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { signApplicationJwt } from '../../src/jwt/index.js';

const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    publicKey,
  };
}

function verifies(token: string, publicKey: ReturnType<typeof keyPair>['publicKey']): boolean {
  const [h, p, s] = token.split('.');
  return verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s!, 'base64url'));
}

describe('signApplicationJwt imports a PEM key once', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reuses the imported key for the same PEM, and every token still verifies with its own key', async () => {
    const a = keyPair();
    const b = keyPair();
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const tokens = [];
    for (let i = 0; i < 3; i++)
      tokens.push(await signApplicationJwt({ applicationId: APP, privateKey: a.pem }));
    expect(importKey).toHaveBeenCalledTimes(1);
    const other = await signApplicationJwt({ applicationId: APP, privateKey: b.pem });
    expect(importKey).toHaveBeenCalledTimes(2);
    for (const t of tokens) expect(verifies(t, a.publicKey)).toBe(true);
    expect(verifies(other, b.publicKey)).toBe(true);
    expect(verifies(other, a.publicKey)).toBe(false);
    expect(new Set(tokens).size).toBe(3);
  });

  it('a PKCS#1 PEM of the same key is a different entry that signs for the same public key', async () => {
    const a = keyPair();
    const token = await signApplicationJwt({ applicationId: APP, privateKey: a.pkcs1 });
    expect(verifies(token, a.publicKey)).toBe(true);
  });

  it('a bad key is refused on every call, never remembered as good', async () => {
    const bad = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----';
    for (let i = 0; i < 2; i++) {
      await expect(signApplicationJwt({ applicationId: APP, privateKey: bad })).rejects.toBeInstanceOf(
        ConfigError,
      );
    }
  });

  it('a key that fails to import is retried on the next call, not cached as a failure', async () => {
    const a = keyPair();
    const importKey = vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('transient'));
    await expect(signApplicationJwt({ applicationId: APP, privateKey: a.pem })).rejects.toBeInstanceOf(
      ConfigError,
    );
    const token = await signApplicationJwt({ applicationId: APP, privateKey: a.pem });
    expect(verifies(token, a.publicKey)).toBe(true);
    expect(importKey).toHaveBeenCalledTimes(2);
  });
});
