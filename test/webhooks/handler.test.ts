import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import {
  createMemoryDedupeStore,
  createWebhookHandler,
  type MessageEvent,
  type StatusEvent,
  signWebhookForTest,
  type WebhookEvent,
  webhookEventKey,
} from '../../src/webhooks/index.js';
import { fixtureText } from './helpers.js';

const APP_SECRET = 'handler-app-secret';
const URL_ = 'https://example.test/webhook';

async function signedPost(
  body: string,
  secret = APP_SECRET,
  provider: 'meta' | 'nexmo' | 'gupshup' = 'meta',
) {
  const headers = await signWebhookForTest(provider, body, secret);
  return new Request(URL_, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('GET handshake', () => {
  const handler = createWebhookHandler({ provider: 'meta', appSecret: APP_SECRET, verifyToken: 'verify-me' });
  const get = (query: string) => handler(new Request(`${URL_}?${query}`));

  it('answers hub.challenge with 200 and the raw challenge when the token matches', async () => {
    const response = await get('hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1158201444');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it.each([
    ['wrong token', 'hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-mE'],
    ['no token', 'hub.mode=subscribe&hub.challenge=1'],
    ['wrong mode', 'hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-me'],
    ['no challenge', 'hub.mode=subscribe&hub.verify_token=verify-me'],
    ['nothing', ''],
  ])('answers 403 for %s', async (_name, query) => {
    const response = await get(query);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('');
  });

  it('answers 403 when no verifyToken is configured', async () => {
    const bare = createWebhookHandler({ provider: 'meta', appSecret: APP_SECRET });
    const response = await bare(new Request(`${URL_}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=`));
    expect(response.status).toBe(403);
  });

  it('does not check a signature on GET', async () => {
    const response = await get('hub.mode=subscribe&hub.challenge=abc&hub.verify_token=verify-me');
    expect(response.status).toBe(200);
  });
});

describe('POST', () => {
  it('verifies, parses, dispatches typed handlers in order, and answers 200 with an empty body', async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      provider: 'meta',
      appSecret: APP_SECRET,
      on: {
        message: (m: MessageEvent) => {
          seen.push(`message:${m.id}`);
        },
        status: async (s: StatusEvent) => {
          await new Promise((r) => setTimeout(r, 1));
          seen.push(`status:${s.messageId}:${s.status}`);
        },
        'template-status': (t) => {
          seen.push(`template:${t.name}:${t.status}`);
        },
      },
      onUnhandled: (e) => {
        seen.push(`unhandled:${e.kind}`);
      },
    });
    const response = await handler(await signedPost(fixtureText('meta', 'batch-mixed')));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(seen).toEqual([
      'message:wamid.M1',
      'message:wamid.M2',
      'status:wamid.S1:sent',
      'status:wamid.S1:delivered',
      'status:wamid.S2:read',
      'unhandled:account',
      'template:order_update:APPROVED',
    ]);
  });

  it('answers 401 on a bad or missing signature, without calling handlers', async () => {
    const message = vi.fn();
    const onError = vi.fn();
    const handler = createWebhookHandler({
      provider: 'meta',
      appSecret: APP_SECRET,
      on: { message },
      onError,
    });
    const body = fixtureText('meta', 'message-text');
    const refused = await handler(await signedPost(body, 'wrong-secret'));
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('signature_mismatch');
    const unsigned = await handler(new Request(URL_, { method: 'POST', body }));
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).toBe('missing_header');
    expect(message).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError.mock.calls[1]?.[0]).toMatchObject({ reason: 'missing_header' });
  });

  it('answers 400 on a body that is not a JSON object', async () => {
    const handler = createWebhookHandler({ provider: 'meta', appSecret: APP_SECRET });
    expect((await handler(await signedPost('{"broken":'))).status).toBe(400);
    expect((await handler(await signedPost('[]'))).status).toBe(400);
  });

  it('answers 413 above maxBodyBytes, by Content-Length or while streaming', async () => {
    const message = vi.fn();
    const handler = createWebhookHandler({ provider: 'meta', maxBodyBytes: 100, on: { message } });
    const big = JSON.stringify({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(200) });
    expect((await handler(new Request(URL_, { method: 'POST', body: big }))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(20)));
        controller.close();
      },
    });
    const streamed = new Request(URL_, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect((await handler(streamed)).status).toBe(413);
    expect(message).not.toHaveBeenCalled();
    // At the cap exactly is fine.
    const exact = JSON.stringify({ a: 'x'.repeat(92) });
    expect(exact.length).toBe(100);
    expect((await handler(new Request(URL_, { method: 'POST', body: exact }))).status).toBe(200);
  });

  it('defaults maxBodyBytes to 3 MiB', async () => {
    const handler = createWebhookHandler({ provider: 'meta' });
    const body = JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) });
    expect((await handler(new Request(URL_, { method: 'POST', body }))).status).toBe(413);
    const ok = JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024 - 20) });
    expect((await handler(new Request(URL_, { method: 'POST', body: ok }))).status).toBe(200);
  });

  it('parses unverified when no secret is configured', async () => {
    const message = vi.fn();
    const handler = createWebhookHandler({ provider: 'gupshup', on: { message } });
    const response = await handler(
      new Request(URL_, { method: 'POST', body: fixtureText('gupshup', 'v2-message-text') }),
    );
    expect(response.status).toBe(200);
    expect(message).toHaveBeenCalledWith(expect.objectContaining({ kind: 'message', text: 'Hi' }));
  });

  it('answers 405 to other methods', async () => {
    const handler = createWebhookHandler({ provider: 'meta' });
    const response = await handler(new Request(URL_, { method: 'PUT', body: '{}' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });

  it('answers 500 when a handler throws, and processes the retry', async () => {
    let attempts = 0;
    const onError = vi.fn();
    const handler = createWebhookHandler({
      provider: 'meta',
      appSecret: APP_SECRET,
      onError,
      on: {
        message: () => {
          attempts++;
          if (attempts === 1) throw new Error('database down');
        },
      },
    });
    const body = fixtureText('meta', 'message-text');
    expect((await handler(await signedPost(body))).status).toBe(500);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'database down' }),
      expect.objectContaining({ kind: 'message' }),
    );
    expect((await handler(await signedPost(body))).status).toBe(200);
    expect(attempts).toBe(2);
    // A third delivery is a duplicate of a processed event.
    expect((await handler(await signedPost(body))).status).toBe(200);
    expect(attempts).toBe(2);
  });

  it('with waitUntil, answers before the handlers finish', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const done: string[] = [];
    const pending: Promise<unknown>[] = [];
    const handler = createWebhookHandler({
      provider: 'meta',
      waitUntil: (p) => pending.push(p),
      on: {
        message: async () => {
          await gate;
          done.push('message');
        },
      },
    });
    const response = await handler(
      new Request(URL_, { method: 'POST', body: fixtureText('meta', 'message-text') }),
    );
    expect(response.status).toBe(200);
    expect(done).toEqual([]);
    expect(pending).toHaveLength(1);
    release();
    await pending[0];
    expect(done).toEqual(['message']);
  });
});

describe('dedupe', () => {
  it('drops duplicate messages and statuses (same id and status), keeps new statuses', async () => {
    const seen: WebhookEvent[] = [];
    const handler = createWebhookHandler({
      provider: 'meta',
      on: { message: (e) => void seen.push(e), status: (e) => void seen.push(e) },
    });
    const post = (name: string) =>
      handler(new Request(URL_, { method: 'POST', body: fixtureText('meta', name) }));
    await post('message-text');
    await post('message-text');
    await post('status-read');
    await post('status-read');
    await post('status-delivered'); // same message id, another status
    expect(seen.map((e) => (e.kind === 'status' ? e.providerStatus : e.kind))).toEqual([
      'message',
      'read',
      'delivered',
    ]);
  });

  it('can be turned off', async () => {
    const message = vi.fn();
    const handler = createWebhookHandler({ provider: 'meta', dedupe: false, on: { message } });
    for (let i = 0; i < 3; i++) {
      await handler(new Request(URL_, { method: 'POST', body: fixtureText('meta', 'message-text') }));
    }
    expect(message).toHaveBeenCalledTimes(3);
  });

  it('uses a custom store and TTL', async () => {
    const claims: [string, number][] = [];
    const store = {
      claim: (key: string, ttl: number) => {
        claims.push([key, ttl]);
        return true;
      },
    };
    const handler = createWebhookHandler({ provider: 'nexmo', dedupe: { store, ttlMs: 1234 } });
    await handler(new Request(URL_, { method: 'POST', body: fixtureText('nexmo', 'v1-status-read') }));
    expect(claims).toEqual([['nexmo:status:aaaaaaaa-bbbb-cccc-dddd-0123456789ab:read', 1234]]);
  });

  it('memory store: TTL expiry and bounded size', () => {
    let now = 0;
    const store = createMemoryDedupeStore({ maxEntries: 3, now: () => now });
    expect(store.claim('a', 100)).toBe(true);
    expect(store.claim('a', 100)).toBe(false);
    now = 101;
    expect(store.claim('a', 100)).toBe(true);
    store.claim('b', 100);
    store.claim('c', 100);
    store.claim('d', 100);
    expect(store.size).toBe(3);
    // 'a' was the oldest and was evicted.
    expect(store.claim('a', 100)).toBe(true);
    expect(store.claim('d', 100)).toBe(false);
    store.release?.('d');
    expect(store.claim('d', 100)).toBe(true);
  });

  it('keys: messages by id, statuses by id and provider status, nothing for other kinds', () => {
    const raw = {};
    expect(
      webhookEventKey({ kind: 'user', provider: 'gupshup', phone: '1', event: 'opted-in', raw }),
    ).toBeUndefined();
    expect(
      webhookEventKey({
        kind: 'message',
        provider: 'meta',
        id: 'w1',
        from: '1',
        timestamp: new Date(0),
        type: 'text',
        raw,
      }),
    ).toBe('meta:message:w1');
  });
});

describe('options', () => {
  it('refuses an unknown provider, a bad maxBodyBytes, and verify: true without a secret', () => {
    expect(() => createWebhookHandler({ provider: 'whatsapp' as never })).toThrow(ConfigError);
    expect(() => createWebhookHandler({ provider: 'meta', maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createWebhookHandler({ provider: 'meta', verify: true })).toThrow(/appSecret/);
    expect(() => createWebhookHandler({ provider: 'gupshup', verify: true })).toThrow(
      /sharedSecret or urlToken/,
    );
    expect(() =>
      createWebhookHandler({ provider: 'nexmo', verify: true, signatureSecret: 's' }),
    ).not.toThrow();
  });
});

describe('dedupe store failures', () => {
  it('fails closed when the store is down: 503 (the provider retries), no handler run, the error reported', async () => {
    const message = vi.fn();
    const onError = vi.fn();
    const store = {
      claim: async () => {
        throw new Error('redis unavailable');
      },
    };
    const handler = createWebhookHandler({ provider: 'meta', dedupe: { store }, on: { message }, onError });
    const response = await handler(
      new Request(URL_, { method: 'POST', body: fixtureText('meta', 'message-text') }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(message).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'redis unavailable' }),
      expect.objectContaining({ kind: 'message' }),
    );
  });
});

describe('every provider through the handler', () => {
  const cases = [
    ['nexmo', 'v1-inbound-text', { signatureSecret: 'vonage-secret' }, 'vonage-secret'],
    ['nexmo', 'v0.1-status-rejected', { signatureSecret: 'vonage-secret' }, 'vonage-secret'],
    ['gupshup', 'v2-message-text', { sharedSecret: 'gs-secret' }, 'gs-secret'],
    ['gupshup', 'v3-status-sent', { sharedSecret: 'gs-secret' }, 'gs-secret'],
    ['meta', 'message-text-unicode', { appSecret: 'meta-secret' }, 'meta-secret'],
    ['clevertap', 'status-delivered', { appSecret: 'ct-secret' }, 'ct-secret'],
  ] as const;

  it.each(cases)('%s %s: signed is dispatched, unsigned is 401', async (provider, name, secrets, secret) => {
    const events: WebhookEvent[] = [];
    const handler = createWebhookHandler({
      provider,
      ...secrets,
      dedupe: false,
      on: { message: (e) => void events.push(e), status: (e) => void events.push(e) },
    });
    const body = fixtureText(provider === 'clevertap' ? 'clevertap' : provider, name);
    const headers = await signWebhookForTest(provider, body, secret);
    expect((await handler(new Request(URL_, { method: 'POST', body, headers }))).status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]?.provider).toBe(provider);
    expect((await handler(new Request(URL_, { method: 'POST', body }))).status).toBe(401);
    expect(events).toHaveLength(1);
  });

  it('gupshup: a URL token in the callback URL', async () => {
    const handler = createWebhookHandler({ provider: 'gupshup', urlToken: 'tok' });
    const body = fixtureText('gupshup', 'v2-event-delivered');
    expect((await handler(new Request(`${URL_}?token=tok`, { method: 'POST', body }))).status).toBe(200);
    expect((await handler(new Request(`${URL_}?token=bad`, { method: 'POST', body }))).status).toBe(401);
  });
});
