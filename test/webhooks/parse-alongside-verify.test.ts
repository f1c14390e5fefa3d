/**
 * The webhook entry points parse a delivery while its signature check runs (the Web Crypto job is started
 * first, the body is parsed on this thread meanwhile, then the verdict is awaited). These tests pin what must not
 * change because of that: a delivery that does not verify is refused for its signature (never for its body),
 * nothing parsed from it reaches a handler or the dedupe store, and no promise rejection is left unhandled.
 * Signatures: `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body>`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  isConfigError,
  isWebhookParseError,
  isWebhookVerificationError,
  WebhookParseError,
  WebhookVerificationError,
} from '../../src/core/errors.js';
import { hmacSha256Hex } from '../../src/webhooks/crypto.js';
import {
  createMemoryDedupeStore,
  createWebhookHandler,
  parseWebhookRequest,
  signWebhookForTest,
} from '../../src/webhooks/index.js';
import { PARSE_ALONGSIDE_MAX_BYTES, verifyAndParse } from '../../src/webhooks/parse-request.js';
import type { NormalizedDelivery } from '../../src/webhooks/request.js';
import { metaStatusChange } from './helpers.js';

const APP_SECRET = 'alongside-app-secret';
const URL_ = 'https://example.test/webhook';
const FORGED = { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` };
const MALFORMED = '{"object":"whatsapp_business_account","entry":[';

function post(body: string, headers: Record<string, string>): Request {
  return new Request(URL_, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Lets every pending microtask and one macrotask run, so an unhandled rejection would have been reported. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await settle();
  process.off('unhandledRejection', onUnhandled);
  vi.restoreAllMocks();
  expect(unhandled).toEqual([]);
});

describe('createWebhookHandler: the verdict decides before the body', () => {
  it('answers 401 signature_mismatch for a forged delivery whose body is not JSON either', async () => {
    const onError = vi.fn();
    const handler = createWebhookHandler({ provider: 'meta', appSecret: APP_SECRET, onError });
    const response = await handler(post(MALFORMED, FORGED));
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('signature_mismatch');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(WebhookVerificationError);
  });

  it('answers 401 missing_header for an unsigned delivery whose body is not JSON', async () => {
    const handler = createWebhookHandler({ provider: 'meta', appSecret: APP_SECRET });
    const response = await handler(post(MALFORMED, {}));
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('missing_header');
  });

  it('still answers 400 for a validly signed body that is not JSON, reporting the parse error', async () => {
    const onError = vi.fn();
    const handler = createWebhookHandler({ provider: 'meta', appSecret: APP_SECRET, onError });
    const response = await handler(post(MALFORMED, await signWebhookForTest('meta', MALFORMED, APP_SECRET)));
    expect(response.status).toBe(400);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(WebhookParseError);
  });

  it('dispatches nothing and claims no dedupe key for a forged delivery that parses', async () => {
    const store = createMemoryDedupeStore();
    const claim = vi.spyOn(store, 'claim');
    const status = vi.fn();
    const onUnhandledEvent = vi.fn();
    const handler = createWebhookHandler({
      provider: 'meta',
      appSecret: APP_SECRET,
      dedupe: { store },
      on: { status },
      onUnhandled: onUnhandledEvent,
    });
    const body = metaStatusChange(50);
    // Warm the key cache first, so the forged delivery takes the path where the parse runs before the verdict.
    const genuine = await handler(post(body, await signWebhookForTest('meta', body, APP_SECRET)));
    expect(genuine.status).toBe(200);
    expect(status).toHaveBeenCalledTimes(50);
    status.mockClear();
    claim.mockClear();

    const forged = metaStatusChange(50, 'wamid.forged');
    const response = await handler(post(forged, FORGED));
    expect(response.status).toBe(401);
    expect(status).not.toHaveBeenCalled();
    expect(onUnhandledEvent).not.toHaveBeenCalled();
    expect(claim).not.toHaveBeenCalled();
  });

  it('with waitUntil, hands no dispatch over for a forged delivery', async () => {
    const waitUntil = vi.fn();
    const status = vi.fn();
    const handler = createWebhookHandler({
      provider: 'meta',
      appSecret: APP_SECRET,
      waitUntil,
      on: { status },
    });
    const response = await handler(post(metaStatusChange(3), FORGED));
    expect(response.status).toBe(401);
    expect(waitUntil).not.toHaveBeenCalled();
    expect(status).not.toHaveBeenCalled();
  });
});

describe('every provider: a refused delivery is refused for its credentials, whatever its body', () => {
  const cases = [
    ['nexmo', { signatureSecret: 'vonage-secret' }, 'vonage-secret', 'missing_header'],
    ['gupshup', { sharedSecret: 'gs-secret' }, 'gs-secret', 'missing_header'],
    ['clevertap', { appSecret: 'ct-secret' }, 'ct-secret', 'missing_header'],
  ] as const;

  it.each(cases)(
    '%s: 401 unsigned with a malformed body, 400 signed',
    async (provider, secrets, secret, reason) => {
      const onError = vi.fn();
      const handler = createWebhookHandler({ provider, ...secrets, onError });
      const refused = await handler(post(MALFORMED, {}));
      expect(refused.status).toBe(401);
      expect(await refused.text()).toBe(reason);
      const forged = await handler(
        post(MALFORMED, await signWebhookForTest(provider, MALFORMED, `${secret}-x`)),
      );
      expect(forged.status).toBe(401);
      const signed = await handler(post(MALFORMED, await signWebhookForTest(provider, MALFORMED, secret)));
      expect(signed.status).toBe(400);
      expect(onError.mock.calls.map(([e]) => (e as Error).name)).toEqual([
        'WebhookVerificationError',
        'WebhookVerificationError',
        'WebhookParseError',
      ]);
    },
  );
});

describe('parseWebhookRequest: the verdict decides before the body', () => {
  it('rejects a forged delivery with a malformed body for its signature', async () => {
    const error = await parseWebhookRequest(
      'meta',
      { rawBody: MALFORMED, headers: FORGED },
      { appSecret: APP_SECRET },
    ).catch((e: unknown) => e);
    expect(isWebhookVerificationError(error)).toBe(true);
    expect(isWebhookParseError(error)).toBe(false);
    expect((error as WebhookVerificationError).reason).toBe('signature_mismatch');
  });

  it('rejects a validly signed malformed body with WebhookParseError', async () => {
    const headers = await signWebhookForTest('meta', MALFORMED, APP_SECRET);
    await expect(
      parseWebhookRequest('meta', { rawBody: MALFORMED, headers }, { appSecret: APP_SECRET }),
    ).rejects.toBeInstanceOf(WebhookParseError);
  });

  it('rejects an empty secret with ConfigError even when the body is malformed', async () => {
    const error = await parseWebhookRequest(
      'meta',
      { rawBody: MALFORMED, headers: FORGED },
      { appSecret: '' },
    ).catch((e: unknown) => e);
    expect(isConfigError(error)).toBe(true);
  });

  it('resolves every event of a validly signed delivery', async () => {
    const body = metaStatusChange(20);
    const headers = await signWebhookForTest('meta', body, APP_SECRET);
    const events = await parseWebhookRequest('meta', { rawBody: body, headers }, { appSecret: APP_SECRET });
    expect(events.map((e) => e.kind)).toEqual(Array(20).fill('status'));
  });
});

describe('verifyAndParse', () => {
  const delivery = (rawBody: string | Uint8Array, headers: Record<string, string>): NormalizedDelivery => ({
    rawBody,
    headers,
    url: URL_,
  });

  it("starts the verification's Web Crypto job before the parse runs, once the key is imported", async () => {
    await hmacSha256Hex(APP_SECRET, 'warm the key cache');
    const sign = vi.spyOn(crypto.subtle, 'sign');
    const body = metaStatusChange(2);
    const headers = await signWebhookForTest('meta', body, APP_SECRET);
    sign.mockClear();
    let signsWhenParsed = -1;
    const result = await verifyAndParse('meta', delivery(body, headers), { appSecret: APP_SECRET }, () => {
      signsWhenParsed = sign.mock.calls.length;
      return 'parsed';
    });
    expect(result).toBe('parsed');
    expect(signsWhenParsed).toBe(1);
  });

  it('hmacSha256Hex calls crypto.subtle.sign inside the call once the key is imported', async () => {
    const secret = `sync-start-${Math.random()}`;
    await hmacSha256Hex(secret, 'first');
    const sign = vi.spyOn(crypto.subtle, 'sign');
    const pending = hmacSha256Hex(secret, 'second');
    expect(sign).toHaveBeenCalledTimes(1);
    await pending;
  });

  it('throws the verification error, not the parse error, when both fail', async () => {
    await hmacSha256Hex(APP_SECRET, 'warm the key cache');
    const parse = vi.fn(() => {
      throw new WebhookParseError('not JSON', { provider: 'meta' });
    });
    const error = await verifyAndParse(
      'meta',
      delivery(MALFORMED, FORGED),
      { appSecret: APP_SECRET },
      parse,
    ).catch((e: unknown) => e);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(isWebhookVerificationError(error)).toBe(true);
  });

  it('leaves no rejection unhandled when the Web Crypto job itself fails and the parse throws', async () => {
    const secret = `import-fails-${Math.random()}`;
    vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('no crypto here'));
    const error = await verifyAndParse('meta', delivery(MALFORMED, FORGED), { appSecret: secret }, () => {
      throw new WebhookParseError('not JSON', { provider: 'meta' });
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('no crypto here');
  });

  it('leaves no rejection unhandled when the secret is refused and the parse throws', async () => {
    const error = await verifyAndParse('meta', delivery(MALFORMED, FORGED), { appSecret: ' ' }, () => {
      throw new Error('parse failed');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
  });

  it('returns the parse of an unverified delivery when no secret is configured', async () => {
    const parse = vi.fn(() => 42);
    expect(await verifyAndParse('meta', delivery(MALFORMED, {}), {}, parse)).toBe(42);
  });

  it(`verifies a body above ${PARSE_ALONGSIDE_MAX_BYTES} bytes before parsing it, and never parses a forged one`, async () => {
    const large = `{"pad":"${'a'.repeat(PARSE_ALONGSIDE_MAX_BYTES)}"}`;
    const forgedParse = vi.fn(() => 'parsed');
    const forged = await verifyAndParse(
      'meta',
      delivery(large, FORGED),
      { appSecret: APP_SECRET },
      forgedParse,
    )
      .then(() => 'resolved')
      .catch((e: unknown) => e);
    expect(isWebhookVerificationError(forged)).toBe(true);
    expect(forgedParse).not.toHaveBeenCalled();

    const headers = await signWebhookForTest('meta', large, APP_SECRET);
    const bytes = new TextEncoder().encode(large);
    expect(
      await verifyAndParse('meta', delivery(bytes, headers), { appSecret: APP_SECRET }, () => 'ok'),
    ).toBe('ok');
  });

  it(`parses a body of exactly ${PARSE_ALONGSIDE_MAX_BYTES} bytes alongside the verification`, async () => {
    const body = new Uint8Array(PARSE_ALONGSIDE_MAX_BYTES).fill(0x20);
    const parse = vi.fn(() => 'parsed');
    const error = await verifyAndParse(
      'meta',
      delivery(body, FORGED),
      { appSecret: APP_SECRET },
      parse,
    ).catch((e: unknown) => e);
    expect(isWebhookVerificationError(error)).toBe(true);
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
