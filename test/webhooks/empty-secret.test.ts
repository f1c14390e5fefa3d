/**
 * An empty secret never fails open (issue "Hostile input and bad days", item 4): `createWebhookHandler` and
 * `parseWebhookRequest` refuse `''` for every secret with a `ConfigError`, as the client configs do, and a
 * handler left without a secret (documented: parsed unverified) warns once through its logger.
 */
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { createWebhookHandler, parseWebhookRequest } from '../../src/webhooks/index.js';
import { fixtureText } from './helpers.js';

const URL_ = 'https://example.test/webhook';
const forged = (body: string) =>
  new Request(URL_, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

const cases = [
  ['meta', 'appSecret', fixtureText('meta', 'message-text')],
  ['clevertap', 'appSecret', fixtureText('meta', 'message-text')],
  ['nexmo', 'signatureSecret', fixtureText('nexmo', 'v1-inbound-text')],
  ['gupshup', 'sharedSecret', fixtureText('gupshup', 'v2-message-text')],
  ['gupshup', 'urlToken', fixtureText('gupshup', 'v2-message-text')],
] as const;

describe('createWebhookHandler with an empty secret', () => {
  it.each(cases)('%s: %s "" is a ConfigError at creation, naming the option', (provider, key) => {
    const build = () => createWebhookHandler({ provider, [key]: '', on: { message: () => undefined } });
    expect(build).toThrow(ConfigError);
    try {
      build();
    } catch (error) {
      expect((error as ConfigError).message).toContain(key);
      expect((error as ConfigError).message).toMatch(/empty/);
      expect((error as ConfigError).issues?.[0]?.path).toEqual([key]);
    }
  });

  it.each(['', '   '])('a whitespace-only or empty secret is refused too (%j)', (value) => {
    expect(() => createWebhookHandler({ provider: 'meta', appSecret: value })).toThrow(ConfigError);
    expect(() =>
      createWebhookHandler({ provider: 'meta', appSecret: 'ok-secret', verifyToken: value }),
    ).toThrow(ConfigError);
  });

  it('a secret for another provider that is empty is refused as well (a config mistake either way)', () => {
    expect(() =>
      createWebhookHandler({ provider: 'meta', appSecret: 'ok-secret', signatureSecret: '' }),
    ).toThrow(ConfigError);
  });

  it.each(cases)(
    '%s: parseWebhookRequest with %s "" throws ConfigError instead of parsing unverified',
    async (provider, key, body) => {
      await expect(parseWebhookRequest(provider, forged(body), { [key]: '' })).rejects.toBeInstanceOf(
        ConfigError,
      );
    },
  );

  it('the forged unsigned delivery of the report is not dispatched', async () => {
    const message = vi.fn();
    const onError = vi.fn();
    let handler: ((r: Request) => Promise<Response>) | undefined;
    try {
      handler = createWebhookHandler({ provider: 'meta', appSecret: '', on: { message }, onError });
    } catch {
      handler = undefined;
    }
    if (handler) await handler(forged(fixtureText('meta', 'message-text')));
    expect(handler).toBeUndefined();
    expect(message).not.toHaveBeenCalled();
  });
});

describe('createWebhookHandler without a secret', () => {
  it('warns once per handler through its logger, never with a secret, and still parses (documented)', async () => {
    const warn = vi.fn();
    const message = vi.fn();
    const handler = createWebhookHandler({ provider: 'meta', logger: { warn }, on: { message } });
    const body = fixtureText('meta', 'message-text');
    expect((await handler(forged(body))).status).toBe(200);
    expect((await handler(forged(body.replace('wamid.', 'wamid.x')))).status).toBe(200);
    expect(message).toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/appSecret/);
    expect(warn.mock.calls[0]?.[0]).toMatch(/unverified/);
    // A second handler warns once more (once per handler, not once per process).
    createWebhookHandler({ provider: 'meta', logger: { warn } });
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('does not warn when verification is off on purpose or a secret is set', () => {
    const warn = vi.fn();
    createWebhookHandler({ provider: 'meta', logger: { warn }, verify: false });
    createWebhookHandler({ provider: 'gupshup', logger: { warn }, urlToken: 'tok-123' });
    createWebhookHandler({ provider: 'nexmo', logger: { warn }, signatureSecret: 'sig-secret' });
    expect(warn).not.toHaveBeenCalled();
  });
});
