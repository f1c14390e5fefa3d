import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  BaseClient,
  type BaseConfig,
  type SendReceipt,
  type SendRequest,
} from '../../src/core/base-client.js';
import { commonConfigShape, parseConfig } from '../../src/core/config.js';
import {
  isConfigError,
  isUnsupportedMessageError,
  isValidationError,
  ValidationError,
} from '../../src/core/errors.js';
import type { HttpResponse as WireResponse } from '../../src/core/http.js';
import type { PreparedMessage } from '../../src/core/message.js';
import type { WebhookEvent } from '../../src/core/webhook-event.js';
import { server } from '../setup/msw.js';

const TOKEN = 'EAAG-super-secret-token-123456';
const schema = z.strictObject({
  ...commonConfigShape,
  token: z.string().min(1),
  from: z.string().optional(),
});
type Config = z.output<typeof schema> & BaseConfig;

/** A minimal provider: JSON POST to /send with a bearer token. */
class TestClient extends BaseClient<Config> {
  constructor(input: unknown) {
    const config = parseConfig(schema, input, 'meta');
    super({
      provider: 'meta',
      config,
      defaultBaseUrl: 'https://provider.example.test',
      secretKeys: ['token'],
      supports: new Set(['text', 'template', 'image']),
      auth: () => ({ authorization: `Bearer ${config.token}` }),
      requestIdHeader: 'x-request-id',
    });
  }
  async markAsRead(): Promise<void> {}
  async parseWebhook(): Promise<WebhookEvent[]> {
    const events: WebhookEvent[] = [
      {
        kind: 'message',
        provider: 'meta',
        id: 'in-1',
        from: '447700900123',
        timestamp: new Date(0),
        type: 'text',
        text: 'hi',
        raw: {},
      },
      {
        kind: 'status',
        provider: 'meta',
        messageId: 'm1',
        recipient: '447700900123',
        status: 'read',
        providerStatus: 'read',
        timestamp: new Date(0),
        raw: {},
      },
    ];
    this.dispatchWebhookEvents(events);
    return events;
  }
  protected buildRequest(message: PreparedMessage): SendRequest {
    return { path: '/send', json: message };
  }
  protected readResult(response: WireResponse): SendReceipt {
    return { messageId: (response.body as { id?: string } | undefined)?.id };
  }
}

describe('BaseClient', () => {
  it('validates, normalises the recipient, fills clientRef and sends', async () => {
    let received: Record<string, unknown> | undefined;
    server.use(
      http.post('https://provider.example.test/send', async ({ request }) => {
        expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
        received = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ id: 'm-1' }, { headers: { 'x-request-id': 'req-9' } });
      }),
    );
    const client = new TestClient({ token: TOKEN });
    const sent = vi.fn();
    client.on('message.sent', sent);
    const result = await client.sendText('0044 7700 900123', 'hello');
    expect(received).toMatchObject({ type: 'text', to: '+447700900123', text: 'hello' });
    expect(received?.clientRef).toMatch(/^[0-9a-f-]{36}$/);
    expect(result).toEqual({
      provider: 'meta',
      messageId: 'm-1',
      to: '+447700900123',
      clientRef: received?.clientRef,
      requestId: 'req-9',
      raw: { id: 'm-1' },
    });
    expect(sent).toHaveBeenCalledWith(expect.objectContaining({ provider: 'meta', result }));
  });

  it('keeps a given clientRef', async () => {
    server.use(
      http.post('https://provider.example.test/send', async ({ request }) => {
        expect(((await request.json()) as { clientRef: string }).clientRef).toBe('order-42');
        return HttpResponse.json({ id: 'm-2' });
      }),
    );
    const client = new TestClient({ token: TOKEN });
    const result = await client.send({ type: 'text', to: '+447700900123', text: 'x', clientRef: 'order-42' });
    expect(result.clientRef).toBe('order-42');
  });

  it('sendTemplate flattens the template into a template message', () => {
    const client = new TestClient({ token: TOKEN });
    const prepared = client.prepare({
      type: 'template',
      to: '447700900123',
      name: 'order_update',
      language: 'en',
      body: ['A'],
    });
    expect(prepared).toMatchObject({
      type: 'template',
      to: '+447700900123',
      name: 'order_update',
      body: ['A'],
    });
  });

  it('throws ValidationError before any request, and emits message.failed', async () => {
    const client = new TestClient({ token: TOKEN });
    const failed = vi.fn();
    client.on('message.failed', failed);
    const error = await client.send({ type: 'text', to: '+447700900123', text: '' }).catch((e) => e);
    expect(isValidationError(error)).toBe(true);
    expect(error.message).toBe('Invalid text message: text: text must not be empty');
    expect(error.issues).toEqual([
      { code: 'schema.too_small', path: ['text'], message: 'text must not be empty' },
    ]);
    expect(failed).toHaveBeenCalledOnce();
    const phone = await client.sendText('12', 'x').catch((e) => e);
    expect(phone).toBeInstanceOf(ValidationError);
    expect(phone.issues[0].code).toBe('phone.invalid');
  });

  it('throws UnsupportedMessageError for types the provider cannot carry, before any request', async () => {
    const client = new TestClient({ token: TOKEN });
    const error = await client.send({ type: 'sticker', to: '+447700900123', mediaId: 'x' }).catch((e) => e);
    expect(isUnsupportedMessageError(error)).toBe(true);
    expect(error.messageType).toBe('sticker');
    expect(error.message).toContain('Supported: text, template, image');
  });

  it('runs send guards after validation and before the request', async () => {
    const client = new TestClient({ token: TOKEN });
    const guard = vi.fn(() => {
      throw new ValidationError('refused by guard');
    });
    client.addSendGuard(guard);
    await expect(client.sendText('+447700900123', 'x')).rejects.toThrow('refused by guard');
    expect(guard).toHaveBeenCalledWith(expect.objectContaining({ to: '+447700900123' }), {
      provider: 'meta',
    });
  });

  it('dispatches parsed webhook events as typed client events', async () => {
    const client = new TestClient({ token: TOKEN });
    const received = vi.fn();
    const status = vi.fn();
    client.on('message.received', received).on('message.status', status);
    await client.parseWebhook();
    expect(received.mock.calls[0]?.[0].event).toMatchObject({ kind: 'message', id: 'in-1' });
    expect(status.mock.calls[0]?.[0].event).toMatchObject({ kind: 'status', status: 'read' });
  });

  it('never shows secrets in JSON.stringify, util.inspect or String()', () => {
    const client = new TestClient({ token: TOKEN, from: '447700900000', fetch: globalThis.fetch });
    const json = JSON.stringify(client);
    const inspected = inspect(client, { depth: 10, showHidden: true });
    for (const text of [json, inspected, String(client), `${Object.keys(client)}`])
      expect(text).not.toContain(TOKEN);
    expect(JSON.parse(json)).toEqual({
      provider: 'meta',
      config: { token: '[redacted]', from: '447700900000', fetch: '[function]' },
    });
    expect(inspected).toContain('[redacted]');
  });
});

describe('BaseClient wire mapping', () => {
  class MappingClient extends TestClient {
    maps = 0;
    protected override buildRequest(message: PreparedMessage): SendRequest {
      this.maps++;
      if (message.type === 'image') throw new ValidationError('images refused by this wire');
      return { path: '/send', json: { mapped: message.clientRef } };
    }
  }

  it('maps each send once, before the guards, and posts that body', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('https://provider.example.test/send', async ({ request }) => {
        const body = (await request.json()) as { mapped: string };
        bodies.push(body);
        return HttpResponse.json({ id: body.mapped });
      }),
    );
    const client = new MappingClient({ token: TOKEN });
    const guard = vi.fn(() => {
      expect(client.maps).toBe(1);
    });
    client.addSendGuard(guard);
    const result = await client.send({ type: 'text', to: '+447700900123', text: 'x', clientRef: 'ref-1' });
    expect(result.messageId).toBe('ref-1');
    expect(bodies).toEqual([{ mapped: 'ref-1' }]);
    expect(guard).toHaveBeenCalledOnce();
    expect(client.maps).toBe(1);
  });

  it('refuses in prepare(), before guards, what the wire cannot carry', async () => {
    const client = new MappingClient({ token: TOKEN });
    const guard = vi.fn();
    client.addSendGuard(guard);
    await expect(client.send({ type: 'image', to: '+447700900123', mediaId: 'm' })).rejects.toThrow(
      'images refused',
    );
    expect(guard).not.toHaveBeenCalled();
  });
});

describe('parseConfig', () => {
  it('refuses unknown keys and lists the valid ones', () => {
    try {
      new TestClient({ token: TOKEN, tokne: 'x', timeout: 5 });
      expect.unreachable();
    } catch (e) {
      expect(isConfigError(e)).toBe(true);
      const msg = (e as Error).message;
      expect(msg).toContain('tokne');
      expect(msg).toContain(
        'Valid keys: baseUrl, fetch, from, headers, logger, maxRetries, quota, rateLimiter, recipientPacer, retry, timeout, token, window',
      );
    }
  });

  it('never echoes a value, even a wrong-typed secret', () => {
    const error = (() => {
      try {
        new TestClient({ token: 12345678901234, baseUrl: 'not a url with secret-ish value' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('token');
    expect(error?.message).toContain('baseUrl');
    expect(error?.message).not.toContain('12345678901234');
    expect(error?.message).not.toContain('secret-ish');
  });

  it('refuses a non-object config', () => {
    expect(() => new TestClient(null)).toThrow('The meta client config must be an object.');
  });

  it('validates common keys', () => {
    expect(() => new TestClient({ token: TOKEN, timeout: -1 })).toThrow(/timeout/);
    expect(() => new TestClient({ token: TOKEN, maxRetries: 11 })).toThrow(/maxRetries/);
    expect(() => new TestClient({ token: TOKEN, retry: { unsafe: 'yes' } })).toThrow(/retry\.unsafe/);
    expect(() => new TestClient({ token: TOKEN, fetch: 'fetch' })).toThrow(/fetch must be a function/);
  });
});
