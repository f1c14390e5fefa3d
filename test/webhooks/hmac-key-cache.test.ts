import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacSha256Hex, toHex } from '../../src/webhooks/crypto.js';

describe('HMAC keys are imported once per secret', () => {
  afterEach(() => vi.restoreAllMocks());

  it('imports a secret once and still signs with the right secret', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const a = `secret-a-${Math.random()}`;
    const b = `secret-b-${Math.random()}`;
    for (const body of ['{"x":1}', 'ünïcode', '']) {
      expect(await hmacSha256Hex(a, body)).toBe(createHmac('sha256', a).update(body).digest('hex'));
      expect(await hmacSha256Hex(b, body)).toBe(createHmac('sha256', b).update(body).digest('hex'));
    }
    expect(importKey).toHaveBeenCalledTimes(2);
  });

  it('a failed import is not remembered', async () => {
    const secret = `secret-c-${Math.random()}`;
    vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('transient'));
    await expect(hmacSha256Hex(secret, 'body')).rejects.toThrow('transient');
    expect(await hmacSha256Hex(secret, 'body')).toBe(
      createHmac('sha256', secret).update('body').digest('hex'),
    );
  });

  it('toHex writes two lowercase digits per byte', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
  });
});
