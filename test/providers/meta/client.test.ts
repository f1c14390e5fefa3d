import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/index.js';
import { MetaCloudClient, type MetaConfig } from '../../../src/providers/meta/index.js';
import { type Captured, capture, caught, sent } from './helpers.js';

const TOKEN = 'EAAJBunitTestToken0123456789abcdefSECRET';
const APP_SECRET = 'unit-app-secret-0123456789';
const config: MetaConfig = {
  accessToken: TOKEN,
  phoneNumberId: '106540352242922',
  wabaId: '102290129340398',
  appSecret: APP_SECRET,
  verifyToken: 'verify-me-42',
  retry: { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 },
};
const GRAPH = 'https://graph.facebook.com';
const DAY = 86_400_000;

function client(overrides: Partial<MetaConfig> = {}, now?: () => number) {
  return new MetaCloudClient({ ...config, ...overrides }, now ? { now } : {});
}

describe('config', () => {
  it('requires accessToken and phoneNumberId, naming the keys and never the values', () => {
    const error = (() => {
      try {
        new MetaCloudClient({ accessToken: 'tiny-x' } as MetaConfig);
      } catch (e) {
        return e as Error & { issues: { path: string[] }[] };
      }
    })();
    expect(error?.name).toBe('ConfigError');
    expect(error?.issues.map((i) => i.path[0]).sort()).toEqual(['accessToken', 'phoneNumberId']);
    expect(error?.message).not.toContain('tiny-x');
  });

  it('refuses unknown keys with the list of valid ones, and a malformed apiVersion', () => {
    expect(() => client({ token: 'x' } as never)).toThrow(/Valid keys: .*accessToken.*phoneNumberId/);
    expect(() => client({ apiVersion: '23' })).toThrow(/apiVersion looks like "v23.0"/);
  });

  it('is built by createClient from plain config', () => {
    const c = createClient({ provider: 'meta', ...config });
    expect(c).toBeInstanceOf(MetaCloudClient);
    expect(c.provider).toBe('meta');
  });

  it('defaults to the pinned v23.0 and honours apiVersion and baseUrl', async () => {
    const seen = capture(() => ({ body: sent() }));
    await client().sendText('+447700900123', 'a');
    await client({ apiVersion: 'v24.0', baseUrl: 'https://graph.example.test' }).sendText(
      '+447700900123',
      'b',
    );
    expect(seen.map((r) => r.url.href)).toEqual([
      `${GRAPH}/v23.0/106540352242922/messages`,
      'https://graph.example.test/v24.0/106540352242922/messages',
    ]);
  });

  it('redacts every secret in JSON and inspect output', () => {
    const c = client();
    for (const view of [JSON.stringify(c), inspect(c, { depth: 5 })]) {
      for (const secret of [TOKEN, APP_SECRET, 'verify-me-42']) expect(view).not.toContain(secret);
      expect(view).toContain('106540352242922');
    }
  });
});

describe('sending', () => {
  it('sends currency and date_time body parameters and emits message.sent', async () => {
    const seen = capture(() => ({ body: sent('wamid.CUR') }));
    const c = client();
    const events: unknown[] = [];
    c.on('message.sent', (e) => events.push(e.result.messageId));
    const result = await c.sendTemplate('+447700900123', {
      name: 'payment_due',
      language: 'en_US',
      body: [
        'Ana',
        { type: 'currency', fallbackValue: '$100.99', code: 'USD', amount1000: 100990 },
        { type: 'date_time', fallbackValue: 'February 25, 1977' },
      ],
    });
    expect(result.messageId).toBe('wamid.CUR');
    expect(events).toEqual(['wamid.CUR']);
    expect((seen[0]?.json as { template: unknown } | undefined)?.template).toEqual({
      name: 'payment_due',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Ana' },
            { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
            { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
          ],
        },
      ],
    });
  });

  it('refuses a malformed rich parameter before any request', async () => {
    const seen = capture(() => ({ body: sent() }));
    const error = await caught(
      client().sendTemplate('+447700900123', {
        name: 't',
        language: 'en',
        body: [{ type: 'currency', fallbackValue: '$1', code: 'dollars', amount1000: 1000 }],
      }),
    );
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('ISO 4217');
    expect(seen).toHaveLength(0);
  });

  it('throws an ApiError when a 200 carries no message id', async () => {
    capture(() => ({ body: { messaging_product: 'whatsapp', messages: [] } }));
    const error = await caught(client().sendText('+447700900123', 'x'));
    expect(error.name).toBe('ApiError');
    expect(error.message).toContain('without a message id');
  });

  it('scrubs a token the provider echoes back from every error field', async () => {
    capture(() => ({
      status: 400,
      body: { error: { code: 100, message: `token ${TOKEN} invalid`, error_data: { details: TOKEN } } },
    }));
    const error = await caught(client({ maxRetries: 0 }).sendText('+447700900123', 'x'));
    expect(inspect(error, { depth: 6 })).not.toContain(TOKEN);
    expect(JSON.stringify(error.body)).not.toContain(TOKEN);
    expect(error.detail).toBe('[redacted]');
  });
});

describe('markAsRead', () => {
  it('posts status read for the message id', async () => {
    const seen = capture(() => ({ body: { success: true } }));
    await client().markAsRead('wamid.IN9');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url.href).toBe(`${GRAPH}/v23.0/106540352242922/messages`);
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.json).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN9' });
  });

  it('refuses an empty id without a request', async () => {
    const seen = capture(() => ({ body: {} }));
    expect((await caught(client().markAsRead(''))).name).toBe('ValidationError');
    expect(seen).toHaveLength(0);
  });
});

describe('parseWebhook', () => {
  const payload = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001234', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Kerry' }, wa_id: '16315551181' }],
              messages: [
                {
                  from: '16315551181',
                  id: 'wamid.IN1',
                  timestamp: '1750263773',
                  type: 'text',
                  text: { body: 'olá' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', APP_SECRET).update(payload).digest('hex')}`;

  it('verifies the signature, returns the events and emits message.received', async () => {
    const c = client();
    const received: string[] = [];
    c.on('message.received', (e) => received.push(e.event.id));
    const events = await c.parseWebhook(
      new Request('https://hooks.example.com/wa', {
        method: 'POST',
        body: payload,
        headers: { 'x-hub-signature-256': signature, 'content-type': 'application/json' },
      }),
    );
    expect(events).toEqual([
      expect.objectContaining({ kind: 'message', provider: 'meta', id: 'wamid.IN1', text: 'olá' }),
    ]);
    expect(received).toEqual(['wamid.IN1']);
  });

  it('refuses a bad signature', async () => {
    const error = await caught(
      client().parseWebhook({
        rawBody: payload,
        headers: { 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` },
      }),
    );
    expect(error.name).toBe('WebhookVerificationError');
  });
});

// ---------------------------------------------------------------- template management

const definition = {
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    {
      type: 'BODY',
      text: 'Hi {{1}}, your order {{2}} has shipped.',
      example: { body_text: [['Ana', 'A-42']] },
    },
  ],
} as const;

const graphTemplate = (status: string, more: Record<string, unknown> = {}) => ({
  id: '594425479261596',
  name: 'order_update',
  language: 'en_US',
  status,
  category: 'UTILITY',
  parameter_format: 'POSITIONAL',
  components: definition.components,
  quality_score: { score: 'GREEN', date: 1750000000 },
  ...more,
});

describe('createTemplate', () => {
  it('posts the definition to /{wabaId}/message_templates and types the answer', async () => {
    const seen = capture(() => ({ body: { id: '594425479261596', status: 'PENDING', category: 'UTILITY' } }));
    const result = await client().createTemplate(structuredClone(definition) as never);
    expect(result).toMatchObject({ id: '594425479261596', status: 'PENDING', category: 'UTILITY' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url.href).toBe(`${GRAPH}/v23.0/102290129340398/message_templates`);
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.json).toEqual(definition);
  });

  it('refuses an invalid definition locally with every issue, without a request', async () => {
    const seen = capture(() => ({ body: {} }));
    const error = await caught(
      client().createTemplate({
        ...definition,
        name: 'Order Update',
        components: [{ type: 'BODY', text: '{{1}} hi' }],
      } as never),
    );
    expect(error.name).toBe('TemplateError');
    const codes = (error.issues as { code: string }[]).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['name.format', 'variable.leading']));
    expect(seen).toHaveLength(0);
  });

  it('uses the meta profile: 4 quick replies are fine (strict allows 3)', async () => {
    capture(() => ({ body: { id: '1', status: 'PENDING', category: 'MARKETING' } }));
    const buttons = ['A', 'B', 'C', 'D'].map((t) => ({ type: 'QUICK_REPLY', text: t }));
    await expect(
      client().createTemplate({
        ...definition,
        category: 'MARKETING',
        components: [...definition.components, { type: 'BUTTONS', buttons }],
      } as never),
    ).resolves.toMatchObject({ id: '1' });
  });

  it('needs wabaId', async () => {
    const error = await caught(client({ wabaId: undefined }).createTemplate(definition as never));
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain('wabaId');
  });
});

describe('listTemplates', () => {
  it('follows the after cursor page by page and yields typed templates', async () => {
    const seen = capture((req) =>
      req.url.searchParams.get('after') === null
        ? {
            body: {
              data: [graphTemplate('APPROVED')],
              paging: {
                cursors: { before: 'B1', after: 'A1' },
                next: `${GRAPH}/v23.0/102290129340398/message_templates?after=A1`,
              },
            },
          }
        : {
            body: {
              data: [
                graphTemplate('REJECTED', {
                  id: '2',
                  name: 'promo',
                  rejected_reason: 'PROMOTIONAL',
                  quality_score: { score: 'UNKNOWN' },
                }),
              ],
              paging: { cursors: { before: 'B2', after: 'A2' } },
            },
          },
    );
    const got = [];
    for await (const t of client().listTemplates({ status: 'APPROVED', limit: 1 })) got.push(t);
    expect(got.map((t) => [t.name, t.status, t.qualityScore, t.rejectedReason, t.parameterFormat])).toEqual([
      ['order_update', 'APPROVED', 'GREEN', undefined, 'positional'],
      ['promo', 'REJECTED', 'UNKNOWN', 'PROMOTIONAL', 'positional'],
    ]);
    expect(seen).toHaveLength(2);
    for (const req of seen) {
      expect(req.method).toBe('GET');
      expect(req.url.pathname).toBe('/v23.0/102290129340398/message_templates');
      expect(req.url.searchParams.get('limit')).toBe('1');
      expect(req.url.searchParams.get('status')).toBe('APPROVED');
      expect(req.url.searchParams.get('fields')).toContain('quality_score');
      expect(req.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    }
    expect(seen[1]?.url.searchParams.get('after')).toBe('A1');
  });

  it('stops after one request when there is no next page', async () => {
    const seen = capture(() => ({ body: { data: [], paging: { cursors: { after: 'X' } } } }));
    const got = [];
    for await (const t of client().listTemplates()) got.push(t);
    expect(got).toEqual([]);
    expect(seen).toHaveLength(1);
  });
});

describe('getTemplate and deleteTemplate', () => {
  it('gets one template by id', async () => {
    const seen = capture(() => ({ body: graphTemplate('PAUSED') }));
    const t = await client().getTemplate('594425479261596');
    expect(t).toMatchObject({
      id: '594425479261596',
      status: 'PAUSED',
      category: 'UTILITY',
      qualityScore: 'GREEN',
    });
    expect(seen[0]?.url.pathname).toBe('/v23.0/594425479261596');
    expect((await caught(client().getTemplate('../me'))).name).toBe('ValidationError');
  });

  it('deletes by name, or one language by id and name', async () => {
    const seen = capture(() => ({ body: { success: true } }));
    await client().deleteTemplate({ name: 'order_update' });
    await client().deleteTemplate({ id: '594425479261596', name: 'order_update' });
    expect(seen.map((r) => [r.method, r.url.pathname, Object.fromEntries(r.url.searchParams)])).toEqual([
      ['DELETE', '/v23.0/102290129340398/message_templates', { name: 'order_update' }],
      [
        'DELETE',
        '/v23.0/102290129340398/message_templates',
        { hsm_id: '594425479261596', name: 'order_update' },
      ],
    ]);
  });
});

describe('editTemplate and Meta edit limits', () => {
  const newComponents = [
    {
      type: 'BODY',
      text: 'Hello {{1}}, order {{2}} is on its way.',
      example: { body_text: [['Ana', 'A-42']] },
    },
  ];

  function editScript(status: string) {
    return capture((req) =>
      req.method === 'GET' ? { body: graphTemplate(status) } : { body: { success: true } },
    );
  }
  const posts = (seen: Captured[]) => seen.filter((r) => r.method === 'POST');

  it('posts the new components to /{templateId}', async () => {
    const seen = editScript('APPROVED');
    await client().editTemplate('594425479261596', {
      components: newComponents,
      messageSendTtlSeconds: 3600,
    });
    expect(posts(seen)).toHaveLength(1);
    expect(posts(seen)[0]?.url.href).toBe(`${GRAPH}/v23.0/594425479261596`);
    expect(posts(seen)[0]?.json).toEqual({ components: newComponents, message_send_ttl_seconds: 3600 });
  });

  it('allows an approved template one edit per 24 h, then again after 24 h', async () => {
    let now = Date.UTC(2026, 0, 1);
    const c = client({}, () => now);
    const seen = editScript('APPROVED');
    await c.editTemplate('594425479261596', { components: newComponents });
    now += DAY - 1000;
    const error = await caught(c.editTemplate('594425479261596', { components: newComponents }));
    expect(error.name).toBe('TemplateError');
    expect((error.issues as { code: string }[])[0]?.code).toBe('template.edit_daily_limit');
    expect(error.message).toContain('2026-01-02T00:00:00.000Z');
    expect(posts(seen)).toHaveLength(1);
    now += 1000;
    await c.editTemplate('594425479261596', { components: newComponents });
    expect(posts(seen)).toHaveLength(2);
  });

  it('allows at most 10 edits of an approved template in 30 days', async () => {
    let now = Date.UTC(2026, 0, 1);
    const c = client({}, () => now);
    const seen = editScript('APPROVED');
    for (let i = 0; i < 10; i++) {
      await c.editTemplate('594425479261596', { components: newComponents });
      now += DAY;
    }
    const error = await caught(c.editTemplate('594425479261596', { components: newComponents }));
    expect((error.issues as { code: string }[])[0]?.code).toBe('template.edit_monthly_limit');
    expect(posts(seen)).toHaveLength(10);
    now = Date.UTC(2026, 0, 31) + 1;
    await c.editTemplate('594425479261596', { components: newComponents });
    expect(posts(seen)).toHaveLength(11);
  });

  it('refuses any edit while in review, and edits of disabled templates', async () => {
    for (const status of ['PENDING', 'IN_APPEAL', 'DISABLED']) {
      const seen = editScript(status);
      const error = await caught(client().editTemplate('594425479261596', { components: newComponents }));
      expect(error.name).toBe('TemplateError');
      expect(posts(seen)).toHaveLength(0);
    }
  });

  it('does not limit edits of rejected or paused templates', async () => {
    const now = Date.UTC(2026, 0, 1);
    const c = client({}, () => now);
    const seen = editScript('REJECTED');
    for (let i = 0; i < 3; i++) await c.editTemplate('594425479261596', { components: newComponents });
    expect(posts(seen)).toHaveLength(3);
  });

  it('refuses a category change of an approved template and invalid new components', async () => {
    const seen = editScript('APPROVED');
    const a = await caught(client().editTemplate('594425479261596', { category: 'MARKETING' }));
    expect((a.issues as { code: string }[])[0]?.code).toBe('template.edit_category');
    const b = await caught(
      client().editTemplate('594425479261596', { components: [{ type: 'BODY', text: 'Hi {{2}}' }] }),
    );
    expect(b.name).toBe('TemplateError');
    expect(posts(seen)).toHaveLength(0);
  });
});
