import { inspect } from 'node:util';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createClient,
  isConfigError,
  isWebhookVerificationError,
  type WebhookEvent,
} from '../../../src/index.js';
import { GupshupClient, type GupshupConfig } from '../../../src/providers/gupshup/index.js';
import { server } from '../../setup/msw.js';

const API_KEY = 'gs-api-key-0123456789';
const config: GupshupConfig = { apiKey: API_KEY, appName: 'DemoApp', source: '+917834811114', maxRetries: 0 };
const MSG_URL = 'https://api.gupshup.io/wa/api/v1/msg';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('GupshupClient config', () => {
  it('builds from plain config and through createClient', () => {
    expect(new GupshupClient(config).provider).toBe('gupshup');
    expect(createClient({ provider: 'gupshup', ...config })).toBeInstanceOf(GupshupClient);
  });

  it('refuses unknown and missing keys, listing the valid ones and never the values', () => {
    const e1 = caught(
      () => new GupshupClient({ ...config, apikey: 'x' } as unknown as GupshupConfig),
    ) as Error;
    expect(isConfigError(e1)).toBe(true);
    expect(e1.message).toMatch(/apikey.*Valid keys: .*apiKey/);
    const e2 = caught(() => new GupshupClient({ apiKey: API_KEY, source: 'abc' } as GupshupConfig)) as Error;
    expect(e2.message).toMatch(/appName/);
    expect(e2.message).toMatch(/source must be/);
    expect(e2.message).not.toContain(API_KEY);
  });

  it('redacts secrets from JSON.stringify and util.inspect', () => {
    const client = new GupshupClient({
      ...config,
      sharedSecret: 'hook-secret-123',
      urlToken: 'url-token-456',
    });
    for (const text of [JSON.stringify(client), inspect(client, { depth: 10 })]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain('hook-secret-123');
      expect(text).not.toContain('url-token-456');
      expect(text).toContain('DemoApp');
    }
  });
});

describe('GupshupClient.send', () => {
  it('posts the exact form with the apikey header and reads JSON served as text/html', async () => {
    let seen: { headers: Headers; form: URLSearchParams; method: string } | undefined;
    server.use(
      http.post(MSG_URL, async ({ request }) => {
        seen = {
          headers: request.headers,
          form: new URLSearchParams(await request.text()),
          method: request.method,
        };
        return new HttpResponse('{"status":"submitted","messageId":"ee4a68a0-1203-4c85-8dc3-49d0b3226a35"}', {
          status: 202,
          headers: { 'content-type': 'text/html' },
        });
      }),
    );
    const client = new GupshupClient(config);
    const result = await client.sendText('+91 98765 43210', 'Hi');
    expect(result).toEqual({
      provider: 'gupshup',
      messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35',
      to: '+919876543210',
      clientRef: result.clientRef,
      raw: { status: 'submitted', messageId: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35' },
    });
    expect(seen!.headers.get('apikey')).toBe(API_KEY);
    expect(seen!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(seen!.form)).toEqual({
      channel: 'whatsapp',
      source: '917834811114',
      destination: '919876543210',
      'src.name': 'DemoApp',
      message: '{"type":"text","text":"Hi"}',
    });
  });

  it('form-encodes any text so that Gupshup decodes exactly what was sent (&, =, +, %, emoji, newlines)', async () => {
    const texts: string[] = [];
    server.use(
      http.post(MSG_URL, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        texts.push((JSON.parse(form.get('message') ?? '{}') as { text: string }).text);
        return HttpResponse.json({ status: 'submitted', messageId: `m-${texts.length}` }, { status: 202 });
      }),
    );
    const client = new GupshupClient(config);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }).map((s) => `${s}&a=1+2%20`),
        async (text) => {
          const before = texts.length;
          await client.sendText('+919876543210', text);
          expect(texts.length).toBe(before + 1);
          expect(texts.at(-1)).toBe(text);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses what Gupshup cannot carry in prepare(), before send guards run and before any request', async () => {
    let requests = 0;
    server.use(
      http.post(MSG_URL, () => {
        requests++;
        return HttpResponse.json({ status: 'submitted', messageId: 'm' }, { status: 202 });
      }),
    );
    const guarded: string[] = [];
    const client = new GupshupClient(config).addSendGuard((m) => {
      guarded.push(m.type);
    });
    const cta = await client
      .send({
        type: 'interactive',
        to: '+919876543210',
        body: 'b',
        action: { type: 'cta_url', displayText: 'Go', url: 'https://example.com' },
      })
      .catch((e: unknown) => e);
    expect((cta as Error).name).toBe('UnsupportedMessageError');
    const named = await client
      .sendTemplate('+919876543210', { name: 't', language: 'en', body: { first_name: 'Jo' } })
      .catch((e: unknown) => e);
    expect((named as Error).name).toBe('ValidationError');
    expect(guarded).toEqual([]);
    expect(requests).toBe(0);
  });

  it('accepts the documented "success" status word too (success is 2xx + messageId, not the word)', async () => {
    server.use(
      http.post(MSG_URL, () => HttpResponse.json({ status: 'success', messageId: 'm-2' }, { status: 202 })),
    );
    expect((await new GupshupClient(config).sendText('+919876543210', 'x')).messageId).toBe('m-2');
  });

  it('refuses 2xx answers without a messageId or with status error', async () => {
    const client = new GupshupClient(config);
    server.use(http.post(MSG_URL, () => HttpResponse.json({ status: 'submitted' }, { status: 202 })));
    await expect(client.sendText('+919876543210', 'x')).rejects.toMatchObject({
      name: 'ApiError',
      status: 202,
    });
    server.use(
      http.post(MSG_URL, () => HttpResponse.json({ status: 'submitted', messageId: '  ' }, { status: 200 })),
    );
    await expect(client.sendText('+919876543210', 'x')).rejects.toMatchObject({ name: 'ApiError' });
    server.use(
      http.post(MSG_URL, () =>
        HttpResponse.json({ status: 'error', message: 'Invalid Destination' }, { status: 200 }),
      ),
    );
    await expect(client.sendText('+919876543210', 'x')).rejects.toMatchObject({
      name: 'BadRequestError',
      detail: 'Invalid Destination',
    });
  });

  it('scrubs the api key from error messages when Gupshup echoes it', async () => {
    server.use(
      http.post(MSG_URL, () =>
        HttpResponse.json(
          { status: 'error', message: `Portal User Not Found With APIKey ${API_KEY}` },
          { status: 401 },
        ),
      ),
    );
    const error = (await new GupshupClient(config)
      .sendText('+919876543210', 'x')
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).not.toContain(API_KEY);
  });
});

describe('GupshupClient templates and read receipts', () => {
  const withApp = { ...config, appId: 'app-123' };

  it('lists templates from /wa/app/{appId}/template', async () => {
    server.use(
      http.get('https://api.gupshup.io/wa/app/app-123/template', ({ request }) => {
        expect(request.headers.get('apikey')).toBe(API_KEY);
        return HttpResponse.json({
          status: 'success',
          templates: [
            {
              id: 'ee4a68a0',
              elementName: 'order_update',
              languageCode: 'en_US',
              status: 'APPROVED',
              category: 'UTILITY',
              templateType: 'TEXT',
              externalId: '123456',
              data: 'Hi {{1}}',
            },
            { elementName: 'no id, skipped' },
            { id: 'f00', status: 'rejected' },
          ],
        });
      }),
    );
    const templates = await new GupshupClient(withApp).listTemplates();
    expect(templates.map((t) => [t.id, t.status])).toEqual([
      ['ee4a68a0', 'APPROVED'],
      ['f00', 'REJECTED'],
    ]);
    expect(templates[0]).toMatchObject({
      elementName: 'order_update',
      languageCode: 'en_US',
      externalId: '123456',
      data: 'Hi {{1}}',
    });
  });

  it('gets one template, and refuses answers without a list or record', async () => {
    server.use(
      http.get('https://api.gupshup.io/wa/app/app-123/template/ee4a68a0', () =>
        HttpResponse.json({ status: 'success', template: { id: 'ee4a68a0', elementName: 'x' } }),
      ),
      http.get('https://api.gupshup.io/wa/app/app-123/template', () =>
        HttpResponse.json({ status: 'success' }),
      ),
    );
    const client = new GupshupClient(withApp);
    expect((await client.getTemplate('ee4a68a0')).elementName).toBe('x');
    await expect(client.listTemplates()).rejects.toMatchObject({ name: 'ApiError' });
  });

  it('needs appId for listing and read receipts (ConfigError, no request)', async () => {
    const client = new GupshupClient(config);
    await expect(client.listTemplates()).rejects.toSatisfy(isConfigError);
    await expect(client.markAsRead('wamid.1')).rejects.toSatisfy(isConfigError);
  });

  it('marks a message read with PUT /wa/app/{appId}/msg/{id}/read', async () => {
    let url = '';
    server.use(
      http.put('https://api.gupshup.io/wa/app/app-123/msg/:id/read', ({ request }) => {
        url = request.url;
        expect(request.headers.get('apikey')).toBe(API_KEY);
        return new HttpResponse(null, { status: 202 });
      }),
    );
    await new GupshupClient(withApp).markAsRead('ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c');
    expect(url).toBe('https://api.gupshup.io/wa/app/app-123/msg/ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c/read');
  });
});

describe('GupshupClient.parseWebhook', () => {
  const body = JSON.stringify({
    app: 'DemoApp',
    timestamp: 1580227766370,
    version: 2,
    type: 'message',
    payload: {
      id: 'ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c',
      source: '918x98xx21x4',
      type: 'text',
      payload: { text: 'Hi' },
      sender: { phone: '919876543210', name: 'Drew', country_code: '91', dial_code: '9876543210' },
    },
  });

  it('checks the shared secret header, parses and emits message.received', async () => {
    const client = new GupshupClient({ ...config, sharedSecret: 'hook-secret-123' });
    const received: WebhookEvent[] = [];
    client.on('message.received', ({ event }) => received.push(event));
    const events = await client.parseWebhook({
      rawBody: body,
      headers: { authorization: 'hook-secret-123' },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'message', provider: 'gupshup', text: 'Hi' });
    expect(received).toEqual(events);
    const error = await client
      .parseWebhook({ rawBody: body, headers: { authorization: 'wrong' } })
      .catch((e: unknown) => e);
    expect(isWebhookVerificationError(error)).toBe(true);
  });

  it('checks a URL token with a custom parameter name', async () => {
    const client = new GupshupClient({ ...config, urlToken: 'url-token-456', urlTokenParam: 'k' });
    await expect(
      client.parseWebhook({
        rawBody: body,
        headers: {},
        url: 'https://hooks.example.com/gs?k=url-token-456',
      }),
    ).resolves.toHaveLength(1);
    await expect(
      client.parseWebhook({ rawBody: body, headers: {}, url: 'https://hooks.example.com/gs?k=nope' }),
    ).rejects.toSatisfy(isWebhookVerificationError);
  });
});
