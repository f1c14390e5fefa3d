import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, WebhookParseError, WebhookVerificationError } from '../../src/core/errors.js';
import {
  escapeNonAscii,
  parseWebhookRequest,
  signWebhookForTest,
  verifyWebhook,
} from '../../src/webhooks/index.js';
import { fixtureText } from './helpers.js';

const APP_SECRET = 'meta-app-secret-abcdef0123456789';
const hmac = (secret: string, body: string | Buffer) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe('verifyWebhook: Meta and CleverTap (X-Hub-Signature-256)', () => {
  const body = fixtureText('meta', 'message-text-unicode');

  it.each(['meta', 'clevertap'] as const)(
    '%s: accepts the HMAC of the raw bytes (independent HMAC)',
    async (provider) => {
      const headers = { 'X-Hub-Signature-256': `sha256=${hmac(APP_SECRET, body)}` };
      expect(await verifyWebhook(provider, { rawBody: body, headers, appSecret: APP_SECRET })).toEqual({
        valid: true,
      });
      expect(
        await verifyWebhook(provider, { rawBody: Buffer.from(body, 'utf8'), headers, appSecret: APP_SECRET }),
      ).toEqual({ valid: true });
    },
  );

  it('matches header names case-insensitively, in Headers and in plain records', async () => {
    const sig = `sha256=${hmac(APP_SECRET, body)}`;
    for (const headers of [
      { 'x-hub-signature-256': sig },
      { 'X-HUB-SIGNATURE-256': sig },
      new Headers({ 'X-Hub-Signature-256': sig }),
      { 'x-hub-signature-256': [sig] },
    ]) {
      expect(await verifyWebhook('meta', { rawBody: body, headers, appSecret: APP_SECRET })).toEqual({
        valid: true,
      });
    }
  });

  it('accepts a signature over the \\uXXXX-escaped form when the body arrived unescaped (non-ASCII)', async () => {
    // Meta escapes non-ASCII as \uXXXX (lowercase hex) in the payload it signs.
    const escaped = escapeNonAscii(body);
    expect(escaped).toContain('\\u00e1'); // á
    expect(escaped).toContain('\\ud83d\\udc4b'); // 👋 as a surrogate pair
    expect(JSON.parse(escaped)).toEqual(JSON.parse(body));
    const headers = { 'x-hub-signature-256': `sha256=${hmac(APP_SECRET, escaped)}` };
    expect(await verifyWebhook('meta', { rawBody: body, headers, appSecret: APP_SECRET })).toEqual({
      valid: true,
    });
    // And the escaped body itself verifies on the first try.
    expect(await verifyWebhook('meta', { rawBody: escaped, headers, appSecret: APP_SECRET })).toEqual({
      valid: true,
    });
  });

  it('refuses a tampered body, a wrong secret, a missing or malformed header', async () => {
    const headers = { 'x-hub-signature-256': `sha256=${hmac(APP_SECRET, body)}` };
    const check = (o: Partial<Parameters<typeof verifyWebhook>[1]>) =>
      verifyWebhook('meta', { rawBody: body, headers, appSecret: APP_SECRET, ...o });
    expect(await check({ rawBody: body.replace('Olá', 'Ola') })).toMatchObject({
      valid: false,
      reason: 'signature_mismatch',
    });
    expect(await check({ rawBody: JSON.stringify(JSON.parse(body)) })).toMatchObject({
      reason: 'signature_mismatch',
    });
    expect(await check({ appSecret: 'other-secret' })).toMatchObject({ reason: 'signature_mismatch' });
    expect(await check({ headers: {} })).toMatchObject({ valid: false, reason: 'missing_header' });
    expect(await check({ headers: { 'x-hub-signature-256': '' } })).toMatchObject({
      reason: 'missing_header',
    });
    expect(await check({ headers: { 'x-hub-signature-256': hmac(APP_SECRET, body) } })).toMatchObject({
      reason: 'malformed_header',
    });
    expect(await check({ headers: { 'x-hub-signature': `sha1=${hmac(APP_SECRET, body)}` } })).toMatchObject({
      reason: 'missing_header',
    });
    expect(await check({ appSecret: undefined })).toMatchObject({ reason: 'missing_secret' });
  });

  it('accepts an upper-case hex digest', async () => {
    const headers = { 'x-hub-signature-256': `sha256=${hmac(APP_SECRET, body).toUpperCase()}` };
    expect(await verifyWebhook('meta', { rawBody: body, headers, appSecret: APP_SECRET })).toEqual({
      valid: true,
    });
  });

  it('signWebhookForTest produces the header an independent HMAC produces', async () => {
    expect(await signWebhookForTest('clevertap', body, APP_SECRET)).toEqual({
      'x-hub-signature-256': `sha256=${hmac(APP_SECRET, body)}`,
    });
  });
});

describe('verifyWebhook: Gupshup (shared secret, URL token)', () => {
  const body = fixtureText('gupshup', 'v2-message-text');
  const SECRET = 'gupshup-shared-secret-xyz';

  it('accepts the shared secret in Authorization, plain or Bearer, any header case', async () => {
    for (const headers of [
      { Authorization: SECRET },
      { authorization: `Bearer ${SECRET}` },
      new Headers({ AUTHORIZATION: SECRET }),
    ]) {
      expect(await verifyWebhook('gupshup', { rawBody: body, headers, sharedSecret: SECRET })).toEqual({
        valid: true,
      });
    }
  });

  it('reads a custom header', async () => {
    const headers = { 'X-Webhook-Secret': SECRET };
    expect(
      await verifyWebhook('gupshup', {
        rawBody: body,
        headers,
        sharedSecret: SECRET,
        sharedSecretHeader: 'x-webhook-secret',
      }),
    ).toEqual({ valid: true });
    expect(await verifyWebhook('gupshup', { rawBody: body, headers, sharedSecret: SECRET })).toMatchObject({
      reason: 'missing_header',
    });
  });

  it('refuses a wrong or partial secret', async () => {
    for (const value of ['wrong', `${SECRET}x`, SECRET.slice(0, -1), `Bearer ${SECRET.slice(1)}`, '']) {
      expect(
        await verifyWebhook('gupshup', {
          rawBody: body,
          headers: { authorization: value },
          sharedSecret: SECRET,
        }),
      ).toMatchObject({ valid: false, reason: 'token_mismatch' });
    }
  });

  it('checks a URL token, with a configurable parameter', async () => {
    const check = (url: string | undefined, param?: string) =>
      verifyWebhook('gupshup', {
        rawBody: body,
        headers: {},
        url,
        urlToken: 'tok-123',
        urlTokenParam: param,
      });
    expect(await check('https://example.test/hooks/gupshup?token=tok-123')).toEqual({ valid: true });
    expect(await check('https://example.test/hooks/gupshup?key=tok-123', 'key')).toEqual({ valid: true });
    expect(await check('https://example.test/hooks/gupshup?token=tok-124')).toMatchObject({
      reason: 'token_mismatch',
    });
    expect(await check('https://example.test/hooks/gupshup')).toMatchObject({ reason: 'missing_token' });
    expect(await check(undefined)).toMatchObject({ reason: 'missing_token' });
    expect(await check('not a url')).toMatchObject({ reason: 'missing_token' });
  });

  it('requires both when both are configured', async () => {
    const o = { rawBody: body, sharedSecret: SECRET, urlToken: 'tok-123' };
    expect(
      await verifyWebhook('gupshup', {
        ...o,
        headers: { authorization: SECRET },
        url: 'https://x.test/?token=tok-123',
      }),
    ).toEqual({ valid: true });
    expect(
      await verifyWebhook('gupshup', { ...o, headers: { authorization: SECRET }, url: 'https://x.test/' }),
    ).toMatchObject({ valid: false });
    expect(
      await verifyWebhook('gupshup', { ...o, headers: {}, url: 'https://x.test/?token=tok-123' }),
    ).toMatchObject({ valid: false });
  });
});

describe('verifyWebhook: Vonage (signed webhooks)', () => {
  const body = fixtureText('nexmo', 'v1-inbound-text-unicode');
  const SECRET = 'vonage-signature-secret';

  it('accepts a token signed for this body and refuses others', async () => {
    const headers = await signWebhookForTest('nexmo', body, SECRET);
    expect(await verifyWebhook('nexmo', { rawBody: body, headers, signatureSecret: SECRET })).toEqual({
      valid: true,
    });
    expect(
      await verifyWebhook('nexmo', { rawBody: `${body} `, headers, signatureSecret: SECRET }),
    ).toMatchObject({ valid: false, reason: 'payload_hash_mismatch' });
    expect(await verifyWebhook('nexmo', { rawBody: body, headers, signatureSecret: 'nope' })).toMatchObject({
      reason: 'signature_mismatch',
    });
    expect(
      await verifyWebhook('nexmo', { rawBody: body, headers: {}, signatureSecret: SECRET }),
    ).toMatchObject({
      reason: 'missing_header',
    });
  });

  it('applies maxAgeSeconds and now', async () => {
    const headers = await signWebhookForTest('nexmo', body, SECRET, {
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const o = { rawBody: body, headers, signatureSecret: SECRET };
    expect(await verifyWebhook('nexmo', { ...o, now: new Date('2026-01-01T00:04:00Z') })).toEqual({
      valid: true,
    });
    expect(await verifyWebhook('nexmo', { ...o, now: new Date('2026-01-01T00:06:00Z') })).toMatchObject({
      reason: 'iat_too_old',
    });
    expect(
      await verifyWebhook('nexmo', { ...o, now: new Date('2026-01-01T00:06:00Z'), maxAgeSeconds: 600 }),
    ).toEqual({ valid: true });
  });
});

describe('results and errors never contain secrets', () => {
  it('for every provider and failure', async () => {
    const secrets = {
      appSecret: 'APPSECRET-1234',
      signatureSecret: 'SIGSECRET-1234',
      sharedSecret: 'SHARED-1234',
      urlToken: 'URLTOKEN-1234',
    };
    for (const provider of ['meta', 'clevertap', 'gupshup', 'nexmo'] as const) {
      const result = await verifyWebhook(provider, {
        rawBody: '{}',
        headers: { authorization: 'Bearer x.y.z' },
        ...secrets,
      });
      expect(result.valid).toBe(false);
      const text = JSON.stringify(result);
      for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
      const error = await parseWebhookRequest(provider, { rawBody: '{}', headers: {} }, secrets).catch(
        (e) => e,
      );
      expect(error).toBeInstanceOf(WebhookVerificationError);
      for (const secret of Object.values(secrets)) {
        expect(error.message).not.toContain(secret);
        expect(JSON.stringify(error)).not.toContain(secret);
      }
    }
  });
});

describe('parseWebhookRequest', () => {
  const body = fixtureText('meta', 'message-text');

  it('verifies then parses a Request', async () => {
    const headers = await signWebhookForTest('meta', body, APP_SECRET);
    const request = new Request('https://example.test/webhook', { method: 'POST', body, headers });
    const events = await parseWebhookRequest('meta', request, { appSecret: APP_SECRET });
    expect(events).toEqual([expect.objectContaining({ kind: 'message', text: "Hello, I'd like to order" })]);
  });

  it('says so when the Request body was already read', async () => {
    const request = new Request('https://example.test/webhook', { method: 'POST', body });
    await request.text();
    const error = await parseWebhookRequest('meta', request).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/already read.*request\.clone\(\)/s);
  });

  it('verifies then parses a WebhookInput (bytes body, record headers)', async () => {
    const headers = await signWebhookForTest('meta', body, APP_SECRET);
    const events = await parseWebhookRequest(
      'clevertap',
      { rawBody: new TextEncoder().encode(body), headers },
      { appSecret: APP_SECRET },
    );
    expect(events[0]).toMatchObject({ kind: 'message', provider: 'clevertap' });
  });

  it('throws WebhookVerificationError with the reason when the signature is wrong', async () => {
    const error = await parseWebhookRequest(
      'meta',
      { rawBody: body, headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } },
      { appSecret: APP_SECRET },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({
      reason: 'signature_mismatch',
      provider: 'meta',
      code: 'webhook_verification_failed',
    });
  });

  it('parses unverified when no secret is configured, and refuses that with verify: true', async () => {
    expect(await parseWebhookRequest('meta', { rawBody: body, headers: {} })).toHaveLength(1);
    const error = await parseWebhookRequest('meta', { rawBody: body, headers: {} }, { verify: true }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/appSecret/);
  });

  it('skips verification with verify: false even when a secret is set', async () => {
    expect(
      await parseWebhookRequest(
        'meta',
        { rawBody: body, headers: {} },
        { appSecret: APP_SECRET, verify: false },
      ),
    ).toHaveLength(1);
  });

  it('throws WebhookParseError for a verified body that is not JSON', async () => {
    const raw = 'not json';
    const headers = await signWebhookForTest('gupshup', raw, 'shh-secret');
    await expect(
      parseWebhookRequest('gupshup', { rawBody: raw, headers }, { sharedSecret: 'shh-secret' }),
    ).rejects.toBeInstanceOf(WebhookParseError);
  });

  it('checks Gupshup URL tokens from the Request URL', async () => {
    const raw = fixtureText('gupshup', 'v2-event-sent');
    const ok = new Request('https://example.test/gs?token=t0k', { method: 'POST', body: raw });
    expect(await parseWebhookRequest('gupshup', ok, { urlToken: 't0k' })).toHaveLength(1);
    const bad = new Request('https://example.test/gs?token=t0K', { method: 'POST', body: raw });
    await expect(parseWebhookRequest('gupshup', bad, { urlToken: 't0k' })).rejects.toMatchObject({
      reason: 'token_mismatch',
    });
  });
});
